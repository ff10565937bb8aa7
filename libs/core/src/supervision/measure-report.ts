import { type IsoDate, type Period } from '../time/time.js';

/** What a unit wrote on a revision: a draft kept for itself, or a report sent to the bureau. */
export type ReportRevisionState = 'draft' | 'submitted';
export type ReviewDecision = 'confirm' | 'return';
/** Where a unit's report of a month stands. */
export type DerivedReportState = 'draft' | 'submitted' | 'returned' | 'confirmed';

/**
 * Measures have no due day of their own. Indicators are due on their due day (5th mostly, 10th for
 * some) plus REPORT_GRACE_DAYS (5 by default): a month's figures close on the 10th of the next
 * month. A measure's report of a month is due on that same day, the 10th of the following month.
 */
export const MEASURE_REPORT_DUE_DAY = 10;

/** The last day a month's report is on time: the 10th of the following month. */
export function measureReportDueOn(period: Period): IsoDate {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
  return `${next}-${String(MEASURE_REPORT_DUE_DAY).padStart(2, '0')}`;
}

/**
 * Whether a unit's report of `period` is late: its first submission (the earliest submitted
 * revision, not a resubmission after the bureau returned it) came after the due day. A report never
 * submitted is not late (yet): it is missing, which the ledger shows as not reported.
 */
export function isReportLate(period: Period, firstSubmittedOn: IsoDate | null): boolean {
  return firstSubmittedOn !== null && firstSubmittedOn > measureReportDueOn(period);
}

/**
 * The state of a unit's report of a month as of a moment, from its latest revision recorded by then
 * and the review of that revision recorded by then (null when none): a draft stays a draft; a
 * submitted revision is submitted until the bureau confirms or returns it.
 */
export function derivedReportState(
  revision: ReportRevisionState,
  review: ReviewDecision | null,
): DerivedReportState {
  if (revision === 'draft') return 'draft';
  if (review === 'confirm') return 'confirmed';
  if (review === 'return') return 'returned';
  return 'submitted';
}

/** Why a month cannot be reported, if it cannot: outside the plan's years, or not begun by today. */
export function reportPeriodProblem(
  period: Period,
  plan: { startYear: number; endYear: number },
  today: IsoDate,
): 'outside_plan' | 'not_begun' | null {
  const year = Number(period.slice(0, 4));
  if (year < plan.startYear || year > plan.endYear) return 'outside_plan';
  if (`${period}-01` > today) return 'not_begun';
  return null;
}

/** The first day of a period, as the date column stores it. */
export function periodFirstDay(period: Period): IsoDate {
  return `${period}-01`;
}
