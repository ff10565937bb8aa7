import type { EntityManager } from 'typeorm';
import { addDays, businessDateOf, type IsoDate } from '@zhibiao/core';

/** What a plan's default as-of day is made of: see `defaultAsOf`. */
export interface DefaultAsOfFacts {
  /** When the latest figure of the plan was recorded, or null. */
  latestRecordedAt: Date | null;
  /** The plan's last day. */
  periodEnd: IsoDate;
  /** The latest due day of its indicators (day of the month after a period), or null without any. */
  lastDueDay: number | null;
}

/**
 * The day a plan's last figures are due plus the reporting grace: past it nothing more is expected,
 * so a default view never goes further (a figure backfilled years later does not move it).
 */
export function planCloseDay(
  facts: Pick<DefaultAsOfFacts, 'periodEnd' | 'lastDueDay'>,
  graceDays: number,
): IsoDate {
  return addDays(facts.periodEnd, (facts.lastDueDay ?? 0) + graceDays);
}

/**
 * The day a plan is looked at by default: the day its latest figures were recorded (by then its
 * latest month with figures is known), else today; never past today nor past the plan's close day.
 */
export function defaultAsOf(facts: DefaultAsOfFacts, today: IsoDate, graceDays: number): IsoDate {
  const candidates = [today, planCloseDay(facts, graceDays)];
  if (facts.latestRecordedAt !== null) candidates.push(businessDateOf(facts.latestRecordedAt));
  return candidates.reduce((a, b) => (a < b ? a : b));
}

/** SQL: the facts of a plan ($1) — or of an indicator's plan ($2). No row for neither. */
const FACTS_SQL = `SELECT
       (SELECT max(f.recorded_at) FROM measurement f JOIN indicator fi ON fi.code = f.indicator_code
         WHERE fi.plan_code = p.code) AS latest,
       to_char(p.period_end, 'YYYY-MM-DD') AS period_end,
       (SELECT max(i.due_day) FROM indicator i WHERE i.plan_code = p.code)::int AS last_due_day
  FROM plan p
 WHERE p.code = COALESCE($1::text, (SELECT plan_code FROM indicator WHERE code = $2::text))`;

/**
 * The default as-of day of a plan, or of the plan of an indicator; today when there is no such plan
 * (the caller answers not found).
 */
export async function planDefaultAsOf(
  db: EntityManager,
  of: { plan: string } | { indicator: string },
  today: IsoDate,
  graceDays: number,
): Promise<IsoDate> {
  const rows: { latest: Date | null; period_end: string; last_due_day: number | null }[] =
    await db.query(FACTS_SQL, [
      'plan' in of ? of.plan : null,
      'indicator' in of ? of.indicator : null,
    ]);
  const row = rows[0];
  if (!row) return today;
  return defaultAsOf(
    { latestRecordedAt: row.latest, periodEnd: row.period_end, lastDueDay: row.last_due_day },
    today,
    graceDays,
  );
}
