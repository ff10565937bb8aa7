import { CATALOG_ENTITIES } from '../catalog/entities.js';
import { SeedItemEntity } from '../seed/seed-item.entity.js';

/** Every entity of the schema; the schema-drift test compares them with the migrated database. */
export const ENTITIES = [...CATALOG_ENTITIES, SeedItemEntity];
