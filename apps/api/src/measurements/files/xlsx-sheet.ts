import type { CellValue } from '@zhibiao/core';
import { bilingual, textCell } from './rows.js';
import type { UploadLimits } from './types.js';
import {
  MAX_COLUMN,
  MAX_ROW,
  cellNumber,
  columnLetters,
  decodeEscapes,
  isoCellDate,
  parseCellReference,
  serialToDate,
  slideFormula,
} from './xlsx-cells.js';
import { RESAVE_HINT, UnreadablePackage, type XlsxPackage } from './xlsx-package.js';
import type { Workbook, WorkbookSheet } from './xlsx-workbook.js';
import { SPREADSHEET_NAMESPACES, attribute, visitXml, type XmlTag } from './xlsx-xml.js';

// One worksheet read as a stream: each row is handed on as soon as its end tag is read, and the
// reader stops when told to, so nothing after the rows that decide the outcome is inflated.

/** A cell with something in it: a value, or a formula (with or without its saved result). */
export interface SheetCell {
  /** 1-based column (A = 1). */
  column: number;
  /** The value, or the formula's saved result; a date-formatted number is a Date. */
  value: CellValue;
  /** The formula without its `=`, or null for a plain value. */
  formula: string | null;
  /** For a formula: whether the file holds the result Excel computed when it was saved. */
  hasResult: boolean;
}

export interface SheetRow {
  /** The row number as the spreadsheet shows it. */
  number: number;
  /** Cells in column order; empty cells are left out. */
  cells: SheetCell[];
}

/** More cells than the limit in the worksheets read. */
export class TooManyCells extends Error {}

/** Cells counted across the worksheets of one upload (the limit is for the whole file). */
export interface CellCount {
  count: number;
}

/**
 * Reads a worksheet, calling `onRow` for every row with a non-empty cell, in order, until it
 * answers false. Answers the merged ranges as written (`A3:A5`; complete only when read to the
 * end: they follow the cells). Throws TooManyCells, UnreadablePackage and PackageTooLarge.
 */
export async function readSheet(
  pkg: XlsxPackage,
  sheet: WorkbookSheet,
  workbook: Workbook,
  limits: UploadLimits,
  cells: CellCount,
  onRow: (row: SheetRow) => boolean,
): Promise<{ merges: string[] }> {
  const visitor = new SheetVisitor(sheet, workbook, limits, cells, onRow);
  await visitXml(sheet.part, pkg.text(sheet.part), visitor);
  return { merges: visitor.merges };
}

interface OpenCell {
  column: number;
  type: string;
  dateStyle: boolean;
  /** Text of `<v>`, null when there is none. */
  value: string | null;
  /** Text of `<is>` (all its runs), null when there is none. */
  inline: string[] | null;
  /** Text of `<f>`, null when there is none. */
  formula: string | null;
  formulaType: string;
  sharedIndex: string | undefined;
}

/** The element names from the root down, as positions in that path. */
const DEPTH = { worksheet: 1, section: 2, row: 3, cell: 4, part: 5, text: 6, runText: 7 } as const;

class SheetVisitor {
  done = false;
  readonly merges: string[] = [];
  /** Local names of the open elements; other namespaces' elements are `{uri}name`. */
  private readonly path: string[] = [];
  private row: SheetRow | null = null;
  private lastRow = 0;
  private lastColumn = 0;
  private cell: OpenCell | null = null;
  private capture: 'value' | 'formula' | 'inline' | null = null;
  /** The first cell of each shared formula (`si`), which holds its text. */
  private readonly sharedFormulas = new Map<
    string,
    { formula: string; column: number; row: number }
  >();

  constructor(
    private readonly sheet: WorkbookSheet,
    private readonly workbook: Workbook,
    private readonly limits: UploadLimits,
    private readonly cells: CellCount,
    private readonly onRow: (row: SheetRow) => boolean,
  ) {}

  open(tag: XmlTag): void {
    const name = SPREADSHEET_NAMESPACES.has(tag.uri) ? tag.local : `{${tag.uri}}${tag.local}`;
    const path = this.path;
    path.push(name);
    switch (path.length) {
      case DEPTH.worksheet:
        if (name !== 'worksheet') throw this.unreadable(words('不是工作表', 'not a worksheet'));
        return;
      case DEPTH.row:
        if (name === 'row' && path[1] === 'sheetData') this.startRow(tag);
        else if (name === 'mergeCell' && path[1] === 'mergeCells') this.merge(tag);
        return;
      case DEPTH.cell:
        if (name === 'c' && this.row !== null) this.startCell(tag);
        return;
      case DEPTH.part:
        if (this.cell !== null) this.startCellPart(tag, name);
        return;
      case DEPTH.text:
        if (this.cell?.inline && path[4] === 'is' && name === 't') this.capture = 'inline';
        return;
      case DEPTH.runText:
        if (this.cell?.inline && path[4] === 'is' && path[5] === 'r' && name === 't') {
          this.capture = 'inline';
        }
        return;
      default:
        return;
    }
  }

