import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { enableTimescaleIfAvailable, type TimescaleMode } from './timescale.js';

// Any fixed number: replicas starting together wait on it instead of migrating twice.
const MIGRATION_LOCK_KEY = 7_358_020;

/**
 * Enables TimescaleDB where offered, then applies pending migrations. On a real server the work runs
 * under a session advisory lock held on a separate connection, so concurrent starts migrate once.
 * The embedded engine is single-process (DATA_DIR lock), so it needs none.
 */
export async function migrate(
  dataSource: DataSource,
  options: {
    lockUrl?: string | undefined;
    timescale: TimescaleMode;
    logger: Logger;
    /** Runs under the same lock once the migrations are applied (the app role's grants). */
    after?: () => Promise<void>;
  },
): Promise<string[]> {
  let lockClient: pg.Client | undefined;
  if (options.lockUrl) {
    lockClient = new pg.Client({
      connectionString: options.lockUrl,
      application_name: 'zhibiao-migrate',
    });
    await lockClient.connect();
    await lockClient.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
  }
  try {
    const runner = dataSource.createQueryRunner();
    try {
      if (await enableTimescaleIfAvailable(runner, options.timescale)) {
        options.logger.info('timescaledb extension enabled');
      }
    } finally {
      await runner.release();
    }
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    for (const migration of applied)
      options.logger.info({ migration: migration.name }, 'migration applied');
    await options.after?.();
    return applied.map((migration) => migration.name);
  } finally {
    if (lockClient) {
      await lockClient
        .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
        .catch(() => undefined);
      await lockClient.end();
    }
  }
}

/** The migrations this database has not had yet, in order; read without changing anything. */
export async function pendingMigrations(dataSource: DataSource): Promise<string[]> {
  const [ledger] = await dataSource.query<{ present: boolean }[]>(
    `SELECT to_regclass('schema_migration') IS NOT NULL AS present`,
  );
  const applied = new Set(
    ledger?.present
      ? (await dataSource.query<{ name: string }[]>(`SELECT name FROM schema_migration`)).map(
          (row) => row.name,
        )
      : [],
  );
  return dataSource.migrations
    .map((migration) => migration.name ?? migration.constructor.name)
    .filter((name) => !applied.has(name));
}
