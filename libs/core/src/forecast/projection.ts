import { holt } from './holt.js';
import { linearForecast, linearTrend } from './linear-trend.js';
import { at, finite, sum } from './numeric.js';

// A projection of a series: the linear trend or Holt's method, whichever forecast held-out values
// better, with an 80% interval at every step; remembered for the series asked about again.

export type ProjectionMethod = 'linear' | 'holt';

export interface Projection {
  method: ProjectionMethod;
  /** The projected value `horizon` steps after the last one. */
  value: number;
  low: number;
  high: number;
  /** Coverage of [low, high] under a normal predictive distribution with standard deviation sigma. */
  interval: 0.8;
  sigma: number;
  /** Mean squared error of each method on the held-out last values; null when too few to hold out. */
  holdoutError: { linear: number; holt: number } | null;
  /** Every step 1…horizon with its own 80% interval (the last is value, low, high). */
  path: ProjectionStep[];
}

export interface ProjectionStep {
  value: number;
  low: number;
  high: number;
}

// Φ⁻¹(0.9): a central 80% interval leaves 10% in each tail.
const Z_80 = 1.2815515655446004;

// Below this many values a holdout would leave too little to fit Holt's two parameters on.
const MIN_VALUES_FOR_COMPARISON = 5;

/**
 * Projects the series `horizon` steps past its last value (x = 0, 1, …) with whichever of the linear
 * trend and Holt's method forecast the last min(3, ⌊n/4⌋) values better when fitted without them
 * (ties go to the simpler line). Fewer than 5 values: the line only; one value: flat, sigma 0.
 * @throws RangeError without values, with a non-finite value, or unless horizon is an integer ≥ 1.
 */
export function chooseProjection(values: readonly number[], horizon: number): Projection {
  if (values.length === 0) throw new RangeError('A projection needs at least one value.');
  values.forEach((value) => finite(value, 'value'));
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new RangeError(`The horizon must be an integer ≥ 1, got ${horizon}.`);
  }
  const n = values.length;
  if (n < MIN_VALUES_FOR_COMPARISON) return linearProjection(values, horizon, null);
  const holdout = Math.max(1, Math.min(3, Math.floor(n / 4)));
  const holdoutError = {
    linear: holdoutMse(values, holdout, linearForecasts),
    holt: holdoutMse(values, holdout, (train, steps) => holt(train, { horizon: steps }).forecast),
  };
  // Differences within floating-point noise of the data are ties, not wins.
  const noise = (1e-9 * Math.max(...values.map(Math.abs))) ** 2;
  return holdoutError.holt < holdoutError.linear - noise
    ? holtProjection(values, horizon, holdoutError)
    : linearProjection(values, horizon, holdoutError);
}

// Projections of the same values and horizon are the same: a dashboard asks for the same plan, day
// and figures again and again, and fitting Holt's method is what costs. Least recently used goes.
const PROJECTION_CACHE_SIZE = 4096;
const projectionCache = new Map<string, Readonly<Projection>>();

/**
 * `chooseProjection`, remembered for the last few thousand series asked about. The result is shared:
 * callers must not change it.
 */
export function cachedProjection(values: readonly number[], horizon: number): Readonly<Projection> {
  const key = `${horizon}|${values.join(',')}`;
  const found = projectionCache.get(key);
  if (found) {
    projectionCache.delete(key);
    projectionCache.set(key, found);
    return found;
  }
  const projection = chooseProjection(values, horizon);
  projectionCache.set(key, projection);
  if (projectionCache.size > PROJECTION_CACHE_SIZE) {
    projectionCache.delete(projectionCache.keys().next().value!);
  }
  return projection;
}

// Mean squared error of forecasts of the last `holdout` values from a fit to the ones before.
function holdoutMse(
  values: readonly number[],
  holdout: number,
  forecasts: (train: readonly number[], steps: number) => number[],
): number {
  const split = values.length - holdout;
  const predicted = forecasts(values.slice(0, split), holdout);
  const held = values.slice(split);
  return sum(held.map((actual, i) => (actual - at(predicted, i)) ** 2)) / holdout;
}

function linearForecasts(train: readonly number[], steps: number): number[] {
  const fit = linearTrend(train.map((y, x) => [x, y] as const));
  return Array.from({ length: steps }, (_, i) => linearForecast(fit, train.length + i).value);
}

function linearProjection(
  values: readonly number[],
  horizon: number,
  holdoutError: Projection['holdoutError'],
): Projection {
  const fit = linearTrend(values.map((y, x) => [x, y] as const));
  const steps = Array.from({ length: horizon }, (_, i) => {
    const { value, predictionStdError } = linearForecast(fit, values.length + i);
    return { value, sigma: predictionStdError };
  });
  return projection('linear', steps, holdoutError);
}

function holtProjection(
  values: readonly number[],
  horizon: number,
  holdoutError: Projection['holdoutError'],
): Projection {
  const fit = holt(values, { horizon });
  const steps = fit.forecast.map((value, i) => ({
    value,
    sigma: Math.sqrt(
      (fit.sse / (values.length - 2)) * holtVarianceFactor(fit.alpha, fit.beta, i + 1),
    ),
  }));
  return projection('holt', steps, holdoutError);
}

/**
 * σ_h²/σ² for ETS(A,A,N), Hyndman, Koehler, Ord & Snyder, "Forecasting with exponential smoothing"
 * (2008), table 6.1 (also fpp2 §7.7, table 7.8): 1 + (h − 1)(α² + αβh + β²h(2h − 1)/6). There β is
 * the state-space trend parameter, α times the component-form β used here.
 */
function holtVarianceFactor(alpha: number, componentBeta: number, h: number): number {
  const beta = alpha * componentBeta;
  return 1 + (h - 1) * (alpha ** 2 + alpha * beta * h + (beta ** 2 * h * (2 * h - 1)) / 6);
}

// The 80% interval of each step; the projection itself is the last.
function projection(
  method: ProjectionMethod,
  steps: readonly { value: number; sigma: number }[],
  holdoutError: Projection['holdoutError'],
): Projection {
  const path = steps.map(({ value, sigma }) => ({
    value,
    low: value - Z_80 * sigma,
    high: value + Z_80 * sigma,
  }));
  const last = steps.at(-1)!;
  return { method, ...path.at(-1)!, interval: 0.8, sigma: last.sigma, holdoutError, path };
}
