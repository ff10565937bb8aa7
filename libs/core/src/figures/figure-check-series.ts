import {
  median,
  modifiedZScores,
  OUTLIER_THRESHOLD,
  periodClosesOn,
  periodState,
  wanSlip,
} from './figure-checks.js';
import {
  BATCH,
  error,
  shown,
  warning,
  type CheckContext,
  type CheckedFigure,
  type RowDraft,
  type StoredFigure,
} from './figure-check-context.js';
import type { Finding } from './figure-rows.js';
import { deriveSeries, monthsPerPeriod, previousPeriod, type Revision } from './series.js';
import type { Period } from '../time/time.js';

// The rows of one series against the figures in force.

function sameFigure(draft: RowDraft, stored: StoredFigure): boolean {
  return (
    draft.value === stored.value &&
    draft.valueType === stored.valueType &&
    draft.numerator === stored.numerator &&
    draft.denominator === stored.denominator
  );
}

/**
 * Checks the rows of one series against the figures in force: what changes, late figures, year-to-date
 * decreases, 万 slips and outliers. Adds its findings and returns the rows that pass.
 */
export function checkSeries(
  drafts: readonly RowDraft[],
  inForce: readonly StoredFigure[],
  context: CheckContext,
  report: (row: number, finding: Omit<Finding, 'row'>) => void,
): CheckedFigure[] {
  const indicator = drafts[0]!.indicator;
  const months = monthsPerPeriod(indicator.frequency);
  const stored = new Map(inForce.map((figure) => [figure.period, figure]));
  const checked: CheckedFigure[] = [];
  const failed = new Set<number>();
  const byPeriod = new Map<Period, RowDraft>();

  for (const draft of drafts) {
    byPeriod.set(draft.period, draft);
    const current = stored.get(draft.period);
    const change = !current ? 'new' : sameFigure(draft, current) ? 'unchanged' : 'correction';
    let late = false;
    if (
      change !== 'unchanged' &&
      periodState(draft.period, context.today, indicator.dueDay, context.graceDays) === 'late'
    ) {
      const closed = periodClosesOn(draft.period, indicator.dueDay, context.graceDays);
      if (draft.note === '') {
        report(draft.row, error('note', 'late_without_reason', { period: draft.period, closed }));
        failed.add(draft.row);
      } else {
        report(draft.row, warning('period', 'late', { period: draft.period, closed }));
        late = true;
      }
    }
    // A period the bureau approved is locked: a change reopens it for approval, and says why.
    const approved =
      change === 'unchanged'
        ? null
        : (context.lockedSince?.(indicator.plan.code, draft.period) ?? null);
    if (approved !== null) {
      if (draft.note === '') {
        report(
          draft.row,
          error('note', 'locked_without_reason', { period: draft.period, approved }),
        );
        failed.add(draft.row);
      } else {
        report(draft.row, warning('note', 'reopens_approved', { period: draft.period, approved }));
      }
    }
    checked.push({ ...draft, indicator: indicator.code, late, change });
  }

  // The series as it would stand: the figures in force with the batch's rows over them.
  const merged: Revision[] = [...inForce.filter((f) => !byPeriod.has(f.period))];
  for (const draft of drafts) {
    merged.push({
      period: draft.period,
      value: draft.value,
      valueType: draft.valueType,
      recordedAt: BATCH,
      sequence: draft.row,
    });
  }
  const points = deriveSeries(merged, months);
  const pointOf = new Map(points.map((p) => [p.period, p]));

  if (indicator.kind === 'cumulative') {
    // Year to date never falls within a year, unless a correction says why.
    for (const point of points) {
      const firstOfYear = Number(point.period.slice(5, 7)) <= months;
      if (firstOfYear || point.cumulative === null) continue;
      const previous = pointOf.get(previousPeriod(point.period, months));
      if (!previous || previous.cumulative === null || point.cumulative >= previous.cumulative)
        continue;
      const draft = byPeriod.get(point.period) ?? byPeriod.get(previous.period);
      if (!draft) continue;
      const values = {
        cumulative: shown(point.cumulative),
        previous: previous.period,
        previousValue: shown(previous.cumulative),
      };
      if (draft.note === '') {
        report(draft.row, error('value', 'ytd_decrease', values));
        failed.add(draft.row);
      } else {
        report(
          draft.row,
          warning('value', 'ytd_decrease_corrected', { ...values, note: draft.note }),
        );
      }
    }
  }

  // 万 slips and outliers, on the increments of a count or the values of a level.
  const increments = indicator.kind === 'cumulative';
  const seriesValues = points
    .map((p) => ({ period: p.period, x: increments ? p.increment : p.reported.value }))
    .filter((p): p is { period: Period; x: number } => p.x !== null);
  // Computed once per series: a batch may carry ten years of one series.
  const indexOf = new Map(seriesValues.map((p, i) => [p.period, i]));
  const scores =
    increments && seriesValues.length >= 6 ? modifiedZScores(seriesValues.map((p) => p.x)) : [];
  const seriesMedian = seriesValues.length > 0 ? median(seriesValues.map((p) => p.x)) : 0;
  const nonZero = seriesValues.filter((p) => p.x !== 0);
  const typicalOfAll = nonZero.length > 0 ? median(nonZero.map((p) => Math.abs(p.x))) : null;
  for (const draft of drafts) {
    if (failed.has(draft.row)) continue;
    const index = indexOf.get(draft.period);
    const own = index === undefined ? undefined : seriesValues[index];
    // The typical figure of the rest of the series: in a long series one value hardly moves the
    // median, so it is left in; in a short one it is taken out.
    const others = nonZero.filter((p) => p.period !== draft.period);
    let typical =
      others.length < 2
        ? null
        : others.length >= 24
          ? typicalOfAll
          : median(others.map((p) => Math.abs(p.x)));
    // The figure compared is the one typed: an increment with increments, a year-to-date total with
    // the total before it, a level with the levels.
    const typed = draft.value;
    if (draft.valueType === 'cumulative') {
      const previous = pointOf.get(previousPeriod(draft.period, months));
      typical = previous?.cumulative ? previous.cumulative : null;
    }
    const likely = typical === null ? null : wanSlip(typed, typical);
    if (likely !== null) {
      report(
        draft.row,
        warning('value', 'wan_slip', {
          value: typed,
          typical: shown(typical!),
          likely: shown(likely),
        }),
      );
      continue;
    }
    const score = index === undefined ? undefined : scores[index];
    if (own && score !== undefined && Math.abs(score) > OUTLIER_THRESHOLD) {
      report(
        draft.row,
        warning('value', 'outlier', {
          increment: shown(own.x),
          score: Number(score.toFixed(1)),
          median: shown(seriesMedian),
        }),
      );
    }
  }
  return checked.filter((figure) => !failed.has(figure.row));
}
