import { periodClosesOn, periodEnd } from '../figures/figure-checks.js';
import type { FrequencyName } from '../figures/figure-check-context.js';
import { monthsPerPeriod } from '../figures/series.js';
import { measureReportDueOn } from '../supervision/measure-report.js';
import { addDays, businessDateOf, type IsoDate, type Period } from '../time/time.js';
import { REPORTING_STATUSES, type ReportingStatus } from './states.js';

// The reporting calendar (DHIS2's data-set report): which reports a period expects, when each is due,
// where each stands as of a day, and the completeness and timeliness of a set of them. Pure.

/**
 * Whether an indicator of `frequency` expects figures for `period`: every month, the last month of
 * each quarter (03, 06, 09, 12), or December — the months figures of that frequency are stored under.
 */
export function expectsFigures(frequency: FrequencyName, period: Period): boolean {
  return Number(period.slice(5, 7)) % monthsPerPeriod(frequency) === 0;
}

/** Whether `period` lies within a plan's first and last periods (both included). */
export function withinPlanPeriods(period: Period, first: Period, last: Period): boolean {
  return period >= first && period <= last;
}

/** Whether a plan's figures for `period` wait for approval: approval is on from a period at or before it. */
export function underApproval(approvalFrom: Period | null, period: Period): boolean {
  return approvalFrom !== null && approvalFrom <= period;
}

/** When an expected report is due, and the last day it is still on time. */
export interface DueDays {
  due: IsoDate;
  closesOn: IsoDate;
}

/**
 * An indicator's figures for `period`: due on its due day of the month after the period ends (after
 * the quarter, for a quarter), on time until that day plus the grace.
 */
export function figureDueDays(period: Period, dueDay: number, graceDays: number): DueDays {
  return {
    due: addDays(periodEnd(period), dueDay),
    closesOn: periodClosesOn(period, dueDay, graceDays),
  };
}

/** A measure's monthly report: due on the 10th of the next month, with no grace (issue 16's "late"). */
export function reportDueDays(period: Period): DueDays {
  const due = measureReportDueOn(period);
  return { due, closesOn: due };
}

/** Whether a first submission at `firstSubmittedAt` was on time: on a business day up to `closesOn`. */
export function submittedOnTime(firstSubmittedAt: Date | null, closesOn: IsoDate): boolean {
  return firstSubmittedAt !== null && businessDateOf(firstSubmittedAt) <= closesOn;
}

/** What an expected report's status is derived from, as known at the end of `asOf`. */
export interface StatusFacts {
  /** The bureau sent it back and nothing was resubmitted since. */
  returned: boolean;
  /** The first submission recorded by the end of `asOf`; null when none. */
  firstSubmittedAt: Date | null;
  closesOn: IsoDate;
  asOf: IsoDate;
}

/**
 * Where an expected report stands as of a day: `returned` while sent back; else `submitted` when its
 * first submission came by the day it closes on (a later correction changes nothing), `late` when
 * after; else `due` until the day it closes on, `missing` after.
 */
export function reportingStatus(facts: StatusFacts): ReportingStatus {
  if (facts.returned) return 'returned';
  if (facts.firstSubmittedAt !== null)
    return submittedOnTime(facts.firstSubmittedAt, facts.closesOn) ? 'submitted' : 'late';
  return facts.asOf <= facts.closesOn ? 'due' : 'missing';
}

/** DHIS2's rates over a set of expected reports. */
export interface CalendarRates {
  expected: number;
  reported: number;
  onTime: number;
  /** reported / expected; null when nothing is expected. */
  completeness: number | null;
  /** onTime / expected; null when nothing is expected. */
  timeliness: number | null;
}

/** One expected report as the rates count it. */
export interface RatedRow {
  /** Something was submitted for it by then (a returned report was received too). */
  received: boolean;
  /** Its first submission was on time (whatever happened after: a return, a correction). */
  onTime: boolean;
}

/**
 * Completeness (reported / expected) and timeliness (on time / expected): a report received late
 * counts as reported, one received and returned too, and as on time when its first submission was.
 */
export function reportingRates(rows: Iterable<RatedRow>): CalendarRates {
  let expected = 0;
  let reported = 0;
  let onTime = 0;
  for (const row of rows) {
    expected += 1;
    if (row.received) reported += 1;
    if (row.onTime) onTime += 1;
  }
  return {
    expected,
    reported,
    onTime,
    completeness: expected === 0 ? null : reported / expected,
    timeliness: expected === 0 ? null : onTime / expected,
  };
}

/** How many rows have each status (every status named, 0 when none). */
export function statusCounts(
  rows: Iterable<{ status: ReportingStatus }>,
): Record<ReportingStatus, number> {
  const counts = Object.fromEntries(REPORTING_STATUSES.map((s) => [s, 0])) as Record<
    ReportingStatus,
    number
  >;
  for (const row of rows) counts[row.status] += 1;
  return counts;
}

/**
 * The months of `year` a unit's reporting history shows: those within some plan's periods and not
 * after the month of `asOf`, January first.
 */
export function historyMonths(
  year: number,
  plans: readonly { first: Period; last: Period }[],
  asOf: IsoDate,
): Period[] {
  const months: Period[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const period = `${year}-${String(month).padStart(2, '0')}`;
    if (period > asOf.slice(0, 7)) break;
    if (plans.some((plan) => withinPlanPeriods(period, plan.first, plan.last))) months.push(period);
  }
  return months;
}
