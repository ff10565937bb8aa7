import { at } from './numeric.js';

// The search that fits Holt's α and β: a coarse grid, then Nelder–Mead and a compass search from
// its best points, inside the unit box.

// Coarse enough to be cheap (12 × 11 runs: a plan of a hundred series is fitted within a request),
// fine enough that the basins of the objective show (the reference fits in holt.spec.ts still match).
const GRID_STEPS = 10;
export const GRID = Array.from({ length: GRID_STEPS + 1 }, (_, i) => i / GRID_STEPS);
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
 * a basin between grid points with no start in it can escape (holt.spec.ts measures how often).
 */
export function minimizeInUnitBox(
  objective: Objective,
  axes: readonly (readonly number[])[],
): number[] {
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
