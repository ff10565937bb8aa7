import { describe, expect, it } from 'vitest';
import { linearForecast, linearTrend } from './linear-trend.js';
import { holt } from './holt.js';
import { cachedProjection, chooseProjection } from './projection.js';
import { normalCdf } from './probability.js';

const series = (values: readonly number[]) => values.map((y, x) => [x, y] as const);

describe(chooseProjection.name, () => {
  const Z_80 = 1.2815515655446004;

  it('projects one value flat with no spread', () => {
    expect(chooseProjection([42], 3)).toEqual({
      method: 'linear',
      value: 42,
      low: 42,
      high: 42,
      interval: 0.8,
      sigma: 0,
      holdoutError: null,
      path: [42, 42, 42].map((v) => ({ value: v, low: v, high: v })),
    });
  });

  it('uses the line alone below five values', () => {
    const values = [3, 5, 8, 9];
    const projection = chooseProjection(values, 8);
    const expected = linearForecast(linearTrend(series(values)), 11);
    expect(projection.method).toBe('linear');
    expect(projection.holdoutError).toBeNull();
    expect(projection.value).toBeCloseTo(expected.value, 12);
    expect(projection.sigma).toBeCloseTo(expected.predictionStdError, 12);
    expect(projection.low).toBeCloseTo(expected.value - Z_80 * expected.predictionStdError, 12);
    expect(projection.high).toBeCloseTo(expected.value + Z_80 * expected.predictionStdError, 12);
    // Each step on the way has its own interval, widening with the distance from the data.
    expect(projection.path).toHaveLength(8);
    projection.path.forEach((step, i) => {
      const at = linearForecast(linearTrend(series(values)), 4 + i);
      expect(step.value).toBeCloseTo(at.value, 12);
      expect(step.high - step.value).toBeCloseTo(Z_80 * at.predictionStdError, 12);
      expect(step.value - step.low).toBeCloseTo(Z_80 * at.predictionStdError, 12);
    });
    expect(projection.path.at(-1)?.value).toBe(projection.value);
  });

  it('keeps the line when both methods forecast the holdout perfectly', () => {
    const values = Array.from({ length: 10 }, (_, x) => 50 + 20 * x);
    const projection = chooseProjection(values, 2);
    expect(projection.method).toBe('linear');
    expect(projection.value).toBeCloseTo(270, 9);
    expect(projection.holdoutError?.linear).toBeCloseTo(0, 18);
    expect(projection.holdoutError?.holt).toBeCloseTo(0, 18);
  });

  it('holds out min(3, ⌊n/4⌋) values and scores each method on them', () => {
    const values = [2, 5, 9, 11, 16, 18, 25, 29];
    const projection = chooseProjection(values, 4);
    // n = 8: the last two are held out.
    const train = values.slice(0, 6);
    const line = linearTrend(series(train));
    const lineMse =
      ((25 - linearForecast(line, 6).value) ** 2 + (29 - linearForecast(line, 7).value) ** 2) / 2;
    const smoothed = holt(train, { horizon: 2 }).forecast;
    const holtMse = ((25 - (smoothed[0] ?? NaN)) ** 2 + (29 - (smoothed[1] ?? NaN)) ** 2) / 2;
    expect(projection.holdoutError?.linear).toBeCloseTo(lineMse, 12);
    expect(projection.holdoutError?.holt).toBeCloseTo(holtMse, 12);
  });

  it('chooses Holt when the trend has steepened and says how uncertain it is', () => {
    const values = [10, 11, 12, 13, 14, 15, 16, 20, 24, 28, 32, 36];
    const projection = chooseProjection(values, 3);
    expect(projection.method).toBe('holt');
    const errors = projection.holdoutError ?? { linear: NaN, holt: NaN };
    expect(errors.holt).toBeLessThan(errors.linear);
    const fit = holt(values, { horizon: 3 });
    expect(projection.value).toBe(fit.forecast[2]);
    // σ² = SSE/(n − 2); σ_3² = σ²[1 + 2(α² + 3αβₛ + 2.5βₛ²)] with βₛ = αβ the state-space trend.
    const stateBeta = fit.alpha * fit.beta;
    const factor = 1 + 2 * (fit.alpha ** 2 + 3 * fit.alpha * stateBeta + 2.5 * stateBeta ** 2);
    expect(projection.sigma).toBeCloseTo(Math.sqrt((fit.sse / 10) * factor), 12);
    expect(normalCdf((projection.high - projection.value) / projection.sigma)).toBeCloseTo(0.9, 12);
    // One step ahead the variance is σ² itself; the path ends at the projection.
    expect(projection.path.map((s) => s.value)).toEqual(fit.forecast);
    const first = projection.path[0]!;
    expect((first.high - first.value) / Z_80).toBeCloseTo(Math.sqrt(fit.sse / 10), 12);
    expect(projection.path.at(-1)?.high).toBe(projection.high);
  });

  it('chooses the line when the series only scatters around it', () => {
    // 100 + 20x with irregular noise: chasing it makes Holt's multi-step forecasts worse.
    const values = [105, 113, 143, 169, 176, 192, 226, 242, 251, 287, 297, 321];
    const projection = chooseProjection(values, 2);
    expect(projection.method).toBe('linear');
    const expected = linearForecast(linearTrend(series(values)), 13);
    expect(projection.value).toBeCloseTo(expected.value, 12);
    expect(projection.sigma).toBeCloseTo(expected.predictionStdError, 12);
  });

  it('rejects no values, non-finite values and a horizon below 1', () => {
    expect(() => chooseProjection([], 1)).toThrow(RangeError);
    expect(() => chooseProjection([1, NaN], 1)).toThrow(RangeError);
    expect(() => chooseProjection([1, 2], 0)).toThrow(RangeError);
    expect(() => chooseProjection([1, 2], 1.5)).toThrow(RangeError);
  });
});

describe(cachedProjection.name, () => {
  it('answers as chooseProjection does, the second time from memory', () => {
    const values = [10, 11, 12, 13, 14, 15, 16, 20, 24, 28, 32, 36];
    const first = cachedProjection(values, 3);
    expect(first).toEqual(chooseProjection(values, 3));
    expect(cachedProjection([...values], 3)).toBe(first);
    expect(cachedProjection(values, 4)).not.toBe(first);
    expect(cachedProjection(values, 4).value).toBe(chooseProjection(values, 4).value);
  });
});
