import {
  MAX_FIGURE_MAGNITUDE,
  periodClosesOn,
  periodEnd,
  withinFigureRange,
} from '../figures/figure-checks.js';
import { monthsPerPeriod, previousPeriod } from '../figures/series.js';
import { probabilityOfMeeting } from '../forecast/probability.js';
import {
  cachedProjection,
  type Projection,
  type ProjectionMethod,
} from '../forecast/projection.js';
import { meetsTarget, type Direction, type Target } from '../targets/target.js';
import { daysBetween, type IsoDate, type Period } from '../time/time.js';
import { withExplanation } from './sentence.js';

// Where a target stands on a day: how far it has come, whether that is on pace with the plan, where
// the trend leads by the deadline and how likely that meets the target. Pure; the API serves it and
// the web app shows it.

export const PROGRESS_STATUSES = [
  'achieved',
  'on_track',
  'at_risk',
  'off_track',
  'no_data',
  'overdue',
  'stale',
  'invalid_data',
] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

/**
 * When a target is on track, at risk or off track. The probability of meeting the target by the
 * deadline decides where there is a projection (three figures or more); the pace ratio where there
 * is not. Defaults, overridable per indicator:
 * - on track: probability ≥ 0.7 (or pace ≥ 0.95);
 * - at risk: probability ≥ 0.3 (or pace ≥ 0.8);
 * - off track: below both.
 */
export interface ProgressThresholds {
  onTrackProbability: number;
  atRiskProbability: number;
  onTrackPace: number;
  atRiskPace: number;
}

export const DEFAULT_PROGRESS_THRESHOLDS: ProgressThresholds = {
  onTrackProbability: 0.7,
  atRiskProbability: 0.3,
  onTrackPace: 0.95,
  atRiskPace: 0.8,
};

/** Projections need this many figures; fewer and the pace ratio alone decides. */
const MIN_POINTS_FOR_PROJECTION = 3;
/** "Recent" is the last three months. */
const RECENT_MONTHS = 3;

export interface ProgressInput {
  asOf: IsoDate;
  kind: 'cumulative' | 'level' | 'ratio';
  direction: Direction;
  frequency: 'monthly' | 'quarterly' | 'annual';
  dueDay: number;
  graceDays: number;
  /** The value at the start; null: 0 for counts, the first figure for rates and levels. */
  baseline: { value: number; date: IsoDate } | null;
  planStart: IsoDate;
  deadline: IsoDate;
  target: Target;
  /** A monthly plan (the value expected by the end of each period); the straight line otherwise. */
  plan?: ReadonlyMap<Period, number>;
  /** The figures known on `asOf`, one per period: year-to-date totals for counts, levels for rates. */
  points: readonly { period: Period; value: number }[];
  unit: string;
  thresholds?: Partial<ProgressThresholds>;
}

export interface Progress {
  asOf: IsoDate;
  /** The latest figure and its period. */
  actual: number | null;
  actualPeriod: Period | null;
  /** What the plan curve expects by the end of that period. */
  expected: number | null;
  baseline: number | null;
  target: number;
  /** actual − expected, in the indicator's unit (negative: behind). */
  gap: number | null;
  /** (actual − baseline) / (target − baseline). */
  completion: number | null;
  /** (actual − baseline) / (expected − baseline): 1 is exactly on the plan curve. */
  paceRatio: number | null;
  /**
   * How far ahead of the plan curve (序时进度), in percentage points: for a percentage, the figure
   * less what the curve expects (90.5% against 94.1% is 3.6 points behind); for anything else the
   * share of the way from the baseline to the target covered, less the share the curve expects by
   * now. Positive: ahead (快于序时进度); negative: behind.
   */
  schedulePoints: number | null;
  /** The change per month still needed to reach the target by the deadline. */
  requiredMonthlyRate: number | null;
  /** The change per month over the last three months (or as many as there are). */
  recentMonthlyRate: number | null;
  projection: {
    method: ProjectionMethod;
    value: number;
    low: number;
    high: number;
    interval: 0.8;
    /** Month by month from the one after the latest figure to the deadline's, each with its interval. */
    path: { period: Period; value: number; low: number; high: number }[];
  } | null;
  /** The probability that the value at the deadline meets the target, under the projection. */
  probability: number | null;
  status: ProgressStatus;
  explanation: { zh: string; en: string };
}

/** Whole months from the end of `from` to the end of `to` (both YYYY-MM). */
export function monthsBetween(from: Period, to: Period): number {
  const index = (p: Period) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7));
  return index(to) - index(from);
}

/** The straight plan line: the baseline at its date, the target at the deadline. */
function expectedOnLine(
  at: IsoDate,
  baseline: { value: number; date: IsoDate },
  target: number,
  deadline: IsoDate,
): number {
  const span = daysBetween(baseline.date, deadline);
  if (span <= 0) return target;
  const share = Math.min(1, Math.max(0, daysBetween(baseline.date, at) / span));
  return baseline.value + (target - baseline.value) * share;
}

