import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DepartmentSchema,
  IndicatorDetailSchema,
  MilestoneSchema,
  PlanDetailSchema,
  type IndicatorDetail,
  type PlanDetail,
} from '@zhibiao/contracts';
import { SeedService } from '../../apps/api/src/seed/seed.service.js';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const SEED_DIR = fileURLToPath(new URL('../../seeds/digital-shandong-2020', import.meta.url));
const PLAN_FOLDER = path.basename(SEED_DIR);
const APP_TODAY = '2020-06-01';
const PROVINCE = '370000';
const RENAMED = '中小企业数字化培训（用户改名）';

type EditableCatalogue = {
  version?: number;
  corrections?: unknown;
  sections?: unknown;
  milestones?: unknown;
  measures?: unknown;
  subTargets?: unknown;
  departments: { code: string }[];
  indicators: {
    section?: unknown;
    task?: unknown;
    reporter?: string;
    lead: string[];
    support: string[];
  }[];
};

/**
 * A SEEDS_DIR under `root` holding the plan as another version of catalogue.json has it: the real
 * folder copied, its catalogue changed by `edit`.
 */
async function seedsVariant(
  root: string,
  name: string,
  edit: (catalogue: EditableCatalogue) => void,
): Promise<string> {
  const seeds = path.join(root, name);
  const dir = path.join(seeds, PLAN_FOLDER);
  await cp(SEED_DIR, dir, { recursive: true });
  const file = path.join(dir, 'catalogue.json');
  const catalogue = JSON.parse(await readFile(file, 'utf8')) as EditableCatalogue;
  edit(catalogue);
  await writeFile(file, JSON.stringify(catalogue, null, 2));
  return seeds;
}

/** Version 1 had the plan and its 12 indicators: no sections, tasks, milestones or sub-targets. */
function toVersion1(catalogue: EditableCatalogue): void {
  catalogue.version = 1;
  delete catalogue.sections;
  delete catalogue.milestones;
  delete catalogue.measures;
  delete catalogue.subTargets;
  delete catalogue.corrections;
  for (const indicator of catalogue.indicators) {
    delete indicator.section;
    delete indicator.task;
    delete indicator.reporter;
  }
  // Only the departments the indicators name, as in version 1.
  const named = new Set(catalogue.indicators.flatMap((i) => [...i.lead, ...i.support]));
  catalogue.departments = catalogue.departments.filter((d) => named.has(d.code));
}

const TABLES = [
  'plan',
  'plan_section',
  'plan_task',
  'indicator',
  'indicator_department',
  'indicator_region',
  'indicator_target',
  'milestone',
  'milestone_department',
  'department',
  'region',
] as const;

type Counts = Record<(typeof TABLES)[number], number>;

