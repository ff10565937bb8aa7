import { catalogRoutes } from './catalog.js';
import { healthRoutes } from './health.js';

/** Every route of the API, by name. */
export const apiRoutes = {
  ...healthRoutes,
  ...catalogRoutes,
};
export type ApiRoutes = typeof apiRoutes;
