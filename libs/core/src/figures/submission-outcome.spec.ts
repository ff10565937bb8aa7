import { describe, expect, it } from 'vitest';
import type { CheckedFigure, CheckResult, StoredFigure } from './figure-check-context.js';
import type { Finding, RawFigureRow } from './figure-rows.js';
import { columnLetter, submissionOutcome, type SubmissionInput } from './submission-outcome.js';

function figure(row: number, change: CheckedFigure['change'], value = 100): CheckedFigure {
  return {
    row,
    indicator: 'I1',
    region: '370000',
    period: `2020-0${row}`,
    value,
    valueType: 'cumulative',
    numerator: null,
    denominator: null,
    note: '',
    late: false,
    change,
  };
}

function error(row: number, column = 'value'): Finding {
  return { row, column, code: 'not_a_number', severity: 'error', values: {} };
}

const rows = (n: number): RawFigureRow[] =>
  Array.from({ length: n }, (_, i) => ({ row: i + 2, cells: {} }));

function checked(overrides: Partial<CheckResult> = {}): CheckResult {
  return { figures: [], rejectedRows: [], blankRows: [], findings: [], ...overrides };
}

// A file (row 1 its header) with the value in column D.
function input(overrides: Partial<SubmissionInput> = {}): SubmissionInput {
  return {
    rows: rows(3),
    checked: checked(),
    fileFindings: [],
    columns: { indicator: 0, region: 1, period: 2, value: 3 },
    dryRun: false,
    partial: false,
    inForce: () => [],
    ...overrides,
  };
}

describe(columnLetter.name, () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 3, 25, 26, 27, 701, 702].map(columnLetter)).toEqual([
      'A',
      'D',
      'Z',
      'AA',
      'AB',
      'ZZ',
      'AAA',
    ]);
  });
});

describe(submissionOutcome.name, () => {
  it('applies a batch without errors, counting the rows that repeat what is in force', () => {
    const outcome = submissionOutcome(
      input({ checked: checked({ figures: [figure(2, 'new'), figure(3, 'unchanged')] }) }),
    );
    expect(outcome).toMatchObject({ status: 'applied', accepted: 1, unchanged: 1, rejected: 0 });
    expect(outcome.toStore.map((f) => f.row)).toEqual([2]);
  });

  it('rejects the whole batch for one error, or stores the rest when partial', () => {
    const result = checked({
      figures: [figure(2, 'new'), figure(4, 'new')],
      findings: [error(3)],
      rejectedRows: [3],
    });
    expect(submissionOutcome(input({ checked: result }))).toMatchObject({
      status: 'rejected',
      accepted: 0,
      unchanged: 0,
      rejected: 1,
    });
    expect(submissionOutcome(input({ checked: result, partial: true }))).toMatchObject({
      status: 'partially_applied',
      accepted: 2,
      rejected: 1,
    });
  });

  it('refuses a row for an error the reader found, names its cell and says it once', () => {
    const outcome = submissionOutcome(
      input({
        checked: checked({
          figures: [figure(2, 'new'), figure(3, 'new')],
          findings: [{ row: 3, column: 'value', code: 'required', severity: 'error', values: {} }],
          blankRows: [3],
        }),
        fileFindings: [
          { row: 3, column: 'value', code: 'formula_without_value', severity: 'error', values: {} },
        ],
      }),
    );
    expect(outcome.findings.map((f) => [f.code, f.cell])).toEqual([
      ['formula_without_value', 'D3'],
    ]);
    expect(outcome).toMatchObject({ status: 'rejected', rejected: 1, blank: 0 });
  });

  it('answers a dry run valid or invalid; a partial one counts what it would store', () => {
    const clean = checked({ figures: [figure(2, 'new')] });
    expect(submissionOutcome(input({ checked: clean, dryRun: true })).status).toBe('valid');
    const dirty = checked({ figures: [figure(2, 'new')], findings: [error(3)] });
    expect(submissionOutcome(input({ checked: dirty, dryRun: true }))).toMatchObject({
      status: 'invalid',
      accepted: 0,
    });
    expect(submissionOutcome(input({ checked: dirty, dryRun: true, partial: true }))).toMatchObject(
      { status: 'invalid', accepted: 1 },
    );
  });

  it('refuses every row of a file that could not be used at all', () => {
    const outcome = submissionOutcome(
      input({
        checked: undefined,
        fileFindings: [
          { row: null, column: null, code: 'unreadable_file', severity: 'error', values: {} },
        ],
      }),
    );
    expect(outcome).toMatchObject({ status: 'rejected', rejected: 3, repeats: false });
  });

  it('lets the earlier answer stand for the same file changing nothing', () => {
    const outcome = submissionOutcome(
      input({
        checked: checked({ figures: [figure(2, 'unchanged')] }),
        earlier: { submission: '7', day: '2020-11-05', rejected: 0 },
      }),
    );
    expect(outcome.repeats).toBe(true);
    expect(outcome.sentAgain).toEqual([
      {
        row: null,
        column: null,
        code: 'file_sent_before_unchanged',
        severity: 'warning',
        values: { submission: '7', day: '2020-11-05' },
      },
    ]);
  });

  it('says which rows of a file sent again change a figure back, and from what', () => {
    const inForce = (): StoredFigure[] => [
      {
        period: '2020-02',
        value: 250,
        valueType: 'cumulative',
        numerator: null,
        denominator: null,
        recordedAt: 0,
        sequence: 1,
      },
    ];
    const outcome = submissionOutcome(
      input({
        checked: checked({ figures: [figure(2, 'correction', 100), figure(3, 'unchanged')] }),
        earlier: { submission: '7', day: '2020-11-05', rejected: 0 },
        inForce,
      }),
    );
    expect(outcome.repeats).toBe(false);
    expect(outcome.findings.map((f) => [f.code, f.row, f.cell, f.values])).toEqual([
      ['file_sent_before_changes', null, null, { submission: '7', day: '2020-11-05', rows: 1 }],
      ['changes_back', 2, 'D2', { current: 250, value: 100 }],
    ]);
    expect(outcome.status).toBe('applied');
  });
});
