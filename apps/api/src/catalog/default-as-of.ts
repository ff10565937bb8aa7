import { addDays, businessDateOf, type IsoDate } from '@zhibiao/core';

/** What a plan's default as-of day is made of: see `defaultAsOf`. */
export interface DefaultAsOfFacts {
  /** When the latest figure of the plan was recorded or approved (approval counts it), or null. */
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
 * The day a plan is looked at by default: the day its latest figures were recorded or approved (by
 * then its latest month with figures is known and counts), else today; never past today nor past the plan's close day.
 */
export function defaultAsOf(facts: DefaultAsOfFacts, today: IsoDate, graceDays: number): IsoDate {
  const candidates = [today, planCloseDay(facts, graceDays)];
  if (facts.latestRecordedAt !== null) candidates.push(businessDateOf(facts.latestRecordedAt));
  return candidates.reduce((a, b) => (a < b ? a : b));
}
