import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthSchema } from '@zhibiao/contracts';
import { runIfTimescale } from '../../apps/api/src/database/timescale.js';
import { startTestApp } from '../support/test-app.js';
import { openTestDataSource, type TestDataSource } from '../support/test-data-source.js';
import { testServerUrl } from '../support/test-database.js';

/** Whether the TEST_DATABASE_URL server offers the timescaledb extension (never PGlite). */
async function serverOffersTimescale(url: string | undefined): Promise<boolean> {
  if (url === undefined) return false;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb'`,
    );
    return rows.length > 0;
  } finally {
    await client.end();
  }
}

const server = testServerUrl();
const timescaleOffered = await serverOffersTimescale(server);
const skipReason =
  server === undefined
    ? 'TEST_DATABASE_URL is not set (embedded PGlite has no timescaledb)'
    : 'TEST_DATABASE_URL has no timescaledb extension';

// A plain line in the output, so a run that skipped the TimescaleDB case says so and why.
if (!timescaleOffered) console.log(`skipped: ${skipReason}`);

describe('TimescaleDB', () => {
  // Only a TimescaleDB server can show the engine; skipped (with a line saying why) elsewhere.
  it.skipIf(!timescaleOffered)(
    'is enabled and reported by the health check when the server offers it',
    async () => {
      const app = await startTestApp();
      try {
        const res = await app.api('/api/v1/health');
        expect(res.status).toBe(200);
        const health = HealthSchema.parse(await res.json());
        expect(health.database.engine).toBe('timescaledb');
        expect(health.database.version).toContain('timescaledb');
        // The one TimescaleDB-only statement of the schema: measurement partitioned by period_date.
        const client = new pg.Client({ connectionString: app.database.databaseUrl });
        await client.connect();
        try {
          const { rows } = await client.query(
            `SELECT hypertable_name FROM timescaledb_information.dimensions
              WHERE hypertable_name = 'measurement' AND column_name = 'period_date'`,
          );
          expect(rows).toHaveLength(1);
        } finally {
          await client.end();
        }
      } finally {
        await app.stop();
      }
    },
  );
});

describe(runIfTimescale.name, () => {
  let test: TestDataSource;
  beforeAll(async () => {
    // A fresh database with nothing enabled: the extension is not there even where the server offers it.
    test = await openTestDataSource();
  });
  afterAll(async () => {
    await test?.close();
  });

  it('returns false and runs nothing on a database without the extension', async () => {
    const runner = test.dataSource.createQueryRunner();
    try {
      expect(await runIfTimescale(runner, ['CREATE TABLE timescale_only_probe (id integer)'])).toBe(
        false,
      );
    } finally {
      await runner.release();
    }
    const rows: unknown[] = await test.dataSource.query(
      `SELECT 1 FROM information_schema.tables WHERE table_name = 'timescale_only_probe'`,
    );
    expect(rows).toEqual([]);
  });
});
