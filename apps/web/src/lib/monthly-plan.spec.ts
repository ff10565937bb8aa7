import { describe, expect, it } from 'vitest';
import { fallingRows, planItems, planPeriods, roundForEntry } from './monthly-plan.js';

describe('planPeriods', () => {
  it('lists every month of a one-year plan', () => {
    const periods = planPeriods('2020-01', '2020-12', 'monthly');
    expect(periods).toHaveLength(12);
    expect(periods[0]).toBe('2020-01');
    expect(periods.at(-1)).toBe('2020-12');
  });

  it('lists the last month of each quarter, starting from the first quarter end after the start', () => {
    expect(planPeriods('2020-01', '2020-12', 'quarterly')).toEqual([
      '2020-03',
      '2020-06',
      '2020-09',
      '2020-12',
    ]);
    expect(planPeriods('2020-05', '2021-06', 'quarterly')).toEqual([
      '2020-06',
      '2020-09',
      '2020-12',
      '2021-03',
      '2021-06',
    ]);
  });

  it('lists each December of a multi-year plan for an annual target', () => {
    expect(planPeriods('2021-01', '2023-12', 'annual')).toEqual(['2021-12', '2022-12', '2023-12']);
  });

  it('stops at the last period, crossing years', () => {
    expect(planPeriods('2020-11', '2021-02', 'monthly')).toEqual([
      '2020-11',
      '2020-12',
      '2021-01',
      '2021-02',
    ]);
    expect(planPeriods('2020-07', '2020-06', 'monthly')).toEqual([]);
  });
});

describe('roundForEntry', () => {
  it('rounds to whole numbers from 100 up and to two decimals below', () => {
    expect(roundForEntry(3333.3333)).toBe(3333);
    expect(roundForEntry(-150.6)).toBe(-151);
    expect(roundForEntry(86.666667)).toBe(86.67);
    expect(roundForEntry(0.125)).toBe(0.13);
  });
});

describe('planItems', () => {
  it('sends the rows with a value, in order, and remembers which row each came from', () => {
    const { items, rowOf } = planItems([
      { period: '2020-01', line: 1, value: null },
      { period: '2020-02', line: 2, value: 5 },
      { period: '2020-03', line: 3, value: 0 },
      { period: '2020-04', line: 4, value: Number.NaN },
      { period: '2020-05', line: 5, value: 9 },
    ]);
    expect(items).toEqual([
      { period: '2020-02', value: 5 },
      { period: '2020-03', value: 0 },
      { period: '2020-05', value: 9 },
    ]);
    expect(rowOf).toEqual([1, 2, 4]);
  });
});

describe('fallingRows', () => {
  it('names each row below the last value entered before it, skipping empty rows', () => {
    expect(
      fallingRows([
        { period: '2020-01', line: null, value: 10 },
        { period: '2020-02', line: null, value: null },
        { period: '2020-03', line: null, value: 8 },
        { period: '2020-04', line: null, value: 8 },
        { period: '2020-05', line: null, value: 12 },
        { period: '2020-06', line: null, value: 11 },
      ]),
    ).toEqual([2, 5]);
    expect(fallingRows([])).toEqual([]);
  });
});
