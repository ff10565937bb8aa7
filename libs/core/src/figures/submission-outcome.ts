import type { IsoDate } from '../time/time.js';
import type { CheckContext, CheckedFigure, CheckResult } from './figure-check-context.js';
import type { FigureColumn, Finding, RawFigureRow } from './figure-rows.js';

// What a batch of figures comes to once its rows are checked: which rows are refused, what is
// stored, what a file sent again is said to change, and the batch's status. Decided here, stored by
// the API.

export type SubmissionOutcomeStatus =
  /** Dry runs: nothing stored either way. */
  'valid' | 'invalid' | 'applied' | 'partially_applied' | 'rejected';

export interface SubmissionInput {
  rows: readonly RawFigureRow[];
  /** The checks' result (libs/core checkFigures); undefined when the file could not be used at all. */
  checked: CheckResult | undefined;
  /** Findings of reading the file (columns, merged cells, formulas …). */
  fileFindings: readonly Finding[];
  /** Column positions of a file, whose row 1 is its header; absent for JSON items (from row 1). */
  columns?: Partial<Record<FigureColumn, number>> | undefined;
  dryRun: boolean;
  /** Store the valid rows of a batch with errors. */
  partial: boolean;
  /** The same file stored before: which submission, the day it was sent, the rows it refused. */
  earlier?: { submission: string; day: IsoDate; rejected: number } | undefined;
  /** The figures in force now: what a row of a file sent again changes back. */
  inForce: CheckContext['inForce'];
}

export interface SubmissionOutcome {
  status: SubmissionOutcomeStatus;
  /**
   * The same file again, changing nothing and refusing no more rows than before: the earlier answer
   * stands, with `sentAgain` said about this sending.
   */
  repeats: boolean;
  /** What is said about sending a file again (nothing for a first sending). */
  sentAgain: Finding[];
  /** Every finding in the report's order: the batch's, the file's, then by row; cells named (D5). */
  findings: (Finding & { cell: string | null })[];
  /** The figures to store: new or changed, from rows not refused. */
  toStore: CheckedFigure[];
  /** Rows stored (or, in a dry run, that would be), rows that repeat what is in force, rows refused. */
  accepted: number;
  unchanged: number;
  rejected: number;
  /** Rows left blank: not reported this time. */
  blank: number;
}

/** `A`, `B` … `Z`, `AA` …: the spreadsheet name of a 0-based column. */
export function columnLetter(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/**
 * What sending a file again changes, said before anything is stored: which earlier submission it
 * repeats and how many rows it changes, and on each row changed, the figure in force it replaces.
 */
function changesBack(
  earlier: { submission: string; day: IsoDate },
  toStore: readonly CheckedFigure[],
  inForce: CheckContext['inForce'],
): Finding[] {
  const findings: Finding[] = [
    {
      row: null,
      column: null,
      code: 'file_sent_before_changes',
      severity: 'warning',
      values: { submission: earlier.submission, day: earlier.day, rows: toStore.length },
    },
  ];
  for (const figure of toStore) {
    if (figure.change !== 'correction') continue;
    const current = inForce(figure.indicator, figure.region).find(
      (f) => f.period === figure.period,
    );
    if (!current) continue;
    findings.push({
      row: figure.row,
      column: 'value',
      code: 'changes_back',
      severity: 'warning',
      values: { current: current.value, value: figure.value },
    });
  }
  return findings;
}

/**
 * The outcome of a checked batch. A row is refused for any error on it, the reader's (a merged cell)
 * as well as the checks'; a cell the reader already faulted is not also reported as empty, nor its
 * row as left blank. Without errors everything passed is applied; with errors nothing is, unless
 * `partial` stores the rows that passed.
 */
export function submissionOutcome(input: SubmissionInput): SubmissionOutcome {
  const { checked, earlier } = input;
  const fatal = checked === undefined;
  // A file's row 1 is its header; JSON items start at 1.
  const firstRow = input.columns ? 2 : 1;
  const faulted = new Set(input.fileFindings.map((f) => `${f.row} ${f.column}`));
  const faultedRows = new Set(input.fileFindings.map((f) => f.row));
  const rowFindings = (checked?.findings ?? []).filter((f) =>
    f.code === 'required'
      ? !faulted.has(`${f.row} ${f.column}`)
      : f.code !== 'note_without_value' || !faultedRows.has(f.row),
  );
  const refused = new Set(
    [...input.fileFindings, ...rowFindings]
      .filter((f) => f.severity === 'error' && f.row !== null && f.row >= firstRow)
      .map((f) => f.row),
  );
  const passed = (checked?.figures ?? []).filter((f) => !refused.has(f.row));
  const toStore = passed.filter((f) => f.change !== 'unchanged');
  const unchanged = passed.length - toStore.length;
  // The same file again: nothing in it differs from the figures in force, and no more rows are
  // refused than when it was stored, so it changes nothing and the earlier answer stands.
  // Otherwise it is stored anew, saying which submission it repeats and what it changes back.
  const repeats =
    earlier !== undefined && !fatal && toStore.length === 0 && refused.size === earlier.rejected;
  const sentAgain: Finding[] = !earlier
    ? []
    : repeats
      ? [
          {
            row: null,
            column: null,
            code: 'file_sent_before_unchanged',
            severity: 'warning',
            values: { submission: earlier.submission, day: earlier.day },
          },
        ]
      : changesBack(earlier, toStore, input.inForce);
  const columns = input.columns;
  const findings = [
    ...sentAgain.filter((f) => f.row === null),
    ...input.fileFindings,
    ...[...rowFindings, ...sentAgain.filter((f) => f.row !== null)].sort(
      (a, b) => (a.row ?? 0) - (b.row ?? 0),
    ),
  ].map((f) => {
    const column = f.column === null ? undefined : columns?.[f.column as FigureColumn];
    return {
      ...f,
      cell: f.row !== null && column !== undefined ? `${columnLetter(column)}${f.row}` : null,
    };
  });
  const hasErrors = findings.some((f) => f.severity === 'error');
  const status: SubmissionOutcomeStatus = input.dryRun
    ? hasErrors
      ? 'invalid'
      : 'valid'
    : !hasErrors
      ? 'applied'
      : input.partial && toStore.length + unchanged > 0
        ? 'partially_applied'
        : 'rejected';
  const stores = status === 'applied' || status === 'partially_applied' || status === 'valid';
  return {
    status,
    repeats,
    sentAgain,
    findings,
    toStore,
    accepted: stores || (input.dryRun && input.partial) ? toStore.length : 0,
    unchanged: stores ? unchanged : 0,
    rejected: fatal ? input.rows.length : refused.size,
    // Rows left blank are not reported this time; one the reader faulted is refused instead.
    blank: (checked?.blankRows ?? []).filter((row) => !refused.has(row)).length,
  };
}
