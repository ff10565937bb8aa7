import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cachedProjection,
  chooseProjection,
  holt,
  linearForecast,
  linearTrend,
  normalCdf,
  probabilityOfMeeting,
} from './forecast.js';
import { COMPARATORS, meetsTarget, type Target } from '../targets/target.js';

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

// Series from statsmodels' statsmodels/tsa/holtwinters/tests/test_holtwinters.py (fpp data).
const AIR_AUSAIR = [
  17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535, 30.1857, 31.5797,
  32.577569, 33.477398, 39.021581, 41.386432, 41.596552,
];
const LIVESTOCK = [
  263.917747, 268.307222, 260.662556, 266.639419, 277.515778, 283.834045, 290.309028, 292.474198,
  300.830694, 309.286657, 318.331081, 329.37239, 338.883998, 339.244126, 328.600632, 314.255385,
  314.459695, 321.413779, 329.789292, 346.385165, 352.297882, 348.370515, 417.562922, 417.12357,
  417.749459, 412.233904, 411.946817, 394.697075, 401.49927, 408.270468, 414.2428,
];
// fpp2 `oildata` (1965–2013), from statsmodels/tsa/tests/test_exponential_smoothing.py.
const OILDATA = [
  111.0091346, 130.8284341, 141.2870879, 154.2277747, 162.7408654, 192.1664835, 240.7997253,
  304.2173901, 384.0045673, 429.6621566, 359.3169299, 437.2518544, 468.4007898, 424.4353365,
  487.9794299, 509.8284478, 506.3472527, 340.1842374, 240.258921, 219.0327876, 172.0746632,
  252.5900922, 221.0710774, 276.5187735, 271.1479517, 342.6186005, 428.3558357, 442.3945534,
  432.7851482, 437.2497186, 437.2091599, 445.3640981, 453.1950104, 454.409641, 422.3789058,
  456.0371217, 440.3866047, 425.1943725, 486.2051735, 500.4290861, 521.2759092, 508.947617,
  488.8888577, 509.870575, 456.7229123, 473.8166029, 525.9508706, 549.8338076, 542.3404698,
];

// R forecast::ets(oildata, model = "AAN", damped = FALSE), from statsmodels'
// statsmodels/tsa/tests/results/fit_ets_results_nonseasonal.json ("FALSE" / "AAN").
// alpha, beta (state-space), initial and final states, sigma2, one-step fitted values, forecasts.
const R_AAN = {
  alpha: 0.99770564,
  beta: 0.0001001,
  initial: { level: 21.3150686, trend: 11.71213626 },
  final: { level: 542.38446176, trend: 11.70680319 },
  sigma2: 2571.94347286,
  fitted: [
    33.02720486, 122.55015822, 142.53021192, 153.01058688, 165.94575069, 174.46866637, 203.84809771,
    252.44086322, 315.82969736, 395.58607535, 441.32531082, 371.23821484, 448.8401311, 480.09760469,
    436.29916817, 499.60215212, 521.54730416, 518.12292482, 352.31547884, 252.22778758,
    230.81739405, 183.91200514, 264.14195925, 232.87502576, 288.1281358, 282.89470766, 354.19534787,
    439.90688405, 454.11029428, 444.55338969, 448.9850586, 448.95358201, 457.08937823, 464.92060024,
    466.14935951, 434.19055208, 467.70040561, 452.15994613, 436.96421566, 497.80510033,
    512.13623187, 532.96902051, 520.71440735, 500.67036773, 521.55887793, 468.57459091,
    485.50802183, 537.56557442, 561.51438238,
  ],
  forecast: [554.09126495, 565.79806815, 577.50487134, 589.21167453],
};

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

function expectAllClose(
  actual: readonly number[],
  expected: readonly number[],
  atol: number,
): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => expect(Math.abs(value - (expected[i] ?? NaN))).toBeLessThan(atol));
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

