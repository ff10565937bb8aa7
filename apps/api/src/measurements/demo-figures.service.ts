import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { IsoDateSchema, MeasurementItemSchema, SubmissionReportSchema } from '@zhibiao/contracts';
import type { IsoDate } from '@zhibiao/core';
import { z } from 'zod';
import { StartupError } from '../common/startup-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DemoFiguresRepository } from './demo-figures.repository.js';
import { itemsAsRows, SubmissionsService } from './submissions.service.js';

const DemoFiguresSchema = z.object({
  version: z.literal(2),
  demo: z.literal(true),
  /** The day the demo shows: the clock runs on it while the database holds these figures. */
  day: IsoDateSchema,
  /** Node tasks done in the demo year, with the day each was done. */
  milestones: z.array(z.object({ code: z.string(), doneOn: IsoDateSchema })),
  submissions: z.array(
    z.object({
      recordedAt: z.iso.datetime({ offset: true }),
      department: z.string(),
      items: z.array(MeasurementItemSchema).min(1),
    }),
  ),
});

export const DEMO_FIGURES_FILE = 'demo-figures.json';

/** A plan whose demo year was loaded, and the day the demo shows. */
export interface DemoPlan {
  plan: string;
  day: IsoDate;
}

/** A plan whose demo year was loaded now, with the node tasks done in it (claimed by supervision). */
export interface LoadedDemoPlan extends DemoPlan {
  milestones: { code: string; doneOn: IsoDate }[];
}

/**
 * Loads a seeded plan's demo figures (seeds/<plan>/demo-figures.json) through the same checks as
 * every submission, each recorded at the moment it says (about the 5th of the next month), so time
 * travel shows what was known then; answers the node tasks it says were done (supervision claims them
 * and confirms them, see SupervisionDemoService); and records the day the
 * demo shows on the plan (plan.demo_day), which the clock then runs on. Runs once: a plan that has any
 * figure gets no figures (one whose figures came from the seed before demo days were recorded gets
 * its day).
 */
@Injectable()
export class DemoFiguresService {
  private readonly logger = new Logger('seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: DemoFiguresRepository,
    private readonly submissions: SubmissionsService,
  ) {}

  /** Loads the demo year of every seeded plan that has no figures; returns the plans loaded. */
  async loadMissing(): Promise<LoadedDemoPlan[]> {
    const loaded: LoadedDemoPlan[] = [];
    const entries = await readdir(this.config.seedsDir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isDirectory())) {
      const dir = path.join(this.config.seedsDir, entry.name);
      const file = path.join(dir, DEMO_FIGURES_FILE);
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) continue;
      const catalogue = JSON.parse(await readFile(path.join(dir, 'catalogue.json'), 'utf8')) as {
        plan: { code: string };
      };
      const plan = catalogue.plan.code;
      const figures = await this.figuresOf(plan);
      if (figures === 'none') {
        const demo = parse(file, text);
        await this.load(file, demo, plan);
        loaded.push({ plan, day: demo.day, milestones: demo.milestones });
      } else if (figures === 'seed') {
        // Loaded before demo days were recorded: the file says which day it shows.
        await this.recordDay(plan, parse(file, text).day, true);
      }
    }
    return loaded;
  }

  /** The latest day a demo year held by the database shows, or undefined when it holds none. */
  demoDay(): Promise<IsoDate | undefined> {
    return this.repository.latestDemoDay();
  }

  /** The plans whose figures are a demo year. */
  demoPlans(): Promise<DemoPlan[]> {
    return this.repository.demoPlans();
  }

  /** Whether the plan has figures: none, some from the demo seed, or others only. */
  private async figuresOf(plan: string): Promise<'none' | 'seed' | 'other'> {
    const row = await this.repository.figuresOf(plan);
    if (!row?.any) return 'none';
    return row.seed ? 'seed' : 'other';
  }

  /** Records the day the plan's demo shows (`onlyIfUnset`: leave a recorded one as it is). */
  private async recordDay(plan: string, day: IsoDate, onlyIfUnset = false): Promise<void> {
    await this.repository.recordDay(plan, day, onlyIfUnset);
  }

  private async load(file: string, demo: DemoFigures, plan: string): Promise<void> {
    let items = 0;
    for (const [index, submission] of demo.submissions.entries()) {
      const body = Buffer.from(JSON.stringify({ items: submission.items }));
      const result = await this.submissions.submit(
        {
          source: 'seed',
          rows: itemsAsRows(submission.items),
          file: {
            name: `${path.basename(file)}#${index + 1}`,
            contentType: 'application/json',
            content: body,
          },
          dryRun: false,
          partial: false,
        },
        {
          kind: 'system',
          department: submission.department,
          recordedAt: new Date(submission.recordedAt),
        },
        'en',
      );
      const report = SubmissionReportSchema.parse(result.report);
      if (report.status !== 'applied') {
        const first = report.errors[0];
        throw new StartupError(
          'SEEDS_DIR',
          `${file}: submission ${index + 1} was rejected: row ${first?.row} ${first?.column}: ${first?.message}`,
        );
      }
      items += report.accepted;
    }
    await this.recordDay(plan, demo.day);
    this.logger.log({
      msg: 'loaded demo figures',
      plan,
      submissions: demo.submissions.length,
      items,
      day: demo.day,
    });
  }
}

type DemoFigures = z.infer<typeof DemoFiguresSchema>;

function parse(file: string, text: string): DemoFigures {
  const parsed = DemoFiguresSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new StartupError('SEEDS_DIR', `${file} is not valid: ${parsed.error.issues[0]?.message}`);
  }
  return parsed.data;
}
