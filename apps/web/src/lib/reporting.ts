import {
  findingMessage,
  type FindingOut,
  type Language,
  type MeasurementItem,
  type ReportingRow,
  type SubmissionReport,
} from '@zhibiao/contracts';
import { isWholeCount, parseNumberCell, previousPeriod, type FigureColumn } from '@zhibiao/core';

export type ValueType = 'increment' | 'cumulative' | 'level';
export type Severity = FindingOut['severity'];

/**
 * What the entry form holds for one row of the sheet: the numbers as typed (read as uploads read
 * them: 4.8万, full-width digits, thousands separators), the value type and the note.
 */
export interface Draft {
  value: string;
  valueType: ValueType;
  numerator: string;
  denominator: string;
  note: string;
}

/** One figure: what the revisions dialog shows the history of. */
export interface FigureRef {
  indicator: string;
  indicatorName: string;
  region: string;
  regionName: string;
  period: string;
  unit: string;
}

/** One row of the sheet: an indicator, a region and a period. */
export const rowKey = (row: Pick<ReportingRow, 'indicator' | 'region' | 'period'>): string =>
  `${row.indicator}|${row.region}|${row.period}`;

/**
 * Whether the row takes a numerator and a denominator: every ratio does (the province adds them
 * up as Σnumerator/Σdenominator); the indicator's labels, where it has them, name the two.
 */
export const hasRatioInputs = (row: ReportingRow): boolean => row.kind === 'ratio';

const textOf = (value: number | null | undefined): string =>
  value === null || value === undefined ? '' : String(value);

/** The form's starting state for a row: its current figure, or empty. */
export function draftOf(row: ReportingRow): Draft {
  const current = row.current;
  return {
    value: textOf(current?.value),
    // Counts default to the month's increment; rates and levels are always levels.
    valueType: row.kind === 'cumulative' ? (current?.valueType ?? 'increment') : 'level',
    numerator: textOf(current?.numerator),
    denominator: textOf(current?.denominator),
    note: '',
  };
}

const NUMBER_PARTS = ['value', 'numerator', 'denominator'] as const;
type NumberPart = (typeof NUMBER_PARTS)[number];

/** What the typed text says about a row's numbers, in the words a check of the API would use. */
export interface TypedFinding {
  column: FigureColumn;
  code: FindingOut['code'];
  severity: Severity;
  values: Record<string, string | number>;
}

/**
 * The numbers of a draft as the API would read them from a file (libs/core parseNumberCell):
 * null for an empty input, undefined for text that is no number or a count that is not whole
 * (with its finding); a 万 read is said as a warning.
 */
export function readDraft(
  row: Pick<ReportingRow, 'unit'>,
  draft: Pick<Draft, NumberPart>,
): { numbers: Record<NumberPart, number | null | undefined>; findings: TypedFinding[] } {
  const findings: TypedFinding[] = [];
  const numbers = {} as Record<NumberPart, number | null | undefined>;
  for (const column of NUMBER_PARTS) {
    const parsed = parseNumberCell(draft[column], column, row.unit === '%');
    if (!parsed.ok) {
      findings.push({ ...parsed.finding, column });
      numbers[column] = undefined;
      continue;
    }
    if (parsed.finding) findings.push({ ...parsed.finding, column });
    const value = parsed.value;
    if (value !== null && !isWholeCount(value, row.unit)) {
      findings.push({
        column,
        code: 'fractional_count',
        severity: 'error',
        values: { value: Number(value.toFixed(4)), unit: row.unit },
      });
      numbers[column] = undefined;
      continue;
    }
    numbers[column] = value;
  }
  return { numbers, findings };
}

/** A draft's typed findings as the form shows them, in `language`. */
export function typedFindings(
  row: Pick<ReportingRow, 'unit'>,
  draft: Pick<Draft, NumberPart>,
  language: Language,
): FindingOut[] {
  return readDraft(row, draft).findings.map((f) => ({
    row: null,
    cell: null,
    ...f,
    message: findingMessage(f.code, language, f.values),
  }));
}

