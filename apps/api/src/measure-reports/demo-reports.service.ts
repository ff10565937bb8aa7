import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  EvidenceInSchema,
  PeriodSchema,
  REPORT_PROGRESS,
  REVIEW_DECISIONS,
} from '@zhibiao/contracts';
import { z } from 'zod';
import { StartupError } from '../common/startup-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { MeasureReportRepository } from './measure-report.repository.js';
import { MeasureReportsService } from './measure-reports.service.js';

export const DEMO_REPORTS_FILE = 'demo-reports.json';

const At = z.iso.datetime({ offset: true });
const Unit = { measure: z.string(), period: PeriodSchema, department: z.string(), by: z.string() };

const DemoReportsSchema = z.object({
  version: z.literal(1),
  demo: z.literal(true),
  plan: z.string(),
  events: z.array(
    z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('report'),
        at: At,
        ...Unit,
        submit: z.boolean(),
        status: z.enum(REPORT_PROGRESS),
        progress: z.string(),
        problems: z.string(),
        nextSteps: z.string(),
        evidence: z.array(EvidenceInSchema.options[0]).default([]),
      }),
      z.object({
        kind: z.literal('review'),
        at: At,
        ...Unit,
        decision: z.enum(REVIEW_DECISIONS),
        comment: z.string(),
      }),
    ]),
  ),
});

/**
 * Loads a seeded plan's demo reports on its measures (seeds/<plan>/demo-reports.json) once: into a
 * plan that holds a demo year (its figures were loaded) and has no report yet, each report and
 * review recorded at the moment the file says, so time travel shows what the bureau knew then.
 */
@Injectable()
export class DemoReportsService {
  private readonly logger = new Logger('seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: MeasureReportRepository,
    private readonly reports: MeasureReportsService,
  ) {}

  async loadMissing(): Promise<void> {
    const demoPlans = new Set(await this.repository.demoPlans());
    if (demoPlans.size === 0) return;
    const entries = await readdir(this.config.seedsDir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isDirectory())) {
      const file = path.join(this.config.seedsDir, entry.name, DEMO_REPORTS_FILE);
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) continue;
      const parsed = DemoReportsSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        throw new StartupError(
          'SEEDS_DIR',
          `${file} is not valid: ${parsed.error.issues[0]?.message}`,
        );
      }
      const demo = parsed.data;
      if (!demoPlans.has(demo.plan)) continue;
      const loaded = await this.reports.loadDemo(
        demo.plan,
        demo.events.map((event) => ({ ...event, at: new Date(event.at) })),
      );
      if (loaded) this.logger.log({ msg: 'loaded demo reports', plan: demo.plan, ...loaded });
    }
  }
}
