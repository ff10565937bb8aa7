import pg from 'pg';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

// Dates are calendar dates in this product: keep DATE columns as 'YYYY-MM-DD' strings rather than
// turning them into JavaScript Dates at the process's local midnight.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value: string) => value);

export type PgTarget =
  { url: string } | { host: string; port: number; username: string; database: string };

/** The one TypeORM data source (postgres over pg), whatever engine is behind it. */
export function createDataSource(target: PgTarget, poolSize: number): DataSource {
  return new DataSource({
    type: 'postgres',
    ...target,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    // A pool wait or connect longer than this is an outage, not a slow query: fail and say so.
    connectTimeoutMS: 10_000,
    poolSize,
    extra: { application_name: 'zhibiao' },
  });
}
