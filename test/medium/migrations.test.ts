import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../apps/api/src/database/migrate.js';
import { MIGRATIONS } from '../../apps/api/src/database/migrations/index.js';
import {
  openTestDataSource,
  silentLogger,
  type TestDataSource,
} from '../support/test-data-source.js';

async function tablesIn(test: TestDataSource): Promise<string[]> {
  const rows = await test.dataSource.query<{ table_name: string }[]>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
  );
  return rows.map((row) => row.table_name);
}

describe(migrate.name, () => {
  let test: TestDataSource;
  let firstRun: string[];
  beforeAll(async () => {
    test = await openTestDataSource();
    firstRun = await migrate(test.dataSource, {
      lockUrl: test.lockUrl,
      timescale: 'auto',
      logger: silentLogger,
    });
  });
  afterAll(async () => {
    await test?.close();
  });

  const names = MIGRATIONS.map((migration) => new migration().name ?? migration.name);

  it('applies every migration, in order, to an empty database', () => {
    expect(firstRun).toEqual(names);
  });

  it('records every migration in schema_migration', async () => {
    const rows = await test.dataSource.query<{ name: string }[]>(
      `SELECT name FROM schema_migration ORDER BY id`,
    );
    expect(rows.map((row) => row.name)).toEqual(names);
  });

  it('leaves a schema the entities match exactly (no drift)', async () => {
    const sql = await test.dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('applies nothing when run again', async () => {
    expect(
      await migrate(test.dataSource, {
        lockUrl: test.lockUrl,
        timescale: 'auto',
        logger: silentLogger,
      }),
    ).toEqual([]);
  });

  it('undoes every migration, leaving no catalogue table behind', async () => {
    const entityTables = test.dataSource.entityMetadatas.map((metadata) => metadata.tableName);
    expect(entityTables.length).toBeGreaterThan(0);
    expect(await tablesIn(test)).toEqual(expect.arrayContaining(entityTables));
    for (let undone = 0; undone < MIGRATIONS.length; undone++) {
      await test.dataSource.undoLastMigration({ transaction: 'each' });
    }
    const left = await tablesIn(test);
    expect(left.filter((table) => entityTables.includes(table))).toEqual([]);
    expect(left.filter((table) => table !== 'schema_migration')).toEqual([]);
    expect(await test.dataSource.query(`SELECT name FROM schema_migration`)).toEqual([]);
  });
});

describe('AddRegionEnglishNames on a database seeded before it', () => {
  let test: TestDataSource;
  afterAll(async () => {
    await test?.close();
  });

  it('gives the Shandong regions their English names and leaves other regions without one', async () => {
    test = await openTestDataSource();
    const options = { lockUrl: test.lockUrl, timescale: 'auto' as const, logger: silentLogger };
    await migrate(test.dataSource, options);
    // Back to the schema before it (undoing any added after it too), with regions as an earlier
    // seed stored them.
    const names = MIGRATIONS.map((migration) => new migration().name ?? migration.name);
    const after = names.slice(names.indexOf('AddRegionEnglishNames1795957200000'));
    for (let undone = 0; undone < after.length; undone++) {
      await test.dataSource.undoLastMigration({ transaction: 'each' });
    }
    await test.dataSource.query(
      `INSERT INTO region (code, name, level, parent_code) VALUES
         ('370000', '山东省', 'province', NULL),
         ('370900', '泰安市', 'city', '370000'),
         ('110000', '北京市', 'province', NULL)`,
    );
    expect(await migrate(test.dataSource, options)).toEqual(after);
    const rows = await test.dataSource.query<{ code: string; name_en: string | null }[]>(
      `SELECT code, name_en FROM region ORDER BY code`,
    );
    expect(rows).toEqual([
      { code: '110000', name_en: null },
      { code: '370000', name_en: 'Shandong' },
      { code: '370900', name_en: "Tai'an" },
    ]);
  });
});

describe('TargetsReachNotExact on a database with "=" targets', () => {
  let test: TestDataSource;
  afterAll(async () => {
    await test?.close();
  });

  it('turns "=" into ">=" for an increase target and "<=" for a decrease, in drafts too', async () => {
    test = await openTestDataSource();
    const options = { lockUrl: test.lockUrl, timescale: 'auto' as const, logger: silentLogger };
    await migrate(test.dataSource, options);
    const names = MIGRATIONS.map((migration) => new migration().name ?? migration.name);
    const after = names.slice(names.indexOf('TargetsReachNotExact1795964400000'));
    for (let undone = 0; undone < after.length; undone++) {
      await test.dataSource.undoLastMigration({ transaction: 'each' });
    }
    const db = test.dataSource;
    await db.query(
      `INSERT INTO region (code, name, level, parent_code) VALUES ('370000', '山东省', 'province', NULL)`,
    );
    await db.query(
      `INSERT INTO plan (code, title, start_year, end_year, period_start, period_end, status, source_text)
       VALUES ('P2020', '方案', 2020, 2020, '2020-01-01', '2020-12-31', 'published', '')`,
    );
    for (const [code, direction] of [
      ['P2020-UP', 'increase'],
      ['P2020-DOWN', 'decrease'],
    ]) {
      await db.query(
        `INSERT INTO indicator (code, plan_code, position, name, unit, kind, direction, frequency, due_day, deadline, source_text)
         VALUES ($1::text, 'P2020', 1, $1::text, '%', 'ratio', $2, 'monthly', 5, '2020-12-31', '')`,
        [code, direction],
      );
      await db.query(
        `INSERT INTO indicator_target (indicator_code, region_code, effective_from, comparator, value)
         VALUES ($1, '370000', '2020-01-01', '=', 50), ($1, '370000', '2020-06-01', '~', 60)`,
        [code],
      );
    }
    await db.query(
      `INSERT INTO plan_import (code, title, year, status, text, extraction, targets, milestones, created_by)
       VALUES ('P2021', '草稿', 2021, 'draft', '', '{}', '[{"comparator": "=", "value": 100}, {"comparator": "~", "value": 5}]', '[]', 'admin')`,
    );
    expect(await migrate(db, options)).toEqual(after);
    const targets = await db.query<{ indicator_code: string; comparator: string }[]>(
      `SELECT indicator_code, comparator FROM indicator_target ORDER BY indicator_code, effective_from`,
    );
    expect(targets).toEqual([
      { indicator_code: 'P2020-DOWN', comparator: '<=' },
      { indicator_code: 'P2020-DOWN', comparator: '~' },
      { indicator_code: 'P2020-UP', comparator: '>=' },
      { indicator_code: 'P2020-UP', comparator: '~' },
    ]);
    const [draft] = await db.query<{ targets: { comparator: string }[] }[]>(
      `SELECT targets FROM plan_import`,
    );
    expect(draft!.targets.map((t) => t.comparator)).toEqual(['>=', '~']);
  });
});
