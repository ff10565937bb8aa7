import { fetchedOnce } from '../lib/once.js';
import { api } from './client.js';

/** The departments, fetched once per page load; a failed fetch is retried next time. */
export const loadDepartments = fetchedOnce(() => api.listDepartments());
