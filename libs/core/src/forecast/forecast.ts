import { DEFAULT_TOLERANCE, meetsTarget, type Direction, type Target } from '../targets/target.js';

// Year-end projections of a monthly series (x = month index, y = cumulative value): a least-squares
// line, Holt's linear exponential smoothing, a holdout comparison of the two, and the probability
// that the projected figure meets its target.

/** An ordinary least-squares line `y = intercept + slope·x`, with what prediction intervals need. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination; 1 when every y is equal (the line explains them all). */
  r2: number;
  n: number;
  /**
   * s = sqrt(SSE / (n − 2)). Defined as 0 when n ≤ 2: the line then passes through every point and
   * no degree of freedom is left to estimate the scatter.
   */
  residualStdError: number;
  xMean: number;
  /** Σ(x − x̄)². */
  sxx: number;
}

export interface LinearForecast {
  value: number;
  /** Standard error of a new observation at x: s·sqrt(1 + 1/n + (x − x̄)²/Sxx). */
  predictionStdError: number;
}

/**
 * Ordinary least squares of y on x. Sums are taken on centred data with compensated summation, so
 * the fit matches the NIST StRD certified values (Norris) to about 1e-13.
 * All x equal (always so for one point): the slope is 0 by definition and the line is the mean.
 * @throws RangeError without points or with a non-finite coordinate.
 */
export function linearTrend(points: ReadonlyArray<readonly [number, number]>): LinearFit {
  const n = points.length;
  if (n === 0) throw new RangeError('A linear trend needs at least one point.');
  const xs = points.map(([x]) => finite(x, 'x'));
  const ys = points.map(([, y]) => finite(y, 'y'));
  const xMean = mean(xs);
  const yMean = mean(ys);
  const dxs = xs.map((x) => x - xMean);
  const dys = ys.map((y) => y - yMean);
  const sxx = sum(dxs.map((dx) => dx * dx));
  const syy = sum(dys.map((dy) => dy * dy));
  const slope = sxx > 0 ? sum(dxs.map((dx, i) => dx * at(dys, i))) / sxx : 0;
  // Residuals taken directly, not as Syy − slope·Sxy, which cancels badly on a good fit.
  const sse = sum(dxs.map((dx, i) => (at(dys, i) - slope * dx) ** 2));
  return {
    slope,
    intercept: yMean - slope * xMean,
    r2: syy > 0 ? 1 - sse / syy : 1,
    n,
    residualStdError: n > 2 ? Math.sqrt(sse / (n - 2)) : 0,
    xMean,
    sxx,
  };
}

/**
 * The fitted line at `x`, with the standard error of a new observation there.
 * Without spread in x the slope was fixed at 0, not estimated, so x adds no uncertainty.
 */
export function linearForecast(fit: LinearFit, x: number): LinearForecast {
  finite(x, 'x');
  const dx = x - fit.xMean;
  const leverage = fit.sxx > 0 ? (dx * dx) / fit.sxx : 0;
  return {
    value: fit.intercept + fit.slope * x,
    predictionStdError: fit.residualStdError * Math.sqrt(1 + 1 / fit.n + leverage),
  };
}

/** Level and trend of Holt's method at one moment. */
export interface HoltState {
  level: number;
  trend: number;
}

/**
 * How Holt's recursion starts, all from l = y0 and b = y1 − y0 unless the state is given:
 * - `'first-observation'` (default): that is the state *at* the first value; the recursion reads
 *   values from the second on. An exactly linear series is then continued exactly, and the first
 *   value adds no one-step error.
 * - `'legacy-heuristic'`: that is the state *before* the first value, and the recursion reads every
 *   value, as statsmodels' `Holt(..., initialization_method='legacy-heuristic')` does; its first
 *   one-step forecast is y1, so the first error is always y0 − y1 whatever α and β.
 * - `{ level, trend }`: the state before the first value, as R's `ets` `initstate` and statsmodels'
 *   `initialization_method='known'`.
 */
