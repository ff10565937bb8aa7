import { describe, expect, it } from 'vitest';
import {
  cellNumber,
  columnLetters,
  columnNumber,
  decodeEscapes,
  isBuiltinDateFormat,
  isDateFormatCode,
  isoCellDate,
  parseCellReference,
  serialToDate,
  slideFormula,
} from './xlsx-cells.js';

describe(isDateFormatCode.name, () => {
  it.each([
    'yyyy-mm-dd',
    'YYYY-MM-DD',
    'yyyy"年"m"月"',
    '[$-804]yyyy"年"m"月"d"日";@',
    '[DBNum1][$-804]yyyy"年"m"月"',
    'h:mm:ss',
    '[h]:mm:ss',
    'm/d/yy h:mm AM/PM',
    'd-mmm',
  ])('reads %s as a date or time format', (code) => {
    expect(isDateFormatCode(code)).toBe(true);
  });

  it.each([
    'General',
    '0.00',
    '#,##0.00_ ',
    '0.00%',
    '0.00E+00',
    '#,##0" 万元";[Red]\\-#,##0',
    '"第"0"名"',
    '0.0\\m',
    '_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-',
    '@',
  ])('reads %s as a number or text format', (code) => {
    expect(isDateFormatCode(code)).toBe(false);
  });
});

describe(isBuiltinDateFormat.name, () => {
  it('knows the built-in date formats, East Asian ones included', () => {
    expect([14, 22, 31, 45, 57, 58].every(isBuiltinDateFormat)).toBe(true);
    expect([0, 1, 2, 9, 10, 37, 49].some(isBuiltinDateFormat)).toBe(false);
  });
});

describe(serialToDate.name, () => {
  it('reads serials of the 1900 and the 1904 date systems as exceljs does', () => {
    expect(serialToDate(43_891, false)).toEqual(new Date(Date.UTC(2020, 2, 1)));
    expect(serialToDate(43_891.5, false)).toEqual(new Date(Date.UTC(2020, 2, 1, 12)));
    expect(serialToDate(42_429, true)).toEqual(new Date(Date.UTC(2020, 2, 1)));
  });
});

describe(isoCellDate.name, () => {
  it('reads ISO dates of t="d" cells, a time without a zone as the wall clock', () => {
    expect(isoCellDate('2020-03-01')).toEqual(new Date(Date.UTC(2020, 2, 1)));
    expect(isoCellDate('2020-03-01T08:30:00')).toEqual(new Date(Date.UTC(2020, 2, 1, 8, 30)));
    expect(isoCellDate('2020-03-01T08:30:00+08:00')).toEqual(new Date(Date.UTC(2020, 2, 1, 0, 30)));
    expect(isoCellDate('2020-02-30')).toBeNull();
    expect(isoCellDate('March 2020')).toBeNull();
  });
});

describe(cellNumber.name, () => {
  it('reads plain decimal numbers and nothing else', () => {
    expect(cellNumber('310')).toBe(310);
    expect(cellNumber(' -0.5 ')).toBe(-0.5);
    expect(cellNumber('1.5E-3')).toBe(0.0015);
    for (const text of ['', '1,5', '0x10', 'Infinity', 'NaN', '12abc', '1e999']) {
      expect(cellNumber(text), text).toBeNull();
    }
  });
});

describe(decodeEscapes.name, () => {
  it('turns _xHHHH_ escapes into their characters', () => {
    expect(decodeEscapes('第一行_x000D_\n第二行')).toBe('第一行\r\n第二行');
    expect(decodeEscapes('a_x005F_x0041_')).toBe('a_x0041_');
    expect(decodeEscapes('plain_text')).toBe('plain_text');
  });
});

describe(slideFormula.name, () => {
  it('moves relative references by the distance between the cells, as exceljs does', () => {
    const from = { column: 4, row: 3 };
    expect(slideFormula('B3/100', from, { column: 4, row: 5 })).toBe('B5/100');
    expect(slideFormula('$B3+B$1+$C$2', from, { column: 5, row: 4 })).toBe('$B4+C$1+$C$2');
    expect(slideFormula('SUM(A3:C3)', from, { column: 4, row: 4 })).toBe('SUM(A4:C4)');
    expect(slideFormula('Sheet2!A3*LOG10(2)', from, { column: 4, row: 4 })).toBe(
      'Sheet2!A4*LOG10(2)',
    );
  });
});

describe(parseCellReference.name, () => {
  it('reads cell references within the sheet’s bounds', () => {
    expect(parseCellReference('D5')).toEqual({ column: 4, row: 5 });
    expect(parseCellReference('xfd1048576')).toEqual({ column: 16_384, row: 1_048_576 });
    for (const text of ['', 'D', '5', 'D0', '$D$5', 'XFE1', 'A1048577']) {
      expect(parseCellReference(text), text).toBeNull();
    }
  });
});

describe(columnLetters.name, () => {
  it('converts column numbers to letters and back', () => {
    for (const [number, letters] of [
      [1, 'A'],
      [26, 'Z'],
      [27, 'AA'],
      [16384, 'XFD'],
    ] as const) {
      expect(columnLetters(number)).toBe(letters);
      expect(columnNumber(letters)).toBe(number);
    }
  });
});