/** The last period whose figures are due by `asOf` (its close date passed): anything older is stale. */
export function lastDuePeriod(
  asOf: IsoDate,
  frequency: ProgressInput['frequency'],
  dueDay: number,
  graceDays: number,
): Period {
  const step = monthsPerPeriod(frequency);
  let period = asOf.slice(0, 7);
  while (Number(period.slice(5, 7)) % step !== 0) period = previousPeriod(period);
  while (periodClosesOn(period, dueDay, graceDays) > asOf) period = previousPeriod(period, step);
  return period;
}

function baselineOf(input: ProgressInput): { value: number; date: IsoDate } | null {
  if (input.baseline) return input.baseline;
  if (input.kind === 'cumulative') return { value: 0, date: input.planStart };
  const first = input.points[0];
  return first ? { value: first.value, date: periodEnd(first.period) } : null;
}

/** A ratio, or null where it has no finite value (a zero or vanishing denominator). */
function ratio(numerator: number, denominator: number): number | null {
  const value = numerator / denominator;
  return Number.isFinite(value) ? value : null;
}

/**
 * Progress of one target for one region as of a day. `points` must already be what was known on
 * `asOf` (periods ended by then, recorded by its end): the caller reads them so.
 */
export function computeProgress(input: ProgressInput): Progress {
  const thresholds = { ...DEFAULT_PROGRESS_THRESHOLDS, ...input.thresholds };
  const points = [...input.points].sort((a, b) => a.period.localeCompare(b.period));
  const latest = points.at(-1);
  const targetValue = input.target.value;
  const baseline = baselineOf({ ...input, points });
  const deadlinePeriod = input.deadline.slice(0, 7);
  const empty: Progress = {
    asOf: input.asOf,
    actual: null,
    actualPeriod: null,
    expected: null,
    baseline: baseline?.value ?? null,
    target: targetValue,
    gap: null,
    completion: null,
    paceRatio: null,
    schedulePoints: null,
    requiredMonthlyRate: null,
    recentMonthlyRate: null,
    projection: null,
    probability: null,
    status: input.asOf > input.deadline ? 'overdue' : 'no_data',
    explanation: { zh: '', en: '' },
  };
  if (!latest || !baseline) return withExplanation(empty, input);
  const unusable = outOfRange(points, targetValue, baseline.value);
  if (unusable) return outOfRangeProgress(empty, latest, unusable, input.unit);

  const actual = latest.value;
  const at = periodEnd(latest.period);
  const planned = input.plan?.get(latest.period);
  const expected = planned ?? expectedOnLine(at, baseline, targetValue, input.deadline);
  const monthsLeft = Math.max(0, monthsBetween(latest.period, deadlinePeriod));
  const recentFrom = points.filter((p) => monthsBetween(p.period, latest.period) <= RECENT_MONTHS);
  const earliestRecent = recentFrom[0];
  const recentMonths = earliestRecent ? monthsBetween(earliestRecent.period, latest.period) : 0;

  let projection: Readonly<Projection> | null = null;
  // Past the deadline there is nothing left to project: the target was met by then or it was not.
  const pastDeadline = input.asOf > input.deadline;
  if (points.length >= MIN_POINTS_FOR_PROJECTION && !pastDeadline) {
    // One value per month on a month index, so gaps and quarterly steps keep their true spacing.
    const monthly = monthlyValues(points);
    projection = monthsLeft === 0 ? null : cachedProjection(monthly, monthsLeft);
  }
  const bound = boundsOf(input, actual);
  const probability =
    projection !== null
      ? probabilityOfMeeting(projection, input.target, input.direction)
      : monthsLeft === 0 || pastDeadline
        ? meetsTarget(actual, input.target, input.direction)
          ? 1
          : 0
        : null;
  const paceRatio = ratio(actual - baseline.value, expected - baseline.value);
  const span = targetValue - baseline.value;
  // In percentage points of the target's span: a span too small to divide by has none.
  const schedule =
    input.unit === '%'
      ? ratio((actual - expected) * Math.sign(span || 1), 1)
      : ratio((actual - expected) * 100, span);
  const progress: Progress = {
    ...empty,
    actual,
    actualPeriod: latest.period,
    expected,
    gap: actual - expected,
    completion: ratio(actual - baseline.value, span),
    paceRatio,
    schedulePoints: schedule,
    requiredMonthlyRate:
      monthsLeft === 0 || pastDeadline ? null : (targetValue - actual) / monthsLeft,
    recentMonthlyRate:
      earliestRecent && recentMonths > 0 ? (actual - earliestRecent.value) / recentMonths : null,
    // What a figure can be bounds its projection: a share stays within 0–100%, a year-to-date
    // count never falls below what is already counted. The probability is the trend's own.
    projection: projection && {
      method: projection.method,
      value: bound(projection.value),
      low: bound(projection.low),
      high: bound(projection.high),
      interval: projection.interval,
      path: projection.path.map((step, i) => ({
        period: previousPeriod(latest.period, -(i + 1)),
        value: bound(step.value),
        low: bound(step.low),
        high: bound(step.high),
      })),
    },
    probability,
    status: 'no_data',
  };
  progress.status = statusOf(progress, input, thresholds);
  return withExplanation(progress, input);
}

