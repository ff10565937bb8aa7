import { columnLetter } from '@zhibiao/core';

// What a SpreadsheetML cell means, apart from reading the XML: references, number formats that
// make a number a date, serial numbers as dates, shared formulas moved to another cell, and the
// `_xHHHH_` escapes of text.

/** The last column Excel has (XFD) and its last row. */
export const MAX_COLUMN = 16_384;
export const MAX_ROW = 1_048_576;

/** The letters of a column as SpreadsheetML counts it, from 1 (libs/core names 0-based columns). */
export function columnLetters(column: number): string {
  return columnLetter(column - 1);
}

export function columnNumber(letters: string): number {
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return column;
}

/** A cell reference such as `D5`, or null when it is not one (absolute `$D$5` is not a cell's). */
export function parseCellReference(reference: string): { column: number; row: number } | null {
  const match = /^([A-Za-z]{1,3})([1-9]\d{0,6})$/.exec(reference);
  if (match === null) return null;
  const column = columnNumber(match[1] ?? '');
  const row = Number(match[2]);
  return column <= MAX_COLUMN && row <= MAX_ROW ? { column, row } : null;
}

/**
 * Built-in number formats (no format code in the file) that show a date or a time: 14–22 and
 * 45–47 everywhere, 27–36 and 50–58 in the East Asian locales (年/月/日 formats in zh-CN: what
 * Chinese Excel and WPS write for 2020年3月), 71–81 in Thai (ECMA-376 Part 1, 18.8.30).
 */
const BUILTIN_DATE_FORMATS: ReadonlySet<number> = new Set([
  ...range(14, 22),
  ...range(27, 36),
  ...range(45, 47),
  ...range(50, 58),
  ...range(71, 81),
]);

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

export function isBuiltinDateFormat(id: number): boolean {
  return BUILTIN_DATE_FORMATS.has(id);
}

/**
 * True when a format code shows a date or a time, as exceljs decides (a y, m, d, h or s outside
 * quotes and brackets), also in upper case (Excel reads YYYY-MM-DD as a date), and not counting
 * literal characters: `\m`, `_m` (a space as wide as m) and `*m` (fill) show no month.
 */
export function isDateFormatCode(code: string): boolean {
  const tokens = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*]/g, '')
    .replace(/[\\_*]./g, '')
    .replace(/general/gi, '');
  return /[ymdhs]/i.test(tokens) || /bb/.test(tokens);
}

const MS_PER_DAY = 24 * 60 * 60 * 1000;
/** 1970-01-01 as an Excel serial (1900 system); the 1904 system counts 1,462 days fewer. */
const UNIX_EPOCH_SERIAL = 25_569;
const DAYS_1900_TO_1904 = 1_462;

/**
 * An Excel serial number as the Date exceljs gives for it: the wall-clock date and time as UTC
 * (rounded to the millisecond), in the 1900 or the 1904 date system.
 */
export function serialToDate(serial: number, date1904: boolean): Date {
  const days = serial - UNIX_EPOCH_SERIAL + (date1904 ? DAYS_1900_TO_1904 : 0);
  return new Date(Math.round(days * MS_PER_DAY));
}

/**
 * An ISO 8601 date of a `t="d"` cell (`2020-03-01`, `2020-03-01T08:30:00`); a time without a zone
 * is the wall clock, kept as UTC like serial dates. Null when it is not such a date.
 */
export function isoCellDate(text: string): Date | null {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(
      text.trim(),
    );
  if (match === null) return null;
  const [, year, month, day, hour = '00', minute = '00', second = '00', fraction = '', zone] =
    match;
  // The calendar fields as written must exist (no 30 February, no hour 24).
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = [year, month, day, hour, minute, second].map(
    Number,
  );
  const wall = new Date(Date.UTC(y, mo - 1, d, h));
  const exists =
    wall.getUTCFullYear() === y &&
    wall.getUTCMonth() === mo - 1 &&
    wall.getUTCDate() === d &&
    wall.getUTCHours() === h &&
    mi <= 59 &&
    s <= 59;
  if (!exists) return null;
  const date = new Date(
    `${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${zone ?? 'Z'}`,
  );
  return Number.isNaN(date.getTime()) ? null : date;
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a `<v>` holds, or null when it is not a plain decimal number. */
export function cellNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** `_x000D_` is a carriage return: how SpreadsheetML writes characters XML cannot hold. */
export function decodeEscapes(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

// Candidates for references in a formula, and a plain cell reference among them (exceljs's rules).
const REFERENCE_CANDIDATE = /(([a-z_\-0-9]*)!)?([a-z0-9_$]{2,})([(])?/gi;
const CELL_REFERENCE = /^([$])?([a-z]+)([$])?([1-9][0-9]*)$/i;

/**
 * A shared formula as it reads in another cell: relative references move by the distance
 * between the two cells, absolute ones (`$A$1`) stay; as exceljs translates it.
 */
export function slideFormula(
  formula: string,
  from: { column: number; row: number },
  to: { column: number; row: number },
): string {
  return formula.replace(
    REFERENCE_CANDIDATE,
    (whole, sheet: string | undefined, _name, part: string, call: string | undefined) => {
      if (call) return whole;
      const match = CELL_REFERENCE.exec(part);
      if (match === null) return whole;
      const [, columnDollar = '', letters = '', rowDollar = '', digits = ''] = match;
      const upper = letters.toUpperCase();
      // Beyond XFD it is a name, not a column.
      if (upper.length > 3 || (upper.length === 3 && upper > 'XFD')) return whole;
      const column = columnNumber(upper) + (columnDollar ? 0 : to.column - from.column);
      const row = Number(digits) + (rowDollar ? 0 : to.row - from.row);
      return `${sheet ?? ''}${columnDollar}${columnLetters(column)}${rowDollar}${row}`;
    },
  );
}
