import type { LocationQuery } from 'vue-router';
import type { EChartsCoreOption } from 'echarts/core';
import {
  APPROVAL_STATES,
  PERIOD_PATTERN,
  REPORTING_KINDS,
  REPORTING_STATUSES,
  type ApprovalState,
  type ReportingHistory,
  type ReportingKind,
  type ReportingMessageItem,
  type ReportingRates,
  type ReportingStatus,
  type ReportingStatusReport,
  type ReportingStatusRow,
} from '@zhibiao/contracts';
import { periodOf, previousPeriod } from '@zhibiao/core';

// The reporting cycle's pages, their pure parts: the board's filters as the URL keeps them, the grid
// of a unit's expected reports, rates as percentages, and the chart of a unit's year.

export const BOARD_TABS = ['status', 'approval', 'reminders'] as const;
export type BoardTab = (typeof BOARD_TABS)[number];

/** What the board shows: plan, month, filters (null: not filtered), tab and approval state. */
export interface BoardFilters {
  plan: string | null;
  period: string | null;
  region: string | null;
  department: string | null;
  kind: ReportingKind | null;
  status: ReportingStatus | null;
  tab: BoardTab | null;
  /** The approval queue's state; null: pending (its default). */
  state: ApprovalState | 'all' | null;
}

export const NO_BOARD_FILTERS: BoardFilters = {
  plan: null,
  period: null,
  region: null,
  department: null,
  kind: null,
  status: null,
  tab: null,
  state: null,
};

const one = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | null => {
  const text = one(value);
  return text !== null && (values as readonly string[]).includes(text) ? (text as T) : null;
};

/** The board's filters from the URL's query; what is malformed there is ignored. */
export function boardFiltersFromQuery(query: LocationQuery): BoardFilters {
  const period = one(query.period);
  const region = one(query.region);
  return {
    plan: one(query.plan),
    period: period && PERIOD_PATTERN.test(period) ? period : null,
    region: region && /^\d{6}$/.test(region) ? region : null,
    department: one(query.department),
    kind: oneOf(REPORTING_KINDS, query.kind),
    status: oneOf(REPORTING_STATUSES, query.status),
    tab: oneOf(BOARD_TABS, query.tab),
    state: oneOf([...APPROVAL_STATES, 'all'] as const, query.state),
  };
}

