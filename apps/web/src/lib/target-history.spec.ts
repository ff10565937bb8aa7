import { describe, expect, it } from 'vitest';
import type { TargetVersion } from '@zhibiao/contracts';
import { firstVersionId, subTargetShares, versionInForce } from './target-history.js';

const version = (id: string, region: string, effectiveFrom: string, recordedAt: string) =>
  ({
    id,
    region,
    effectiveFrom,
    comparator: '>=',
    value: Number(id),
    tolerance: null,
    note: '',
    recordedAt,
  }) satisfies TargetVersion;

const history = [
  version('3', '370000', '2020-09-01', '2020-08-20T02:00:00Z'),
  version('4', '370000', '2020-09-01', '2020-08-21T02:00:00Z'),
  version('1', '370000', '2020-01-01', '2020-01-05T02:00:00Z'),
  version('2', '370100', '2020-01-01', '2020-01-05T02:00:00Z'),
];

describe(versionInForce.name, () => {
  it('takes the latest version that took effect by the date', () => {
    expect(versionInForce(history, '370000', '2020-08-31')?.id).toBe('1');
    expect(versionInForce(history, '370100', '2020-12-31')?.id).toBe('2');
  });

  it('takes the one recorded last among versions of the same day', () => {
    expect(versionInForce(history, '370000', '2020-09-01')?.id).toBe('4');
  });

  it('lets the first province version stand in before any took effect, and nothing else', () => {
    expect(versionInForce(history, '370000', '2019-12-31', true)?.id).toBe('1');
    expect(versionInForce(history, '370100', '2019-12-31')).toBeUndefined();
  });
});

describe(firstVersionId.name, () => {
  it('names the province version that took effect first, the first recorded on that day', () => {
    expect(
      firstVersionId([
        version('7', '370200', '2019-01-01', '2019-01-01T00:00:00Z'),
        version('5', '370000', '2020-01-01', '2020-01-05T00:00:00Z'),
        version('2', '370000', '2020-01-01', '2020-01-06T00:00:00Z'),
        version('9', '370000', '2020-06-01', '2020-05-01T00:00:00Z'),
      ]),
    ).toBe('2');
    expect(firstVersionId([])).toBeUndefined();
  });
});

describe(subTargetShares.name, () => {
  it('gives each city its share and a bar scaled to the largest, and checks the total', () => {
    const shares = subTargetShares(
      [
        { code: 'a', value: 300 },
        { code: 'b', value: 100 },
        { code: 'c', value: null },
      ],
      400,
    );
    expect(shares.rows.map((r) => [r.share, r.bar])).toEqual([
      ['75.0%', '100%'],
      ['25.0%', `${(100 / 300) * 100}%`],
      ['', '0'],
    ]);
    expect(shares).toMatchObject({ total: 400, totalShare: '100.0%', matches: true });
  });

  it('says by how much a total misses the target', () => {
    const shares = subTargetShares([{ value: 390 }], 400);
    expect(shares).toMatchObject({ difference: -10, matches: false });
  });
});
