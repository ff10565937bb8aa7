import {
  FIGURE_COLUMNS,
  type CellValue,
  type FigureColumn,
  type Finding,
  type RawFigureRow,
} from '@zhibiao/core';
import { hasRecognisedHeader, headerText, matchHeaders, type HeaderMatch } from './headers.js';
import { fatalUpload, figureRow, fileFinding } from './rows.js';
import type { ParsedUpload, UploadLimits } from './types.js';
import { columnLetters, columnNumber } from './xlsx-cells.js';
import { PackageTooLarge, UnreadablePackage, XlsxPackage, tooLarge } from './xlsx-package.js';
import {
  TooManyCells,
  readSheet,
  type CellCount,
  type SheetCell,
  type SheetRow,
} from './xlsx-sheet.js';
import { readWorkbook, type Workbook, type WorkbookSheet } from './xlsx-workbook.js';

type Base = Pick<ParsedUpload, 'format' | 'encoding' | 'sheet'>;

/**
 * Reads an XLSX upload as a stream: the workbook's parts are found through its relationships,
 * shared strings and styles are read, then the worksheets in order until the first whose first
 * non-empty row names a known column (the template's "填报"; its "说明" sheet has no such row).
 * That sheet's rows are taken one at a time as they are inflated and parsed, and reading stops
 * as soon as the outcome is known (too many rows or cells), before the rest is inflated. Row
 * numbers are the sheet's own. Whatever cannot be read for sure is refused as unreadable.
 */
export async function parseXlsx(content: Buffer, limits: UploadLimits): Promise<ParsedUpload> {
  const base = { format: 'xlsx', encoding: null, sheet: null } as const;
  const pkg = await XlsxPackage.open(content, limits);
  if (!(pkg instanceof XlsxPackage)) return fatalUpload(base, [pkg]);
  try {
    const workbook = await readWorkbook(pkg);
    return await readFigures(pkg, workbook, limits, base);
  } catch (error) {
    if (error instanceof PackageTooLarge) return fatalUpload(base, [tooLarge(limits)]);
    if (error instanceof TooManyCells) {
      return fatalUpload(base, [fileFinding('too_many_cells', { limit: limits.maxCells })]);
    }
    if (error instanceof UnreadablePackage) {
      return fatalUpload(base, [fileFinding('unreadable_file', { reason: error.message })]);
    }
    throw error;
  }
}

/**
 * The first worksheet whose first non-empty row names a known column, read; failing that, the
 * first worksheet with anything in it (its first row is then reported as a wrong header).
 */
async function readFigures(
  pkg: XlsxPackage,
  workbook: Workbook,
  limits: UploadLimits,
  base: Base,
): Promise<ParsedUpload> {
  const cells: CellCount = { count: 0 };
  let fallback: FigureSheet | null = null;
  for (const sheet of workbook.sheets) {
    const reader = new FigureSheet(sheet, limits);
    const { merges } = await readSheet(pkg, sheet, workbook, limits, cells, (row) =>
      reader.take(row),
    );
    if (reader.header === null) continue;
    if (reader.recognised) return reader.result({ ...base, sheet: sheet.name }, merges);
    fallback ??= reader;
  }
  if (fallback === null) return fatalUpload(base, [fileFinding('empty_file', {})]);
  return fallback.result({ ...base, sheet: fallback.sheet.name }, []);
}

/** The rows of one worksheet as they arrive: first the header, then figure rows. */
class FigureSheet {
  header: { row: number; cells: CellValue[]; match: HeaderMatch } | null = null;
  recognised = false;
  private readonly rows: RawFigureRow[] = [];
  private readonly findings: Finding[] = [];
  private tooManyRows = false;

  constructor(
    readonly sheet: WorkbookSheet,
    private readonly limits: UploadLimits,
  ) {}

  /** False once the rest of the sheet cannot change the outcome. */
  take(row: SheetRow): boolean {
    if (this.header === null) return this.takeHeader(row);
    const columns = this.header.match.columns;
    const cellFindings: Finding[] = [];
    const figure = figureRow(row.number, columns, (position, column) =>
      dataCell(cellAt(row, position + 1), row.number, column, cellFindings),
    );
    // A formula that yields nothing in an unused row is no news; a missing result always is.
    for (const finding of cellFindings) {
      if (figure !== null || finding.code === 'formula_without_value') this.findings.push(finding);
    }
    if (figure === null) return true;
    if (this.rows.length >= this.limits.maxRows) {
      this.tooManyRows = true;
      return false;
    }
    this.rows.push(figure);
    return true;
  }

