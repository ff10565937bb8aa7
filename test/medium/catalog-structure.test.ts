import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DepartmentSchema,
  IndicatorDetailSchema,
  IndicatorSummarySchema,
  PlanDetailSchema,
  RegionSchema,
  type PlanDetail,
} from '@zhibiao/contracts';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Pinned so the targets in force do not depend on the day the tests run.
const APP_TODAY = '2020-06-01';
const PROVINCE = '370000';
const SHANDONG_CITIES = 16;

let app: TestApp;
let plan: PlanDetail;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY });
  plan = await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema);
});
afterAll(async () => {
  await app?.stop();
});

/** How often each value occurs in `values`. */
function tally(values: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

describe('GET /api/v1/plans/:code', () => {
  it('gives DS2020 its five sections 一 to 五 in the order of the plan', () => {
    expect(plan.sections.map((section) => section.numeral)).toEqual(['一', '二', '三', '四', '五']);
    expect(plan.sections.map((section) => section.code)).toEqual([
      'DS2020-1',
      'DS2020-2',
      'DS2020-3',
      'DS2020-4',
      'DS2020-5',
    ]);
    for (const section of plan.sections) expect(section.title).not.toBe('');
  });

  it('gives the sections 4, 3, 3, 2 and 0 tasks, 12 in all, each coded under its section', () => {
    expect(plan.sections.map((section) => section.tasks.length)).toEqual([4, 3, 3, 2, 0]);
    const tasks = plan.sections.flatMap((section) =>
      section.tasks.map((task) => ({ section: section.code, task: task.code })),
    );
    expect(tasks).toHaveLength(12);
    for (const { section, task } of tasks) expect(task.startsWith(`${section}.`)).toBe(true);
  });

  it('places every indicator of the plan exactly once, under a task and under no section directly', async () => {
    const indicators = await okBody(
      await call(app, 'GET', '/plans/DS2020/indicators'),
      z.array(IndicatorSummarySchema),
    );
    expect(indicators).toHaveLength(12);
    const underTasks = plan.sections.flatMap((section) =>
      section.tasks.flatMap((task) => task.indicators),
    );
    const counts = tally(underTasks);
    for (const indicator of indicators) expect(counts.get(indicator.code), indicator.code).toBe(1);
    expect(underTasks).toHaveLength(indicators.length);
    for (const section of plan.sections) expect(section.indicators, section.code).toEqual([]);
  });

  it('agrees with each indicator on the task and section it sits in', async () => {
    const indicators = await okBody(
      await call(app, 'GET', '/plans/DS2020/indicators'),
      z.array(IndicatorSummarySchema),
    );
    for (const section of plan.sections) {
      for (const task of section.tasks) {
        for (const code of task.indicators) {
          const indicator = indicators.find((candidate) => candidate.code === code);
          expect(indicator, code).toMatchObject({ section: section.code, task: task.code });
        }
      }
    }
  });

  it('keeps the milestones of section 五, which has no tasks, directly under the section', () => {
    const five = plan.sections[4];
    expect(five?.numeral).toBe('五');
    expect(five?.tasks).toEqual([]);
    expect(five?.milestones).toEqual(['DS2020-M18', 'DS2020-M19', 'DS2020-M20', 'DS2020-M24']);
    for (const code of five?.milestones ?? []) {
      expect(plan.milestones.find((m) => m.code === code)).toMatchObject({
        section: 'DS2020-5',
        task: null,
      });
    }
  });

  it('places each of the 28 milestones exactly once in the structure', () => {
    const placed = plan.sections.flatMap((section) => [
      ...section.milestones,
      ...section.tasks.flatMap((task) => task.milestones),
    ]);
    expect(placed).toHaveLength(28);
    const counts = tally(placed);
    for (const milestone of plan.milestones) expect(counts.get(milestone.code)).toBe(1);
  });

  it('lists 28 pending milestones with their departments as code and name', () => {
    expect(plan.milestones).toHaveLength(28);
    expect(plan.milestones.map((m) => m.code)).toEqual(
      Array.from({ length: 28 }, (_, i) => `DS2020-M${String(i + 1).padStart(2, '0')}`),
    );
    for (const milestone of plan.milestones) {
      expect(milestone, milestone.code).toMatchObject({
        plan: 'DS2020',
        status: 'pending',
        doneOn: null,
      });
      expect(milestone.leadDepartments.length, milestone.code).toBeGreaterThan(0);
      for (const department of [...milestone.leadDepartments, ...milestone.supportDepartments]) {
        expect(Object.keys(department).sort()).toEqual(['code', 'name']);
        expect(department.name).not.toBe('');
      }
    }
    const m17 = plan.milestones.find((m) => m.code === 'DS2020-M17');
    expect(m17?.leadDepartments).toEqual([{ code: 'transport', name: '省交通运输厅' }]);
    // 省水利厅 of the same bracket belongs to the 京杭运河 measure, not to the test base.
    expect(m17?.supportDepartments.map((d) => d.code)).toEqual(['industry-it', 'public-security']);
  });

  it('counts 28 milestones and 12 indicators in the summary', () => {
    expect(plan).toMatchObject({
      code: 'DS2020',
      status: 'published',
      milestoneCount: 28,
      indicatorCount: 12,
    });
  });

  it('answers plan_not_found to an unknown plan', async () => {
    const error = await errorBody(await call(app, 'GET', '/plans/NOPE'), 404, 'plan_not_found');
    expect(error.message).toBe('未找到规划（方案）：NOPE');
  });
});

describe('GET /api/v1/indicators/:code', () => {
  it('gives DS2020-5G 16 city sub-targets that add up to the province target of 40000', async () => {
    const fiveG = await okBody(
      await call(app, 'GET', '/indicators/DS2020-5G'),
      IndicatorDetailSchema,
    );
    expect(fiveG.target).toEqual({ comparator: '>=', value: 40000 });
    expect(fiveG.hasSubTargets).toBe(true);
    expect(fiveG.asOf).toBe(APP_TODAY);
    expect(fiveG.subTargets).toHaveLength(SHANDONG_CITIES);
    expect(fiveG.subTargets.reduce((sum, s) => sum + s.value, 0)).toBe(40000);
    const cities = fiveG.regions.filter((region) => region !== PROVINCE);
    expect(fiveG.subTargets.map((s) => s.region).sort()).toEqual([...cities].sort());
  });

  it('gives DS2020-5G a history of the province version and the 16 city versions', async () => {
    const fiveG = await okBody(
      await call(app, 'GET', '/indicators/DS2020-5G'),
      IndicatorDetailSchema,
    );
    expect(fiveG.targetHistory).toHaveLength(1 + SHANDONG_CITIES);
    const province = fiveG.targetHistory.filter((version) => version.region === PROVINCE);
    expect(province).toEqual([
      expect.objectContaining({ effectiveFrom: '2020-01-01', comparator: '>=', value: 40000 }),
    ]);
    const cityVersions = fiveG.targetHistory.filter((version) => version.region !== PROVINCE);
    expect(new Set(cityVersions.map((version) => version.region)).size).toBe(SHANDONG_CITIES);
    // The province version comes before the cities' of the same date.
    expect(fiveG.targetHistory[0]?.region).toBe(PROVINCE);
  });

  it('says a province-only indicator has no sub-targets', async () => {
    const chain = await okBody(
      await call(app, 'GET', '/indicators/DS2020-ONE-CHAIN'),
      IndicatorDetailSchema,
    );
    expect(chain.regions).toEqual([PROVINCE]);
    expect(chain.hasSubTargets).toBe(false);
    expect(chain.subTargets).toEqual([]);
    expect(chain.targetHistory).toHaveLength(1);
  });

  it('answers indicator_not_found to an unknown code, in Chinese by default', async () => {
    const error = await errorBody(
      await call(app, 'GET', '/indicators/NOPE'),
      404,
      'indicator_not_found',
    );
    expect(error.message).toBe('未找到指标：NOPE');
  });

  it('answers indicator_not_found in English when Accept-Language is en', async () => {
    const error = await errorBody(
      await call(app, 'GET', '/indicators/NOPE', undefined, 'en'),
      404,
      'indicator_not_found',
    );
    expect(error.message).toBe('Indicator not found: NOPE');
  });
});

describe('GET /api/v1/departments', () => {
  it('lists the 40 departments, among them the Jinan government as a city department of 370100', async () => {
    const departments = await okBody(
      await call(app, 'GET', '/departments'),
      z.array(DepartmentSchema),
    );
    expect(departments).toHaveLength(40);
    expect(new Set(departments.map((d) => d.code)).size).toBe(40);
    expect(departments.find((d) => d.code === 'jinan-government')).toEqual({
      code: 'jinan-government',
      name: '济南市政府',
      kind: 'city',
      region: '370100',
    });
    expect(departments.find((d) => d.code === 'big-data-bureau')).toMatchObject({
      kind: 'provincial',
      region: null,
    });
  });
});

describe('GET /api/v1/regions', () => {
  it('lists the province first, then its 16 cities', async () => {
    const regions = await okBody(await call(app, 'GET', '/regions'), z.array(RegionSchema));
    expect(regions).toHaveLength(17);
    expect(regions[0]).toEqual({
      code: PROVINCE,
      name: '山东省',
      nameEn: 'Shandong',
      level: 'province',
      parent: null,
    });
    for (const city of regions.slice(1)) {
      expect(city, city.code).toMatchObject({ level: 'city', parent: PROVINCE });
    }
    expect(regions.find((region) => region.code === '370100')).toMatchObject({
      name: '济南市',
      nameEn: 'Jinan',
    });
    expect(regions.every((region) => region.nameEn)).toBe(true);
  });
});