describe(holt.name, () => {
  // statsmodels test_holtwinters.py, TestHoltWinters.test_holt, fit1:
  // Holt(air_ausair, initialization_method="legacy-heuristic").fit(0.8, 0.2, optimized=False).
  const legacy = { alpha: 0.8, beta: 0.2, initialization: 'legacy-heuristic' } as const;

  it('reproduces statsmodels forecasts for air_ausair (α 0.8, β 0.2, legacy-heuristic)', () => {
    const fit = holt(AIR_AUSAIR, { ...legacy, horizon: 5 });
    // Published to 2 decimals.
    expectAllClose(fit.forecast, [43.76, 45.59, 47.43, 49.27, 51.1], 0.005);
  });

  it('reproduces statsmodels fitted one-step forecasts for air_ausair', () => {
    // `fittedfcast`: the one-step forecast of every value, then of the next one.
    const fittedfcast = [
      21.8601, 22.032368, 25.48461872, 27.54058587, 30.28813356, 30.26106173, 31.58122149,
      32.599234, 33.24223906, 32.26755382, 33.07776017, 33.95806605, 34.77708354, 40.05535303,
      43.21586036, 43.75696849,
    ];
    const fit = holt(AIR_AUSAIR, { ...legacy, horizon: 1 });
    // Published to 8 decimals, so within 5e-9 of the exact values.
    expectAllClose([...fit.fitted, ...fit.forecast], fittedfcast, 1e-8);
  });

  it('reproduces the statsmodels trend path for air_ausair', () => {
    const trend = [
      3.617628, 3.59006512, 3.33438212, 3.23657639, 2.69263502, 2.46388914, 2.2229097, 1.95959226,
      1.47054601, 1.3604894, 1.28045881, 1.20355193, 1.88267152, 2.09564416, 1.83655482,
    ];
    // The trend after value k is the final trend of the first k + 1 values (two at least).
    const path = AIR_AUSAIR.slice(1).map(
      (_, k) => holt(AIR_AUSAIR.slice(0, k + 2), { ...legacy, horizon: 0 }).trend,
    );
    expectAllClose(path, trend.slice(1), 1e-8);
  });

  it('reproduces R forecast::ets AAN on oildata from its fitted parameters and initial state', () => {
    const fit = holt(OILDATA, {
      alpha: R_AAN.alpha,
      // R's beta is the state-space one: α times the component-form β used here.
      beta: R_AAN.beta / R_AAN.alpha,
      horizon: 4,
      initialization: R_AAN.initial,
    });
    // R prints its parameters to 8 decimals (β to 4 digits), which limits the agreement.
    fit.forecast.forEach((value, i) => expectRelative(value, R_AAN.forecast[i] ?? NaN, 1e-8));
    fit.fitted.forEach((value, i) => expectRelative(value, R_AAN.fitted[i] ?? NaN, 1e-8));
    expectRelative(fit.level, R_AAN.final.level, 1e-9);
    expectRelative(fit.trend, R_AAN.final.trend, 1e-7);
    // R's sigma2 is SSE / (n − 4): α, β, l0 and b0 were estimated.
    expectRelative(fit.sse / (OILDATA.length - 4), R_AAN.sigma2, 1e-8);
  });

  it('continues an exact line whatever α and β when started at the first value', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: 2, max: 24 }),
        (alpha, beta, intercept, slope, n) => {
          const line = (x: number) => intercept + slope * x;
          const values = Array.from({ length: n }, (_, x) => line(x));
          const fit = holt(values, { alpha, beta, horizon: 3 });
          const scale = 1e-9 * (Math.abs(intercept) + Math.abs(slope) * (n + 3) + 1);
          fit.forecast.forEach((value, h) =>
            expect(Math.abs(value - line(n + h))).toBeLessThanOrEqual(scale),
          );
          expect(fit.sse).toBeLessThanOrEqual(scale);
        },
      ),
    );
  });

  it('continues an exact line with fitted parameters', () => {
    const values = Array.from({ length: 9 }, (_, x) => 120 + 35 * x);
    expect(holt(values, { horizon: 3 }).forecast).toEqual([435, 470, 505]);
  });

  it('fits α and β at least as well as the best point of a dense grid', () => {
    const grid = Array.from({ length: 101 }, (_, i) => i / 100);
    // The last two once trapped the search: an optimum next to the flat α = 0 edge, and a long
    // curved valley near β = 1.
    const hard = [
      [59.563, 75.827, 85.854, 112.327, 124.763, 135.544],
      [
        104.628, 109.582, 106.451, 97.838, 86.986, 89.821, 75.661, 64.14, 52.8, 46.149, 52.232,
        49.728, 30.781, 38.078,
      ],
    ];
    for (const values of [AIR_AUSAIR, LIVESTOCK, OILDATA, ...hard]) {
      for (const initialization of ['first-observation', 'legacy-heuristic'] as const) {
        const fitted = holt(values, { horizon: 1, initialization });
        const gridBest = Math.min(
          ...grid.flatMap((alpha) =>
            grid.map((beta) => holt(values, { alpha, beta, horizon: 0, initialization }).sse),
          ),
        );
        expect(fitted.sse).toBeLessThanOrEqual(gridBest + 1e-9);
        expect(fitted.alpha).toBeGreaterThanOrEqual(0);
        expect(fitted.alpha).toBeLessThanOrEqual(1);
        expect(fitted.beta).toBeGreaterThanOrEqual(0);
        expect(fitted.beta).toBeLessThanOrEqual(1);
      }
    }
  });

  it('keeps the α = 0 plateau when the SSE rises away from it before a worse basin', () => {
    // Found by the property below (seed 2015180335): the grid's best start sits in the basin at α ≈ 0.3.
    const values = [0, 67, 171, 240, 261, 261, 408, 453, 443];
    const fitted = holt(values, { horizon: 0 });
    expect(fitted.alpha).toBe(0);
    // The line through the first two values, continued: Σ (y_t − 67·t)² over t = 1…8.
    const line = values.slice(1).reduce((total, y, i) => total + (y - 67 * (i + 1)) ** 2, 0);
    expect(fitted.sse).toBeCloseTo(line, 9);
    expect(fitted.sse).toBeLessThan(holt(values, { alpha: 0.3, beta: 0, horizon: 0 }).sse);
  });

  const DENSE = Array.from({ length: 41 }, (_, i) => i / 40);
  const denseGridBest = (values: readonly number[]) =>
    Math.min(
      ...DENSE.flatMap((alpha) =>
        DENSE.map((beta) => holt(values, { alpha, beta, horizon: 0 }).sse),
      ),
    );
  const walk = (steps: readonly number[]) =>
    steps.reduce<number[]>((acc, step) => [...acc, (acc.at(-1) ?? 0) + step], []);

  it('beats a dense grid on the random walks that once trapped the search', () => {
    // Each found by the property below: an optimum a little above α = 0 with the search caught on
    // the plateau, a narrow valley below the grid's α = 0.1, and a basin no start used to reach.
    const trapped = [
      [0, 15, -15, 130, -23],
      [137, 79, 134, 114, -15, 55],
      [0, 100, 109, 84, 142, 38, 88, 131, 127, 87, 0],
      [0, -17, 82, 80, 120, 71, 13, 57, 47, 78],
    ];
    for (const steps of trapped) {
      const values = walk(steps);
      expect(holt(values, { horizon: 0 }).sse).toBeLessThanOrEqual(denseGridBest(values) + 1e-9);
    }
  });

  it('comes within 1% of a dense grid on random walks with drift', () => {
    // The search is local from a few grid starts, so a basin between grid points can escape it: two
    // valleys ending on the α = 1 and β = 1 bounds, apart by a ridge, as in [0, 43, 45, −40, 8, 0, 3,
    // 90, 86, 86, 0, −41] (missed by 0.012%). Over 40,000 random walks it did at least as well as the
    // 41 × 41 grid on all but 3, the worst missed by 0.14%; before, 1 in 2,500 missed, by up to 3%.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -50, max: 150 }), { minLength: 4, maxLength: 24 }),
        (steps) => {
          const values = walk(steps);
          const best = denseGridBest(values);
          expect(holt(values, { horizon: 0 }).sse).toBeLessThanOrEqual(best * 1.01 + 1e-9);
        },
      ),
      { numRuns: Number(process.env.HOLT_RUNS ?? 60) },
    );
  });

  it('fits only the parameter that is not given', () => {
    const fit = holt(LIVESTOCK, { alpha: 0.5, horizon: 0 });
    expect(fit.alpha).toBe(0.5);
    const gridBest = Math.min(
      ...Array.from(
        { length: 1001 },
        (_, i) => holt(LIVESTOCK, { alpha: 0.5, beta: i / 1000, horizon: 0 }).sse,
      ),
    );
    expect(fit.sse).toBeLessThanOrEqual(gridBest + 1e-9);
    expect(holt(LIVESTOCK, { beta: 0.1, horizon: 0 }).beta).toBe(0.1);
  });

  it('forecasts l + h·b and reports the one-step fit', () => {
    const fit = holt([10, 12, 15, 15], { alpha: 0.5, beta: 0.5, horizon: 2 });
    // From l = 10, b = 2 at the first value:
    // t1: forecast 12, l = 12, b = 2; t2: forecast 14, l = 14.5, b = 2.25;
    // t3: forecast 16.75, l = 15.875, b = 1.8125.
    expect(fit.fitted).toEqual([10, 12, 14, 16.75]);
    expect(fit.level).toBe(15.875);
    expect(fit.trend).toBe(1.8125);
    expect(fit.sse).toBe(1 + 1.75 ** 2);
    expect(fit.forecast).toEqual([17.6875, 19.5]);
    expect(holt([1, 2], { alpha: 0.3, beta: 0.3, horizon: 0 }).forecast).toEqual([]);
  });

  it('rejects bad input', () => {
    expect(() => holt([1], { horizon: 1 })).toThrow(RangeError);
    expect(() => holt([1, NaN, 3], { horizon: 1 })).toThrow(RangeError);
    expect(() => holt([1, 2, 3], { alpha: 1.1, horizon: 1 })).toThrow(RangeError);
    expect(() => holt([1, 2, 3], { beta: -0.1, horizon: 1 })).toThrow(RangeError);
    expect(() => holt([1, 2, 3], { beta: NaN, horizon: 1 })).toThrow(RangeError);
    expect(() => holt([1, 2, 3], { horizon: -1 })).toThrow(RangeError);
    expect(() => holt([1, 2, 3], { horizon: 1.5 })).toThrow(RangeError);
    expect(() =>
      holt([1, 2, 3], { horizon: 1, initialization: { level: Infinity, trend: 0 } }),
    ).toThrow(RangeError);
  });
});

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

