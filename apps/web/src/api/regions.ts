import type { Region } from '@zhibiao/contracts';
import { api } from './client.js';

let cached: Promise<Region[]> | undefined;

/** The regions (province and cities), fetched once per page load; a failed fetch is retried next time. */
export function loadRegions(): Promise<Region[]> {
  cached ??= api.listRegions().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
