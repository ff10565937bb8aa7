import { isCountUnit, periodEnd } from '@zhibiao/core';
import { escapeHtml, formatAxisValue, tooltipQuantity, valueAxisRange } from './axis.js';
import type { EChartsCoreOption } from 'echarts/core';

export interface ProgressChartPoint {
  /** 'YYYY-MM'. */
  period: string;
  /** The year-to-date total for counts (kind 'cumulative'), the level for rates. */
  value: number | null;
  /** The month's own increment (counts only; null for rates or when unknown). */
  increment: number | null;
  /**
   * A province figure summed from the cities before all of them reported: how many are in. Drawn
   * apart (a hollow grey mark), never as the figure, nor joined by the projection.
   */
  partial?: { reported: number; expected: number } | null;
}

export interface ProgressChartLabels {
  actual: string;
  plan: string;
  target: string;
  projection: string;
  band: string;
  increments: string;
  /** The legend name of partial sums ("cities still reporting"). */
  partial: string;
  /** "{reported}/{expected} cities reported" in the tooltip; `{reported}` and `{expected}` filled in. */
  partialCount: string;
}

export interface ProgressChartInput {
  kind: 'cumulative' | 'level' | 'ratio';
  /** '个', '%', '亿元' … */
  unit: string;
  /** 'YYYY-MM-DD', the first day of the plan. */
  planStart: string;
  /** 'YYYY-MM-DD'. */
  deadline: string;
  /** Where the straight plan line starts: value at date. null: no plan line unless `plan` is given. */
  baseline: { value: number; date: string } | null;
  /** The target value in force (null: no target for this region: no target line, no plan line). */
  target: number | null;
  /** A monthly plan (value expected by the end of each period). When given it replaces the straight line. */
  plan?: readonly { period: string; value: number }[];
  points: readonly ProgressChartPoint[];
  /** The projection from the month after the last figure to the deadline month, with its 80% band. */
  projection: {
    method: 'linear' | 'holt';
    path: readonly { period: string; value: number; low: number; high: number }[];
  } | null;
  labels: ProgressChartLabels;
  /** Narrow screen (phone): legend at the bottom, fewer axis labels, smaller grid margins. */
  compact?: boolean;
  /** Numbers on the axes and in the tooltip: 3.6万 in Chinese, 36k in English. Default zh-CN. */
  language?: 'zh-CN' | 'en';
}

const COLORS = {
  actual: '#1f5fbf',
  plan: '#8c8c8c',
  target: '#d93025',
  projection: '#e67e22',
  band: 'rgba(230, 126, 34, 0.18)',
  // The band's legend swatch and tooltip marker: the band's colour, opaque.
  bandSwatch: '#f6d2ae',
  increments: '#9fb5d1',
  partial: '#9aa0a6',
} as const;

const MONTH = /^(\d{4})-(\d{2})(?:-\d{2})?$/;
const DAY_MS = 86_400_000;

function monthIndex(value: string): number {
  const match = MONTH.exec(value);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) {
    throw new RangeError(`not a month (YYYY-MM) or date (YYYY-MM-DD): ${value}`);
  }
  return Number(match[1]) * 12 + month - 1;
}

/**
 * Every month from `start` through `end` inclusive, as 'YYYY-MM'; either bound may be a month or a
 * date ('YYYY-MM-DD', its month counts). Empty when `end` is before `start`.
 * @throws RangeError when a bound is neither.
 */
export function monthsFrom(start: string, end: string): string[] {
  const months: string[] = [];
  for (let i = monthIndex(start); i <= monthIndex(end); i += 1) {
    months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  }
  return months;
}

function days(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
}

/**
 * The straight plan line at the last day of each month: from the baseline at its date to the target
 * at the deadline, flat at the target after it; null for months that end before the baseline date
 * (the plan has not started). The same line libs/core measures pace against.
 */
export function planLine(
  months: readonly string[],
  baseline: { value: number; date: string },
  target: number,
  deadline: string,
): (number | null)[] {
  const span = days(baseline.date, deadline);
  return months.map((month) => {
    const end = periodEnd(month);
    if (end < baseline.date) return null;
    if (span <= 0) return target;
    const share = Math.min(1, Math.max(0, days(baseline.date, end) / span));
    return baseline.value + (target - baseline.value) * share;
  });
}

/** The few fields of ECharts' tooltip parameters the formatter reads. */
interface TooltipParam {
  seriesId?: string;
  seriesName?: string;
  dataIndex: number;
  value?: unknown;
  marker?: unknown;
}

/**
 * The ECharts option of a target's main chart, "will we make the year-end target?": the figures, the
 * plan they should follow, the target, and the projection to the deadline with its 80% band; for counts
 * the monthly increments as bars in a second grid below. Series ids: actual, plan, target, projection,
 * band-base, band, increments.
 */
