import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { MeasurementItemSchema, SubmissionReportSchema } from '@zhibiao/contracts';
import { z } from 'zod';
import { StartupError } from '../common/startup-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database } from '../database/database.js';
import { itemsAsRows, SubmissionsService } from './submissions.service.js';

const DemoFiguresSchema = z.object({
  version: z.literal(1),
  demo: z.literal(true),
  submissions: z.array(
    z.object({
      recordedAt: z.iso.datetime({ offset: true }),
      department: z.string(),
      items: z.array(MeasurementItemSchema).min(1),
    }),
  ),
});

export const DEMO_FIGURES_FILE = 'demo-figures.json';

/**
 * Replays a seeded plan's demo figures (seeds/<plan>/demo-figures.json) through the same checks as
 * every submission, each recorded at the moment it says (about the 5th of the next month), so time
 * travel shows what was known then. Runs once: a plan that has any figure is left alone.
 */
@Injectable()
export class DemoFiguresService {
  private readonly logger = new Logger('seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly submissions: SubmissionsService,
  ) {}

  /** Loads the demo figures of every seeded plan that has none; returns the plans loaded. */
  async loadMissing(): Promise<string[]> {
    const loaded: string[] = [];
    const entries = await readdir(this.config.seedsDir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isDirectory())) {
      const dir = path.join(this.config.seedsDir, entry.name);
      const file = path.join(dir, DEMO_FIGURES_FILE);
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) continue;
      const catalogue = JSON.parse(await readFile(path.join(dir, 'catalogue.json'), 'utf8')) as {
        plan: { code: string };
      };
      if (await this.hasFigures(catalogue.plan.code)) continue;
      await this.load(file, text, catalogue.plan.code);
      loaded.push(catalogue.plan.code);
    }
    return loaded;
  }

  private async hasFigures(plan: string): Promise<boolean> {
    const rows: unknown[] = await this.database.db.query(
      `SELECT 1 FROM measurement m JOIN indicator i ON i.code = m.indicator_code
        WHERE i.plan_code = $1 LIMIT 1`,
      [plan],
    );
    return rows.length > 0;
  }

  private async load(file: string, text: string, plan: string): Promise<void> {
    const parsed = DemoFiguresSchema.safeParse(JSON.parse(text));
    if (!parsed.success) {
      throw new StartupError(
        'SEEDS_DIR',
        `${file} is not valid: ${parsed.error.issues[0]?.message}`,
      );
    }
    let items = 0;
    for (const [index, submission] of parsed.data.submissions.entries()) {
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
    this.logger.log({
      msg: 'loaded demo figures',
      plan,
      submissions: parsed.data.submissions.length,
      items,
    });
  }
}
