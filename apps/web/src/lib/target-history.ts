import type { TargetVersion } from '@zhibiao/contracts';

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
