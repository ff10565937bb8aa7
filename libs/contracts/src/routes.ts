import { catalogAdminRoutes } from './catalog-admin.js';
import { catalogRoutes } from './catalog.js';
import { healthRoutes } from './health.js';

/** Every route of the API, by name. */
export const apiRoutes = {
  ...healthRoutes,
  ...catalogRoutes,
  ...catalogAdminRoutes,
};
export type ApiRoutes = typeof apiRoutes;