/** Whether what was typed into a row can be sent: no input holds text that is no number. */
export const isReadable = (row: Pick<ReportingRow, 'unit'>, draft: Draft): boolean =>
  readDraft(row, draft).findings.every((f) => f.severity !== 'error');

/** Nothing typed into the value, numerator or denominator: not reported this time. */
export const isBlank = (draft: Pick<Draft, NumberPart>): boolean =>
  NUMBER_PARTS.every((column) => draft[column].trim() === '');

/**
 * Whether the row has a figure to send: something typed where there was nothing, or a figure that
 * differs from the current one. A cleared row sends nothing (figures are corrected, not deleted);
 * a note alone changes nothing; text that is no number is a change (to be corrected before sending).
 */
export function isChanged(row: ReportingRow, draft: Draft): boolean {
  if (isBlank(draft)) return false;
  const current = row.current;
  if (!current) return true;
  const { numbers } = readDraft(row, draft);
  return (
    numbers.value !== current.value ||
    draft.valueType !== current.valueType ||
    (hasRatioInputs(row) &&
      (numbers.numerator !== current.numerator || numbers.denominator !== current.denominator))
  );
}

/**
 * Rows left blank this time: open (or late) rows without a figure in force where nothing was
 * typed. They are not sent: the form says how many.
 */
export function blankRows(
  rows: readonly ReportingRow[],
  drafts: Readonly<Record<string, Draft>>,
): number {
  return rows.filter((row) => {
    if (row.state === 'future' || row.current) return false;
    const draft = drafts[rowKey(row)];
    return !draft || isBlank(draft);
  }).length;
}

/** The row as the API takes it: the numbers as read from what was typed (see readDraft). */
export function itemOf(row: ReportingRow, draft: Draft): MeasurementItem {
  const { numbers } = readDraft(row, draft);
  const numerator = numbers.numerator ?? null;
  const denominator = numbers.denominator ?? null;
  const ratio =
    hasRatioInputs(row) && (numerator !== null || denominator !== null)
      ? { numerator, denominator }
      : {};
  const note = draft.note.trim();
  return {
    indicator: row.indicator,
    region: row.region,
    period: row.period,
    value: numbers.value ?? null,
    valueType: row.kind === 'cumulative' ? draft.valueType : 'level',
    ...ratio,
    ...(note ? { note } : {}),
  };
}

/** The changed rows as items, and the row key of each item (the API numbers items from 1). */
export function changedItems(
  rows: readonly ReportingRow[],
  drafts: Readonly<Record<string, Draft>>,
): { items: MeasurementItem[]; keys: string[] } {
  const items: MeasurementItem[] = [];
  const keys: string[] = [];
  for (const row of rows) {
    const key = rowKey(row);
    const draft = drafts[key];
    if (!draft || !isChanged(row, draft)) continue;
    items.push(itemOf(row, draft));
    keys.push(key);
  }
  return { items, keys };
}

/** Findings by row and column (`''`: the row as a whole), and those that name no row. */
export interface PlacedFindings {
  rows: Record<string, Record<string, FindingOut[]>>;
  general: FindingOut[];
}

/** Every finding of a report, errors first. */
export const findingsOf = (report: Pick<SubmissionReport, 'errors' | 'warnings'>): FindingOut[] => [
  ...report.errors,
  ...report.warnings,
];

/**
 * Puts findings where the grid shows them: `keyOf` turns a finding's row number into the grid's row
 * key (undefined: the grid has no such row, so the finding goes with the general ones).
 */
export function placeFindings(
  findings: readonly FindingOut[],
  keyOf: (row: number) => string | undefined,
): PlacedFindings {
  const placed: PlacedFindings = { rows: {}, general: [] };
  for (const finding of findings) {
    const key = finding.row === null ? undefined : keyOf(finding.row);
    if (key === undefined) {
      placed.general.push(finding);
      continue;
    }
    const columns = (placed.rows[key] ??= {});
    (columns[finding.column ?? ''] ??= []).push(finding);
  }
  return placed;
}

/** The worst severity among findings: an error outweighs any warning. */
export function severityOf(findings: readonly FindingOut[] | undefined): Severity | null {
  if (!findings || findings.length === 0) return null;
  return findings.some((f) => f.severity === 'error') ? 'error' : 'warning';
}

