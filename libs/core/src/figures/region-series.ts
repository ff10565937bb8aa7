import { PROVINCE_REGION_CODE } from '../time/region.js';
import type { Period } from '../time/time.js';
import type { FrequencyName, IndicatorKindName, StoredFigure } from './figure-check-context.js';
import {
  deriveSeries,
  monthsPerPeriod,
  revisionsAsOf,
  type SeriesPoint,
  type ValueType,
} from './series.js';

// A region's series from the figures in force: its own figure for each period, else — for the
// province of an indicator broken down by city — the cities' sum.

/** A figure in force as a series reads it: the revision, where it is from, and how it came in. */
export interface FigureInForce extends StoredFigure {
  indicator: string;
  region: string;
  late: boolean;
  submissionId: string;
}

/** One period of a region's series: its own figure, or the sum of its cities' figures. */
export interface RegionPoint {
  period: Period;
  /** As reported, or summed over the cities (null when a sum cannot be formed). */
  value: number | null;
  valueType: ValueType;
  cumulative: number | null;
  increment: number | null;
  numerator: number | null;
  denominator: number | null;
  late: boolean;
  /** Null for a sum over the cities. */
  submissionId: string | null;
  /** Epoch ms; for a sum, its latest city figure. */
  recordedAt: number;
  source: 'reported' | 'cities';
  /** For a sum over the cities: how many cities reported. */
  regionsReported: number | null;
}

/** What a region's series needs to know of its indicator. */
export interface RegionSeriesFacts {
  kind: IndicatorKindName;
  /** The regions it is reported for: the province and, when broken down, its cities. */
  regions: readonly string[];
  frequency: FrequencyName;
}

/** One region's figures in force as both forms of a series, by period. */
export interface DerivedRegion<F extends FigureInForce = FigureInForce> {
  points: Map<Period, SeriesPoint>;
  figures: Map<Period, F>;
}

/** One region's figures in force (one per period) as both forms of a series, by period. */
export function deriveRegion<F extends FigureInForce>(
  figures: readonly F[],
  months: number,
): DerivedRegion<F> {
  const byPeriod = new Map(figures.map((f) => [f.period, f]));
  const points = deriveSeries(revisionsAsOf(figures), months);
  return { points: new Map(points.map((p) => [p.period, p])), figures: byPeriod };
}

function reportedPoint(point: SeriesPoint, figure: FigureInForce): RegionPoint {
  return {
    period: point.period,
    value: point.reported.value,
    valueType: point.reported.valueType,
    cumulative: point.cumulative,
    increment: point.increment,
    numerator: figure.numerator,
    denominator: figure.denominator,
    late: figure.late,
    submissionId: figure.submissionId,
    recordedAt: figure.recordedAt,
    source: 'reported',
    regionsReported: null,
  };
}

/**
 * The province of a city breakdown for a period no one reported for the province: the sum of the
 * cities that reported it (null when none did). Counts add up both forms; a ratio is the ratio of the
 * summed numerators and denominators; a level adds up the levels. A sum that needs a missing part is
 * null rather than guessed.
 */
export function citySum(
  period: Period,
  kind: IndicatorKindName,
  cities: readonly DerivedRegion[],
): RegionPoint | null {
  const present = cities
    .map((c) => ({ point: c.points.get(period), figure: c.figures.get(period) }))
    .filter((c): c is { point: SeriesPoint; figure: FigureInForce } => !!c.point && !!c.figure);
  if (present.length === 0) return null;
  const sum = (pick: (c: (typeof present)[number]) => number | null): number | null => {
    let total = 0;
    for (const c of present) {
      const x = pick(c);
      if (x === null) return null;
      total += x;
    }
    return total;
  };
  const base = {
    period,
    late: present.some((c) => c.figure.late),
    submissionId: null,
    recordedAt: Math.max(...present.map((c) => c.figure.recordedAt)),
    source: 'cities' as const,
    regionsReported: present.length,
  };
  if (kind === 'cumulative') {
    const cumulative = sum((c) => c.point.cumulative);
    return {
      ...base,
      value: cumulative,
      valueType: 'cumulative',
      cumulative,
      increment: sum((c) => c.point.increment),
      numerator: null,
      denominator: null,
    };
  }
  const numerator = sum((c) => c.figure.numerator);
  const denominator = sum((c) => c.figure.denominator);
  const value =
    kind === 'ratio'
      ? numerator !== null && denominator
        ? Number(((100 * numerator) / denominator).toFixed(6))
        : null
      : sum((c) => c.point.reported.value);
  return {
    ...base,
    value,
    valueType: 'level',
    cumulative: null,
    increment: null,
    numerator,
    denominator,
  };
}

/**
 * A region's series from the figures in force, grouped by region: its own figure for each period,
 * else (for the province of a city breakdown) the cities' sum. `cities` is how many cities are summed
 * (null: not summed), so a caller can tell a partial sum.
 */
export function regionPoints(
  facts: RegionSeriesFacts,
  region: string,
  byRegion: ReadonlyMap<string, readonly FigureInForce[]>,
): { points: RegionPoint[]; cities: number | null } {
  const months = monthsPerPeriod(facts.frequency);
  const own = deriveRegion(byRegion.get(region) ?? [], months);
  const summed = region === PROVINCE_REGION_CODE && facts.regions.length > 1;
  const cities = summed
    ? facts.regions
        .filter((r) => r !== region)
        .map((r) => deriveRegion(byRegion.get(r) ?? [], months))
    : [];
  const periods = new Set<Period>(own.points.keys());
  for (const city of cities) for (const p of city.points.keys()) periods.add(p);
  const points: RegionPoint[] = [];
  for (const period of [...periods].sort()) {
    const point = own.points.get(period);
    const figure = own.figures.get(period);
    const out =
      point && figure ? reportedPoint(point, figure) : citySum(period, facts.kind, cities);
    if (out) points.push(out);
  }
  return { points, cities: summed ? cities.length : null };
}

/**
 * A region's series as progress reads it: year-to-date for counts, the level for rates. A sum over
 * the cities counts only when every city reported: a partial sum is not the province's figure.
 */
export function regionValues(
  facts: RegionSeriesFacts,
  region: string,
  byRegion: ReadonlyMap<string, readonly FigureInForce[]>,
): { period: Period; value: number }[] {
  const { points, cities } = regionPoints(facts, region, byRegion);
  const values: { period: Period; value: number }[] = [];
  for (const point of points) {
    if (point.source === 'cities' && point.regionsReported !== cities) continue;
    const value = facts.kind === 'cumulative' ? point.cumulative : point.value;
    if (value !== null) values.push({ period: point.period, value });
  }
  return values;
}

/** Figures grouped by indicator, then by region. */
export function groupFigures<F extends Pick<FigureInForce, 'indicator' | 'region'>>(
  figures: readonly F[],
): Map<string, Map<string, F[]>> {
  const byIndicator = new Map<string, Map<string, F[]>>();
  for (const figure of figures) {
    let regions = byIndicator.get(figure.indicator);
    if (!regions) byIndicator.set(figure.indicator, (regions = new Map<string, F[]>()));
    let list = regions.get(figure.region);
    if (!list) regions.set(figure.region, (list = []));
    list.push(figure);
  }
  return byIndicator;
}