/** The range a projected figure can lie in: 0–100 for a percentage, from the actual up for a count. */
function boundsOf(input: ProgressInput, actual: number): (value: number) => number {
  const low = input.unit === '%' ? 0 : input.kind === 'cumulative' ? actual : -Infinity;
  const high = input.unit === '%' ? 100 : Infinity;
  return (value) => Math.min(high, Math.max(low, value));
}

/** What puts a series beyond computing: a figure, the target or the baseline past MAX_FIGURE_MAGNITUDE. */
type OutOfRange =
  | { what: 'figure'; period: Period; value: number }
  | { what: 'target' | 'baseline'; value: number };

function outOfRange(
  points: readonly { period: Period; value: number }[],
  target: number,
  baseline: number,
): OutOfRange | null {
  const figure = points.find((p) => !withinFigureRange(p.value));
  if (figure) return { what: 'figure', period: figure.period, value: figure.value };
  if (!withinFigureRange(target)) return { what: 'target', value: target };
  if (!withinFigureRange(baseline)) return { what: 'baseline', value: baseline };
  return null;
}

/**
 * A series with a number out of range (stored before figures were bounded, or summed past the bound
 * from its cities) is not computed with: pace, projection and probability would overflow or mislead.
 * Its status says so, and its sentence names the number to correct.
 */
function outOfRangeProgress(
  empty: Progress,
  latest: { period: Period; value: number },
  cause: OutOfRange,
  unit: string,
): Progress {
  const limit = MAX_FIGURE_MAGNITUDE.toExponential().replace('e+', 'e');
  const shown = (value: number) =>
    Number.isFinite(value) ? value.toExponential(3) : String(value);
  const zhWhat =
    cause.what === 'figure'
      ? `${cause.period}的数据 ${shown(cause.value)}${unit}`
      : `${cause.what === 'target' ? '目标值' : '基期值'} ${shown(cause.value)}${unit}`;
  const enWhat =
    cause.what === 'figure'
      ? `the figure of ${cause.period}, ${shown(cause.value)} ${unit},`
      : `the ${cause.what}, ${shown(cause.value)} ${unit},`;
  return {
    ...empty,
    actual: Number.isFinite(latest.value) ? latest.value : null,
    actualPeriod: latest.period,
    status: 'invalid_data',
    explanation: {
      zh: `数据异常：${zhWhat}超出可计算范围（绝对值不超过 ${limit}），无法计算进度和预测；请更正后再看。`,
      en: `Figures out of range: ${enWhat} is beyond what can be computed (at most ${limit} either way), so neither progress nor a projection can be given; correct it first.`,
    },
  };
}

/** Values on a month index from the first period; a missing month is filled on the line between. */
function monthlyValues(points: readonly { period: Period; value: number }[]): number[] {
  const first = points[0]!;
  const values: number[] = [first.value];
  for (let i = 1; i < points.length; i++) {
    const from = points[i - 1]!;
    const to = points[i]!;
    const span = monthsBetween(from.period, to.period);
    for (let m = 1; m <= span; m++) values.push(from.value + ((to.value - from.value) * m) / span);
  }
  return values;
}

function statusOf(
  progress: Progress,
  input: ProgressInput,
  thresholds: ProgressThresholds,
): ProgressStatus {
  if (progress.actual === null) return input.asOf > input.deadline ? 'overdue' : 'no_data';
  if (meetsTarget(progress.actual, input.target, input.direction)) return 'achieved';
  if (input.asOf > input.deadline) return 'overdue';
  const due = lastDuePeriod(input.asOf, input.frequency, input.dueDay, input.graceDays);
  if (progress.actualPeriod !== null && progress.actualPeriod < due) return 'stale';
  if (progress.probability !== null && progress.projection !== null) {
    if (progress.probability >= thresholds.onTrackProbability) return 'on_track';
    return progress.probability >= thresholds.atRiskProbability ? 'at_risk' : 'off_track';
  }
  const pace = progress.paceRatio;
  if (pace === null) return 'on_track';
  if (pace >= thresholds.onTrackPace) return 'on_track';
  return pace >= thresholds.atRiskPace ? 'at_risk' : 'off_track';
}
