import { addDays, type IsoDate, type Period } from '../time/time.js';

// Checks a reported figure faces before it is stored. Pure: the API and the entry form share them.

/**
 * The largest magnitude any figure may have: 10^15 (a thousand trillion). No provincial statistic comes
 * near it (a province's GDP in 元 is about 10^13), every integer below it is exact in a double, and sums,
 * squares and projections of figures within it stay finite. Beyond it a figure is refused on the way in,
 * and one already stored is reported as out of range instead of being computed with.
 */
export const MAX_FIGURE_MAGNITUDE = 1e15;

/**
 * A figure more than this many times the largest value its indicator names (any target version of any
 * region, or its baseline) is not a statistic but a slip (万 or 亿 typed twice, digits run together):
 * refused, with the ceiling named so a sender whose figure is real knows to ask for the target to change.
 */
export const PLAUSIBILITY_FACTOR = 1000;

/** Whether a number is finite and within ±MAX_FIGURE_MAGNITUDE. */
export function withinFigureRange(value: number): boolean {
  return Number.isFinite(value) && Math.abs(value) <= MAX_FIGURE_MAGNITUDE;
}

/**
 * The largest plausible magnitude of a figure of an indicator whose targets and baseline reach
 * `reference` at most: PLAUSIBILITY_FACTOR times it (and never below PLAUSIBILITY_FACTOR, for targets
 * near 0). Null without a reference: nothing to judge by.
 */
export function plausibleCeiling(reference: number | null): number | null {
  if (reference === null || !Number.isFinite(reference)) return null;
  return Math.min(MAX_FIGURE_MAGNITUDE, PLAUSIBILITY_FACTOR * Math.max(1, Math.abs(reference)));
}

/** The Iglewicz–Hoaglin threshold: a modified z-score beyond ±3.5 marks a likely outlier. */
export const OUTLIER_THRESHOLD = 3.5;

/** The median of `values`, in any order; 0 when there are none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Modified z-scores (Iglewicz & Hoaglin 1993): 0.6745·(x − median)/MAD, robust to the outliers they look
 * for. When more than half the values are equal (MAD 0), the mean absolute deviation stands in (scaled
 * by 1.253314, as IBM's SPSS does); when every value is equal, every score is 0.
 */
export function modifiedZScores(values: readonly number[]): number[] {
  if (values.length === 0) return [];
  const m = median(values);
  const mad = median(values.map((v) => Math.abs(v - m)));
  if (mad > 0) return values.map((v) => (0.6745 * (v - m)) / mad);
  const meanAbsolute = values.reduce((sum, v) => sum + Math.abs(v - m), 0) / values.length;
  if (meanAbsolute === 0) return values.map(() => 0);
  return values.map((v) => (v - m) / (1.253314 * meanAbsolute));
}

/**
 * Whether `value` looks like a figure typed in the wrong unit of 万 (10,000): about 10,000 times too
 * small ("4.0" meant 4.0万 = 40,000) or too large, compared with a typical value of the series. Returns
 * the likely intended value, or null. "About" is within a factor of 5 either way.
 */
export function wanSlip(value: number, typical: number): number | null {
  if (value === 0 || typical === 0 || Math.sign(value) !== Math.sign(typical)) return null;
  const ratio = typical / value;
  if (ratio >= 10_000 / 5 && ratio <= 10_000 * 5) return value * 10_000;
  if (ratio <= 5 / 10_000 && ratio >= 1 / (10_000 * 5)) return value / 10_000;
  return null;
}

export type PeriodState = 'future' | 'open' | 'late';

/** The last calendar day of a period. */
export function periodEnd(period: Period): IsoDate {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const next =
    month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(next, -1);
}

/**
 * Where a period stands on `today`: not over yet (`future`: nothing to report), open for figures until
 * its due day in the following month plus a grace period, then `late` (a figure or correction needs a
 * reason and is flagged).
 */
export function periodState(
  period: Period,
  today: IsoDate,
  dueDay: number,
  graceDays: number,
): PeriodState {
  if (today <= periodEnd(period)) return 'future';
  return today <= periodClosesOn(period, dueDay, graceDays) ? 'open' : 'late';
}

/** The last day a period takes figures without a reason: its due day next month plus the grace. */
export function periodClosesOn(periodValue: Period, dueDay: number, graceDays: number): IsoDate {
  return addDays(addDays(periodEnd(periodValue), dueDay), graceDays);
}
