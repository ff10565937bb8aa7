import type { CellValue, FigureColumn, Finding, RawFigureRow } from './figure-rows.js';
import type { ValueType } from './series.js';
import type { Period } from '../time/time.js';
import { error, warning } from './figure-check-context.js';

// Reading cells as people fill them in: numbers, periods and value types, in Chinese or English.

export function cellText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export const NUMBER_COLUMNS = ['value', 'numerator', 'denominator'] as const;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

type Parsed<T> =
  | { ok: true; value: T; finding?: Omit<Finding, 'row'> }
  | { ok: false; finding: Omit<Finding, 'row'> };

/** A number as people type it: 40,000 / ４００００ / 4.0万 / 85.5% (for a percentage). */
export function parseNumberCell(
  cell: CellValue | undefined,
  column: FigureColumn,
  percent: boolean,
): Parsed<number | null> {
  if (cell === null || cell === undefined || cell === '') return { ok: true, value: null };
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? { ok: true, value: cell }
      : { ok: false, finding: error(column, 'not_a_number', { text: String(cell) }) };
  }
  const text = cellText(cell);
  if (text === '') return { ok: true, value: null };
  if (cell instanceof Date) return { ok: false, finding: error(column, 'not_a_number', { text }) };
  let plain = halfWidth(text).replace(/[,，\s_]/g, '');
  if (percent && plain.endsWith('%')) plain = plain.slice(0, -1);
  let multiplier = 1;
  if (plain.endsWith('万')) {
    multiplier = 10_000;
    plain = plain.slice(0, -1);
  }
  if (!NUMBER.test(plain)) return { ok: false, finding: error(column, 'not_a_number', { text }) };
  const value = Number(plain) * multiplier;
  if (!Number.isFinite(value))
    return { ok: false, finding: error(column, 'not_a_number', { text }) };
  return multiplier === 1
    ? { ok: true, value }
    : { ok: true, value, finding: warning(column, 'number_with_wan', { text, value }) };
}

/** Excel's day 0 of the 1900 date system, as Excel counts (with its 1900 leap-year bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const PERIOD_TEXT =
  /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?|(\d{2}))$/;
const QUARTER_TEXT = /^(\d{4})\s*[-/年]?\s*(?:Q|q|第)\s*([1-4])\s*(?:季度?)?$/;

function period(year: number, month: number): Period {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A period as people write it: 2020-03, 2020/3, 2020年3月, 202003, 2020Q1; a date cell gives its month. */
export function parsePeriodCell(cell: CellValue | undefined): Parsed<Period | null> {
  if (cell === null || cell === undefined || cell === '') return { ok: true, value: null };
  if (cell instanceof Date) {
    const value = period(cell.getUTCFullYear(), cell.getUTCMonth() + 1);
    const date = cell.toISOString().slice(0, 10);
    return {
      ok: true,
      value,
      finding: warning('period', 'period_from_date', { date, period: value }),
    };
  }
  const text = halfWidth(cellText(cell));
  if (text === '') return { ok: true, value: null };
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial >= 20_000 && serial <= 80_000) {
      const date = new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
      return {
        ok: false,
        finding: error('period', 'excel_date_serial', { text, date, period: date.slice(0, 7) }),
      };
    }
  }
  const quarter = QUARTER_TEXT.exec(text);
  if (quarter) return { ok: true, value: period(Number(quarter[1]), Number(quarter[2]) * 3) };
  const match = PERIOD_TEXT.exec(text);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2] ?? match[4]);
    if (month >= 1 && month <= 12) {
      const value = period(year, month);
      if (match[3] !== undefined) {
        return {
          ok: true,
          value,
          finding: warning('period', 'period_from_date', { date: text, period: value }),
        };
      }
      return { ok: true, value };
    }
  }
  return { ok: false, finding: error('period', 'invalid_period', { text }) };
}

/**
 * The words a value-type cell may hold, in English or Chinese. The template writes 新增/累计 for
 * counts and 比率/水平 for rates and levels; each must be here.
 */
export const VALUE_TYPE_WORDS: Readonly<Record<string, ValueType>> = {
  increment: 'increment',
  新增: 'increment',
  当月新增: 'increment',
  本期新增: 'increment',
  增量: 'increment',
  cumulative: 'cumulative',
  累计: 'cumulative',
  年累计: 'cumulative',
  累计值: 'cumulative',
  年初至今累计: 'cumulative',
  level: 'level',
  水平: 'level',
  当期水平: 'level',
  比率: 'level',
  存量: 'level',
  当期值: 'level',
};

/**
 * Whether a row reports nothing this time: its value, numerator and denominator are all empty
 * (whatever its other cells say, a note included). Such a row is neither checked nor stored.
 */
export function isBlankRow(raw: RawFigureRow): boolean {
  return NUMBER_COLUMNS.every((column) => cellText(raw.cells[column]) === '');
}
