// The monthly-plan editor's arithmetic, kept out of the component so that it can be tested.
import { monthsPerPeriod } from '@zhibiao/core';

export type Frequency = Parameters<typeof monthsPerPeriod>[0];

/**
 * The periods a plan can name for a target: the last month of each period (every month, each
 * quarter's last, December) from the plan's first month to the deadline's, or the plan's end when
 * that comes first. `first` and `last` are `YYYY-MM`.
 */
export function planPeriods(first: string, last: string, frequency: Frequency): string[] {
  const step = monthsPerPeriod(frequency);
  const periods: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  // Forward to the first period end.
  month += (step - (month % step)) % step;
  for (;;) {
    if (month > 12) {
      year += Math.floor((month - 1) / 12);
      month = ((month - 1) % 12) + 1;
    }
    const period = `${year}-${String(month).padStart(2, '0')}`;
    if (period > last) return periods;
    periods.push(period);
    month += step;
  }
}

/**
 * A straight-line value as someone would type it: whole numbers from 100 up, otherwise at most two
 * decimals (the line's own value can have many).
 */
export function roundForEntry(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}

export interface PlanRow {
  period: string;
  /** What the straight line expects by the end of the period; null before the line starts. */
  line: number | null;
  /** What the department enters; null: not planned (the line stands for that period). */
  value: number | null;
}

/**
 * What to send: the periods with a value, in order, and for each its row (so that the API's
 * `items.N` problems land on the right row).
 */
export function planItems(rows: readonly PlanRow[]): {
  items: { period: string; value: number }[];
  rowOf: number[];
} {
  const items: { period: string; value: number }[] = [];
  const rowOf: number[] = [];
  rows.forEach((row, index) => {
    if (row.value === null || !Number.isFinite(row.value)) return;
    items.push({ period: row.period, value: row.value });
    rowOf.push(index);
  });
  return { items, rowOf };
}

/**
 * Where a counting plan goes down from one period to the next (a year-to-date total cannot fall):
 * the indexes of the rows below the one before. Levels and rates may fall, so only counts are
 * checked, and only for a target that increases.
 */
export function fallingRows(rows: readonly PlanRow[]): number[] {
  const falling: number[] = [];
  let previous: number | null = null;
  rows.forEach((row, index) => {
    if (row.value === null) return;
    if (previous !== null && row.value < previous) falling.push(index);
    previous = row.value;
  });
  return falling;
}
