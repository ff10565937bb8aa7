import { AddPlanStructure1795928400000 } from './1795928400000-AddPlanStructure.js';
import { CreateCatalog1795924800000 } from './1795924800000-CreateCatalog.js';

/** Every migration in order. Never edit one that has landed: add a new one. */
export const MIGRATIONS = [CreateCatalog1795924800000, AddPlanStructure1795928400000];
