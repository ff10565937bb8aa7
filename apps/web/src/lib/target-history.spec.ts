import { describe, expect, it } from 'vitest';
import type { TargetVersion } from '@zhibiao/contracts';
import { versionInForce } from './target-history.js';

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
