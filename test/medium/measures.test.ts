import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  MeasureDetailSchema,
  MeasureSchema,
  MilestoneSchema,
  PlanDetailSchema,
  type Measure,
  type PlanDetail,
} from '@zhibiao/contracts';
import { call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const SEED_DIR = fileURLToPath(new URL('../../seeds/digital-shandong-2020', import.meta.url));
const APP_TODAY = '2020-06-01';

interface CatalogueMeasure {
  code: string;
  section: string;
  task: string | null;
  name: string;
  sourceText: string;
  lead: string[];
  support: string[];
  deadline?: string;
  indicators: string[];
  milestones: string[];
}

interface Catalogue {
  version: number;
  departments: { code: string; name: string }[];
  sections: { code: string; sourceText: string; tasks: { code: string; sourceText: string }[] }[];
  milestones: { code: string }[];
  measures?: CatalogueMeasure[];
}

const catalogue = JSON.parse(
  await readFile(path.join(SEED_DIR, 'catalogue.json'), 'utf8'),
) as Catalogue;
const curated = catalogue.measures ?? [];
const departmentName = new Map(catalogue.departments.map((d) => [d.code, d.name]));
const NEW_MILESTONES = Array.from({ length: 8 }, (_, i) => `DS2020-M${21 + i}`);

const measuresOf = async (app: TestApp, plan = 'DS2020') =>
  okBody(await call(app, 'GET', `/measures?plan=${plan}`), z.array(MeasureSchema));

describe('measures (举措) of the seeded plan', () => {
  let app: TestApp;
  let measures: Measure[];
  beforeAll(async () => {
    app = await startTestApp({ APP_TODAY });
    measures = await measuresOf(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lists the 43 groups of the catalogue in plan order, each with its task', () => {
    expect(curated).toHaveLength(43);
    expect(measures.map((m) => m.code)).toEqual(curated.map((m) => m.code));
    expect(measures.slice(0, 3).map((m) => [m.code, m.section, m.task])).toEqual([
      ['DS2020-1.1-1', 'DS2020-1', 'DS2020-1.1'],
      ['DS2020-1.1-2', 'DS2020-1', 'DS2020-1.1'],
      ['DS2020-1.2-1', 'DS2020-1', 'DS2020-1.2'],
    ]);
    expect(measures.at(-1)).toMatchObject({ code: 'DS2020-5-1', section: 'DS2020-5', task: null });
  });

  it('gives each group its lead and support units as code and name, its deadline and its links', () => {
    for (const [i, measure] of measures.entries()) {
      const want = curated[i]!;
      const refs = (codes: string[]) =>
        codes.map((code) => ({ code, name: departmentName.get(code) }));
      expect(measure, want.code).toEqual({
        code: want.code,
        plan: 'DS2020',
        section: want.section,
        task: want.task,
        name: want.name,
        nameEn: measure.nameEn,
        leadDepartments: refs(want.lead),
        supportDepartments: refs(want.support),
        deadline: want.deadline ?? null,
        indicators: want.indicators,
        milestones: want.milestones,
        // No unit has reported on it yet (measure-reports.test.ts fills it).
        latestReport: null,
      });
      expect(measure.nameEn, want.code).toMatch(/\S/);
    }
  });

  it('reads the first group of 一(一) as the plan writes it: 省政府办公厅 leads, 省大数据局 supports', () => {
    expect(measures[0]).toMatchObject({
      leadDepartments: [{ code: 'general-office', name: '省政府办公厅' }],
      supportDepartments: [{ code: 'big-data-bureau', name: '省大数据局' }],
      deadline: '2020-12-31',
      indicators: ['DS2020-ONE-NETWORK', 'DS2020-ONE-CHAIN'],
      milestones: [],
    });
  });

  it('links every indicator and milestone of the plan to a measure', async () => {
    const plan = await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema);
    const linkedIndicators = measures.flatMap((m) => m.indicators).sort();
    const linkedMilestones = measures.flatMap((m) => m.milestones).sort();
    const indicators = plan.sections.flatMap((s) => [
      ...s.indicators,
      ...s.tasks.flatMap((t) => t.indicators),
    ]);
    expect(linkedIndicators).toEqual([...indicators].sort());
    expect(linkedIndicators).toHaveLength(12);
    expect(linkedMilestones).toEqual(plan.milestones.map((m) => m.code).sort());
    expect(linkedMilestones).toHaveLength(28);
  });

  it('gives every department or unit of the seed something to lead or support', async () => {
    const rows = await app.server.database.dataSource.query<{ code: string; owns: number }[]>(
      `SELECT d.code,
              (SELECT count(*) FROM measure_department x WHERE x.department_code = d.code)::int
            + (SELECT count(*) FROM indicator_department x WHERE x.department_code = d.code)::int
            + (SELECT count(*) FROM milestone_department x WHERE x.department_code = d.code)::int AS owns
         FROM department d ORDER BY d.code`,
    );
    expect(rows).toHaveLength(40);
    expect(rows.filter((r) => r.owns === 0).map((r) => r.code)).toEqual([]);
    const units = new Set(
      measures.flatMap((m) => [...m.leadDepartments, ...m.supportDepartments]).map((d) => d.code),
    );
    expect(units.size).toBe(40);
  });

  it('adds the deliverables the plan names as milestones, each with its units', async () => {
    const plan = await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema);
    const added = plan.milestones.filter((m) => NEW_MILESTONES.includes(m.code));
    expect(
      added.map((m) => [m.code, m.task, m.deadline, m.leadDepartments.map((d) => d.code)]),
    ).toEqual([
      [
        'DS2020-M21',
        'DS2020-1.4',
        '2020-12-31',
        ['big-data-bureau', 'cyberspace-office', 'public-security'],
      ],
      [
        'DS2020-M22',
        'DS2020-1.4',
        '2020-12-31',
        ['big-data-bureau', 'cyberspace-office', 'public-security'],
      ],
      ['DS2020-M23', 'DS2020-3.3', '2020-12-31', ['human-resources-social-security']],
      ['DS2020-M24', null, '2020-12-31', ['big-data-bureau']],
      ['DS2020-M25', 'DS2020-3.3', '2020-12-31', ['health-commission', 'jinan-government']],
      ['DS2020-M26', 'DS2020-3.3', '2020-12-31', ['healthcare-security']],
      ['DS2020-M27', 'DS2020-4.2', '2020-12-31', ['transport']],
      ['DS2020-M28', 'DS2020-1.2', '2020-12-31', ['finance']],
    ]);
    expect(added.find((m) => m.code === 'DS2020-M27')?.supportDepartments).toEqual([
      { code: 'water-resources', name: '省水利厅' },
    ]);
    expect(added.find((m) => m.code === 'DS2020-M24')?.sourceText).toBe(
      '實施“百千萬”大數據專業素養提升工程',
    );
  });

  it('answers one group with its sentence verbatim and its offsets in the task text', async () => {
    const detail = await okBody(
      await call(app, 'GET', '/measures/DS2020-2.2-4'),
      MeasureDetailSchema,
    );
    const task = catalogue.sections[1]!.tasks[1]!;
    expect(task.code).toBe('DS2020-2.2');
    expect(detail.sourceText).toBe(curated.find((m) => m.code === 'DS2020-2.2-4')!.sourceText);
    expect(task.sourceText.slice(detail.sourceStart, detail.sourceEnd)).toBe(detail.sourceText);
    expect(detail.sourceText.startsWith('加快智慧服務業發展')).toBe(true);
    expect(detail.sourceText.endsWith('各有關部門、各市政府按職責分工負責)')).toBe(true);
    expect(detail.leadDepartments.map((d) => d.name)).toEqual([
      '省发展改革委',
      '省交通运输厅',
      '省商务厅',
      '省文化和旅游厅',
      '人民银行济南分行',
    ]);
    expect(detail.supportDepartments.map((d) => d.code)).toEqual([
      'big-data-bureau',
      'local-financial-supervision',
      'shandong-banking-insurance-regulatory',
      'qingdao-banking-insurance-regulatory',
      'shandong-securities-regulatory',
    ]);
    expect(detail.deadline).toBeNull();
  });

  it('places the group of section 五, which has no tasks, in the section text', async () => {
    const detail = await okBody(
      await call(app, 'GET', '/measures/DS2020-5-1'),
      MeasureDetailSchema,
    );
    const section = catalogue.sections[4]!;
    expect(section.sourceText.slice(detail.sourceStart, detail.sourceEnd)).toBe(detail.sourceText);
    expect(detail.milestones).toEqual(['DS2020-M18', 'DS2020-M19', 'DS2020-M20', 'DS2020-M24']);
  });

  it('answers measure_not_found in Chinese and English', async () => {
    const zh = await errorBody(
      await call(app, 'GET', '/measures/DS2020-9.9-9'),
      404,
      'measure_not_found',
    );
    expect(zh.message).toBe('未找到举措：DS2020-9.9-9');
    const en = await errorBody(
      await call(app, 'GET', '/measures/DS2020-9.9-9', undefined, 'en'),
      404,
      'measure_not_found',
    );
    expect(en.message).toBe('Measure not found: DS2020-9.9-9');
  });

  it('answers plan_not_found to an unknown plan and validation_failed without one', async () => {
    await errorBody(await call(app, 'GET', '/measures?plan=NOPE'), 404, 'plan_not_found');
    const issues = await issuesOf(await call(app, 'GET', '/measures'));
    expect(issues.map((i) => i.path)).toContain('query.plan');
  });

  it('lists no measures for a plan a user created', async () => {
    const created = await call(app, 'POST', '/plans', {
      code: 'USER-MEASURES',
      title: '用户自建规划',
      startYear: 2020,
      endYear: 2020,
      status: 'published',
    });
    expect(created.status).toBe(201);
    expect(await measuresOf(app, 'USER-MEASURES')).toEqual([]);
  });
});