  private takeHeader(row: SheetRow): boolean {
    const width = row.cells.at(-1)?.column ?? 0;
    const cells: CellValue[] = Array.from({ length: width }, () => null);
    // A formula in the header counts by its result, without a finding.
    for (const cell of row.cells) cells[cell.column - 1] = cell.value;
    if (!cells.some((cell) => headerText(cell) !== '')) return true;
    const match = matchHeaders(cells, row.number);
    this.header = { row: row.number, cells, match };
    this.recognised = hasRecognisedHeader(cells);
    // An unrecognised or wrong header ends this sheet: nothing below it is read.
    return this.recognised && !match.fatal;
  }

  result(base: Base, merges: readonly string[]): ParsedUpload {
    const header = this.header;
    if (header === null) return fatalUpload(base, [fileFinding('empty_file', {})]);
    const { match } = header;
    if (match.fatal) return fatalUpload(base, match.findings, match.columns);
    if (this.tooManyRows) {
      return fatalUpload(base, [fileFinding('too_many_rows', { limit: this.limits.maxRows })]);
    }
    if (this.rows.length === 0) {
      return fatalUpload(base, [fileFinding('empty_file', {})], match.columns);
    }
    const mergeErrors = mergeFindings(merges, header.row, header.cells, match);
    return {
      ...base,
      columns: match.columns,
      rows: this.rows,
      findings: [...mergeErrors, ...this.findings].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
      fatal: false,
    };
  }
}

function cellAt(row: SheetRow, column: number): SheetCell | undefined {
  for (const cell of row.cells) {
    if (cell.column === column) return cell;
    if (cell.column > column) return undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------- cells

function displayValue(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

/**
 * A data cell. A formula is read as the result Excel saved with it (and said so); without a
 * saved result there is nothing to read, which is an error rather than a silent empty cell.
 */
function dataCell(
  cell: SheetCell | undefined,
  row: number,
  column: FigureColumn,
  findings: Finding[],
): CellValue {
  if (cell === undefined) return null;
  if (cell.formula === null) return cell.value;
  const address = `${columnLetters(cell.column)}${row}`;
  const formula = `=${cell.formula}`;
  if (!cell.hasResult) {
    findings.push({
      row,
      column,
      code: 'formula_without_value',
      severity: 'error',
      values: { cell: address, formula },
    });
    return null;
  }
  findings.push({
    row,
    column,
    code: 'formula_cached',
    severity: 'warning',
    values: { cell: address, formula, value: displayValue(cell.value) },
  });
  return cell.value;
}

// ---------------------------------------------------------------- merged cells

interface Range {
  text: string;
  top: number;
  left: number;
  bottom: number;
}

function parseRange(text: string): Range | null {
  const match = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(text);
  if (match === null) return null;
  const [, firstColumn = '', firstRow = '', , lastRow = firstRow] = match;
  return { text, top: Number(firstRow), left: columnNumber(firstColumn), bottom: Number(lastRow) };
}

/**
 * One error per merged range that reaches into the header or the rows below it, within the
 * header's columns: a merged range shows one value over several rows, but only its first cell
 * holds it, so the other rows would be read as empty. Ranges are never expanded cell by cell.
 */
function mergeFindings(
  merges: readonly string[],
  headerRow: number,
  headerCells: readonly CellValue[],
  header: HeaderMatch,
): Finding[] {
  const width = headerCells.reduce<number>(
    (last, cell, index) => (headerText(cell) === '' ? last : index + 1),
    0,
  );
  return merges
    .map(parseRange)
    .filter((range) => range !== null)
    .filter((range) => range.bottom >= headerRow && range.left <= width)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((range): Finding => ({
      row: range.top,
      column: FIGURE_COLUMNS.find((column) => header.columns[column] === range.left - 1) ?? null,
      code: 'merged_cell',
      severity: 'error',
      values: { range: range.text },
    }));
}
