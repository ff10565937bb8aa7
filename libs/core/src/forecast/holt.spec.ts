import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holt } from './holt.js';

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