describe('a database seeded from catalogue version 3, started with version 4', () => {
  let scratch: string;
  let database: TestDatabase;
  let before: { measures: number; milestones: string[]; version: number };
  let plan: PlanDetail;
  let measures: Measure[];
  let seedVersion: number;
  let app: TestApp;

  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-measures-'));
    // Version 3 of the file: no measures and none of milestones M21–M28.
    const seeds = path.join(scratch, 'seeds-v3');
    const dir = path.join(seeds, path.basename(SEED_DIR));
    await cp(SEED_DIR, dir, { recursive: true });
    const v3 = JSON.parse(await readFile(path.join(dir, 'catalogue.json'), 'utf8')) as Catalogue;
    v3.version = 3;
    delete v3.measures;
    v3.milestones = v3.milestones.filter((m) => !NEW_MILESTONES.includes(m.code));
    await writeFile(path.join(dir, 'catalogue.json'), JSON.stringify(v3, null, 2));

    database = await createTestDatabase();
    const first = await startTestAppOn(database, { APP_TODAY, SEEDS_DIR: seeds });
    try {
      const db = first.server.database.dataSource;
      const [count] = await db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM measure`);
      const shown = await okBody(await call(first, 'GET', '/plans/DS2020'), PlanDetailSchema);
      const [seeded] = await db.query<{ seed_version: number }[]>(
        `SELECT seed_version FROM plan WHERE code = 'DS2020'`,
      );
      before = {
        measures: Number(count?.n),
        milestones: shown.milestones.map((m) => m.code),
        version: Number(seeded?.seed_version),
      };
      // A user's changes: a milestone renamed and done, an indicator removed.
      await okBody(
        await call(first, 'PATCH', '/milestones/DS2020-M04', {
          name: '用户改过的全景地图',
          status: 'done',
          doneOn: '2020-05-20',
        }),
        MilestoneSchema,
      );
      expect((await call(first, 'DELETE', '/indicators/DS2020-STARTUPS')).status).toBe(204);
    } finally {
      await first.stop();
    }
    app = await startTestAppOn(database, { APP_TODAY });
    plan = await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema);
    measures = await measuresOf(app);
    const [row] = await app.server.database.dataSource.query<{ seed_version: number }[]>(
      `SELECT seed_version FROM plan WHERE code = 'DS2020'`,
    );
    seedVersion = Number(row?.seed_version);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    await rm(scratch, { recursive: true, force: true });
  });

  it('had no measures and 20 milestones at version 3', () => {
    expect(before).toEqual({
      measures: 0,
      milestones: Array.from({ length: 20 }, (_, i) => `DS2020-M${String(i + 1).padStart(2, '0')}`),
      version: 3,
    });
  });

  it('adds the 43 measures with their units and records version 4', () => {
    expect(seedVersion).toBe(4);
    expect(measures.map((m) => m.code)).toEqual(curated.map((m) => m.code));
    expect(measures.find((m) => m.code === 'DS2020-4.2-1')).toMatchObject({
      leadDepartments: [{ code: 'transport', name: '省交通运输厅' }],
      supportDepartments: [
        { code: 'industry-it', name: '省工业和信息化厅' },
        { code: 'public-security', name: '省公安厅' },
        { code: 'water-resources', name: '省水利厅' },
      ],
      milestones: ['DS2020-M17', 'DS2020-M27'],
    });
  });

  it('adds the 8 new milestones, pending', () => {
    expect(plan.milestones).toHaveLength(28);
    const added = plan.milestones.filter((m) => NEW_MILESTONES.includes(m.code));
    expect(added.map((m) => [m.code, m.status])).toEqual(NEW_MILESTONES.map((c) => [c, 'pending']));
  });

  it("keeps a user's change to a milestone and does not bring back a removed indicator", async () => {
    expect(plan.milestones.find((m) => m.code === 'DS2020-M04')).toMatchObject({
      name: '用户改过的全景地图',
      status: 'done',
      doneOn: '2020-05-20',
    });
    await errorBody(
      await call(app, 'GET', '/indicators/DS2020-STARTUPS'),
      404,
      'indicator_not_found',
    );
    // The measure links to what the plan still has.
    expect(measures.find((m) => m.code === 'DS2020-2.1-1')?.indicators).toEqual([
      'DS2020-SME-TRAINING',
    ]);
    expect(measures.find((m) => m.code === 'DS2020-1.3-1')?.milestones).toEqual(['DS2020-M04']);
  });
});