export type HoltInitialization = 'first-observation' | 'legacy-heuristic' | HoltState;

export interface HoltOptions {
  /** Level smoothing α in [0, 1]; fitted when omitted. */
  alpha?: number | undefined;
  /**
   * Trend smoothing β in [0, 1] of the component form b_t = β(l_t − l_{t−1}) + (1 − β)b_{t−1}
   * (statsmodels' `smoothing_trend`). R's `ets`/`holt` report the state-space β, which is α·β.
   * Fitted when omitted.
   */
  beta?: number | undefined;
  /** Number of steps to forecast after the last value: an integer ≥ 0. */
  horizon: number;
  initialization?: HoltInitialization | undefined;
}

export interface HoltFit {
  /** l_n + h·b_n for h = 1…horizon. */
  forecast: number[];
  /** Level after the last value. */
  level: number;
  /** Trend after the last value. */
  trend: number;
  alpha: number;
  beta: number;
  /** Sum of squared one-step-ahead errors over the values the recursion reads. */
  sse: number;
  /**
   * One-step-ahead forecast of each value (l_{t−1} + b_{t−1}). Under `'first-observation'` the first
   * entry is the first value itself: it starts the recursion and is not forecast.
   */
  fitted: number[];
}

/**
 * Holt's linear exponential smoothing (additive trend, no damping), as statsmodels' `Holt` and R's
 * `forecast::holt`: l_t = α·y_t + (1 − α)(l_{t−1} + b_{t−1}), b_t = β(l_t − l_{t−1}) + (1 − β)b_{t−1}.
 * α and β not given are chosen to minimise the sum of squared one-step errors over [0, 1]: a coarse
 * grid, then Nelder–Mead and a compass search from its best points (deterministic).
 * @throws RangeError with fewer than 2 values, a non-finite value, α or β outside [0, 1], or a
 * horizon that is not an integer ≥ 0.
 */
export function holt(values: readonly number[], options: HoltOptions): HoltFit {
  if (values.length < 2) throw new RangeError("Holt's method needs at least two values.");
  values.forEach((value) => finite(value, 'value'));
  const { horizon } = options;
  if (!Number.isInteger(horizon) || horizon < 0) {
    throw new RangeError(`The horizon must be an integer ≥ 0, got ${horizon}.`);
  }
  const start = holtStart(values, options.initialization ?? 'first-observation');
  const { alpha, beta } = smoothingParameters(values, start, options);
  // Under 'first-observation' the first value starts the recursion and stands as its own fit.
  const fitted = values.slice(0, start.first);
  const run = runHolt(values, alpha, beta, start, fitted);
  const forecast = Array.from({ length: horizon }, (_, i) => run.level + (i + 1) * run.trend);
  return {
    forecast,
    level: run.level,
    trend: run.trend,
    alpha,
    beta,
    sse: run.sse,
    fitted,
  };
}

// Where the recursion starts: the state before `values[first]`.
interface HoltStart {
  state: HoltState;
  first: number;
}

function holtStart(values: readonly number[], initialization: HoltInitialization): HoltStart {
  if (typeof initialization === 'object') {
    return {
      state: {
        level: finite(initialization.level, 'initial level'),
        trend: finite(initialization.trend, 'initial trend'),
      },
      first: 0,
    };
  }
  const y0 = at(values, 0);
  const state = { level: y0, trend: at(values, 1) - y0 };
  return { state, first: initialization === 'first-observation' ? 1 : 0 };
}

interface HoltRun extends HoltState {
  sse: number;
}

// Runs the recursion; the one-step forecasts go to `fitted` when the caller wants them (the fitting
// loop does not, and runs this hundreds of times).
function runHolt(
  values: readonly number[],
  alpha: number,
  beta: number,
  start: HoltStart,
  fitted?: number[],
): HoltRun {
  let { level, trend } = start.state;
  let sse = 0;
  for (let t = start.first; t < values.length; t++) {
    const y = at(values, t);
    const oneStep = level + trend;
    fitted?.push(oneStep);
    sse += (y - oneStep) ** 2;
    const next = alpha * y + (1 - alpha) * oneStep;
    trend = beta * (next - level) + (1 - beta) * trend;
    level = next;
  }
  return { level, trend, sse };
}

