import type { LocationQuery } from 'vue-router';
import type { z } from 'zod';
import {
  LEDGER_STATUSES,
  type Evidence,
  type EvidenceInSchema,
  type InboxItemSchema,
  type NoticeDetailSchema,
  PERIOD_PATTERN,
  type LedgerStatus,
  type Measure,
  type MeasureReport,
} from '@zhibiao/contracts';
import { isIsoDate, periodOf, previousPeriod } from '@zhibiao/core';

/** A piece of evidence as a report, completion or reply sends it. */
export type EvidenceIn = z.input<typeof EvidenceInSchema>;

/** A supervision notice (督办) with its history. */
export type NoticeDetail = z.infer<typeof NoticeDetailSchema>;
/** One of a notice's events: raised, replied, closed, reopened, overdue, escalated. */
export type NoticeEvent = NoticeDetail['events'][number];

/** An inbox item: an alert's event or a supervision notice's (督办), the other null. */
export type InboxEntry = z.infer<typeof InboxItemSchema>;

// The supervision pages' pure parts: the ledger's filters as the URL keeps them, a unit's measures, the
// latest revision of each report, report history by month.

/** What the ledger shows: the plan, month and day, and its filters (null: not filtered). */
export interface LedgerFilters {
  plan: string | null;
  period: string | null;
  asOf: string | null;
  department: string | null;
  section: string | null;
  status: LedgerStatus | null;
  city: string | null;
}

export const NO_LEDGER_FILTERS: LedgerFilters = {
  plan: null,
  period: null,
  asOf: null,
  department: null,
  section: null,
  status: null,
  city: null,
};

const one = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : null;

/** The ledger's filters from the URL's query; what is malformed there is ignored. */
export function ledgerFiltersFromQuery(query: LocationQuery): LedgerFilters {
  const period = one(query.period);
  const asOf = one(query.asOf);
  const status = one(query.status);
  const city = one(query.city);
  return {
    plan: one(query.plan),
    period: period && PERIOD_PATTERN.test(period) ? period : null,
    asOf: asOf && isIsoDate(asOf) ? asOf : null,
    department: one(query.department),
    section: one(query.section),
    status: (LEDGER_STATUSES as readonly string[]).includes(status ?? '')
      ? (status as LedgerStatus)
      : null,
    city: city && /^\d{6}$/.test(city) ? city : null,
  };
}

/** The URL's query for `filters`: only what is set. */
export function queryFromLedgerFilters(filters: LedgerFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== null),
  );
}

/** The month a unit reports by default: the one before today's. */
export function lastMonth(today: string): string {
  return previousPeriod(periodOf(today));
}

/** Codes of a measure's lead and support units. */
export function unitsOf(m: Pick<Measure, 'leadDepartments' | 'supportDepartments'>): string[] {
  return [...m.leadDepartments, ...m.supportDepartments].map((d) => d.code);
}

/** A measure a unit reports on, and its part in it. */
export interface UnitMeasure {
  measure: Measure;
  role: 'lead' | 'support';
}

/** The measures `department` leads or supports, in plan order, each with its part. */
export function measuresOfUnit(measures: readonly Measure[], department: string): UnitMeasure[] {
  return measures.flatMap((measure): UnitMeasure[] => {
    if (measure.leadDepartments.some((d) => d.code === department))
      return [{ measure, role: 'lead' }];
    if (measure.supportDepartments.some((d) => d.code === department))
      return [{ measure, role: 'support' }];
    return [];
  });
}

/** The latest revision of `department`'s report on each measure (by measure code). */
export function latestByMeasure(
  reports: readonly MeasureReport[],
  department: string,
): Map<string, MeasureReport> {
  const latest = new Map<string, MeasureReport>();
  for (const report of reports) {
    if (report.department.code !== department) continue;
    const known = latest.get(report.measure);
    if (!known || report.revision > known.revision) latest.set(report.measure, report);
  }
  return latest;
}

/**
 * A unit's latest reports of a month as loaded, merged with what the page already holds for the same
 * month: a report saved while the load was on its way is newer than the load's answer and stays.
 */
export function newerReports(
  held: ReadonlyMap<string, MeasureReport>,
  loaded: ReadonlyMap<string, MeasureReport>,
): Map<string, MeasureReport> {
  const merged = new Map(loaded);
  for (const [measure, report] of held) {
    const fresh = merged.get(measure);
    if (!fresh || report.revision > fresh.revision) merged.set(measure, report);
  }
  return merged;
}

/** Reports grouped by month, newest month first; in a month, the newest revision first. */
export function reportsByMonth(
  reports: readonly MeasureReport[],
): { period: string; reports: MeasureReport[] }[] {
  const months = new Map<string, MeasureReport[]>();
  for (const report of reports) {
    const list = months.get(report.period) ?? [];
    list.push(report);
    months.set(report.period, list);
  }
  return [...months.entries()]
    .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
    .map(([period, list]) => ({
      period,
      reports: [...list].sort((a, b) =>
        a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0,
      ),
    }));
}

/** A piece of evidence being written: a link, or a file already uploaded (its name kept to show). */
export type EvidenceDraft =
  | { kind: 'link'; title: string; url: string }
  | { kind: 'file'; id: string; name: string; size: number };

/** What a report said as evidence, to start a new revision from. */
export function draftOf(evidence: Evidence): EvidenceDraft {
  return evidence.kind === 'link'
    ? { kind: 'link', title: evidence.title, url: evidence.url }
    : { kind: 'file', id: evidence.id, name: evidence.name, size: evidence.size };
}

/** The evidence as the API takes it: links trimmed, files by id. */
export function evidenceIn(drafts: readonly EvidenceDraft[]): EvidenceIn[] {
  return drafts.map((d) =>
    d.kind === 'link'
      ? { kind: 'link', title: d.title.trim(), url: d.url.trim() }
      : { kind: 'file', id: d.id },
  );
}
