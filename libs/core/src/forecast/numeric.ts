// Numerics the forecasting methods share: argument checks, compensated sums, checked indexing.

export function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw new RangeError(`The ${what} must be finite, got ${value}.`);
  return value;
}

export function unit(value: number, what: string): number {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${what} must be in [0, 1], got ${value}.`);
  return value;
}

// Mean with a second pass that corrects the rounding of the first.
export function mean(values: readonly number[]): number {
  const rough = sum(values) / values.length;
  return rough + sum(values.map((v) => v - rough)) / values.length;
}

// Neumaier's compensated summation: the rounding lost at each addition is carried along.
export function sum(values: readonly number[]): number {
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
export function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item at index ${index}.`);
  return item;
}