function smoothingParameters(
  values: readonly number[],
  start: HoltStart,
  options: HoltOptions,
): { alpha: number; beta: number } {
  const fixedAlpha = options.alpha === undefined ? undefined : unit(options.alpha, 'alpha');
  const fixedBeta = options.beta === undefined ? undefined : unit(options.beta, 'beta');
  // The free parameters are the coordinates of the search; the fixed ones are read around them.
  // At α = 0 the level ignores the data and β does nothing: a plateau that traps a search (a simplex
  // clamped onto it stays, and the SSE can rise away from it before falling). So the search keeps α
  // at least ALPHA_FLOOR, where β still tells, and the plateau is weighed on its own below.
  const parameters = (point: readonly number[]) => {
    let free = 0;
    const alpha = fixedAlpha ?? ALPHA_FLOOR + (1 - ALPHA_FLOOR) * at(point, free++);
    const beta = fixedBeta ?? at(point, free);
    return { alpha, beta };
  };
  const axes = [
    ...(fixedAlpha === undefined ? [ALPHA_GRID] : []),
    ...(fixedBeta === undefined ? [GRID] : []),
  ];
  if (axes.length === 0) return parameters([]);
  const sse = ({ alpha, beta }: { alpha: number; beta: number }) =>
    runHolt(values, alpha, beta, start).sse;
  const searched = parameters(minimizeInUnitBox((point) => sse(parameters(point)), axes));
  if (fixedAlpha !== undefined) return searched;
  // The plateau: the line through the first two values, whatever β is (0 when β is free).
  const plateau = { alpha: 0, beta: fixedBeta ?? 0 };
  return sse(plateau) < sse(searched) ? plateau : searched;
}

// The least α the search tries; below it the SSE is within rounding of the plateau's at α = 0.
const ALPHA_FLOOR = 1e-4;

// Coarse enough to be cheap (12 × 11 runs: a plan of a hundred series is fitted within a request),
// fine enough that the basins of the objective show (the reference fits in forecast.spec.ts still match).
const GRID_STEPS = 10;
const GRID = Array.from({ length: GRID_STEPS + 1 }, (_, i) => i / GRID_STEPS);
// α's axis leaves out 0 (the plateau) and adds steps below 0.1, where valleys of the SSE are narrow.
const ALPHA_GRID = [0.02, 0.05, ...GRID.slice(1)];
const STARTS = 3;
// Starts this far apart (in the larger coordinate difference) sit in different parts of the box.
const START_SEPARATION = 0.2;
const FIRST_STEP = 1 / GRID_STEPS;
const FINEST_STEP = 1e-8;
const MAX_ITERATIONS = 2000;

type Objective = (point: readonly number[]) => number;

interface Evaluated {
  point: number[];
  value: number;
}

/**
 * Minimises `objective` over the unit box: a grid (`axes` per coordinate), then from its best points
 * well apart and its best local minima, Nelder–Mead (which follows curved valleys) and a compass
 * search (which settles on bounds, where simplices collapse). Deterministic; never worse than the
 * grid, since its best point is a start and neither search gives up its best point. Still local:
 * a basin between grid points with no start in it can escape (forecast.spec.ts measures how often).
 */
function minimizeInUnitBox(objective: Objective, axes: readonly (readonly number[])[]): number[] {
  const grid = gridPoints(axes).map((point) => ({ point, value: objective(point) }));
  const ranked = [...grid].sort((a, b) => a.value - b.value);
  const starts = [...spreadStarts(ranked), ...gridMinima(grid, axes).slice(0, STARTS)];
  return [...new Set(starts)]
    .map((start) => compassSearch(objective, nelderMead(objective, start)))
    .reduce((best, next) => (next.value < best.value ? next : best)).point;
}

