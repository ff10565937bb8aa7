import { pino } from 'pino';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../apps/api/src/database/data-source.js';
import { EmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** A bare TypeORM data source on a fresh, empty test database: nothing migrated, no app. */
export interface TestDataSource {
  dataSource: DataSource;
  database: TestDatabase;
  /** The database's URL on PostgreSQL (for migrate's lock connection); undefined on PGlite. */
  lockUrl: string | undefined;
  close(): Promise<void>;
}

export const silentLogger = pino({ level: 'silent' });

/** Embedded PGlite in a fresh DATA_DIR, or a fresh database on the TEST_DATABASE_URL server. */
export async function openTestDataSource(): Promise<TestDataSource> {
  const database = await createTestDatabase();
  let embedded: EmbeddedPostgres | undefined;
  try {
    let dataSource: DataSource;
    if (database.databaseUrl === undefined) {
      embedded = await EmbeddedPostgres.start(database.dataDir, silentLogger);
      // PGlite serves one connection: see EmbeddedPostgres.
      dataSource = createDataSource(embedded.connection, 1);
    } else {
      dataSource = createDataSource({ url: database.databaseUrl }, 2);
    }
    await dataSource.initialize();
    const started = embedded;
    return {
      dataSource,
      database,
      lockUrl: database.databaseUrl,
      async close() {
        if (dataSource.isInitialized) await dataSource.destroy();
        await started?.stop();
        await database.drop();
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    await database.drop();
    throw error;
  }
}
