import {
  BATCH,
  seriesKey,
  shown,
  warning,
  type CheckContext,
  type CheckedFigure,
  type IndicatorFacts,
} from './figure-check-context.js';
import type { Finding } from './figure-rows.js';
import { deriveSeries, monthsPerPeriod, type Revision, type SeriesPoint } from './series.js';
import type { Period } from '../time/time.js';

// An indicator broken down by city: the province's figure against the cities' sum.

/** Where the province is reported itself, it counts; a difference from the cities' sum is a warning. */
export function checkProvinceSums(
  indicator: IndicatorFacts,
  figures: readonly CheckedFigure[],
  bySeries: ReadonlyMap<string, readonly CheckedFigure[]>,
  context: CheckContext,
  report: (row: number, finding: Omit<Finding, 'row'>) => void,
): void {
  const province = indicator.province;
  if (!province) return;
  const months = monthsPerPeriod(indicator.frequency);
  const cities = indicator.regions.filter((r) => r !== province);
  const touched = new Map<Period, CheckedFigure>();
  for (const figure of figures) {
    const first = touched.get(figure.period);
    if (!first || figure.region === province) touched.set(figure.period, figure);
  }
  if (touched.size === 0) return;
  const seriesOf = (region: string) => {
    const batch = bySeries.get(seriesKey(indicator.code, region)) ?? [];
    const batchPeriods = new Set(batch.map((b) => b.period));
    const merged: Revision[] = context
      .inForce(indicator.code, region)
      .filter((f) => !batchPeriods.has(f.period));
    for (const b of batch)
      merged.push({
        period: b.period,
        value: b.value,
        valueType: b.valueType,
        recordedAt: BATCH,
        sequence: b.row,
      });
    const ratios = new Map<Period, { numerator: number | null; denominator: number | null }>();
    for (const f of context.inForce(indicator.code, region)) ratios.set(f.period, f);
    for (const b of batch) ratios.set(b.period, b);
    return { points: new Map(deriveSeries(merged, months).map((p) => [p.period, p])), ratios };
  };
  const provinceSeries = seriesOf(province);
  const citySeries = cities.map(seriesOf);
  for (const [periodValue, figure] of touched) {
    const reported = provinceSeries.points.get(periodValue);
    if (!reported) continue;
    let provinceFigure: number | null;
    let sum = 0;
    if (indicator.kind === 'ratio') {
      const own = provinceSeries.ratios.get(periodValue);
      let numerator = 0;
      let denominator = 0;
      for (const city of citySeries) {
        const r = city.ratios.get(periodValue);
        if (r?.numerator == null || r.denominator == null) {
          denominator = Number.NaN;
          break;
        }
        numerator += r.numerator;
        denominator += r.denominator;
      }
      if (!Number.isFinite(denominator) || denominator === 0) continue;
      sum = (100 * numerator) / denominator;
      provinceFigure =
        own?.numerator != null && own.denominator
          ? (100 * own.numerator) / own.denominator
          : reported.reported.value;
      if (Math.abs(provinceFigure - sum) <= 0.05) continue;
    } else {
      // Counts compare year-to-date totals where every one is known, else the period's increments.
      const pick = (point: SeriesPoint | undefined, field: 'cumulative' | 'increment' | 'value') =>
        !point ? null : field === 'value' ? point.reported.value : point[field];
      const fields =
        indicator.kind === 'cumulative'
          ? (['cumulative', 'increment'] as const)
          : (['value'] as const);
      provinceFigure = null;
      for (const field of fields) {
        const own = pick(reported, field);
        const parts = citySeries.map((city) => pick(city.points.get(periodValue), field));
        if (own === null || parts.some((x) => x === null)) continue;
        provinceFigure = own;
        sum = parts.reduce<number>((total, x) => total + (x ?? 0), 0);
        break;
      }
      if (provinceFigure === null) continue;
      if (Math.abs(provinceFigure - sum) <= 1e-6 * Math.max(1, Math.abs(sum))) continue;
    }
    report(
      figure.row,
      warning('value', 'province_mismatch', {
        province: shown(Number(provinceFigure.toFixed(2))),
        sum: shown(Number(sum.toFixed(2))),
        difference: shown(Number((provinceFigure - sum).toFixed(2))),
      }),
    );
  }
}
