import { describe, expect, it } from 'vitest';
import { parseNumberCell, parsePeriodCell } from './figure-check-cells.js';

describe(parseNumberCell.name, () => {
  it('reads numbers as people type them and names what is not one', () => {
    expect(parseNumberCell('40,000', 'value', false)).toEqual({ ok: true, value: 40000 });
    expect(parseNumberCell('４０００', 'value', false)).toEqual({ ok: true, value: 4000 });
    expect(parseNumberCell('85.5%', 'value', true)).toEqual({ ok: true, value: 85.5 });
    const wan = parseNumberCell('4.2万', 'value', false);
    expect(wan).toMatchObject({ ok: true, value: 42000, finding: { code: 'number_with_wan' } });
    expect(parseNumberCell('about 40', 'value', false)).toMatchObject({
      ok: false,
      finding: { code: 'not_a_number', values: { text: 'about 40' } },
    });
    expect(parseNumberCell('85%', 'value', false)).toMatchObject({ ok: false });
    expect(parseNumberCell('', 'value', false)).toEqual({ ok: true, value: null });
  });
});

describe(parsePeriodCell.name, () => {
  it('accepts the usual ways of writing a month', () => {
    for (const text of [
      '2020-03',
      '2020-3',
      '2020/03',
      '2020年3月',
      '202003',
      '2020.3',
      '2020Q1',
    ]) {
      expect(parsePeriodCell(text)).toMatchObject({ ok: true, value: '2020-03' });
    }
  });

  it('reads a date cell as its month, with a warning', () => {
    expect(parsePeriodCell(new Date(Date.UTC(2020, 2, 1)))).toMatchObject({
      ok: true,
      value: '2020-03',
      finding: { code: 'period_from_date', severity: 'warning' },
    });
  });

  it('recognises an Excel date serial and says which month it was', () => {
    expect(parsePeriodCell(43891)).toMatchObject({
      ok: false,
      finding: { code: 'excel_date_serial', values: { date: '2020-03-01', period: '2020-03' } },
    });
    expect(parsePeriodCell('2020-13')).toMatchObject({
      ok: false,
      finding: { code: 'invalid_period' },
    });
  });
});