/** The URL's query for `filters`: only what is set (the default tab and state are left out). */
export function queryFromBoardFilters(filters: BoardFilters): Record<string, string> {
  const shown: BoardFilters = {
    ...filters,
    tab: filters.tab === 'status' ? null : filters.tab,
    state: filters.state === 'pending' ? null : filters.state,
  };
  return Object.fromEntries(
    Object.entries(shown).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

/** The period the board and the calendar open on: the last month that has ended. */
export function lastEndedPeriod(today: string): string {
  return previousPeriod(periodOf(today));
}

/** A rate (0–1) as a whole percentage, `—` when nothing is expected. */
export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** One unit's row of the board's grid: its rates and its expected reports, in the API's order. */
export interface UnitRow {
  department: { code: string; name: string };
  rates: ReportingRates;
  items: ReportingStatusRow[];
  /** It still owes something a reminder would list: missing, due or returned reports. */
  owes: boolean;
}

const OWED: readonly ReportingStatus[] = ['missing', 'due', 'returned'];

/** The grid of the board: one row per unit, least complete first, each with its expected items. */
export function unitRows(report: Pick<ReportingStatusReport, 'byDepartment' | 'rows'>): UnitRow[] {
  const items = new Map<string, ReportingStatusRow[]>();
  for (const row of report.rows) {
    const list = items.get(row.department.code) ?? [];
    list.push(row);
    items.set(row.department.code, list);
  }
  return report.byDepartment
    .map(({ department, rates }) => {
      const mine = items.get(department.code) ?? [];
      return { department, rates, items: mine, owes: mine.some((r) => OWED.includes(r.status)) };
    })
    .filter((unit) => unit.items.length > 0 || unit.rates.expected > 0)
    .sort((a, b) => rank(a.rates.completeness) - rank(b.rates.completeness));
}

// The units that owe most come first; nothing expected last. The sort is stable: ties keep the
// API's order.
const rank = (rate: number | null) => rate ?? 2;

/** What an expected report is about: `指标 · 城市` for figures, the measure for a report. */
export function itemLabel(row: Pick<ReportingStatusRow, 'indicator' | 'measure' | 'region'>) {
  if (row.measure) return row.measure.name;
  const indicator = row.indicator?.name ?? '';
  return row.region ? `${indicator} · ${row.region.name}` : indicator;
}

/** What a reminder listed, one line per item. */
export function messageItemLabel(item: ReportingMessageItem): string {
  if (item.source) return item.source.name;
  if (item.measure) return item.measure.name;
  const indicator = item.indicator?.name ?? '';
  return item.region ? `${indicator} · ${item.region.name}` : indicator;
}

/** A glyph per status, drawn in the grid's cells so that a status is not told by colour alone. */
export const STATUS_GLYPHS: Record<ReportingStatus, string> = {
  submitted: '✓',
  late: '!',
  missing: '✕',
  due: '…',
  returned: '↩',
};

/** Element Plus tag types per status, and the grid's colours (the same hues). */
export const STATUS_TAG_TYPES: Record<ReportingStatus, 'success' | 'warning' | 'danger' | 'info'> =
  {
    submitted: 'success',
    late: 'warning',
    missing: 'danger',
    due: 'info',
    returned: 'danger',
  };

export const STATUS_COLOURS: Record<ReportingStatus, string> = {
  submitted: '#67c23a',
  late: '#e6a23c',
  missing: '#f56c6c',
  due: '#c0c4cc',
  returned: '#a262d1',
};

export const APPROVAL_TAG_TYPES: Record<ApprovalState, 'success' | 'warning' | 'danger' | 'info'> =
  {
    not_submitted: 'info',
    pending: 'warning',
    approved: 'success',
    returned: 'danger',
  };

/** The two periods a unit's calendar shows: the last ended month and the one before it. */
export function calendarPeriods(today: string): [string, string] {
  const current = lastEndedPeriod(today);
  return [current, previousPeriod(current)];
}

export interface HistoryLabels {
  completeness: string;
  timeliness: string;
}

/**
 * A unit's year as bars: completeness and timeliness by month, in percent. Months without anything
 * expected have no bar (null), not a zero.
 */
export function historyChartOption(
  history: Pick<ReportingHistory, 'months'>,
  labels: HistoryLabels,
  compact: boolean,
): EChartsCoreOption {
  const pct = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: [labels.completeness, labels.timeliness] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: percentOf },
    xAxis: {
      type: 'category',
      data: history.months.map((m) => (compact ? m.period.slice(5) : m.period)),
      axisTick: { show: false },
    },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [
      {
        id: 'completeness',
        name: labels.completeness,
        type: 'bar',
        data: history.months.map((m) => pct(m.rates.completeness)),
        itemStyle: { color: '#409eff' },
      },
      {
        id: 'timeliness',
        name: labels.timeliness,
        type: 'bar',
        data: history.months.map((m) => pct(m.rates.timeliness)),
        itemStyle: { color: '#67c23a' },
      },
    ],
  };
}

function percentOf(value: unknown): string {
  return typeof value === 'number' ? `${value}%` : '—';
}

/** A unit's expected reports of one subject (an indicator's regions, or a measure) for a period. */
export interface SubjectGroup {
  key: string;
  kind: ReportingKind;
  code: string;
  name: string;
  due: string;
  closesOn: string;
  /** The approval state of the unit's figures, when the period is under approval. */
  approval: ApprovalState | null;
  rows: ReportingStatusRow[];
}

/** The rows of a unit's period grouped by indicator or measure, in the API's order. */
export function groupBySubject(rows: readonly ReportingStatusRow[]): SubjectGroup[] {
  const groups = new Map<string, SubjectGroup>();
  for (const row of rows) {
    const subject = row.indicator ?? row.measure;
    const code = subject?.code ?? '';
    const key = `${row.plan}|${row.kind}|${code}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        kind: row.kind,
        code,
        name: subject?.name ?? '',
        due: row.due,
        closesOn: row.closesOn,
        approval: null,
        rows: [],
      };
      groups.set(key, group);
    }
    group.rows.push(row);
    group.approval ??= row.approval;
  }
  return [...groups.values()];
}
