import type { TargetVersion } from '@zhibiao/contracts';
import { PROVINCE_REGION_CODE } from '@zhibiao/core';

// Later effective date first; among versions of the same day, the one recorded last.
function isLater(a: TargetVersion, b: TargetVersion): boolean {
  if (a.effectiveFrom !== b.effectiveFrom) return a.effectiveFrom > b.effectiveFrom;
  if (a.recordedAt !== b.recordedAt) return Date.parse(a.recordedAt) > Date.parse(b.recordedAt);
  return Number(a.id) > Number(b.id);
}

/**
 * The version of `region` in force on `date`, as the API picks it: the latest that took effect on or
 * before it, the one recorded last among versions of the same day. With `firstStandsIn` (the province
 * target), a date before the first version gets the first version.
 */
export function versionInForce(
  history: readonly TargetVersion[],
  region: string,
  date: string,
  firstStandsIn = false,
): TargetVersion | undefined {
  const own = history.filter((v) => v.region === region);
  let best: TargetVersion | undefined;
  for (const v of own) {
    if (v.effectiveFrom <= date && (!best || isLater(v, best))) best = v;
  }
  if (best || !firstStandsIn) return best;
  let first: TargetVersion | undefined;
  for (const v of own) {
    if (
      !first ||
      v.effectiveFrom < first.effectiveFrom ||
      (v.effectiveFrom === first.effectiveFrom && isLater(v, first))
    ) {
      first = v;
    }
  }
  return first;
}

/**
 * The cities' sub-targets against the province target: each city's share of it (one decimal, '' when
 * unknown) and bar width (scaled to the largest city, so that the differences show), their total and
 * whether it matches the target (to a relative 1e-9).
 */
export function subTargetShares<R extends { value: number | null }>(
  rows: readonly R[],
  target: number,
): {
  rows: (R & { share: string; bar: string })[];
  total: number;
  totalShare: string;
  difference: number;
  matches: boolean;
} {
  const largest = Math.max(0, ...rows.map((r) => r.value ?? 0));
  const share = (value: number | null) =>
    value === null || target === 0 ? '' : `${((value / target) * 100).toFixed(1)}%`;
  const bar = (value: number | null) =>
    value === null || largest <= 0 ? '0' : `${(Math.max(0, value) / largest) * 100}%`;
  const total = rows.reduce((sum, r) => sum + (r.value ?? 0), 0);
  const difference = total - target;
  return {
    rows: rows.map((r) => ({ ...r, share: share(r.value), bar: bar(r.value) })),
    total,
    totalShare: share(total),
    difference,
    matches: Math.abs(difference) <= 1e-9 * Math.max(1, Math.abs(target)),
  };
}

/**
 * The first province version (earliest effective date, then the first recorded): it cannot be
 * deleted, since the indicator needs a target from its start.
 */
export function firstVersionId(history: readonly TargetVersion[]): string | undefined {
  return history
    .filter((v) => v.region === PROVINCE_REGION_CODE)
    .reduce<TargetVersion | undefined>(
      (first, v) =>
        !first ||
        v.effectiveFrom < first.effectiveFrom ||
        (v.effectiveFrom === first.effectiveFrom && Number(v.id) < Number(first.id))
          ? v
          : first,
      undefined,
    )?.id;
}
