import ExcelJS from 'exceljs';
import {
  FIGURE_COLUMNS,
  type CellValue,
  type FigureColumn,
  type Finding,
  type RawFigureRow,
} from '@zhibiao/core';
import { hasRecognisedHeader, headerText, matchHeaders, type HeaderMatch } from './headers.js';
import { bilingual, fatalUpload, figureRow, fileFinding, textCell } from './rows.js';
import type { ParsedUpload, UploadLimits } from './types.js';
import { columnNumber, prepareXlsx, type PackageSheet } from './xlsx-package.js';

type ExcelValue = ExcelJS.CellValue;
type FormulaValue = ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
type PlainValue = Exclude<ExcelValue, FormulaValue>;

/** The worksheet to read and where its header is. */
interface ChosenSheet {
  worksheet: ExcelJS.Worksheet;
  headerRow: number;
  headerCells: CellValue[];
}

/**
 * Reads an XLSX upload. The package is checked and normalised first (see xlsx-package.ts), then
 * exceljs loads it; the first worksheet whose first non-empty row names a known column is read
 * (the template's "填报"; its "说明" sheet has no such row). Row numbers are the sheet's own.
 */
export async function parseXlsx(content: Buffer, limits: UploadLimits): Promise<ParsedUpload> {
  const base = { format: 'xlsx', encoding: null, sheet: null } as const;
  const prepared = await prepareXlsx(content, limits);
  if (!prepared.ok) return fatalUpload(base, [prepared.finding]);
  const workbook = await loadWorkbook(prepared.xlsx.content);
  if (!(workbook instanceof ExcelJS.Workbook)) return fatalUpload(base, [workbook]);

  const chosen = chooseSheet(workbook.worksheets);
  if (chosen === null) return fatalUpload(base, [fileFinding('empty_file', {})]);
  const sheetBase = { ...base, sheet: chosen.worksheet.name };
  const header = matchHeaders(chosen.headerCells, chosen.headerRow);
  if (header.fatal) return fatalUpload(sheetBase, header.findings, header.columns);

  const data = readDataRows(chosen, header.columns, limits);
  if (data === 'too_many_rows') {
    return fatalUpload(sheetBase, [fileFinding('too_many_rows', { limit: limits.maxRows })]);
  }
  if (data.rows.length === 0) {
    return fatalUpload(sheetBase, [fileFinding('empty_file', {})], header.columns);
  }
  const merges = mergeFindings(sheetMerges(prepared.xlsx.sheets, chosen), chosen, header);
  return {
    ...sheetBase,
    columns: header.columns,
    rows: data.rows,
    findings: [...merges, ...data.findings].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)),
    fatal: false,
  };
}

async function loadWorkbook(content: ArrayBuffer): Promise<ExcelJS.Workbook | Finding> {
  const workbook = new ExcelJS.Workbook();
  try {
    // Merged ranges were taken from the XML already: exceljs would expand each one cell by cell,
    // which a range like A1:XFD1048576 turns into a hang. Validations and formats are not read.
    await workbook.xlsx.load(content, {
      ignoreNodes: ['mergeCells', 'dataValidations', 'conditionalFormatting'],
    });
    return workbook;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fileFinding('unreadable_file', {
      reason: `${bilingual('工作簿结构无法读取，请在 Excel 或 WPS 中另存为 .xlsx', 'the workbook cannot be read; save it as .xlsx again in Excel or WPS')} (${detail})`,
    });
  }
}

// ---------------------------------------------------------------- choosing the sheet

/**
 * The first worksheet whose first non-empty row names a known column; failing that, the first
 * worksheet with anything in it (its first row is then reported as a wrong header).
 */
function chooseSheet(worksheets: readonly ExcelJS.Worksheet[]): ChosenSheet | null {
  let fallback: ChosenSheet | null = null;
  for (const worksheet of worksheets) {
    const first = firstNonEmptyRow(worksheet);
    if (first === null) continue;
    const candidate = { worksheet, headerRow: first.row, headerCells: first.cells };
    if (hasRecognisedHeader(first.cells)) return candidate;
    fallback ??= candidate;
  }
  return fallback;
}

function firstNonEmptyRow(
  worksheet: ExcelJS.Worksheet,
): { row: number; cells: CellValue[] } | null {
  for (let number = 1; number <= worksheet.rowCount; number++) {
    const row = worksheet.findRow(number);
    if (row === undefined) continue;
    const cells: CellValue[] = [];
    for (let column = 1; column <= row.cellCount; column++) {
      cells.push(headerCell(row.findCell(column)));
    }
    if (cells.some((cell) => headerText(cell) !== '')) return { row: number, cells };
  }
  return null;
}

