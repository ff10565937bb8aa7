import {
  FIGURE_COLUMNS,
  type CellValue,
  type FigureColumn,
  type Finding,
  type FindingCode,
  type RawFigureRow,
} from '@zhibiao/core';
import type { ParsedUpload } from './types.js';

// What the CSV and XLSX readers share: findings about the file, and turning cells into rows.

/** A finding about the file as a whole (no row, no column). */
export function fileFinding(code: FindingCode, values: Record<string, string | number>): Finding {
  return { row: null, column: null, code, severity: 'error', values };
}

/**
 * A reason for `unreadable_file` in both languages: the message template has one `{reason}`
 * slot, and the same values fill the Chinese and the English message.
 */
export function bilingual(zh: string, en: string): string {
  return `${zh} / ${en}`;
}

/** A file that cannot be used: no rows, only what is wrong with it. */
export function fatalUpload(
  base: Pick<ParsedUpload, 'format' | 'encoding' | 'sheet'>,
  findings: Finding[],
  columns: ParsedUpload['columns'] = {},
): ParsedUpload {
  return { ...base, columns, rows: [], findings, fatal: true };
}

/** Bytes as people write them in messages: "200 MB", "64 KB". */
export function humanSize(bytes: number): string {
  const units = [
    ['GB', 1024 ** 3],
    ['MB', 1024 ** 2],
    ['KB', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(1))} ${unit}`;
  }
  return `${bytes} B`;
}

/** A text cell as the checks want it: trimmed, and empty text is no value. */
export function textCell(text: string): CellValue {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/**
 * The recognised columns of one row, or null when all of them are empty (a blank row, or one
 * with only names or units filled in, which carries no figure).
 */
export function figureRow(
  row: number,
  columns: Partial<Record<FigureColumn, number>>,
  cellAt: (position: number, column: FigureColumn) => CellValue,
): RawFigureRow | null {
  const cells: Partial<Record<FigureColumn, CellValue>> = {};
  let blank = true;
  for (const column of FIGURE_COLUMNS) {
    const position = columns[column];
    if (position === undefined) continue;
    const value = cellAt(position, column);
    cells[column] = value;
    if (value !== null) blank = false;
  }
  return blank ? null : { row, cells };
}
