import { describe, expect, it } from 'vitest';
import { modifiedZScores, periodEnd, periodState, wanSlip } from './figure-checks.js';

describe(modifiedZScores.name, () => {
  it('scores by median and median absolute deviation', () => {
    // median 3, deviations [2,1,0,1,2,97] → MAD 1.5; score of 100 = 0.6745·97/1.5
    const scores = modifiedZScores([1, 2, 3, 4, 5, 100]);
    expect(scores[5]).toBeCloseTo((0.6745 * 96.5) / 1.5, 6);
    expect(scores[2]).toBeCloseTo((0.6745 * -0.5) / 1.5, 6);
  });

  it('falls back to the mean absolute deviation when most values are equal', () => {
    const scores = modifiedZScores([10, 10, 10, 10, 50]);
    // median 10, MAD 0, mean absolute deviation 8 → 40 / (1.253314·8)
    expect(scores[4]).toBeCloseTo(40 / (1.253314 * 8), 6);
    expect(modifiedZScores([7, 7, 7])).toEqual([0, 0, 0]);
    expect(modifiedZScores([])).toEqual([]);
  });
});

describe(wanSlip.name, () => {
  it('spots a figure typed in 万 and suggests the intended value', () => {
    expect(wanSlip(4, 38_000)).toBe(40_000);
    expect(wanSlip(3.6, 40_000)).toBe(36_000);
    expect(wanSlip(42_000_0000, 40_000)).toBe(42_000);
  });

  it('leaves ordinary variation alone', () => {
    expect(wanSlip(400, 40_000)).toBeNull();
    expect(wanSlip(39_000, 40_000)).toBeNull();
    expect(wanSlip(0, 40_000)).toBeNull();
    expect(wanSlip(-4, 40_000)).toBeNull();
  });
});

describe(periodState.name, () => {
  it('knows the last day of a month, leap years included', () => {
    expect(periodEnd('2020-02')).toBe('2020-02-29');
    expect(periodEnd('2020-12')).toBe('2020-12-31');
  });

  it('opens a month after it ends and closes it after the due day and the grace', () => {
    expect(periodState('2020-10', '2020-10-31', 5, 3)).toBe('future');
    expect(periodState('2020-10', '2020-11-01', 5, 3)).toBe('open');
    expect(periodState('2020-10', '2020-11-08', 5, 3)).toBe('open');
    expect(periodState('2020-10', '2020-11-09', 5, 3)).toBe('late');
    expect(periodState('2020-12', '2021-01-05', 5, 0)).toBe('open');
  });
});
