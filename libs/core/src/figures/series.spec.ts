import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  deriveSeries,
  previousPeriod,
  revisionsAsOf,
  type Revision,
  type ValueType,
} from './series.js';

let sequence = 0;
function rev(period: string, value: number, valueType: ValueType, recordedAt = 0): Revision {
  return { period, value, valueType, recordedAt, sequence: sequence++ };
}

describe(revisionsAsOf.name, () => {
  it('keeps the latest revision of each period, or the latest known before a moment', () => {
    const original = rev('2020-03', 100, 'increment', 10);
    const correction = rev('2020-03', 120, 'increment', 50);
    const april = rev('2020-04', 90, 'increment', 40);
    expect(revisionsAsOf([correction, original, april])).toEqual([correction, april]);
    expect(revisionsAsOf([correction, original, april], 45)).toEqual([original, april]);
    expect(revisionsAsOf([correction, original, april], 10)).toEqual([]);
  });
});

describe(deriveSeries.name, () => {
  it('derives year-to-date totals from increments and increments from totals', () => {
    const points = deriveSeries([
      rev('2020-01', 1000, 'increment'),
      rev('2020-02', 2500, 'cumulative'),
      rev('2020-03', 700, 'increment'),
    ]);
    expect(points.map((p) => [p.period, p.cumulative, p.increment])).toEqual([
      ['2020-01', 1000, 1000],
      ['2020-02', 2500, 1500],
      ['2020-03', 3200, 700],
    ]);
  });

  it('restarts the total in January', () => {
    const points = deriveSeries([
      rev('2020-12', 5000, 'cumulative'),
      rev('2021-01', 300, 'increment'),
    ]);
    expect(points.map((p) => p.cumulative)).toEqual([5000, 300]);
    expect(points[0]?.increment).toBeNull();
  });

  it('leaves unknown what a missing month hides, and a later total fixes it again', () => {
    const points = deriveSeries([
      rev('2020-01', 100, 'increment'),
      rev('2020-03', 50, 'increment'),
      rev('2020-04', 400, 'cumulative'),
      rev('2020-05', 60, 'increment'),
    ]);
    expect(points.map((p) => [p.cumulative, p.increment])).toEqual([
      [100, 100],
      [null, 50],
      [400, null],
      [460, 60],
    ]);
  });

  it('gives levels neither form', () => {
    expect(deriveSeries([rev('2020-05', 87.5, 'level')])[0]).toMatchObject({
      cumulative: null,
      increment: null,
    });
  });

  // Property: however a complete year of monthly figures is reported (each month as increment or as
  // total, in any order, with any number of superseded wrong revisions before the right one), the
  // current series derives the same totals and increments.
  it('derives the same series from any mix of forms and corrections', () => {
    const year = fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(
        year,
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 12, maxLength: 12 }),
        fc.integer(),
        (increments, asTotal, wrongFirst, seed) => {
          const truth: number[] = [];
          increments.reduce((sum, inc) => (truth.push(sum + inc), sum + inc), 0);
          const revisions: Revision[] = [];
          let clock = 0;
          increments.forEach((inc, i) => {
            const period = `2020-${String(i + 1).padStart(2, '0')}`;
            const total = asTotal[i] ?? false;
            const right = total ? (truth[i] ?? 0) : inc;
            for (let w = 0; w < (wrongFirst[i] ?? 0); w++) {
              revisions.push(
                rev(period, right + 1 + w, total ? 'cumulative' : 'increment', clock++),
              );
            }
            revisions.push(rev(period, right, total ? 'cumulative' : 'increment', 1000 + clock++));
          });
          // Arrival order does not matter: shuffle deterministically.
          const shuffled = [...revisions].sort(
            (a, b) => ((a.sequence * 7919 + seed) % 97) - ((b.sequence * 7919 + seed) % 97),
          );
          const points = deriveSeries(revisionsAsOf(shuffled));
          expect(points.map((p) => p.cumulative)).toEqual(truth);
          expect(points.map((p) => p.increment)).toEqual(increments);
        },
      ),
    );
  });
});

describe(previousPeriod.name, () => {
  it('steps back by months across years', () => {
    expect(previousPeriod('2020-01')).toBe('2019-12');
    expect(previousPeriod('2020-03', 3)).toBe('2019-12');
    expect(previousPeriod('2020-12', 12)).toBe('2019-12');
  });

  it('gives quarterly series their quarter’s increment', () => {
    const points = deriveSeries(
      [
        { period: '2020-03', value: 5, valueType: 'cumulative', recordedAt: 0, sequence: 1 },
        { period: '2020-06', value: 12, valueType: 'cumulative', recordedAt: 0, sequence: 2 },
      ],
      3,
    );
    expect(points.map((p) => p.increment)).toEqual([5, 7]);
  });
});