  text(text: string): void {
    const cell = this.cell;
    if (cell === null || this.capture === null) return;
    if (this.capture === 'value') cell.value = (cell.value ?? '') + text;
    else if (this.capture === 'formula') cell.formula = (cell.formula ?? '') + text;
    else cell.inline?.push(text);
  }

  close(): void {
    const depth = this.path.length;
    this.path.pop();
    // `<v>`, `<f>` and `<t>` hold text only: any end tag ends what was captured.
    this.capture = null;
    if (depth === DEPTH.cell && this.cell !== null) this.finishCell();
    else if (depth === DEPTH.row && this.row !== null) this.finishRow();
  }

  // ------------------------------------------------------------ rows and cells

  private startRow(tag: XmlTag): void {
    const reference = attribute(tag, 'r');
    // A row without `r` follows the one before (the spec lets writers leave it out).
    const number = reference === undefined ? this.lastRow + 1 : Number(reference);
    if (!Number.isInteger(number) || number < 1 || number > MAX_ROW) {
      throw this.unreadable(words(`行号 ${reference} 无效`, `invalid row number ${reference}`));
    }
    if (number <= this.lastRow) {
      throw this.unreadable(
        words(
          `第 ${number} 行出现在第 ${this.lastRow} 行之后`,
          `row ${number} comes after row ${this.lastRow}`,
        ),
      );
    }
    this.lastRow = number;
    this.lastColumn = 0;
    this.row = { number, cells: [] };
  }

  private finishRow(): void {
    const row = this.row;
    this.row = null;
    if (row === null || row.cells.length === 0) return;
    if (!this.onRow(row)) this.done = true;
  }

  private startCell(tag: XmlTag): void {
    const row = this.row;
    if (row === null) return;
    this.cells.count += 1;
    if (this.cells.count > this.limits.maxCells) throw new TooManyCells();
    const reference = attribute(tag, 'r');
    let column = this.lastColumn + 1;
    // A cell without `r` follows the cell before it in its row.
    if (reference !== undefined) {
      const parsed = parseCellReference(reference);
      if (parsed === null || parsed.row !== row.number) {
        throw this.unreadable(
          words(
            `第 ${row.number} 行的单元格引用 ${reference} 无效`,
            `invalid cell reference ${reference} in row ${row.number}`,
          ),
        );
      }
      column = parsed.column;
    }
    if (column <= this.lastColumn || column > MAX_COLUMN) {
      const address = `${columnLetters(column)}${row.number}`;
      throw this.unreadable(
        words(
          `单元格 ${address} 的位置重复或顺序颠倒`,
          `cell ${address} is repeated or out of order`,
        ),
      );
    }
    this.lastColumn = column;
    const style = Number(attribute(tag, 's') ?? '0');
    this.cell = {
      column,
      type: attribute(tag, 't') ?? 'n',
      dateStyle: this.workbook.dateStyles[style] ?? false,
      value: null,
      inline: null,
      formula: null,
      formulaType: 'normal',
      sharedIndex: undefined,
    };
  }

  private startCellPart(tag: XmlTag, name: string): void {
    const cell = this.cell;
    if (cell === null) return;
    if (name === 'v') {
      cell.value ??= '';
      this.capture = 'value';
    } else if (name === 'f') {
      cell.formula ??= '';
      cell.formulaType = attribute(tag, 't') ?? 'normal';
      cell.sharedIndex = attribute(tag, 'si');
      this.capture = 'formula';
    } else if (name === 'is') {
      cell.inline ??= [];
    }
  }

  private finishCell(): void {
    const cell = this.cell;
    const row = this.row;
    this.cell = null;
    if (cell === null || row === null) return;
    if (cell.formula === null) {
      const value = this.value(cell, row.number);
      if (value !== null)
        row.cells.push({ column: cell.column, value, formula: null, hasResult: false });
      return;
    }
    const formula = this.formulaText(cell, row.number);
    // A string result may be empty (`=IF(A1="","",A1)`); other types need a value to be one.
    const hasResult = cell.value !== null && (cell.value.trim() !== '' || cell.type === 'str');
    row.cells.push({
      column: cell.column,
      value: hasResult ? this.value(cell, row.number) : null,
      formula,
      hasResult,
    });
  }

