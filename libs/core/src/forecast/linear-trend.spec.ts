import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { linearForecast, linearTrend } from './linear-trend.js';

// NIST StRD linear regression dataset "Norris" (lower difficulty, 36 observations), as copied in
// scipy's stats/tests/test_stats.py (test_nist_norris) and GSL's fit/test.c.
const NORRIS_X = [
  0.2, 337.4, 118.2, 884.6, 10.1, 226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4, 0.6, 775.5, 666.9,
  338.0, 447.5, 11.6, 556.0, 228.1, 995.8, 887.6, 120.2, 0.3, 0.3, 556.8, 339.1, 887.2, 999.0,
  779.0, 11.1, 118.3, 229.2, 669.1, 448.9, 0.5,
];
const NORRIS_Y = [
  0.1, 338.8, 118.1, 888.0, 9.2, 228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3, 0.1, 778.1, 668.8,
  339.3, 448.9, 10.8, 557.7, 228.3, 998.0, 888.8, 119.6, 0.3, 0.6, 557.6, 339.3, 888.0, 998.5,
  778.9, 10.2, 117.6, 228.9, 668.4, 449.2, 0.2,
];
// Certified values (https://www.itl.nist.gov/div898/strd/lls/data/Norris.shtml).
const NORRIS = {
  slope: 1.00211681802045,
  slopeSd: 0.429796848199937e-3,
  intercept: -0.262323073774029,
  interceptSd: 0.232818234301152,
  residualSd: 0.884796396144373,
  r2: 0.999993745883712,
};

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

const series = (values: readonly number[]) => values.map((y, x) => [x, y] as const);

describe(linearTrend.name, () => {
  it('matches the NIST StRD Norris certified values', () => {
    const fit = linearTrend(NORRIS_X.map((x, i) => [x, NORRIS_Y[i] ?? NaN] as const));
    expectRelative(fit.slope, NORRIS.slope, 1e-12);
    expectRelative(fit.intercept, NORRIS.intercept, 1e-12);
    expectRelative(fit.r2, NORRIS.r2, 1e-14);
    expectRelative(fit.residualStdError, NORRIS.residualSd, 1e-12);
    expectRelative(fit.residualStdError / Math.sqrt(fit.sxx), NORRIS.slopeSd, 1e-12);
    // The prediction variance at x = 0 is s² plus the variance of the intercept.
    const atZero = linearForecast(fit, 0).predictionStdError;
    expectRelative(Math.sqrt(atZero ** 2 - fit.residualStdError ** 2), NORRIS.interceptSd, 1e-12);
    expect(fit.n).toBe(36);
  });

  it('keeps that precision when x is far from zero', () => {
    const fit = linearTrend(NORRIS_X.map((x, i) => [x + 1e6, NORRIS_Y[i] ?? NaN] as const));
    expectRelative(fit.slope, NORRIS.slope, 1e-9);
    expectRelative(fit.residualStdError, NORRIS.residualSd, 1e-9);
    expectRelative(fit.r2, NORRIS.r2, 1e-12);
  });

  it('fits a hand-computed case', () => {
    // x̄ = 1.5, ȳ = 1, Sxx = 5, Sxy = 3, Syy = 2; residuals −0.1, 0.3, −0.3, 0.1, so SSE = 0.2.
    const fit = linearTrend(series([0, 1, 1, 2]));
    expect(fit.slope).toBeCloseTo(0.6, 15);
    expect(fit.intercept).toBeCloseTo(0.1, 15);
    expect(fit.r2).toBeCloseTo(0.9, 15);
    expect(fit.residualStdError).toBeCloseTo(Math.sqrt(0.1), 15);
    expect(fit.xMean).toBe(1.5);
    expect(fit.sxx).toBe(5);
    // s²(1 + 1/4 + 3.5²/5) = 0.1 · 3.7
    const at5 = linearForecast(fit, 5);
    expect(at5.value).toBeCloseTo(3.1, 14);
    expect(at5.predictionStdError).toBeCloseTo(Math.sqrt(0.37), 15);
  });

  it('takes one point as a flat line without spread', () => {
    const fit = linearTrend([[3, 7]]);
    expect(fit).toEqual({
      slope: 0,
      intercept: 7,
      r2: 1,
      n: 1,
      residualStdError: 0,
      xMean: 3,
      sxx: 0,
    });
    expect(linearForecast(fit, 11)).toEqual({ value: 7, predictionStdError: 0 });
  });

  it('reports no scatter through two points and r² = 1 for equal ys', () => {
    expect(linearTrend(series([1, 4])).residualStdError).toBe(0);
    const flat = linearTrend(series([5, 5, 5, 5]));
    expect(flat.r2).toBe(1);
    expect(flat.slope).toBe(0);
  });

  it('fixes the slope at 0 when all x are equal', () => {
    const fit = linearTrend([
      [2, 1],
      [2, 3],
      [2, 5],
    ]);
    expect(fit.slope).toBe(0);
    expect(fit.intercept).toBe(3);
    expect(fit.r2).toBe(0);
    expect(Number.isFinite(linearForecast(fit, 10).predictionStdError)).toBe(true);
  });

  it('rejects no points and non-finite coordinates', () => {
    expect(() => linearTrend([])).toThrow(RangeError);
    expect(() => linearTrend([[0, NaN]])).toThrow(RangeError);
    expect(() => linearTrend([[Infinity, 1]])).toThrow(RangeError);
    expect(() => linearForecast(linearTrend([[0, 1]]), NaN)).toThrow(RangeError);
  });

  it('recovers the slope and intercept of points on a line', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.uniqueArray(fc.integer({ min: -50, max: 50 }), { minLength: 2, maxLength: 36 }),
        (slope, intercept, xs) => {
          const fit = linearTrend(xs.map((x) => [x, intercept + slope * x] as const));
          const scale = Math.abs(intercept) + 50 * Math.abs(slope) + 1;
          expect(Math.abs(fit.slope - slope)).toBeLessThanOrEqual(1e-12 * scale);
          expect(Math.abs(fit.intercept - intercept)).toBeLessThanOrEqual(1e-12 * scale);
          expect(fit.r2).toBeCloseTo(1, 12);
        },
      ),
    );
  });
});
