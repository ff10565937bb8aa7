import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeProgress, lastDuePeriod, monthsBetween, type ProgressInput } from './progress.js';

// A year plan like the seed's: 40,000 by 2020-12-31 from 0 at the start of 2020.
function fiveG(overrides: Partial<ProgressInput> = {}): ProgressInput {
  return {
    asOf: '2020-11-03',
    kind: 'cumulative',
    direction: 'increase',
    frequency: 'monthly',
    dueDay: 5,
    graceDays: 5,
    baseline: { value: 0, date: '2019-12-31' },
    planStart: '2020-01-01',
    deadline: '2020-12-31',
    target: { comparator: '>=', value: 40_000 },
    points: [],
    unit: '个',
    ...overrides,
  };
}

/** Year-to-date totals from monthly increments, January on. */
function ytd(increments: readonly number[]): { period: string; value: number }[] {
  let total = 0;
  return increments.map((inc, i) => {
    total += inc;
    return { period: `2020-${String(i + 1).padStart(2, '0')}`, value: total };
  });
}

describe(monthsBetween.name, () => {
  it('counts months between periods across years', () => {
    expect(monthsBetween('2020-10', '2020-12')).toBe(2);
    expect(monthsBetween('2019-11', '2020-02')).toBe(3);
  });
});

describe(lastDuePeriod.name, () => {
  it('is the last period whose close date has passed', () => {
    // October closes on 2020-11-10 (due the 5th + 5 days).
    expect(lastDuePeriod('2020-11-10', 'monthly', 5, 5)).toBe('2020-10');
    expect(lastDuePeriod('2020-11-09', 'monthly', 5, 5)).toBe('2020-09');
    // The third quarter closes on 2020-10-15 (due the 10th + 5 days).
    expect(lastDuePeriod('2020-11-03', 'quarterly', 10, 5)).toBe('2020-09');
  });
});

