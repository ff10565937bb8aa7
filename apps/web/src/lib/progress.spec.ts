import { describe, expect, it } from 'vitest';
import type { ProgressOut } from '@zhibiao/contracts';
import {
  chartBaseline,
  nextPaceSort,
  partialOf,
  rateBehind,
  signedPoints,
  sortByPace,
} from './progress.js';

const row = (region: string, schedulePoints: number | null) =>
  ({ region, schedulePoints }) as ProgressOut;

describe(sortByPace.name, () => {
  const rows = [row('370000', 1), row('370200', 3), row('370100', -2), row('370300', null)];

  it('leaves the province out and keeps the API’s order unsorted', () => {
    expect(sortByPace(rows, 'none').map((r) => r.region)).toEqual(['370200', '370100', '370300']);
  });

  it('puts the slowest first, or the fastest, and cities without a pace last either way', () => {
    expect(sortByPace(rows, 'ascending').map((r) => r.region)).toEqual([
      '370100',
      '370200',
      '370300',
    ]);
    expect(sortByPace(rows, 'descending').map((r) => r.region)).toEqual([
      '370200',
      '370100',
      '370300',
    ]);
  });
});

describe(nextPaceSort.name, () => {
  it('cycles from unsorted to slowest first, fastest first and back', () => {
    expect(nextPaceSort('none')).toBe('ascending');
    expect(nextPaceSort('ascending')).toBe('descending');
    expect(nextPaceSort('descending')).toBe('none');
  });
});

describe(signedPoints.name, () => {
  it('signs points to one decimal, with a true minus sign', () => {
    expect(signedPoints(1.24)).toBe('+1.2');
    expect(signedPoints(-3.46)).toBe('−3.5');
    expect(signedPoints(0.04)).toBe('0');
  });
});

describe(partialOf.name, () => {
  it('counts the cities in while a province sum is incomplete', () => {
    expect(partialOf({ source: 'cities', regionsReported: 12 }, 16)).toEqual({
      reported: 12,
      expected: 16,
    });
  });

  it('says nothing of a complete sum, a reported figure or an unknown count', () => {
    expect(partialOf({ source: 'cities', regionsReported: 16 }, 16)).toBeNull();
    expect(partialOf({ source: 'reported', regionsReported: null }, 16)).toBeNull();
    expect(partialOf({ source: 'cities', regionsReported: 3 }, null)).toBeNull();
  });
});

describe(chartBaseline.name, () => {
  const base = {
    own: { value: 10, date: '2019-12-31' },
    regionBaseline: 4,
    planStart: '2020-01-01',
    firstPeriod: '2020-03',
  };

  it('takes the indicator’s own baseline for the province', () => {
    expect(chartBaseline({ ...base, region: '370000', kind: 'level' })).toEqual(base.own);
  });

  it('starts a city’s count at the plan’s start, from nothing when it has no baseline', () => {
    expect(chartBaseline({ ...base, region: '370200', kind: 'cumulative' })).toEqual({
      value: 4,
      date: '2020-01-01',
    });
    expect(
      chartBaseline({ ...base, region: '370200', kind: 'cumulative', regionBaseline: null }),
    ).toEqual({ value: 0, date: '2020-01-01' });
  });

  it('starts a city’s level at the end of its first period, or draws no line without one', () => {
    expect(chartBaseline({ ...base, region: '370200', kind: 'ratio' })).toEqual({
      value: 4,
      date: '2020-03-31',
    });
    expect(
      chartBaseline({ ...base, region: '370200', kind: 'ratio', firstPeriod: undefined }),
    ).toBeNull();
  });
});

describe(rateBehind.name, () => {
  it('compares the rate needed with the recent one in the indicator’s direction', () => {
    expect(rateBehind(2, 3, 'increase')).toBe(true);
    expect(rateBehind(3, 2, 'increase')).toBe(false);
    expect(rateBehind(-1, -2, 'decrease')).toBe(true);
    expect(rateBehind(null, 2, 'increase')).toBe(false);
  });
});
