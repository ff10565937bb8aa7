import {
  DEFAULT_TOLERANCE,
  meetsTarget,
  noiseAllowance,
  type Direction,
  type Target,
} from '../targets/target.js';
import { finite } from './numeric.js';

// The probability that a projected figure meets its target, under a normal predictive distribution.

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
    const slack = noiseAllowance(target.value);
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

// The values meeting the target form a half-line: above `bound` or below it.
function meetingRegion(target: Target, direction: Direction): { above: boolean; bound: number } {
  const { value } = target;
  const slack = noiseAllowance(value);
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
