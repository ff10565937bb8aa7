import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, probabilityOfMeeting } from './probability.js';
import { COMPARATORS, meetsTarget, type Target } from '../targets/target.js';

function expectRelative(actual: number, expected: number, tolerance: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance * Math.abs(expected));
}

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
