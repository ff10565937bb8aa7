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
type DemoReporting = z.infer<typeof DemoReportingSchema>;

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
      const held: { n: number }[] = await db.query(
        `SELECT count(*)::int AS n FROM approval_event WHERE plan_code = $1`,
        [demo.plan],
      );
      if ((held[0]?.n ?? 0) > 0) return;
      await db.query(`UPDATE plan SET approval_from = $2::date WHERE code = $1`, [
        demo.plan,
        `${demo.approvalFrom}-01`,
      ]);
      if (demo.approvals.length > 0) {
        await db.query(
          `INSERT INTO approval_event (plan_code, department_code, period_date, action, comment, edits,
                  actor, at)
           SELECT $1, d, (p || '-01')::date, a, c, e, b, t
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[],
                         $8::timestamptz[]) AS x(d, p, a, c, e, b, t)`,
          [
            demo.plan,
            demo.approvals.map((e) => e.department),
            demo.approvals.map((e) => e.period),
            demo.approvals.map((e) => e.action),
            demo.approvals.map((e) => e.comment),
            demo.approvals.map((e) => e.edits),
            demo.approvals.map((e) => e.by),
            demo.approvals.map((e) => e.at),
          ],
        );
      }
      for (const source of demo.sources) {
        const lastRun = source.runs.at(-1);
        const rows: { id: string }[] = await db.query(
          `INSERT INTO pull_source (department_code, name, url, format, cron, indicators, periods,
                  enabled, max_failures, consecutive_failures, next_run_at, created_by, created_at,
                  updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, NULL, 'admin', $10, $11)
           RETURNING id`,
          [
            source.department,
            source.name,
            source.url,
            source.format,
            source.cron,
            source.indicators,
            source.periods,
            source.enabled,
            source.maxFailures,
            source.createdAt,
            lastRun?.finishedAt ?? source.createdAt,
          ],
        );
        for (const run of source.runs) {
          await db.query(
            `INSERT INTO pull_run (source_id, trigger, attempt, periods, started_at, finished_at,
                    outcome, http_status, error)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [
              rows[0]!.id,
              run.trigger,
              run.attempt,
              run.periods,
              run.startedAt,
              run.finishedAt,
              run.outcome,
              run.httpStatus,
              run.error,
            ],
          );
        }
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