describe(computeProgress.name, () => {
  it('has no data, and says so, before the first figure', () => {
    const progress = computeProgress(fiveG());
    expect(progress).toMatchObject({ status: 'no_data', actual: null, projection: null });
    expect(progress.explanation.zh).toBe('尚无数据。');
  });

  it('computes pace against the straight line, by hand', () => {
    // 30,000 by the end of September: the line expects 40,000 × 274/366 = 29,945.36 (2020 is a leap year).
    const points = ytd([2000, 2000, 3000, 3000, 4000, 4000, 4000, 4000, 4000]);
    const progress = computeProgress(fiveG({ asOf: '2020-10-12', points }));
    expect(progress.actual).toBe(30_000);
    expect(progress.expected).toBeCloseTo((40_000 * 274) / 366, 6);
    expect(progress.gap).toBeCloseTo(30_000 - (40_000 * 274) / 366, 6);
    expect(progress.completion).toBe(0.75);
    expect(progress.paceRatio).toBeCloseTo(30_000 / ((40_000 * 274) / 366), 9);
    // 10,000 still needed over October–December; the last three months added 4,000 each.
    expect(progress.requiredMonthlyRate).toBeCloseTo(10_000 / 3, 9);
    expect(progress.recentMonthlyRate).toBe(4000);
    expect(progress.projection?.value).toBeGreaterThan(40_000);
    expect(progress.status).toBe('on_track');
  });

  it('is off track when the trend falls well short, and the sentence gives the shortfall', () => {
    const points = ytd([1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000]);
    const progress = computeProgress(fiveG({ points }));
    expect(progress.projection?.method).toBeDefined();
    expect(progress.projection?.value).toBeCloseTo(12_000, 0);
    // The way there, month by month from November: 11,000 then 12,000, the band widening.
    const path = progress.projection?.path ?? [];
    expect(path.map((s) => s.period)).toEqual(['2020-11', '2020-12']);
    expect(path[0]?.value).toBeCloseTo(11_000, 0);
    expect(path[1]).toMatchObject({
      value: progress.projection?.value,
      low: progress.projection?.low,
      high: progress.projection?.high,
    });
    expect(progress.probability).toBeLessThan(0.01);
    expect(progress.status).toBe('off_track');
    expect(progress.explanation.zh).toContain('预计1.2万个');
    expect(progress.explanation.zh).toContain('缺口约2.8万个');
    expect(progress.explanation.en).toContain('short of the target of 40,000 by about 28,000');
    // Behind the plan line by (10,000 − 33,333) / 40,000 of the way: 58.3 points.
    expect(progress.schedulePoints).toBeCloseTo(-58.33, 1);
    expect(progress.explanation.zh).toContain('落后序时进度58.3个百分点');
  });

  it('says "but" where it is ahead of the plan curve yet the trend misses, in percentage points for a rate', () => {
    // Digital campus: 82% at the start of the year, more than 90% by its end. By October 88.9%, a
    // little ahead of the line (88.67%), but the last months slowed: the trend ends short of 90%.
    const points = [
      { period: '2020-06', value: 87.6 },
      { period: '2020-07', value: 88.4 },
      { period: '2020-08', value: 88.8 },
      { period: '2020-09', value: 88.9 },
      { period: '2020-10', value: 88.9 },
    ];
    const progress = computeProgress(
      fiveG({
        kind: 'ratio',
        unit: '%',
        baseline: { value: 82, date: '2019-12-31' },
        target: { comparator: '>', value: 90 },
        points,
      }),
    );
    expect(progress.schedulePoints!).toBeGreaterThan(0);
    expect(progress.paceRatio!).toBeGreaterThan(1);
    expect(progress.status).not.toBe('on_track');
    const { zh, en } = progress.explanation;
    expect(zh).toMatch(/快于序时进度[\d.]+个百分点；但按/);
    expect(zh).toMatch(/缺口约[\d.]+个百分点/);
    expect(zh).toMatch(/近期每月-?[\d.]+个百分点，尚需每月[\d.]+个百分点/);
    expect(zh).not.toMatch(/缺口约[\d.]+%/);
    expect(en).toMatch(/percentage points ahead of the time-elapsed schedule; but by/);
    expect(en).toMatch(/by about [\d.]+ percentage points/);
  });

  it('never projects past the deadline: overdue comes with no projection and a probability of 0', () => {
    // The last figure is October's; on 2021-01-20 the deadline has passed without the target met.
    const progress = computeProgress(
      fiveG({
        asOf: '2021-01-20',
        points: ytd([3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000]),
      }),
    );
    expect(progress.status).toBe('overdue');
    expect(progress.projection).toBeNull();
    expect(progress.probability).toBe(0);
    expect(progress.requiredMonthlyRate).toBeNull();
    expect(progress.explanation.zh).not.toMatch(/推算|达到目标/);
  });

  it('bounds a rate’s projection to 0–100% and a count’s to what is already counted', () => {
    const rising = [90, 94, 97.5, 99].map((value, i) => ({ period: `2020-0${i + 6}`, value }));
    const rate = computeProgress(
      fiveG({
        kind: 'ratio',
        unit: '%',
        baseline: null,
        target: { comparator: '>=', value: 100 },
        points: rising,
      }),
    );
    expect(rate.projection!.value).toBeLessThanOrEqual(100);
    expect(rate.projection!.high).toBeLessThanOrEqual(100);
    for (const step of rate.projection!.path) expect(step.high).toBeLessThanOrEqual(100);
    const falling = computeProgress(fiveG({ points: ytd([9000, 100, 50, 10, 0, 0]) }));
    expect(falling.projection!.low).toBeGreaterThanOrEqual(falling.actual!);
  });

  it('shows counts as whole numbers in its sentence', () => {
    const progress = computeProgress(
      fiveG({ target: { comparator: '>=', value: 100 }, points: ytd([7, 8, 9, 8, 9, 8]) }),
    );
    expect(progress.explanation.zh).not.toMatch(/\d\.\d+个(?!百分点)/);
    expect(progress.explanation.en).not.toMatch(/\d\.\d+(?! percentage)/);
  });

  it('is achieved once the target is met, whatever the date', () => {
    const points = ytd([20_000, 21_000]);
    expect(computeProgress(fiveG({ asOf: '2020-03-20', points })).status).toBe('achieved');
  });

  it('is stale when the latest figure is older than the calendar allows', () => {
    const points = ytd([3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000]); // to August
    expect(computeProgress(fiveG({ asOf: '2020-11-03', points })).status).toBe('stale');
    expect(computeProgress(fiveG({ asOf: '2020-10-09', points })).status).not.toBe('stale');
  });

  it('is overdue after the deadline without the target met', () => {
    const points = ytd(Array.from({ length: 12 }, () => 3000));
    expect(computeProgress(fiveG({ asOf: '2021-01-20', points })).status).toBe('overdue');
  });

  it('handles a decrease target the same way: completion from the baseline toward it', () => {
    // Incidents from 100 down to at most 60 by year end; 80 by June is half-way at mid-year.
    const progress = computeProgress(
      fiveG({
        kind: 'level',
        direction: 'decrease',
        baseline: { value: 100, date: '2019-12-31' },
        target: { comparator: '<=', value: 60 },
        asOf: '2020-07-12',
        points: [
          { period: '2020-04', value: 88 },
          { period: '2020-05', value: 84 },
          { period: '2020-06', value: 80 },
        ],
        unit: '起',
      }),
    );
    expect(progress.completion).toBe(0.5);
    expect(progress.paceRatio).toBeCloseTo(20 / (40 * (182 / 366)), 9);
    expect(progress.requiredMonthlyRate).toBeCloseTo(-20 / 6, 9);
    expect(progress.status).toBe('on_track');
  });

  it('takes a rate’s first figure as its baseline when the plan states none', () => {
    const progress = computeProgress(
      fiveG({
        kind: 'ratio',
        baseline: null,
        target: { comparator: '>', value: 90 },
        asOf: '2020-03-12',
        points: [
          { period: '2020-01', value: 82 },
          { period: '2020-02', value: 83 },
        ],
        unit: '%',
      }),
    );
    expect(progress.baseline).toBe(82);
    expect(progress.completion).toBeCloseTo(1 / 8, 12);
    // Two figures: no projection yet, the pace decides.
    expect(progress.projection).toBeNull();
  });

  it('follows a monthly plan where one is given', () => {
    const plan = new Map([['2020-03', 5000]]);
    const progress = computeProgress(
      fiveG({ asOf: '2020-04-12', plan, points: ytd([1000, 1500, 2500]) }),
    );
    expect(progress.expected).toBe(5000);
    expect(progress.paceRatio).toBe(1);
  });

  it('says a series with a number out of range cannot be computed, for any finite number', () => {
    const months = ytd([3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000, 3000]);
    for (const absurd of [1e155, -1e155, 1.7e308, -Number.MAX_VALUE, 1e15 + 2]) {
      const points = months.map((p) => (p.period === '2020-07' ? { ...p, value: absurd } : p));
      const progress = computeProgress(fiveG({ points }));
      expect(progress.status).toBe('invalid_data');
      expect(progress.projection).toBeNull();
      expect(progress.probability).toBeNull();
      expect(progress.paceRatio).toBeNull();
      expect(progress.actual).toBe(27_000);
      expect(progress.explanation.zh).toContain('2020-07的数据');
      expect(progress.explanation.zh).toContain('超出可计算范围');
      expect(progress.explanation.en).toContain('the figure of 2020-07');
    }
    // An absurd target or baseline (one the catalogue refuses now) is named too.
    const target = computeProgress(
      fiveG({ points: months, target: { comparator: '>=', value: 1e300 } }),
    );
    expect(target.status).toBe('invalid_data');
    expect(target.explanation.en).toContain('the target');
    // Up to the bound every figure is computed: the largest counts a province has are far below it.
    const large = computeProgress(
      fiveG({
        points: ytd([1e14, 1e14, 1e14, 1e14, 1e14, 1e14, 1e14, 1e14, 1e14]),
        target: { comparator: '>=', value: 1e15 },
      }),
    );
    expect(large.status).not.toBe('invalid_data');
    expect(Number.isFinite(large.projection!.value)).toBe(true);
    expect(large.probability).toBeGreaterThanOrEqual(0);
  });

  it('never throws and answers only finite numbers, whatever finite figures it is given', () => {
    /** Every number in the answer, wherever it sits. */
    const numbers = (value: unknown): number[] =>
      typeof value === 'number'
        ? [value]
        : value !== null && typeof value === 'object'
          ? Object.values(value).flatMap(numbers)
          : [];
    // Once found by a random run: a target of -5e-324 (the smallest subnormal) made the schedule's
    // ratio finite but its percentage points infinite.
    const tiny = computeProgress(
      fiveG({
        points: [{ period: '2020-01', value: -8.881784197001253e-18 }],
        baseline: null,
        target: { comparator: '>=', value: -5e-324 },
      }),
    );
    expect(numbers(tiny).every(Number.isFinite)).toBe(true);
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), {
          minLength: 1,
          maxLength: 10,
        }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.constantFrom<ProgressInput['kind']>('cumulative', 'level', 'ratio'),
        (values, target, kind) => {
          const points = values.map((value, i) => ({
            period: `2020-${String(i + 1).padStart(2, '0')}`,
            value,
          }));
          const progress = computeProgress(
            fiveG({ kind, points, baseline: null, target: { comparator: '>=', value: target } }),
          );
          expect(numbers(progress).every(Number.isFinite)).toBe(true);
          expect(progress.explanation.zh).not.toBe('');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
