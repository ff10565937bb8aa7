import { authRoutes } from './auth.js';
import { catalogAdminRoutes } from './catalog-admin.js';
import { catalogRoutes } from './catalog.js';
import { healthRoutes } from './health.js';
import { measurementRoutes } from './measurements.js';
import { progressRoutes } from './progress.js';
import { alertRoutes } from './alerts.js';
import { planImportRoutes } from './plan-import.js';
import { ledgerRoutes } from './ledger.js';
import { supervisionRoutes } from './supervision.js';
import { reportingRoutes } from './reporting.js';

/** Every route of the API, by name. */
export const apiRoutes = {
  ...healthRoutes,
  ...catalogRoutes,
  ...catalogAdminRoutes,
  ...authRoutes,
  ...measurementRoutes,
  ...progressRoutes,
  ...alertRoutes,
  ...planImportRoutes,
  ...supervisionRoutes,
  ...ledgerRoutes,
  ...reportingRoutes,
};
export type ApiRoutes = typeof apiRoutes;
