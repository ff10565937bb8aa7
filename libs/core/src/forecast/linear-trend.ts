import { at, finite, mean, sum } from './numeric.js';

// A least-squares line through a series, and the prediction interval of a new value on it.

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
