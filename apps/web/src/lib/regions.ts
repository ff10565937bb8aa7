import type { Region } from '@zhibiao/contracts';

/** Region codes in reading order: the province first, then the cities, as the regions list orders them. */
export function sortRegionCodes(codes: readonly string[], regions: readonly Region[]): string[] {
  const index = new Map(regions.map((r, i) => [r.code, { level: r.level, order: i }]));
  const rank = (code: string) => {
    const region = index.get(code);
    const level = region?.level === 'province' ? 0 : region?.level === 'city' ? 1 : 2;
    return level * 10_000 + (region?.order ?? 9_999);
  };
  return [...codes].sort((a, b) => rank(a) - rank(b));
}

/**
 * How a set of regions reads compactly: every city (with the province or not) is said as such, any
 * other set by its names in reading order.
 */
export function describeRegionCodes(
  codes: readonly string[],
  regions: readonly Region[],
): { kind: 'provinceAndCities' | 'allCities'; n: number } | { kind: 'list'; codes: string[] } {
  const levelOf = new Map(regions.map((r) => [r.code, r.level]));
  const n = regions.filter((r) => r.level === 'city').length;
  const levels = codes.map((c) => levelOf.get(c));
  const cities = levels.filter((l) => l === 'city').length;
  const province = levels.includes('province');
  if (n > 0 && cities === n && codes.length === n + (province ? 1 : 0)) {
    return { kind: province ? 'provinceAndCities' : 'allCities', n };
  }
  return { kind: 'list', codes: sortRegionCodes(codes, regions) };
}
