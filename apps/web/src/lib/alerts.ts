import type { LocationQuery } from 'vue-router';
import {
  ALERT_STATUSES,
  REGION_CODE_PATTERN,
  type AlertCause,
  type AlertOut,
  type ValidationIssue,
} from '@zhibiao/contracts';
import {
  ALERT_RULE_KINDS,
  ALERT_SEVERITIES,
  type AlertRuleKind,
  type AlertSeverity,
} from '@zhibiao/core';

// The alert centre's filters live in the URL, so that a filtered list can be shared and reloaded.

export const ALERT_STATUS_FILTERS = ['open', ...ALERT_STATUSES, 'all'] as const;
export type AlertStatusFilter = (typeof ALERT_STATUS_FILTERS)[number];

export interface AlertFilters {
  /** `open` (firing or acknowledged) unless the URL says otherwise. */
  status: AlertStatusFilter;
  severity: AlertSeverity | null;
  rule: AlertRuleKind | null;
  indicator: string | null;
  region: string | null;
  department: string | null;
}

export const NO_ALERT_FILTERS: AlertFilters = {
  status: 'open',
  severity: null,
  rule: null,
  indicator: null,
  region: null,
  department: null,
};

const one = (value: LocationQuery[string] | undefined): string | null =>
  typeof value === 'string' && value !== '' ? value : null;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | null {
  return value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;
}

/** The filters a URL's query asks for; what it spells wrong is ignored. */
export function alertFiltersFromQuery(query: LocationQuery): AlertFilters {
  const region = one(query.region);
  return {
    status: oneOf(ALERT_STATUS_FILTERS, one(query.status)) ?? 'open',
    severity: oneOf(ALERT_SEVERITIES, one(query.severity)),
    rule: oneOf(ALERT_RULE_KINDS, one(query.rule)),
    indicator: one(query.indicator),
    region: region !== null && REGION_CODE_PATTERN.test(region) ? region : null,
    department: one(query.department),
  };
}

/** The URL query of `filters`: the default status and empty filters are left out. */
export function queryFromAlertFilters(filters: AlertFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (filters.status !== 'open') query.status = filters.status;
  for (const key of ['severity', 'rule', 'indicator', 'region', 'department'] as const) {
    const value = filters[key];
    if (value) query[key] = value;
  }
  return query;
}

/** What GET /alerts is asked for `filters` (`all` is no status filter). */
export function alertListQuery(filters: AlertFilters) {
  return {
    ...(filters.status === 'all' ? {} : { status: filters.status }),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.rule ? { rule: filters.rule } : {}),
    ...(filters.indicator ? { indicator: filters.indicator } : {}),
    ...(filters.region ? { region: filters.region } : {}),
    ...(filters.department ? { department: filters.department } : {}),
  };
}

/** How a value of an alert's condition reads. */
/** points: percentage points ahead of (+) or behind (−) the plan curve. */
export type AlertValueKind = 'share' | 'quantity' | 'points' | 'number' | 'text';

// The numbers in the indicator's unit; shares are fractions shown as percentages.
const QUANTITIES = new Set([
  'projection',
  'low',
  'high',
  'target',
  'shortfall',
  'actual',
  'expected',
  'gap',
  'change',
]);
const SHARES = new Set(['probability', 'paceRatio']);
// The rules whose threshold is a share (the others count periods, days or a z-score).
const SHARE_THRESHOLDS: readonly AlertRuleKind[] = ['projection_shortfall', 'behind_pace'];

/** Whether `key` of a `rule`'s values is a share, a quantity in the indicator's unit, or plain. */
export function alertValueKind(rule: AlertRuleKind, key: string, value: unknown): AlertValueKind {
  if (typeof value !== 'number') return 'text';
  if (SHARES.has(key) || (key === 'threshold' && SHARE_THRESHOLDS.includes(rule))) return 'share';
  if (QUANTITIES.has(key)) return 'quantity';
  if (key === 'schedulePoints') return 'points';
  return 'number';
}

// The order a reader wants: the verdict first, then what it is measured against.
const VALUE_ORDER = [
  'schedulePoints',
  'probability',
  'paceRatio',
  'threshold',
  'projection',
  'low',
  'high',
  'method',
  'target',
  'shortfall',
  'actual',
  'expected',
  'gap',
  'period',
  'periods',
  'from',
  'to',
  'change',
  'zScore',
  'ytdDecreases',
  'dueOn',
  'daysOverdue',
  'missing',
  'lastReported',
  'deadline',
  'daysLate',
];

/** An alert's values in reading order; keys not known here come last, as the API sent them. */
export function orderedAlertValues(values: AlertOut['values']): [string, number | string | null][] {
  const rank = (key: string) => {
    const index = VALUE_ORDER.indexOf(key);
    return index === -1 ? VALUE_ORDER.length : index;
  };
  return Object.entries(values)
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => rank(a.entry[0]) - rank(b.entry[0]) || a.index - b.index)
    .map(({ entry }) => entry);
}

/** A unit's answer to an alert or a 督办, as typed: cause, account, catch-up plan and date. */
export interface CatchUpDraft {
  cause: AlertCause | '';
  comment: string;
  plan: string;
  catchUpDate: string;
}

/** The fields of a catch-up answer left empty, each as the API would name it (`body.cause`). */
export function missingCatchUpFields(draft: CatchUpDraft, required: string): ValidationIssue[] {
  const missing = (field: keyof CatchUpDraft): ValidationIssue => ({
    path: `body.${field}`,
    code: 'required',
    message: required,
  });
  return [
    ...(draft.cause ? [] : [missing('cause')]),
    ...(draft.comment.trim() ? [] : [missing('comment')]),
    ...(draft.plan.trim() ? [] : [missing('plan')]),
    ...(draft.catchUpDate ? [] : [missing('catchUpDate')]),
  ];
}
