import type { QueryRunner } from 'typeorm';

// ─── TimescaleDB-only SQL ──────────────────────────────────────────────────────────────────────────
// Everything that needs the timescaledb extension lives in this file, and nothing here runs unless the
// extension is enabled. The rest of the schema is portable SQL that runs on PGlite, PostgreSQL 15+ and
// TimescaleDB alike. test/medium/timescale.test.ts exercises this file against a TimescaleDB server when
// TEST_DATABASE_URL points at one, and says that it skipped otherwise.

export type TimescaleMode = 'auto' | 'off';

/** Whether the server could load TimescaleDB (it is installed as an extension package). */
export async function isTimescaleAvailable(runner: QueryRunner): Promise<boolean> {
  const rows = (await runner.query(
    `SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`,
  )) as unknown[];
  return rows.length > 0;
}

/** The TimescaleDB version enabled in this database, or null. */
export async function timescaleVersion(runner: QueryRunner): Promise<string | null> {
  const rows = (await runner.query(
    `SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'`,
  )) as { extversion: string }[];
  return rows[0]?.extversion ?? null;
}

/** Enables the extension where the server offers it (TIMESCALEDB=auto). */
export async function enableTimescaleIfAvailable(
  runner: QueryRunner,
  mode: TimescaleMode,
): Promise<boolean> {
  if (mode === 'off' || !(await isTimescaleAvailable(runner))) return false;
  try {
    await runner.query('CREATE EXTENSION IF NOT EXISTS timescaledb');
  } catch (error) {
    throw new Error(
      `timescaledb is installed on the server but could not be enabled (${(error as Error).message}); ` +
        `add timescaledb to shared_preload_libraries, or set TIMESCALEDB=off`,
      { cause: error },
    );
  }
  return true;
}

/**
 * Runs TimescaleDB-only statements inside a migration when the extension is enabled; a no-op on PGlite
 * and plain PostgreSQL. Returns whether they ran.
 */
export async function runIfTimescale(
  runner: QueryRunner,
  statements: readonly string[],
): Promise<boolean> {
  if ((await timescaleVersion(runner)) === null) return false;
  for (const statement of statements) await runner.query(statement);
  return true;
}

/**
 * measurement as a hypertable on its time column, in chunks of a year (a plan reports a few thousand
 * figures a month). Its primary key includes period_date, as hypertables require; migrate_data moves
 * rows that exist already.
 */
export const MEASUREMENT_HYPERTABLE: readonly string[] = [
  `SELECT create_hypertable('measurement', 'period_date', chunk_time_interval => INTERVAL '1 year', migrate_data => true)`,
];