/** Findings in reading order: by row (file-level ones first), then as reported. */
export function sortFindings(findings: readonly FindingOut[]): FindingOut[] {
  return findings
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => (a.finding.row ?? 0) - (b.finding.row ?? 0) || a.index - b.index)
    .map(({ finding }) => finding);
}

/** A file's findings that name no cell: about the file, a row as a whole, or no row. */
export const isFileLevel = (finding: FindingOut): boolean =>
  finding.row === null || finding.column === null;

/**
 * How many errors and warnings a report had, and how many of them it does not list: the API lists
 * the first findings of each code and counts them all (`findingCounts`).
 */
export function findingTotals(
  report: Pick<SubmissionReport, 'errors' | 'warnings' | 'findingCounts'>,
): { errors: number; warnings: number; unlisted: number } {
  const severity = new Map<string, Severity>();
  for (const finding of findingsOf(report)) severity.set(finding.code, finding.severity);
  let errors = 0;
  let warnings = 0;
  for (const [code, count] of Object.entries(report.findingCounts)) {
    if (severity.get(code) === 'warning') warnings += count;
    else errors += count;
  }
  errors = Math.max(errors, report.errors.length);
  warnings = Math.max(warnings, report.warnings.length);
  const listed = report.errors.length + report.warnings.length;
  return { errors, warnings, unlisted: errors + warnings - listed };
}

/** How a report reads at a glance: nothing wrong, only warnings, or errors. */
export function reportTone(
  report: Pick<SubmissionReport, 'errors' | 'warnings' | 'status'>,
): 'success' | 'warning' | 'error' {
  if (report.status === 'rejected' || report.status === 'invalid' || report.errors.length > 0) {
    return 'error';
  }
  return report.warnings.length > 0 ? 'warning' : 'success';
}

/**
 * What the year to date becomes with a count's draft: the previous cumulative plus an increment, or
 * the cumulative typed; `falls` when a cumulative is below the previous one (the API asks why).
 * January starts from nothing; another month without a previous cumulative has no figures to go on.
 */
export function yearToDate(
  row: Pick<ReportingRow, 'kind' | 'previousCumulative' | 'period'>,
  draft: { value: number | null; valueType: ValueType },
): { previous: number; resulting: number | null; falls: boolean } | null {
  if (row.kind !== 'cumulative') return null;
  const previous = row.previousCumulative ?? (row.period.endsWith('-01') ? 0 : null);
  if (previous === null) return null;
  if (draft.value === null) return { previous, resulting: null, falls: false };
  const resulting = draft.valueType === 'increment' ? previous + draft.value : draft.value;
  return { previous, resulting, falls: resulting < previous };
}

/**
 * Where to look first for a month to report: the month before `today`, kept inside the plans that
 * take figures (a demo of 2020 run today starts at 2020-12). The caller steps back from there while
 * every row of the sheet is still in the future.
 */
export function startingPeriod(
  today: string,
  plans: readonly { periodStart: string; periodEnd: string; status: string }[],
): string {
  const wanted = previousPeriod(today.slice(0, 7));
  const live = plans.filter((p) => p.status !== 'draft');
  if (live.length === 0) return wanted;
  const first = live.map((p) => p.periodStart.slice(0, 7)).reduce((a, b) => (a < b ? a : b));
  const last = live.map((p) => p.periodEnd.slice(0, 7)).reduce((a, b) => (a > b ? a : b));
  return wanted < first ? first : wanted > last ? last : wanted;
}

/**
 * Why an upload got no report: the file is over the API's size limit (413, with the limit when the
 * API names it), or any other failure with its message.
 */
export function uploadFailure(
  error: unknown,
): { kind: 'too_large'; limit: string } | { kind: 'other'; message: string } {
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 413) {
    const limit = (error as { details?: { limit?: unknown } }).details?.limit;
    return { kind: 'too_large', limit: typeof limit === 'string' ? limit : '' };
  }
  return { kind: 'other', message: error instanceof Error ? error.message : String(error) };
}
