import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartupError } from '../../apps/api/src/common/startup-error.js';
import { readSeed, SeedService } from '../../apps/api/src/seed/seed.service.js';
import { startTestApp, startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const SEED_DIR = fileURLToPath(new URL('../../seeds/digital-shandong-2020', import.meta.url));
const RENAMED = '5G 基站（测试改名）';

async function count(app: TestApp, sql: string): Promise<number> {
  const [row] = await app.server.database.dataSource.query<{ n: number }[]>(sql);
  return Number(row?.n);
}

describe(SeedService.name, () => {
  describe('on a database that already holds the plan', () => {
    let database: TestDatabase;
    let app: TestApp;
    beforeAll(async () => {
      database = await createTestDatabase();
      const first = await startTestAppOn(database);
      try {
        await first.server.database.dataSource.query(
          `UPDATE indicator SET name = $1 WHERE code = 'DS2020-5G'`,
          [RENAMED],
        );
      } finally {
        await first.stop();
      }
      // The same DATA_DIR (embedded) or the same DATABASE_URL (PostgreSQL): a restart, not a fresh start.
      app = await startTestAppOn(database);
    });
    afterAll(async () => {
      await app?.stop();
      await database?.drop();
    });

    it('keeps an edit made after seeding instead of overwriting it', async () => {
      const [row] = await app.server.database.dataSource.query<{ name: string }[]>(
        `SELECT name FROM indicator WHERE code = 'DS2020-5G'`,
      );
      expect(row?.name).toBe(RENAMED);
    });

    it('adds no second copy of indicators, regions, departments or targets', async () => {
      expect(await count(app, `SELECT count(*)::int AS n FROM plan`)).toBe(1);
      expect(await count(app, `SELECT count(*)::int AS n FROM indicator`)).toBe(12);
      expect(await count(app, `SELECT count(*)::int AS n FROM region`)).toBe(17);
      const { catalogue } = await readSeed(SEED_DIR);
      // One province target per indicator, plus the city sub-targets of the seed.
      const subTargets = catalogue.subTargets.reduce(
        (n, set) => n + Object.keys(set.values).length,
        0,
      );
      expect(await count(app, `SELECT count(*)::int AS n FROM indicator_target`)).toBe(
        12 + subTargets,
      );
      expect(await count(app, `SELECT count(*)::int AS n FROM milestone`)).toBe(
        catalogue.milestones.length,
      );
      expect(await count(app, `SELECT count(*)::int AS n FROM plan_task`)).toBe(12);
      expect(
        await count(
          app,
          `SELECT count(*)::int AS n FROM (
             SELECT indicator_code, region_code, effective_from FROM indicator_target
              GROUP BY 1, 2, 3 HAVING count(*) > 1) duplicates`,
        ),
      ).toBe(0);
      expect(await count(app, `SELECT count(*)::int AS n FROM department`)).toBe(
        catalogue.departments.length,
      );
    });

    it('loads nothing when asked again', async () => {
      expect(await app.server.app.get(SeedService).loadMissingPlans()).toEqual([]);
    });
  });

  describe('with SEED=0', () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await startTestApp({ SEED: '0' });
    });
    afterAll(async () => {
      await app?.stop();
    });

    it('serves an empty plan list', async () => {
      const res = await app.api('/api/v1/plans');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([]);
    });
  });
});

describe(readSeed.name, () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-seed-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  /** A copy of the seed folder whose catalogue.json has been changed by `edit`. */
  async function brokenCopy(
    name: string,
    edit: (catalogue: Record<string, unknown>) => void,
  ): Promise<string> {
    const dir = path.join(scratch, name);
    await cp(SEED_DIR, dir, { recursive: true });
    const file = path.join(dir, 'catalogue.json');
    const catalogue = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    edit(catalogue);
    await writeFile(file, JSON.stringify(catalogue, null, 2));
    return dir;
  }

  async function failureOf(dir: string): Promise<StartupError> {
    const error: unknown = await readSeed(dir).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StartupError);
    return error as StartupError;
  }

  type Indicators = { indicators: Record<string, unknown>[] };

  it('finds every indicator sentence of the catalogue verbatim in the plan text', async () => {
    const { catalogue, sourceText } = await readSeed(SEED_DIR);
    expect(catalogue.indicators).toHaveLength(12);
    const planText = await readFile(path.join(SEED_DIR, 'plan.zh-Hant.txt'), 'utf8');
    expect(sourceText).toBe(planText);
    for (const indicator of catalogue.indicators) {
      expect(planText, indicator.code).toContain(indicator.sourceText);
    }
  });

  it('rejects an unknown comparator, naming the file and the field', async () => {
    const dir = await brokenCopy('bad-comparator', (catalogue) => {
      const indicator = (catalogue as Indicators).indicators[3] as {
        target: { comparator: string };
      };
      indicator.target.comparator = '≥≥';
    });
    const error = await failureOf(dir);
    expect(error.setting).toBe('SEEDS_DIR');
    expect(error.message).toContain(path.join(dir, 'catalogue.json'));
    expect(error.message).toContain('indicators.3.target.comparator');
  });

  it('rejects a lead department missing from the departments, naming the file, the field path and the code', async () => {
    const dir = await brokenCopy('bad-department', (catalogue) => {
      const indicator = (catalogue as Indicators).indicators[0] as { code: string; lead: string[] };
      indicator.lead = ['no-such-department'];
    });
    const error = await failureOf(dir);
    expect(error.setting).toBe('SEEDS_DIR');
    expect(error.message).toContain(path.join(dir, 'catalogue.json'));
    expect(error.message).toContain('indicators.0.lead.0 (DS2020-ONE-NETWORK)');
    expect(error.message).toContain('no-such-department');
  });

  it('rejects an indicator sentence that is not in the plan text', async () => {
    const dir = await brokenCopy('bad-source-text', (catalogue) => {
      const indicator = (catalogue as Indicators).indicators[11] as { sourceText: string };
      indicator.sourceText = '此句不在方案原文中';
    });
    const error = await failureOf(dir);
    expect(error.message).toContain(path.join(dir, 'catalogue.json'));
    expect(error.message).toContain('indicators.11.sourceText (DS2020-5G)');
  });
});