describe(normalCdf.name, () => {
  it('matches known values of Φ', () => {
    expect(normalCdf(1.2815515655446004)).toBeCloseTo(0.9, 15);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 15);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(0.5)).toBeCloseTo(0.6914624612740131, 15);
    expect(normalCdf(-2)).toBeCloseTo(0.022750131948179195, 15);
  });

  it('keeps relative precision deep in the lower tail', () => {
    expectRelative(normalCdf(-5), 2.866515718791939e-7, 1e-12);
    expectRelative(normalCdf(-10), 7.61985302416047e-24, 1e-12);
  });

  it('handles infinities and NaN', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(NaN)).toBeNaN();
  });

  it('is symmetric and increasing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -12, max: 12, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, step) => {
          expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 15);
          expect(normalCdf(x + step)).toBeGreaterThanOrEqual(normalCdf(x));
        },
      ),
    );
  });
});

describe(probabilityOfMeeting.name, () => {
  const atLeast100: Target = { comparator: '>=', value: 100 };
  // Bounds carry meetsTarget's 1e-9 relative slack, which moves these values by up to ~1e-8.

  it('follows meetsTarget when there is no spread', () => {
    for (const comparator of COMPARATORS) {
      for (const value of [85, 95, 100, 105, 115]) {
        for (const direction of ['increase', 'decrease'] as const) {
          const target = { comparator, value: 100 };
          expect(probabilityOfMeeting({ value, sigma: 0 }, target, direction)).toBe(
            meetsTarget(value, target, direction) ? 1 : 0,
          );
        }
      }
    }
    expect(
      probabilityOfMeeting({ value: 100, sigma: 0 }, { comparator: '=', value: 100 }, 'increase'),
    ).toBe(1);
  });

  it('integrates the normal tail beyond the target', () => {
    expect(probabilityOfMeeting({ value: 100, sigma: 10 }, atLeast100, 'increase')).toBeCloseTo(
      0.5,
      7,
    );
    expect(probabilityOfMeeting({ value: 110, sigma: 10 }, atLeast100, 'increase')).toBeCloseTo(
      0.8413447460685429,
      7,
    );
    expect(
      probabilityOfMeeting({ value: 110, sigma: 10 }, { comparator: '<', value: 100 }, 'decrease'),
    ).toBeCloseTo(0.15865525393145707, 7);
  });

  it('meets "about" one-sidedly within the tolerance band', () => {
    const about = { comparator: '~', value: 100 } as const;
    expect(probabilityOfMeeting({ value: 100, sigma: 10 }, about, 'increase')).toBeCloseTo(
      0.8413447460685429,
      7,
    );
    expect(probabilityOfMeeting({ value: 100, sigma: 10 }, about, 'decrease')).toBeCloseTo(
      0.8413447460685429,
      7,
    );
    expect(
      probabilityOfMeeting({ value: 95, sigma: 5 }, { ...about, tolerance: 0.05 }, 'increase'),
    ).toBeCloseTo(0.5, 7);
  });

  it('reads "=" as exactly the value, as meetsTarget does: next to no chance when uncertain', () => {
    const exactly = { comparator: '=', value: 100 } as const;
    expect(probabilityOfMeeting({ value: 100, sigma: 5 }, exactly, 'increase')).toBeLessThan(1e-6);
    expect(probabilityOfMeeting({ value: 110, sigma: 5 }, exactly, 'increase')).toBeLessThan(1e-6);
    expect(meetsTarget(110, exactly, 'increase')).toBe(false);
    // "Reach 100" is at least 100: the plan's 达到 is read as >=.
    const reach = { comparator: '>=', value: 100 } as const;
    expect(probabilityOfMeeting({ value: 110, sigma: 5 }, reach, 'increase')).toBeCloseTo(
      0.9772498680518208,
      7,
    );
    expect(meetsTarget(110, reach, 'increase')).toBe(true);
  });

  it('grows with the projected value for an at-least target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: 0, max: 1e4, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        (value, step, sigma, targetValue) => {
          const target: Target = { comparator: '>=', value: targetValue };
          const lower = probabilityOfMeeting({ value, sigma }, target, 'increase');
          const higher = probabilityOfMeeting({ value: value + step, sigma }, target, 'increase');
          expect(higher).toBeGreaterThanOrEqual(lower);
        },
      ),
    );
  });

  it('agrees with meetsTarget as the spread vanishes, away from the boundary', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMPARATORS.filter((comparator) => comparator !== '=')),
        fc.constantFrom('increase' as const, 'decrease' as const),
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -300, max: 300 }),
        (comparator, direction, targetValue, offset) => {
          const target: Target = { comparator, value: targetValue };
          const value = targetValue + offset + 0.25;
          expect(probabilityOfMeeting({ value, sigma: 1e-6 }, target, direction)).toBe(
            meetsTarget(value, target, direction) ? 1 : 0,
          );
        },
      ),
    );
  });

  it('rejects a negative or non-finite spread and a non-finite value', () => {
    expect(() => probabilityOfMeeting({ value: 1, sigma: -1 }, atLeast100, 'increase')).toThrow(
      RangeError,
    );
    expect(() => probabilityOfMeeting({ value: 1, sigma: NaN }, atLeast100, 'increase')).toThrow(
      RangeError,
    );
    expect(() =>
      probabilityOfMeeting({ value: Infinity, sigma: 1 }, atLeast100, 'increase'),
    ).toThrow(RangeError);
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