// The best points that are not close to a better one: the top few are usually one basin.
function spreadStarts(ranked: readonly Evaluated[]): Evaluated[] {
  const starts: Evaluated[] = [];
  for (const candidate of ranked) {
    if (starts.length === STARTS) break;
    const apart = starts.every((start) =>
      start.point.some((x, i) => Math.abs(x - at(candidate.point, i)) >= START_SEPARATION),
    );
    if (apart) starts.push(candidate);
  }
  return starts;
}

// Every point of the grid, the last axis varying fastest.
function gridPoints(axes: readonly (readonly number[])[]): number[][] {
  return axes.reduce<number[][]>(
    (points, axis) => points.flatMap((point) => axis.map((x) => [...point, x])),
    [[]],
  );
}

/**
 * The grid points no neighbour along an axis is below, best first (a stable sort: ties keep grid
 * order). Each sits in its own basin of the objective, which may hold a minimum of its own: two
 * valleys often end on different bounds, and the best few grid points all lie in the first.
 */
function gridMinima(grid: readonly Evaluated[], axes: readonly (readonly number[])[]): Evaluated[] {
  const strides = axes.map((_, d) => axes.slice(d + 1).reduce((n, axis) => n * axis.length, 1));
  const isMinimum = (candidate: Evaluated, k: number) =>
    axes.every((axis, d) => {
      const stride = at(strides, d);
      const index = Math.floor(k / stride) % axis.length;
      const below = index > 0 && at(grid, k - stride).value < candidate.value;
      const above = index < axis.length - 1 && at(grid, k + stride).value < candidate.value;
      return !below && !above;
    });
  return grid.filter(isMinimum).sort((a, b) => a.value - b.value);
}

function clampToBox(point: readonly number[]): number[] {
  return point.map((x) => Math.min(1, Math.max(0, x)));
}

/** Nelder–Mead (reflection 1, expansion 2, contraction ½, shrink ½), trial points clamped to the box. */
function nelderMead(objective: Objective, start: Evaluated): Evaluated {
  const evaluate = (point: readonly number[]): Evaluated => {
    const clamped = clampToBox(point);
    return { point: clamped, value: objective(clamped) };
  };
  // The first vertices step inwards from a bound, so the simplex never starts flat.
  const offset = (axis: number) =>
    start.point.map((x, i) =>
      i !== axis ? x : x + FIRST_STEP <= 1 ? x + FIRST_STEP : x - FIRST_STEP,
    );
  let simplex = [start, ...start.point.map((_, axis) => evaluate(offset(axis)))];
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = at(simplex, 0);
    if (diameter(simplex) <= FINEST_STEP) break;
    const worst = at(simplex, simplex.length - 1);
    const centroid = centroidOfAllBut(simplex, simplex.length - 1);
    const along = (factor: number) =>
      evaluate(centroid.map((c, i) => c + factor * (c - at(worst.point, i))));
    const replacement = nelderMeadStep(along, best, at(simplex, simplex.length - 2), worst);
    simplex = replacement
      ? [...simplex.slice(0, -1), replacement]
      : simplex.map((vertex) =>
          vertex === best
            ? vertex
            : evaluate(
                vertex.point.map((x, i) => at(best.point, i) + 0.5 * (x - at(best.point, i))),
              ),
        );
  }
  return simplex.reduce((best, next) => (next.value < best.value ? next : best));
}

// The point that replaces the worst vertex, or undefined when the simplex should shrink instead.
function nelderMeadStep(
  along: (factor: number) => Evaluated,
  best: Evaluated,
  secondWorst: Evaluated,
  worst: Evaluated,
): Evaluated | undefined {
  const reflected = along(1);
  if (reflected.value < best.value) {
    const expanded = along(2);
    return expanded.value < reflected.value ? expanded : reflected;
  }
  if (reflected.value < secondWorst.value) return reflected;
  const contracted = reflected.value < worst.value ? along(0.5) : along(-0.5);
  return contracted.value < Math.min(reflected.value, worst.value) ? contracted : undefined;
}

