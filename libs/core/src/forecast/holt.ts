import { GRID, minimizeInUnitBox } from './minimize.js';
import { at, finite, unit } from './numeric.js';

// Holt's linear exponential smoothing, with α and β fitted by least one-step squared error.

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

// α's axis leaves out 0 (the plateau) and adds steps below 0.1, where valleys of the SSE are narrow.
const ALPHA_GRID = [0.02, 0.05, ...GRID.slice(1)];