export function progressChartOption(input: ProgressChartInput): EChartsCoreOption {
  const { labels, unit } = input;
  const compact = input.compact ?? false;
  const cumulative = input.kind === 'cumulative';
  const points = [...input.points].sort((a, b) => a.period.localeCompare(b.period));
  const firstPeriod = points[0]?.period;
  const start =
    firstPeriod !== undefined && monthIndex(firstPeriod) < monthIndex(input.planStart)
      ? firstPeriod
      : input.planStart;
  const months = monthsFrom(start, input.deadline);
  const at = new Map(months.map((month, index) => [month, index]));
  const byPeriod = new Map(points.map((p) => [p.period, p]));

  const complete = (m: string) => !byPeriod.get(m)?.partial;
  const actual = months.map((m) => (complete(m) ? (byPeriod.get(m)?.value ?? null) : null));
  const increments = months.map((m) => (complete(m) ? (byPeriod.get(m)?.increment ?? null) : null));
  // A sum of the cities that have reported so far: shown for what it is, not as the figure.
  const partial = months.map((m) => (complete(m) ? null : (byPeriod.get(m)?.value ?? null)));
  const hasPartial = partial.some((v) => v !== null);

  const target = input.target;
  let plan: (number | null)[] | null = null;
  if (target !== null && input.plan) {
    const planned = new Map(input.plan.map((p) => [p.period, p.value]));
    plan = months.map((m) => planned.get(m) ?? null);
  } else if (target !== null && input.baseline) {
    plan = planLine(months, input.baseline, target, input.deadline);
  }

  // The projection, and its band, start at the last figure so the dotted line continues the solid one.
  const join = actual.findLastIndex((v) => v !== null);
  const joinValue = join >= 0 ? actual[join] : null;
  const path = input.projection?.path ?? [];
  let projection: {
    value: (number | null)[];
    low: (number | null)[];
    high: (number | null)[];
  } | null = null;
  if (path.length > 0) {
    const value: (number | null)[] = months.map(() => null);
    const low: (number | null)[] = months.map(() => null);
    const high: (number | null)[] = months.map(() => null);
    for (const step of path) {
      const i = at.get(step.period);
      if (i === undefined || i <= join) continue;
      value[i] = step.value;
      low[i] = step.low;
      high[i] = step.high;
    }
    if (joinValue !== null && joinValue !== undefined) {
      value[join] = joinValue;
      low[join] = joinValue;
      high[join] = joinValue;
    }
    projection = { value, low, high };
  }

  const range = valueAxisRange(
    [
      ...actual,
      ...partial,
      ...(plan ?? []),
      ...(target === null ? [] : [target]),
      ...(projection ? [...projection.value, ...projection.low, ...projection.high] : []),
    ].filter((v): v is number => v !== null && Number.isFinite(v)),
    cumulative,
    unit === '%',
    compact ? 4 : 5,
    isCountUnit(unit),
  );

  const mainAxes = { xAxisIndex: 0, yAxisIndex: 0 };
  const series: Record<string, unknown>[] = [];
  if (projection) {
    // Drawn first so every line lies over the band. stackStrategy 'all': a negative low must still
    // lift the band (the default stacks only values of the same sign).
    series.push(
      {
        id: 'band-base',
        name: 'band-base',
        type: 'line',
        ...mainAxes,
        stack: 'band',
        stackStrategy: 'all',
        data: projection.low,
        symbol: 'none',
        lineStyle: { opacity: 0 },
        silent: true,
        tooltip: { show: false },
      },
      {
        id: 'band',
        name: labels.band,
        type: 'line',
        ...mainAxes,
        stack: 'band',
        stackStrategy: 'all',
        data: projection.high.map((high, i) => {
          const low = projection.low[i];
          return high === null || low === null || low === undefined ? null : high - low;
        }),
        symbol: 'none',
        itemStyle: { color: COLORS.bandSwatch },
        lineStyle: { opacity: 0 },
        // Opacity 1: the colour's own alpha, not ECharts' default 0.7 of it.
        areaStyle: { color: COLORS.band, opacity: 1 },
      },
    );
  }
  if (target !== null) {
    series.push({
      id: 'target',
      name: labels.target,
      type: 'line',
      ...mainAxes,
      data: months.map(() => target),
      symbol: 'none',
      itemStyle: { color: COLORS.target },
      lineStyle: { color: COLORS.target, type: 'dashed', width: 1 },
    });
  }
  if (plan) {
    series.push({
      id: 'plan',
      name: labels.plan,
      type: 'line',
      ...mainAxes,
      data: plan,
      // A quarterly plan (values every third month) still reads as one line.
      connectNulls: true,
      symbol: 'none',
      itemStyle: { color: COLORS.plan },
      lineStyle: { color: COLORS.plan, type: 'dashed', width: 1.5 },
    });
  }
  if (projection) {
    series.push({
      id: 'projection',
      name: labels.projection,
      type: 'line',
      ...mainAxes,
      data: projection.value,
      connectNulls: false,
      showSymbol: false,
      itemStyle: { color: COLORS.projection },
      lineStyle: { color: COLORS.projection, type: 'dotted', width: 2 },
    });
  }
  series.push({
    id: 'actual',
    name: labels.actual,
    type: 'line',
    ...mainAxes,
    data: actual,
    connectNulls: false,
    showSymbol: true,
    symbol: 'circle',
    symbolSize: 6,
    itemStyle: { color: COLORS.actual },
    lineStyle: { color: COLORS.actual, type: 'solid', width: 2 },
  });
  if (hasPartial) {
    series.push({
      id: 'partial',
      name: labels.partial,
      type: 'scatter',
      ...mainAxes,
      data: partial,
      symbol: 'emptyCircle',
      symbolSize: 9,
      itemStyle: { color: COLORS.partial, borderType: 'dashed' },
    });
  }
  if (cumulative) {
    series.push({
      id: 'increments',
      name: labels.increments,
      type: 'bar',
      xAxisIndex: 1,
      yAxisIndex: 1,
      data: increments,
      barMaxWidth: 24,
      itemStyle: { color: COLORS.increments },
    });
  }

  const present = new Set(series.map((s) => s.id));
  const legend = (
    ['actual', 'partial', 'plan', 'target', 'projection', 'band', 'increments'] as const
  )
    .filter((id) => present.has(id))
    .map((id) => labels[id]);

  // Fixed side margins, the same for both grids, keep each month's bar under its point.
  const side = compact ? { left: 44, right: 12 } : { left: 56, right: 24 };
  const top = compact ? 16 : 40;
  const bottom = compact ? 52 : 28;
  const grid = cumulative
    ? [
        { ...side, top, bottom: compact ? '34%' : '32%' },
        { ...side, top: compact ? '70%' : '74%', bottom },
      ]
    : [{ ...side, top, bottom }];

  const axisLabel = {
    // About six labels on a phone.
    interval: compact ? Math.max(0, Math.ceil(months.length / 6) - 1) : 'auto',
    hideOverlap: true,
  };
  const xAxis = cumulative
    ? [
        // The increments below carry the month labels for both grids.
        { type: 'category', gridIndex: 0, data: months, axisLabel: { show: false } },
        { type: 'category', gridIndex: 1, data: months, axisLabel },
      ]
    : [{ type: 'category', gridIndex: 0, data: months, axisLabel }];
  const language = input.language ?? 'zh-CN';
  const valueLabel = { formatter: (value: number) => formatAxisValue(value, unit, language) };
  const mainY = {
    type: 'value',
    gridIndex: 0,
    scale: !cumulative,
    ...(range ?? (cumulative ? { min: 0 } : {})),
    axisLabel: valueLabel,
  };
  const yAxis = cumulative
    ? [
        mainY,
        {
          type: 'value',
          gridIndex: 1,
          splitNumber: 2,
          ...(isCountUnit(unit) ? { minInterval: 1 } : {}),
          axisLabel: valueLabel,
        },
      ]
    : [mainY];

  const quantity = (value: number) => tooltipQuantity(value, unit, language);
  const formatter = (params: TooltipParam | TooltipParam[]): string => {
    const list = Array.isArray(params) ? params : [params];
    const index = list[0]?.dataIndex;
    if (index === undefined) return '';
    const lines = [escapeHtml(months[index] ?? '')];
    for (const p of list) {
      if (p.seriesId === 'band-base' || typeof p.value !== 'number') continue;
      // At the join the projection repeats the last figure: nothing new to say.
      if ((p.seriesId === 'projection' || p.seriesId === 'band') && index === join) continue;
      const marker = typeof p.marker === 'string' ? p.marker : '';
      const name = escapeHtml(p.seriesName ?? '');
      const low = projection?.low[index];
      const high = projection?.high[index];
      const counted = byPeriod.get(months[index] ?? '')?.partial;
      const text =
        p.seriesId === 'band' && typeof low === 'number' && typeof high === 'number'
          ? `${quantity(low)} – ${quantity(high)}`
          : p.seriesId === 'partial' && counted
            ? `${quantity(p.value)}（${escapeHtml(
                labels.partialCount
                  .replace('{reported}', String(counted.reported))
                  .replace('{expected}', String(counted.expected)),
              )}）`
            : quantity(p.value);
      lines.push(`${marker}${name}: ${text}`);
    }
    return lines.join('<br/>');
  };

  return {
    animation: false,
    color: [COLORS.actual, COLORS.plan, COLORS.target, COLORS.projection, COLORS.increments],
    legend: compact
      ? { type: 'scroll', bottom: 0, left: 'center', itemWidth: 16, itemGap: 8, data: legend }
      : { top: 0, left: 0, data: legend },
    tooltip: { trigger: 'axis', formatter },
    // One pointer across both grids: hovering a month shows its figure and its increment.
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    grid,
    xAxis,
    yAxis,
    series,
  };
}
