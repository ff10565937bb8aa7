import type { Department } from '@zhibiao/contracts';
import { api } from './client.js';

let cached: Promise<Department[]> | undefined;

/** The departments, fetched once per page load; a failed fetch is retried next time. */
export function loadDepartments(): Promise<Department[]> {
  cached ??= api.listDepartments().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}
