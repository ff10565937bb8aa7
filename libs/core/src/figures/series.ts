import type { Period } from '../time/time.js';

/** How a monthly figure was reported: the month's increment (新增), the year-to-date total (累计), or a level. */
export type ValueType = 'increment' | 'cumulative' | 'level';

/** One revision of one period's figure, as stored: corrections are new revisions, never updates. */
export interface Revision {
  period: Period;
  value: number;
  valueType: ValueType;
  /** When it was recorded (epoch ms); the latest revision recorded by a moment is what was known then. */
  recordedAt: number;
  /** Breaks ties between revisions recorded at the same moment: the larger one is the later. */
  sequence: number;
}

/** A period of the series with both forms of a cumulative count. */
export interface SeriesPoint {
  period: Period;
  /** The figure as reported, in its reported form. */
  reported: Revision;
  /** Year-to-date total; null when an earlier month of the year is missing and the report was an increment. */
  cumulative: number | null;
  /** The month's own figure; null when the month before is unknown and the report was year-to-date. */
  increment: number | null;
}

function later(a: Revision, b: Revision): boolean {
  return a.recordedAt > b.recordedAt || (a.recordedAt === b.recordedAt && a.sequence > b.sequence);
}

/**
 * The revision of each period in force at `asOf` (epoch ms, exclusive): the latest recorded before it.
 * Without `asOf`, the latest of all ("current").
 */
export function revisionsAsOf(revisions: Iterable<Revision>, asOf?: number): Revision[] {
  const byPeriod = new Map<Period, Revision>();
  for (const revision of revisions) {
    if (asOf !== undefined && revision.recordedAt >= asOf) continue;
    const known = byPeriod.get(revision.period);
    if (!known || later(revision, known)) byPeriod.set(revision.period, revision);
  }
  return [...byPeriod.values()].sort((a, b) => a.period.localeCompare(b.period));
}

/** The period `months` before `period` (1 for monthly figures, 3 quarterly, 12 annual). */
export function previousPeriod(period: Period, months = 1): Period {
  const index = Number(period.slice(0, 4)) * 12 + Number(period.slice(5, 7)) - 1 - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months per period of a reporting frequency. */
export function monthsPerPeriod(frequency: 'monthly' | 'quarterly' | 'annual'): number {
  return frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 12;
}

/**
 * Both forms of a cumulative count from the figures in force, year by year (year-to-date totals restart
 * in January). A month reported as an increment adds to the month before; one reported year-to-date
 * fixes the total, and its increment is the difference from the month before. When the month before is
 * missing, what cannot be known is null rather than guessed — so a corrected or missing month changes
 * everything derived after it. Levels (coverage rates, counts in stock) have no increments: both null.
 * Quarterly and annual series step by `months` (3 or 12): a quarter's increment is the quarter's.
 */
export function deriveSeries(inForce: readonly Revision[], months = 1): SeriesPoint[] {
  const points: SeriesPoint[] = [];
  const cumulativeOf = new Map<Period, number | null>();
  for (const reported of [...inForce].sort((a, b) => a.period.localeCompare(b.period))) {
    if (reported.valueType === 'level') {
      points.push({ period: reported.period, reported, cumulative: null, increment: null });
      continue;
    }
    const firstOfYear = Number(reported.period.slice(5, 7)) <= months;
    const before = firstOfYear
      ? 0
      : (cumulativeOf.get(previousPeriod(reported.period, months)) ?? null);
    let cumulative: number | null;
    let increment: number | null;
    if (reported.valueType === 'cumulative') {
      cumulative = reported.value;
      increment = before === null ? null : reported.value - before;
    } else {
      increment = reported.value;
      cumulative = before === null ? null : before + reported.value;
    }
    cumulativeOf.set(reported.period, cumulative);
    points.push({ period: reported.period, reported, cumulative, increment });
  }
  return points;
}
