import { fetchedOnce } from '../lib/once.js';
import { api } from './client.js';

/** The regions (province and cities), fetched once per page load; a failed fetch is retried next time. */
export const loadRegions = fetchedOnce(() => api.listRegions());