  /** The formula's text; a shared formula's other cells take the first cell's, moved. */
  private formulaText(cell: OpenCell, row: number): string {
    const text = cell.formula ?? '';
    if (cell.formulaType !== 'shared' || cell.sharedIndex === undefined) return text;
    if (text.trim() !== '') {
      this.sharedFormulas.set(cell.sharedIndex, { formula: text, column: cell.column, row });
      return text;
    }
    const first = this.sharedFormulas.get(cell.sharedIndex);
    if (first === undefined) {
      throw this.cellProblem(
        cell,
        row,
        words(
          `共享公式 ${cell.sharedIndex} 没有首个单元格`,
          `shared formula ${cell.sharedIndex} has no first cell`,
        ),
      );
    }
    return slideFormula(first.formula, first, { column: cell.column, row });
  }

  /** A cell's value by its type (`t`); anything that cannot be read for sure is refused. */
  private value(cell: OpenCell, row: number): CellValue {
    const raw = cell.value;
    switch (cell.type) {
      case 's': {
        if (raw === null) return null;
        const index = Number(raw.trim());
        const text = this.workbook.sharedStrings?.[index];
        if (!Number.isInteger(index) || text === undefined) {
          throw this.cellProblem(
            cell,
            row,
            words(`共享字符串 ${raw} 不存在`, `shared string ${raw} does not exist`),
          );
        }
        return textCell(text);
      }
      case 'inlineStr':
        return textCell(decodeEscapes(cell.inline?.join('') ?? raw ?? ''));
      case 'str':
        return textCell(decodeEscapes(raw ?? ''));
      case 'e':
        return textCell(raw ?? '');
      case 'b':
        return this.booleanValue(cell, row);
      case 'd': {
        if (raw === null || raw.trim() === '') return null;
        const date = isoCellDate(raw);
        if (date === null) {
          throw this.cellProblem(cell, row, words(`日期 ${raw} 无效`, `invalid date ${raw}`));
        }
        return date;
      }
      case 'n':
        return this.numberValue(cell, row);
      default:
        throw this.cellProblem(
          cell,
          row,
          words(`未知的单元格类型 ${cell.type}`, `unknown cell type ${cell.type}`),
        );
    }
  }

  private booleanValue(cell: OpenCell, row: number): CellValue {
    const raw = cell.value?.trim() ?? '';
    if (raw === '') return null;
    // The checks read text; Excel shows booleans as TRUE and FALSE.
    if (raw === '1' || raw === 'true') return 'TRUE';
    if (raw === '0' || raw === 'false') return 'FALSE';
    throw this.cellProblem(cell, row, words(`逻辑值 ${raw} 无效`, `invalid boolean ${raw}`));
  }

  private numberValue(cell: OpenCell, row: number): CellValue {
    // Text in `<is>` without t="inlineStr" is still the cell's text.
    if (cell.inline !== null) return textCell(decodeEscapes(cell.inline.join('')));
    const raw = cell.value;
    if (raw === null || raw.trim() === '') return null;
    const number = cellNumber(raw);
    if (number === null) {
      throw this.cellProblem(cell, row, words(`数字 ${raw} 无效`, `invalid number ${raw}`));
    }
    return cell.dateStyle ? serialToDate(number, this.workbook.date1904) : number;
  }

  private merge(tag: XmlTag): void {
    const ref = attribute(tag, 'ref');
    if (ref) this.merges.push(ref.toUpperCase().replace(/\$/g, ''));
  }

  // ------------------------------------------------------------ problems

  private cellProblem(cell: OpenCell, row: number, detail: Words): UnreadablePackage {
    const address = `${columnLetters(cell.column)}${row}`;
    return this.unreadable(
      words(`单元格 ${address}：${detail.zh}`, `cell ${address}: ${detail.en}`),
    );
  }

  private unreadable(detail: Words): UnreadablePackage {
    const { name, part } = this.sheet;
    return new UnreadablePackage(
      `${bilingual(`工作表“${name}”（${part}）无法读取：${detail.zh}`, `sheet "${name}" (${part}) cannot be read: ${detail.en}`)}; ${RESAVE_HINT}`,
    );
  }
}

/** A reason in both languages, put together into one bilingual text at the end. */
interface Words {
  zh: string;
  en: string;
}

function words(zh: string, en: string): Words {
  return { zh, en };
}
