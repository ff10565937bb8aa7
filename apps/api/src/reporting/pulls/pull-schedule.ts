import { CronTime } from 'cron';
import {
  BUSINESS_TIME_ZONE,
  monthsPerPeriod,
  periodOf,
  periodState,
  previousPeriod,
  type IsoDate,
  type Period,
  type PullPeriods,
} from '@zhibiao/core';

/** The first retry of a failing source waits this long, doubling each failure in a row… */
export const FIRST_RETRY_MS = 5 * 60_000;
/** …up to this. */
export const LONGEST_RETRY_MS = 6 * 60 * 60_000;

/**
 * When a cron expression (5 or 6 fields, Asia/Shanghai time) next fires strictly after `after`, or
 * why it cannot be used: it does not parse, or it never fires.
 */
export function nextCronTime(
  cron: string,
  after: Date,
): { ok: true; at: Date } | { ok: false; reason: string } {
  let time: CronTime;
  try {
    time = new CronTime(cron, BUSINESS_TIME_ZONE);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
  try {
    return { ok: true, at: time.getNextDateFrom(after, BUSINESS_TIME_ZONE).toJSDate() };
  } catch (error) {
    // 30 February: it parses, but no date matches.
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * When a source that failed `failures` times in a row is tried again: 5 minutes after the first
 * failure, doubling, at most 6 hours — and never later than its next scheduled time.
 */
export function retryAt(now: Date, failures: number, scheduled: Date | null): Date {
  const delay = Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), LONGEST_RETRY_MS);
  const retry = new Date(now.getTime() + delay);
  return scheduled !== null && scheduled < retry ? scheduled : retry;
}

/** What a run needs to know of an indicator to say which of its periods are open. */
export interface IndicatorCalendar {
  frequency: 'monthly' | 'quarterly' | 'annual';
  dueDay: number;
  /** The plan's first and last periods (YYYY-MM). */
  firstPeriod: Period;
  lastPeriod: Period;
}

/**
 * The periods a run asks for on `today`: `previous`, the month before; `open`, every period of the
 * indicators' plans that has ended and still takes figures without a reason (its due day plus grace
 * not yet past), oldest first.
 */
export function periodsToAsk(
  setting: PullPeriods,
  today: IsoDate,
  indicators: readonly IndicatorCalendar[],
  graceDays: number,
): Period[] {
  const current = periodOf(today);
  if (setting === 'previous') return [previousPeriod(current)];
  const open = new Set<Period>();
  for (const indicator of indicators) {
    const months = monthsPerPeriod(indicator.frequency);
    // Open periods have ended within the last due day + grace (≤ 88 days): a year back is plenty.
    for (let back = 1; back <= 12; back++) {
      const period = previousPeriod(current, back);
      if (period < indicator.firstPeriod || period > indicator.lastPeriod) continue;
      if (Number(period.slice(5, 7)) % months !== 0) continue;
      if (periodState(period, today, indicator.dueDay, graceDays) === 'open') open.add(period);
    }
  }
  return [...open].sort();
}