// The fitting loop runs these thousands of times per request: plain loops, nothing allocated.
function diameter(simplex: readonly Evaluated[]): number {
  const first = at(simplex, 0).point;
  let largest = 0;
  for (const vertex of simplex) {
    for (let i = 0; i < first.length; i++) {
      largest = Math.max(largest, Math.abs(at(vertex.point, i) - at(first, i)));
    }
  }
  return largest;
}

// The centroid of the first `count` vertices, each coordinate summed as `sum` does (Neumaier).
function centroidOfAllBut(simplex: readonly Evaluated[], count: number): number[] {
  const dimensions = at(simplex, 0).point.length;
  const centroid = new Array<number>(dimensions);
  for (let i = 0; i < dimensions; i++) {
    let total = 0;
    let compensation = 0;
    for (let k = 0; k < count; k++) {
      const v = at(at(simplex, k).point, i);
      const next = total + v;
      compensation += Math.abs(total) >= Math.abs(v) ? total - next + v : v - next + total;
      total = next;
    }
    centroid[i] = (total + compensation) / count;
  }
  return centroid;
}

/**
 * Compass (pattern) search: try a step along each axis and each diagonal, both ways, clamped into
 * the box; move to the first improvement and double the step, else halve it, down to FINEST_STEP.
 * The diagonals matter in corners, where a valley leaves between two bounds and every move along an
 * axis climbs.
 */
function compassSearch(objective: Objective, start: Evaluated): Evaluated {
  const directions = compassDirections(start.point.length);
  let current = start;
  let step = FIRST_STEP;
  for (let iteration = 0; step > FINEST_STEP && iteration < MAX_ITERATIONS; iteration++) {
    const moved = firstImprovement(objective, current, directions, step);
    if (moved) current = moved;
    step = moved ? step * 2 : step / 2;
  }
  return current;
}

function firstImprovement(
  objective: Objective,
  current: Evaluated,
  directions: readonly (readonly number[])[],
  step: number,
): Evaluated | undefined {
  for (const direction of directions) {
    const point = clampToBox(current.point.map((x, i) => x + step * at(direction, i)));
    const value = objective(point);
    if (value < current.value) return { point, value };
  }
  return undefined;
}

// Every vector of {−1, 0, 1}^dimensions but zero, the axes first (they are the likelier moves).
function compassDirections(dimensions: number): number[][] {
  const all = Array.from({ length: dimensions }).reduce<number[][]>(
    (vectors) => vectors.flatMap((vector) => [-1, 0, 1].map((x) => [...vector, x])),
    [[]],
  );
  const nonZero = (vector: readonly number[]) => vector.filter((x) => x !== 0).length;
  return all.filter((vector) => nonZero(vector) > 0).sort((a, b) => nonZero(a) - nonZero(b));
}

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