async function countRows(app: TestApp): Promise<Counts> {
  const counts = {} as Counts;
  for (const table of TABLES) {
    const [row] = await app.server.database.dataSource.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM ${table}`,
    );
    counts[table] = Number(row?.n);
  }
  return counts;
}

async function seedVersions(app: TestApp): Promise<Record<string, number | null>> {
  const rows = await app.server.database.dataSource.query<
    { code: string; seed_version: number | null }[]
  >(`SELECT code, seed_version FROM plan ORDER BY code`);
  return Object.fromEntries(rows.map((row) => [row.code, row.seed_version]));
}

async function planOf(app: TestApp, code: string): Promise<PlanDetail> {
  return okBody(await call(app, 'GET', `/plans/${code}`), PlanDetailSchema);
}

async function indicatorOf(app: TestApp, code: string): Promise<IndicatorDetail> {
  return okBody(await call(app, 'GET', `/indicators/${code}`), IndicatorDetailSchema);
}

/** Everything a start could change, as the API and the tables show it. */
async function stateOf(app: TestApp) {
  return {
    counts: await countRows(app),
    seedVersions: await seedVersions(app),
    plan: await planOf(app, 'DS2020'),
    fiveG: await indicatorOf(app, 'DS2020-5G'),
  };
}

/** Starts the app on `database`, runs `use` and stops it, even when `use` fails. */
async function withApp<T>(
  database: TestDatabase,
  env: Record<string, string>,
  use: (app: TestApp) => Promise<T>,
): Promise<T> {
  const app = await startTestAppOn(database, { APP_TODAY, ...env });
  try {
    return await use(app);
  } finally {
    await app.stop();
  }
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-seed-upgrade-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe(`${SeedService.name} on a database seeded from catalogue version 1`, () => {
  let database: TestDatabase;
  let app: TestApp;
  let version1: Awaited<ReturnType<typeof stateOf>>;
  let userPlanBefore: PlanDetail;
  let userIndicatorBefore: IndicatorDetail;
  let second: Awaited<ReturnType<typeof stateOf>>;
  let third: Awaited<ReturnType<typeof stateOf>>;

  beforeAll(async () => {
    const seedsV1 = await seedsVariant(scratch, 'seeds-v1', toVersion1);
    database = await createTestDatabase();
    // First start: the plan as version 1 had it, then a user's own plan and two edits.
    version1 = await withApp(database, { SEEDS_DIR: seedsV1 }, async (first) => {
      const state = await stateOf(first);
      userPlanBefore = await okBody(
        await call(first, 'POST', '/plans', {
          code: 'USER-PLAN',
          title: '用户自建规划',
          startYear: 2020,
          endYear: 2020,
          status: 'published',
        }),
        PlanDetailSchema,
        201,
      );
      const cities = state.fiveG.regions;
      userIndicatorBefore = await okBody(
        await call(first, 'POST', '/plans/USER-PLAN/indicators', {
          code: 'USER-STATIONS',
          name: '用户自建指标',
          unit: '个',
          kind: 'cumulative',
          deadline: '2020-12-31',
          target: { comparator: '>=', value: 300 },
          leadDepartments: ['big-data-bureau'],
          regions: cities,
        }),
        IndicatorDetailSchema,
        201,
      );
      await okBody(
        await call(first, 'POST', '/plans/USER-PLAN/milestones', {
          code: 'USER-M01',
          name: '用户自建里程碑',
          deadline: '2020-09-30',
          leadDepartments: ['big-data-bureau'],
        }),
        MilestoneSchema,
        201,
      );
      userPlanBefore = await planOf(first, 'USER-PLAN');
      const db = first.server.database.dataSource;
      await db.query(`UPDATE indicator SET name = $1 WHERE code = 'DS2020-SME-TRAINING'`, [
        RENAMED,
      ]);
      await db.query(`DELETE FROM indicator WHERE code = 'DS2020-STARTUPS'`);
      return state;
    });
    // Second start: the real seeds folder, catalogue version 4 (what version 2 brought, and more).
    second = await withApp(database, {}, stateOf);
    // Third start stays running for the tests.
    app = await startTestAppOn(database, { APP_TODAY });
    third = await stateOf(app);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('loaded version 1 as the plan with 12 indicators and nothing of version 2', () => {
    expect(version1.seedVersions).toEqual({ DS2020: 1 });
    expect(version1.counts).toMatchObject({
      plan: 1,
      plan_section: 0,
      plan_task: 0,
      indicator: 12,
      indicator_target: 12,
      milestone: 0,
      department: 13,
      region: 17,
    });
    expect(version1.plan.sections).toEqual([]);
    expect(version1.fiveG).toMatchObject({ section: null, task: null, hasSubTargets: false });
  });

  it('adds the 5 sections and 12 tasks of version 2', () => {
    expect(second.plan.sections.map((s) => s.numeral)).toEqual(['一', '二', '三', '四', '五']);
    expect(second.plan.sections.map((s) => s.tasks.length)).toEqual([4, 3, 3, 2, 0]);
    expect(second.counts).toMatchObject({ plan_section: 5, plan_task: 12 });
  });

  it('adds the 28 milestones, pending, with their departments', () => {
    expect(second.plan.milestoneCount).toBe(28);
    expect(second.plan.milestones).toHaveLength(28);
    for (const milestone of second.plan.milestones) {
      expect(milestone.status, milestone.code).toBe('pending');
      expect(milestone.leadDepartments.length, milestone.code).toBeGreaterThan(0);
    }
  });

  it('places each remaining indicator under its task', () => {
    const placed = second.plan.sections.flatMap((s) => s.tasks.flatMap((t) => t.indicators));
    expect(placed).toHaveLength(11);
    expect(placed).not.toContain('DS2020-STARTUPS');
    expect(second.fiveG).toMatchObject({ section: 'DS2020-4', task: 'DS2020-4.1' });
  });

  it('adds the 16 city sub-targets of DS2020-5G, adding up to its 40000', () => {
    expect(second.fiveG.hasSubTargets).toBe(true);
    expect(second.fiveG.subTargets).toHaveLength(16);
    expect(second.fiveG.subTargets.reduce((sum, s) => sum + s.value, 0)).toBe(40000);
    expect(second.fiveG.target).toEqual({ comparator: '>=', value: 40000 });
  });

  it('adds the departments version 2 names, among them the city governments', async () => {
    expect(second.counts.department).toBe(40);
    const departments = await okBody(
      await call(app, 'GET', '/departments'),
      z.array(DepartmentSchema),
    );
    expect(departments.find((d) => d.code === 'jinan-government')).toMatchObject({
      kind: 'city',
      region: '370100',
    });
  });

  it('keeps the name a user gave an indicator, and still places it', async () => {
    const training = await indicatorOf(app, 'DS2020-SME-TRAINING');
    expect(training).toMatchObject({ name: RENAMED, section: 'DS2020-2', task: 'DS2020-2.1' });
  });

  it('does not bring back an indicator a user deleted', async () => {
    await errorBody(
      await call(app, 'GET', '/indicators/DS2020-STARTUPS'),
      404,
      'indicator_not_found',
    );
    expect(second.plan.indicatorCount).toBe(11);
    expect(second.counts.indicator).toBe(12); // 11 seeded + the user's own
  });

  it('records seed version 4 on the plan and none on the user plan', () => {
    expect(second.seedVersions).toEqual({ DS2020: 4, 'USER-PLAN': null });
  });

  it('changes nothing at a third start', () => {
    expect(third).toEqual(second);
  });

  it('loads nothing when asked again', async () => {
    expect(await app.server.app.get(SeedService).loadMissingPlans()).toEqual([]);
  });

  it('leaves a plan a user created with another code as it was', async () => {
    expect(await planOf(app, 'USER-PLAN')).toEqual(userPlanBefore);
    const indicator = await indicatorOf(app, 'USER-STATIONS');
    expect(indicator).toEqual(userIndicatorBefore);
    expect(indicator.hasSubTargets).toBe(false);
  });
});

describe(`${SeedService.name} and a user plan that reuses the code of a seeded indicator`, () => {
  let database: TestDatabase;
  let before: IndicatorDetail;
  let after: IndicatorDetail;
  beforeAll(async () => {
    const seedsV1 = await seedsVariant(scratch, 'seeds-v1-reuse', toVersion1);
    database = await createTestDatabase();
    before = await withApp(database, { SEEDS_DIR: seedsV1 }, async (first) => {
      // The user removes DS2020-5G from DS2020 and files it under a plan of their own.
      const removed = await call(first, 'DELETE', '/indicators/DS2020-5G');
      expect(removed.status).toBe(204);
      const fiveG = await okBody(
        await call(first, 'POST', '/plans', {
          code: 'USER-5G',
          title: '用户自建5G规划',
          startYear: 2020,
          endYear: 2020,
          status: 'published',
        }),
        PlanDetailSchema,
        201,
      );
      expect(fiveG.status).toBe('published');
      return okBody(
        await call(first, 'POST', '/plans/USER-5G/indicators', {
          code: 'DS2020-5G',
          name: '用户的5G基站指标',
          unit: '个',
          kind: 'cumulative',
          deadline: '2020-12-31',
          target: { comparator: '>=', value: 30000 },
          leadDepartments: ['industry-it'],
          regions: [
            PROVINCE,
            ...['370100', '370200', '370300', '370400', '370500', '370600', '370700', '370800'],
            ...['370900', '371000', '371100', '371300', '371400', '371500', '371600', '371700'],
          ],
        }),
        IndicatorDetailSchema,
        201,
      );
    });
    after = await withApp(database, {}, (second) => indicatorOf(second, 'DS2020-5G'));
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('keeps the indicator in the user plan, under the user name', () => {
    expect(after).toMatchObject({ plan: 'USER-5G', name: '用户的5G基站指标', section: null });
    expect(after.target).toEqual({ comparator: '>=', value: 30000 });
  });

  it('adds no sub-targets to the indicator of the user plan', () => {
    expect(after.hasSubTargets).toBe(false);
    expect(after.subTargets).toEqual([]);
    expect(after.targetHistory).toEqual(before.targetHistory);
  });
});

describe(`${SeedService.name} moving a plan to a later catalogue version`, () => {
  let database: TestDatabase;
  let after: PlanDetail;
  let seedVersion: Record<string, number | null>;
  beforeAll(async () => {
    const seedsV5 = await seedsVariant(scratch, 'seeds-v5', (catalogue) => {
      catalogue.version = 5;
    });
    database = await createTestDatabase();
    await withApp(database, {}, async (first) => {
      const removed = await call(first, 'DELETE', '/milestones/DS2020-M05');
      expect(removed.status).toBe(204);
      await okBody(
        await call(first, 'PATCH', '/milestones/DS2020-M06', {
          name: '用户改过的里程碑',
          status: 'done',
          doneOn: '2020-05-20',
        }),
        MilestoneSchema,
      );
    });
    [after, seedVersion] = await withApp(database, { SEEDS_DIR: seedsV5 }, async (second) => [
      await planOf(second, 'DS2020'),
      await seedVersions(second),
    ]);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('records the later version', () => {
    expect(seedVersion).toEqual({ DS2020: 5 });
  });

  it('keeps the edits a user made to a seeded milestone', () => {
    expect(after.milestones.find((m) => m.code === 'DS2020-M06')).toMatchObject({
      name: '用户改过的里程碑',
      status: 'done',
      doneOn: '2020-05-20',
    });
  });

  it('does not bring back a seeded milestone a user deleted', () => {
    expect(after.milestones.map((m) => m.code)).not.toContain('DS2020-M05');
    expect(after.milestoneCount).toBe(27);
  });
});
