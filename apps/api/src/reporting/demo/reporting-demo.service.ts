import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APPROVAL_ACTIONS,
  PeriodSchema,
  PULL_FORMATS,
  PULL_OUTCOMES,
  PULL_PERIODS,
  PULL_TRIGGERS,
} from '@zhibiao/contracts';
import { z } from 'zod';
import { StartupError } from '../../common/startup-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { ReportingDemoRepository } from './reporting-demo.repository.js';

export const DEMO_REPORTING_FILE = 'demo-reporting.json';

const At = z.iso.datetime({ offset: true });

const DemoReportingSchema = z.object({
  version: z.literal(1),
  demo: z.literal(true),
  plan: z.string(),
  approvalFrom: PeriodSchema,
  approvals: z.array(
    z.object({
      department: z.string(),
      period: PeriodSchema,
      action: z.enum(APPROVAL_ACTIONS),
      comment: z.string(),
      edits: z.number().int().min(0),
      by: z.string(),
      at: At,
    }),
  ),
  sources: z.array(
    z.object({
      department: z.string(),
      name: z.string(),
      url: z.string(),
      format: z.enum(PULL_FORMATS),
      cron: z.string(),
      indicators: z.array(z.string()).min(1),
      periods: z.enum(PULL_PERIODS),
      enabled: z.boolean(),
      maxFailures: z.number().int().min(1),
      createdAt: At,
      runs: z.array(
        z.object({
          trigger: z.enum(PULL_TRIGGERS),
          attempt: z.number().int().min(1),
          periods: z.array(PeriodSchema),
          startedAt: At,
          finishedAt: At,
          outcome: z.enum(PULL_OUTCOMES),
          httpStatus: z.number().int().nullable(),
          error: z.string().nullable(),
        }),
      ),
    }),
  ),
});
export type DemoReporting = z.infer<typeof DemoReportingSchema>;

/**
 * Loads a seeded plan's demo reporting cycle (seeds/<plan>/demo-reporting.json) into a plan whose
 * demo year was loaded now, before its alerts' history run: approval on from the month it names and
 * the bureau's approvals and returns at the moments it says (so the history run counts each unit's
 * figures from their approval), and the units' pull sources with their runs.
 */
@Injectable()
export class ReportingDemoService {
  private readonly logger = new Logger('seed');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly repository: ReportingDemoRepository,
  ) {}

  async load(plans: readonly string[]): Promise<void> {
    if (plans.length === 0) return;
    const entries = await readdir(this.config.seedsDir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries.filter((e) => e.isDirectory())) {
      const file = path.join(this.config.seedsDir, entry.name, DEMO_REPORTING_FILE);
      const text = await readFile(file, 'utf8').catch(() => null);
      if (text === null) continue;
      const parsed = DemoReportingSchema.safeParse(JSON.parse(text));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new StartupError(
          'SEEDS_DIR',
          `${file} is not valid: ${issue?.path.join('.')}: ${issue?.message}`,
        );
      }
      if (plans.includes(parsed.data.plan)) await this.store(parsed.data);
    }
  }

  private async store(demo: DemoReporting): Promise<void> {
    await this.database.transaction(async (db) => {
      if (await this.repository.holdsApprovals(db, demo.plan)) return;
      await this.repository.setApprovalFrom(db, demo.plan, `${demo.approvalFrom}-01`);
      await this.repository.insertApprovals(db, demo.plan, demo.approvals);
      for (const source of demo.sources) {
        const id = await this.repository.insertSource(db, source);
        for (const run of source.runs) await this.repository.insertRun(db, id, run);
      }
      this.logger.log({
        msg: 'loaded the demo reporting cycle',
        plan: demo.plan,
        approvalFrom: demo.approvalFrom,
        approvals: demo.approvals.length,
        sources: demo.sources.length,
      });
    });
  }
}