/**
 * Standard normal distribution function Φ(x) = erfc(−x/√2)/2: absolute error about 1e-16, relative
 * error below 1e-13 in the lower tail down to x = −10 (erfc by series and continued fraction).
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  return 0.5 * erfc(-x / Math.SQRT2);
}

// Beyond this the continued fraction converges fast; below it the series has no cancellation.
const ERFC_SPLIT = 2.5;

function erfc(t: number): number {
  if (t < 0) return 2 - erfc(-t);
  if (t === Infinity) return 0;
  return t < ERFC_SPLIT ? 1 - erfSeries(t) : erfcContinuedFraction(t);
}

// erf(t) = 2/√π · e^(−t²) · Σ t(2t²)^k / (1·3·…·(2k + 1)): all terms positive, so nothing cancels.
function erfSeries(t: number): number {
  const growth = 2 * t * t;
  let term = t;
  let total = t;
  for (let k = 1; term > total * Number.EPSILON * 0.25; k++) {
    term *= growth / (2 * k + 1);
    total += term;
  }
  return (2 / Math.sqrt(Math.PI)) * Math.exp(-t * t) * total;
}

// erfc(t) = e^(−t²)/√π · 1/(t + ½/(t + 1/(t + 3⁄2/(t + …)))), by the modified Lentz method.
function erfcContinuedFraction(t: number): number {
  let f = t;
  let c = t;
  let d = 0;
  for (let k = 1; k < 10_000; k++) {
    const a = k / 2;
    d = 1 / (t + a * d);
    c = t + a / c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) <= Number.EPSILON) break;
  }
  return Math.exp(-t * t) / (Math.sqrt(Math.PI) * f);
}

/**
 * P(X meets `target`) for X ~ N(value, sigma²), consistent with `meetsTarget`: sigma 0 gives 0 or 1
 * as `meetsTarget(value)` does, and `~` is one-sided in the good direction. `=` means exactly the
 * value here as there (a plan's 达到 N is `>=`, its 降至 N `<=`), so with sigma > 0 its chance is that
 * of landing within the noise allowance: next to nothing.
 * @throws RangeError unless value is finite and sigma finite and ≥ 0.
 */
export function probabilityOfMeeting(
  projection: { value: number; sigma: number },
  target: Target,
  direction: Direction,
): number {
  const value = finite(projection.value, 'projected value');
  const sigma = finite(projection.sigma, 'sigma');
  if (sigma < 0) throw new RangeError(`sigma must be ≥ 0, got ${sigma}.`);
  if (sigma === 0) return meetsTarget(value, target, direction) ? 1 : 0;
  if (target.comparator === '=') {
    // Exactly the value, as meetsTarget reads it: the chance of landing within its noise allowance.
    const slack = NOISE * Math.max(1, Math.abs(target.value));
    return Math.max(
      0,
      normalCdf((target.value + slack - value) / sigma) -
        normalCdf((target.value - slack - value) / sigma),
    );
  }
  const region = meetingRegion(target, direction);
  return region.above
    ? normalCdf((value - region.bound) / sigma)
    : normalCdf((region.bound - value) / sigma);
}

// meetsTarget's allowance for floating-point noise (target.ts), kept so sigma → 0 agrees with it.
const NOISE = 1e-9;

// The values meeting the target form a half-line: above `bound` or below it.
function meetingRegion(target: Target, direction: Direction): { above: boolean; bound: number } {
  const { value } = target;
  const slack = NOISE * Math.max(1, Math.abs(value));
  switch (target.comparator) {
    case '>=':
      return { above: true, bound: value - slack };
    case '>':
      return { above: true, bound: value + slack };
    case '<=':
      return { above: false, bound: value + slack };
    case '<':
      return { above: false, bound: value - slack };
    case '=':
      throw new RangeError('An exact target has no half-line of values meeting it.');
    case '~': {
      const band = Math.abs(value) * (target.tolerance ?? DEFAULT_TOLERANCE) + slack;
      return direction === 'increase'
        ? { above: true, bound: value - band }
        : { above: false, bound: value + band };
    }
  }
}

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`The ${what} must be finite, got ${value}.`);
  return value;
}

function unit(value: number, what: string): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} must be in [0, 1], got ${value}.`);
  return value;
}

// Mean with a second pass that corrects the rounding of the first.
function mean(values: readonly number[]): number {
  const rough = sum(values) / values.length;
  return rough + sum(values.map((v) => v - rough)) / values.length;
}

// Neumaier's compensated summation: the rounding lost at each addition is carried along.
function sum(values: readonly number[]): number {
  let total = 0;
  let compensation = 0;
  for (const v of values) {
    const next = total + v;
    compensation += Math.abs(total) >= Math.abs(v) ? total - next + v : v - next + total;
    total = next;
  }
  return total + compensation;
}

// Index access for arrays whose length the caller has already checked.
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at index ${index}.`);
  return item;
}
