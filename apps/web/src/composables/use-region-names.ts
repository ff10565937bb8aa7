import { computed, shallowRef } from 'vue';
import type { Region } from '@zhibiao/contracts';
import { loadRegions } from '../api/regions.js';
import { useFormat } from './use-format.js';

// The regions list, loaded once for every component that names regions.
const regions = shallowRef<Region[]>([]);
let requested = false;

/**
 * A region's name in the UI language (Qingdao in English, 青岛市 in Chinese), by code; until the list
 * has loaded, or for a code it lacks, the `fallback` (say, the name an API answer carries) or the code.
 */
export function useRegionNames(): (code: string, fallback?: string) => string {
  const { pick } = useFormat();
  if (!requested) {
    requested = true;
    loadRegions()
      .then((list) => (regions.value = list))
      // The fallbacks stand in; the next component to ask tries again.
      .catch(() => (requested = false));
  }
  const byCode = computed(() => new Map(regions.value.map((r) => [r.code, r])));
  return (code, fallback) => {
    const region = byCode.value.get(code);
    return region ? pick(region.name, region.nameEn) : (fallback ?? code);
  };
}
