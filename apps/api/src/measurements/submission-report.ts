import {
  findingMessage,
  FINDINGS_PER_CODE,
  PREVIEW_ROWS,
  type FindingOut,
  type Language,
  type PreviewRow,
  type SubmissionReport,
  type SubmissionStatus,
} from '@zhibiao/contracts';
import type { Finding, RawFigureRow } from '@zhibiao/core';
import type { Submission } from './measurement.js';

// A submission's report: as stored (findings without messages, capped per code) and as answered, in
// the reader's language, with a dry run's preview of the rows.

/** The report as stored: findings without messages, which are rendered in each reader's language. */
export interface StoredReport {
  status: SubmissionStatus;
  accepted: number;
  unchanged: number;
  rejected: number;
  /** Rows left blank: not reported this time (absent from reports stored before it was counted). */
  blank?: number;
  /** The first FINDINGS_PER_CODE findings of each code… */
  findings: (Finding & { cell: string | null })[];
  /** …and how many there were. */
  counts: Record<string, number>;
}

/** Keeps the first FINDINGS_PER_CODE findings of each code, and counts them all. */
export function capFindings<F extends Finding>(
  all: readonly F[],
): { findings: F[]; counts: Record<string, number> } {
  const counts: Record<string, number> = {};
  const findings = all.filter((f) => {
    counts[f.code] = (counts[f.code] ?? 0) + 1;
    return counts[f.code]! <= FINDINGS_PER_CODE;
  });
  return { findings, counts };
}

export interface SubmitResult {
  httpStatus: 200 | 422;
  report: SubmissionReport;
}

export function renderReport(
  stored: StoredReport,
  submissionId: string | null,
  dryRun: boolean,
  replayed: boolean,
  language: Language,
): SubmissionReport {
  const render = (f: StoredReport['findings'][number]): FindingOut => ({
    row: f.row,
    column: f.column,
    cell: f.cell,
    code: f.code,
    severity: f.severity,
    message: findingMessage(f.code, language, f.values),
    values: f.values,
  });
  const listed = stored.findings;
  return {
    submissionId,
    status: stored.status,
    dryRun,
    replayed,
    accepted: stored.accepted,
    unchanged: stored.unchanged,
    rejected: stored.rejected,
    blank: stored.blank ?? 0,
    warnings: listed.filter((f) => f.severity === 'warning').map(render),
    errors: listed.filter((f) => f.severity === 'error').map(render),
    findingCounts: stored.counts,
  };
}

/** What a dry run shows of the rows: every row with a finding, and the first few others. */
export function previewRows(
  rows: readonly RawFigureRow[],
  findings: readonly Finding[],
): PreviewRow[] {
  const flagged = new Set(findings.map((f) => f.row));
  let others = 0;
  const preview: PreviewRow[] = [];
  for (const raw of rows) {
    if (!flagged.has(raw.row) && others++ >= PREVIEW_ROWS) continue;
    const cells: PreviewRow['cells'] = {};
    for (const [column, cell] of Object.entries(raw.cells)) {
      cells[column] = cell instanceof Date ? cell.toISOString().slice(0, 10) : (cell ?? null);
    }
    preview.push({ row: raw.row, cells });
  }
  return preview;
}

export function httpStatusOf(status: SubmissionStatus): 200 | 422 {
  return status === 'rejected' ? 422 : 200;
}

/** The report of a stored submission, in `language`. */
export function storedReport(
  row: Submission,
  language: Language,
  replayed = false,
): SubmissionReport {
  return renderReport(row.report as StoredReport, row.id, false, replayed, language);
}