/** A header cell's value; a formula there counts by its result, without a finding. */
function headerCell(cell: ExcelJS.Cell | undefined): CellValue {
  const value = cell?.value;
  if (isFormula(value)) return value.result === undefined ? null : plainValue(value.result);
  return plainValue(value);
}

// ---------------------------------------------------------------- cells

function isFormula(value: ExcelValue): value is FormulaValue {
  return (
    typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)
  );
}

/** Text from a value that may be a string or rich text (exceljs gives either for links). */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'richText' in value) {
    const runs: unknown = value.richText;
    if (Array.isArray(runs)) return runs.map((run: unknown) => textOfRun(run)).join('');
  }
  return '';
}

function textOfRun(run: unknown): string {
  return typeof run === 'object' && run !== null && 'text' in run ? textOf(run.text) : '';
}

/** An exceljs value other than a formula, as the checks take it. */
function plainValue(value: PlainValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return textCell(value);
  // The checks read text; Excel shows booleans as TRUE and FALSE.
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value;
  if ('error' in value) return value.error;
  if ('richText' in value) return textCell(textOf(value));
  return textCell(textOf(value.text));
}

function displayValue(value: CellValue): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

function cellFinding(
  row: number,
  column: FigureColumn,
  code: 'formula_cached' | 'formula_without_value',
  values: Record<string, string>,
): Finding {
  return {
    row,
    column,
    code,
    severity: code === 'formula_cached' ? 'warning' : 'error',
    values,
  };
}

/**
 * A data cell. A formula is read as the result Excel saved with it (and said so); without a
 * saved result there is nothing to read, which is an error rather than a silent empty cell.
 */
function dataCell(
  cell: ExcelJS.Cell | undefined,
  row: number,
  column: FigureColumn,
  findings: Finding[],
): CellValue {
  if (cell === undefined) return null;
  const value = cell.value;
  if (!isFormula(value)) return plainValue(value);
  const formula = `=${cell.formula}`;
  if (value.result === undefined) {
    findings.push(
      cellFinding(row, column, 'formula_without_value', { cell: cell.address, formula }),
    );
    return null;
  }
  const result = plainValue(value.result);
  findings.push(
    cellFinding(row, column, 'formula_cached', {
      cell: cell.address,
      formula,
      value: displayValue(result),
    }),
  );
  return result;
}

// ---------------------------------------------------------------- rows

function readDataRows(
  chosen: ChosenSheet,
  columns: Partial<Record<FigureColumn, number>>,
  limits: UploadLimits,
): { rows: RawFigureRow[]; findings: Finding[] } | 'too_many_rows' {
  const { worksheet, headerRow } = chosen;
  const rows: RawFigureRow[] = [];
  const findings: Finding[] = [];
  for (let number = headerRow + 1; number <= worksheet.rowCount; number++) {
    const row = worksheet.findRow(number);
    if (row === undefined) continue;
    const cellFindings: Finding[] = [];
    const figure = figureRow(number, columns, (position, column) =>
      dataCell(row.findCell(position + 1), number, column, cellFindings),
    );
    // A formula that yields nothing in an unused row is no news; a missing result always is.
    findings.push(
      ...cellFindings.filter((f) => figure !== null || f.code === 'formula_without_value'),
    );
    if (figure === null) continue;
    if (rows.length >= limits.maxRows) return 'too_many_rows';
    rows.push(figure);
  }
  return { rows, findings };
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

function sheetMerges(sheets: readonly PackageSheet[], chosen: ChosenSheet): Range[] {
  const merges = sheets.find((sheet) => sheet.name === chosen.worksheet.name)?.merges ?? [];
  return merges.map(parseRange).filter((range) => range !== null);
}

/**
 * One error per merged range that reaches into the header or the rows below it, within the
 * header's columns: a merged range shows one value over several rows, but only its first cell
 * holds it, so the other rows would be read as empty.
 */
function mergeFindings(
  ranges: readonly Range[],
  chosen: ChosenSheet,
  header: HeaderMatch,
): Finding[] {
  const width = chosen.headerCells.reduce<number>(
    (last, cell, index) => (headerText(cell) === '' ? last : index + 1),
    0,
  );
  return ranges
    .filter((range) => range.bottom >= chosen.headerRow && range.left <= width)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((range): Finding => ({
      row: range.top,
      column: FIGURE_COLUMNS.find((column) => header.columns[column] === range.left - 1) ?? null,
      code: 'merged_cell',
      severity: 'error',
      values: { range: range.text },
    }));
}
