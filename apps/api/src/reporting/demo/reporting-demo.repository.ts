import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { DemoReporting } from './reporting-demo.service.js';

type DemoSource = DemoReporting['sources'][number];

/** SQL of the demo year's reporting cycle: the approval setting and events, pull sources and runs. */
@Injectable()
export class ReportingDemoRepository {
  async holdsApprovals(db: EntityManager, plan: string): Promise<boolean> {
    const rows: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM approval_event WHERE plan_code = $1`,
      [plan],
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  async setApprovalFrom(db: EntityManager, plan: string, from: string): Promise<void> {
    await db.query(`UPDATE plan SET approval_from = $2::date WHERE code = $1`, [plan, from]);
  }

  async insertApprovals(
    db: EntityManager,
    plan: string,
    approvals: DemoReporting['approvals'],
  ): Promise<void> {
    if (approvals.length === 0) return;
    await db.query(
      `INSERT INTO approval_event (plan_code, department_code, period_date, action, comment, edits,
              actor, at)
       SELECT $1, d, (p || '-01')::date, a, c, e, b, t
         FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[],
                     $8::timestamptz[]) AS x(d, p, a, c, e, b, t)`,
      [
        plan,
        approvals.map((e) => e.department),
        approvals.map((e) => e.period),
        approvals.map((e) => e.action),
        approvals.map((e) => e.comment),
        approvals.map((e) => e.edits),
        approvals.map((e) => e.by),
        approvals.map((e) => e.at),
      ],
    );
  }

  /** A source as the demo had it after its last run: working, nothing scheduled (disabled). */
  async insertSource(db: EntityManager, source: DemoSource): Promise<string> {
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
        source.runs.at(-1)?.finishedAt ?? source.createdAt,
      ],
    );
    return rows[0]!.id;
  }

  async insertRun(
    db: EntityManager,
    source: string,
    run: DemoSource['runs'][number],
  ): Promise<void> {
    await db.query(
      `INSERT INTO pull_run (source_id, trigger, attempt, periods, started_at, finished_at, outcome,
              http_status, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        source,
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
