import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  IndicatorDetailSchema,
  IndicatorSummarySchema,
  MilestoneSchema,
  PlanDetailSchema,
  type IndicatorDetail,
  type Milestone,
  type PlanDetail,
} from '@zhibiao/contracts';
import { readSeed } from '../../apps/api/src/seed/seed.service.js';
import {
  call,
  errorBody,
  hasChinese,
  issuesOf,
  okBody,
  type Method,
} from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SEED_DIR = fileURLToPath(new URL('../../seeds/digital-shandong-2020', import.meta.url));
// Pinned: targets in force, "done today" and "closed today" depend on it.
const APP_TODAY = '2020-11-05';
const PROVINCE = '370000';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY });
});
afterAll(async () => {
  await app?.stop();
});

// Factories: each test data item gets a code of its own, so tests do not depend on each other.
let sequence = 0;
function uniqueCode(prefix: string): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

type Input = Record<string, unknown>;

function planInput(overrides: Input = {}): Input {
  return {
    code: uniqueCode('TP'),
    title: '测试规划',
    startYear: 2021,
    endYear: 2022,
    ...overrides,
  };
}

async function createPlan(overrides: Input = {}): Promise<PlanDetail> {
  return okBody(await call(app, 'POST', '/plans', planInput(overrides)), PlanDetailSchema, 201);
}

async function publishedPlan(overrides: Input = {}): Promise<PlanDetail> {
  const plan = await createPlan({ status: 'published', ...overrides });
  expect(plan.status).toBe('published');
  return plan;
}

function indicatorInput(overrides: Input = {}): Input {
  return {
    code: uniqueCode('TI'),
    name: '测试指标',
    unit: '个',
    kind: 'cumulative',
    deadline: '2021-12-31',
    target: { comparator: '>=', value: 500 },
    leadDepartments: ['big-data-bureau'],
    ...overrides,
  };
}

async function createIndicator(plan: string, overrides: Input = {}): Promise<IndicatorDetail> {
  return okBody(
    await call(app, 'POST', `/plans/${plan}/indicators`, indicatorInput(overrides)),
    IndicatorDetailSchema,
    201,
  );
}

function milestoneInput(overrides: Input = {}): Input {
  return {
    code: uniqueCode('TM'),
    name: '测试里程碑',
    deadline: '2021-06-30',
    leadDepartments: ['big-data-bureau'],
    ...overrides,
  };
}

async function createMilestone(plan: string, overrides: Input = {}): Promise<Milestone> {
  return okBody(
    await call(app, 'POST', `/plans/${plan}/milestones`, milestoneInput(overrides)),
    MilestoneSchema,
    201,
  );
}

async function getPlan(code: string): Promise<PlanDetail> {
  return okBody(await call(app, 'GET', `/plans/${code}`), PlanDetailSchema);
}

async function getIndicator(code: string, asOf?: string): Promise<IndicatorDetail> {
  const query = asOf === undefined ? '' : `?asOf=${asOf}`;
  return okBody(await call(app, 'GET', `/indicators/${code}${query}`), IndicatorDetailSchema);
}

async function historyLength(code: string): Promise<number> {
  return (await getIndicator(code)).targetHistory.length;
}

const sum = (items: readonly { value: number }[]) => items.reduce((t, i) => t + i.value, 0);

describe('POST /api/v1/plans', () => {
  it('creates a draft plan whose period runs from 1 January of the first year to 31 December of the last', async () => {
    const input = planInput({ startYear: 2021, endYear: 2023, titleEn: 'Test plan' });
    const created = await okBody(await call(app, 'POST', '/plans', input), PlanDetailSchema, 201);
    expect(created).toMatchObject({
      code: input.code,
      title: '测试规划',
      titleEn: 'Test plan',
      startYear: 2021,
      endYear: 2023,
      issuedOn: null,
      periodStart: '2021-01-01',
      periodEnd: '2023-12-31',
      status: 'draft',
      closedOn: null,
      indicatorCount: 0,
      milestoneCount: 0,
      sourceText: '',
      sections: [],
      milestones: [],
    });
    expect(await getPlan(String(input.code))).toEqual(created);
  });

  it('rejects a code that is already taken, naming body.code', async () => {
    const issues = await issuesOf(await call(app, 'POST', '/plans', planInput({ code: 'DS2020' })));
    expect(issues).toEqual([
      { path: 'body.code', code: 'duplicate_code', message: '编码 DS2020 已被使用' },
    ]);
    // The seeded plan is untouched.
    expect((await getPlan('DS2020')).title).toBe('数字山东2020行动方案');
  });

  it('rejects a start year after the end year, in Chinese by default, and writes nothing', async () => {
    const input = planInput({ startYear: 2023, endYear: 2021 });
    const res = await call(app, 'POST', '/plans', input);
    const issues = await issuesOf(res.clone());
    expect(issues).toEqual([
      { path: 'body.startYear', code: 'years_order', message: '起始年份 2023 晚于结束年份 2021' },
    ]);
    const envelope = await errorBody(res, 400, 'validation_failed');
    expect(envelope.message).toMatch(/^请求参数无效/);
    await errorBody(await call(app, 'GET', `/plans/${String(input.code)}`), 404, 'plan_not_found');
  });

  it('rejects a start year after the end year in English when Accept-Language is en', async () => {
    const res = await call(
      app,
      'POST',
      '/plans',
      planInput({ startYear: 2023, endYear: 2021 }),
      'en',
    );
    const issues = await issuesOf(res);
    expect(issues).toEqual([
      {
        path: 'body.startYear',
        code: 'years_order',
        message: 'start year 2023 is after end year 2021',
      },
    ]);
  });

  it('rejects a period that reaches beyond the plan years, naming body.periodEnd', async () => {
    const issues = await issuesOf(
      await call(app, 'POST', '/plans', planInput({ periodEnd: '2023-03-31' })),
    );
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'body.periodEnd', code: 'period_outside_years' },
    ]);
  });

  it('rejects an unknown key in the body', async () => {
    const input = planInput({ colour: 'red' });
    const issues = await issuesOf(await call(app, 'POST', '/plans', input));
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'body', code: 'unrecognized_keys' },
    ]);
    expect(issues[0]?.message).toContain('colour');
    await errorBody(await call(app, 'GET', `/plans/${String(input.code)}`), 404, 'plan_not_found');
  });

  it('rejects a malformed code with the schema message, in Chinese by default and in English on request', async () => {
    const input = planInput({ code: 'bad code' });
    const zh = await issuesOf(await call(app, 'POST', '/plans', input));
    expect(zh).toEqual([
      {
        path: 'body.code',
        code: 'invalid_format',
        message: '编码只能由大写字母、数字和“-”组成，如 DS2020-5G',
      },
    ]);
    const en = await issuesOf(await call(app, 'POST', '/plans', input, 'en'));
    expect(en).toEqual([
      {
        path: 'body.code',
        code: 'invalid_format',
        message: 'a code has capital letters, digits and "-" only, such as DS2020-5G',
      },
    ]);
  });
});

describe('PATCH /api/v1/plans/:code', () => {
  it('changes the title and keeps everything else', async () => {
    const plan = await createPlan();
    const updated = await okBody(
      await call(app, 'PATCH', `/plans/${plan.code}`, { title: '改过的标题' }),
      PlanDetailSchema,
    );
    expect(updated).toEqual({ ...plan, title: '改过的标题' });
    expect(await getPlan(plan.code)).toEqual(updated);
  });

  it('publishes a draft', async () => {
    const plan = await createPlan();
    const updated = await okBody(
      await call(app, 'PATCH', `/plans/${plan.code}`, { status: 'published' }),
      PlanDetailSchema,
    );
    expect(updated.status).toBe('published');
    expect((await getPlan(plan.code)).status).toBe('published');
  });

  it('refuses to turn a published plan back into a draft, which could then be deleted', async () => {
    const plan = await publishedPlan();
    const issues = await issuesOf(
      await call(app, 'PATCH', `/plans/${plan.code}`, { status: 'draft' }),
    );
    expect(issues).toEqual([
      {
        path: 'body.status',
        code: 'unpublish',
        message: '已发布的规划不能改回草稿；年底请结束（关闭）它',
      },
    ]);
    expect(await getPlan(plan.code)).toEqual(plan);
  });

  it('answers plan_not_found to an unknown plan', async () => {
    await errorBody(
      await call(app, 'PATCH', '/plans/NOPE', { title: '无' }),
      404,
      'plan_not_found',
    );
  });
});

describe('DELETE /api/v1/plans/:code', () => {
  it('refuses to delete a published plan, which stays as it was', async () => {
    const plan = await publishedPlan();
    const error = await errorBody(
      await call(app, 'DELETE', `/plans/${plan.code}`),
      409,
      'plan_not_deletable',
    );
    expect(error.message).toContain(plan.code);
    expect(await getPlan(plan.code)).toEqual(plan);
  });

  it('deletes a draft with its indicators and milestones', async () => {
    const plan = await createPlan();
    const indicator = await createIndicator(plan.code);
    const milestone = await createMilestone(plan.code);
    const res = await call(app, 'DELETE', `/plans/${plan.code}`);
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    await errorBody(await call(app, 'GET', `/plans/${plan.code}`), 404, 'plan_not_found');
    await errorBody(
      await call(app, 'GET', `/indicators/${indicator.code}`),
      404,
      'indicator_not_found',
    );
    await errorBody(
      await call(app, 'PATCH', `/milestones/${milestone.code}`, { name: '无' }),
      404,
      'milestone_not_found',
    );
  });
});

describe('POST /api/v1/plans/:code/close', () => {
  it('refuses to close a draft', async () => {
    const plan = await createPlan();
    const error = await errorBody(
      await call(app, 'POST', `/plans/${plan.code}/close`, {}),
      409,
      'plan_is_draft',
    );
    expect(error.message).toBe(`规划 ${plan.code} 还是草稿，发布后才能结束`);
    expect((await getPlan(plan.code)).status).toBe('draft');
  });

  it('closes a published plan on the day given', async () => {
    const plan = await publishedPlan();
    const closed = await okBody(
      await call(app, 'POST', `/plans/${plan.code}/close`, { closedOn: '2022-12-31' }),
      PlanDetailSchema,
    );
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2022-12-31' });
    expect(await getPlan(plan.code)).toEqual(closed);
  });

  it('closes a published plan today when no day is given', async () => {
    const plan = await publishedPlan();
    const closed = await okBody(
      await call(app, 'POST', `/plans/${plan.code}/close`, {}),
      PlanDetailSchema,
    );
    expect(closed).toMatchObject({ status: 'closed', closedOn: APP_TODAY });
  });
});

describe('a closed plan', () => {
  let plan: PlanDetail;
  let indicator: IndicatorDetail;
  let milestone: Milestone;
  beforeAll(async () => {
    plan = await publishedPlan();
    indicator = await createIndicator(plan.code, { regions: [PROVINCE, '370100', '370200'] });
    milestone = await createMilestone(plan.code);
    await okBody(
      await call(app, 'POST', `/plans/${plan.code}/close`, { closedOn: '2022-12-31' }),
      PlanDetailSchema,
    );
    plan = await getPlan(plan.code);
    indicator = await getIndicator(indicator.code);
  });

  const writes: { what: string; method: Method; path: () => string; body?: () => unknown }[] = [
    {
      what: 'a change to the plan',
      method: 'PATCH',
      path: () => `/plans/${plan.code}`,
      body: () => ({ title: '不能改' }),
    },
    {
      what: 'a new indicator',
      method: 'POST',
      path: () => `/plans/${plan.code}/indicators`,
      body: () => indicatorInput(),
    },
    {
      what: 'a change to an indicator',
      method: 'PATCH',
      path: () => `/indicators/${indicator.code}`,
      body: () => ({ name: '不能改' }),
    },
    {
      what: 'a new target',
      method: 'PUT',
      path: () => `/indicators/${indicator.code}/target`,
      body: () => ({ effectiveFrom: '2022-01-01', comparator: '>=', value: 600, note: '调整' }),
    },
    {
      what: 'new sub-targets',
      method: 'PUT',
      path: () => `/indicators/${indicator.code}/sub-targets`,
      body: () => ({
        effectiveFrom: '2022-01-01',
        note: '分解',
        items: [
          { region: '370100', value: 300 },
          { region: '370200', value: 200 },
        ],
      }),
    },
    {
      what: 'the deletion of an indicator',
      method: 'DELETE',
      path: () => `/indicators/${indicator.code}`,
    },
    {
      what: 'a new milestone',
      method: 'POST',
      path: () => `/plans/${plan.code}/milestones`,
      body: () => milestoneInput(),
    },
    {
      what: 'a change to a milestone',
      method: 'PATCH',
      path: () => `/milestones/${milestone.code}`,
      body: () => ({ status: 'done' }),
    },
    {
      what: 'the deletion of a milestone',
      method: 'DELETE',
      path: () => `/milestones/${milestone.code}`,
    },
    {
      what: 'closing it again',
      method: 'POST',
      path: () => `/plans/${plan.code}/close`,
      body: () => ({}),
    },
  ];

  it.each(writes)('refuses $what with plan_closed', async ({ method, path, body }) => {
    const error = await errorBody(await call(app, method, path(), body?.()), 409, 'plan_closed');
    expect(error.message).toBe(`规划 ${plan.code} 已结束，数据已冻结；如需更正请先重新开放`);
  });

  it('stays exactly as it was after the refused writes', async () => {
    expect(await getPlan(plan.code)).toEqual(plan);
    expect(await getIndicator(indicator.code)).toEqual(indicator);
  });
});

describe('POST /api/v1/plans/:code/reopen', () => {
  it('reopens a closed plan as published, after which it can be changed again', async () => {
    const plan = await publishedPlan();
    await okBody(await call(app, 'POST', `/plans/${plan.code}/close`, {}), PlanDetailSchema);
    const reopened = await okBody(
      await call(app, 'POST', `/plans/${plan.code}/reopen`, {}),
      PlanDetailSchema,
    );
    expect(reopened).toMatchObject({ status: 'published', closedOn: null });
    const renamed = await okBody(
      await call(app, 'PATCH', `/plans/${plan.code}`, { title: '更正后的标题' }),
      PlanDetailSchema,
    );
    expect(renamed.title).toBe('更正后的标题');
  });

  it('refuses to reopen a plan that is not closed', async () => {
    const plan = await publishedPlan();
    const error = await errorBody(
      await call(app, 'POST', `/plans/${plan.code}/reopen`, {}, 'en'),
      409,
      'plan_not_closed',
    );
    expect(error.message).toBe(`Plan ${plan.code} is not closed, so it cannot be reopened`);
    expect((await getPlan(plan.code)).status).toBe('published');
  });
});

describe('POST /api/v1/plans/:code/indicators', () => {
  let plan: PlanDetail;
  beforeAll(async () => {
    plan = await createPlan({ startYear: 2021, endYear: 2022 });
  });

  it('creates a cumulative indicator outside any section, reported by the province and two cities', async () => {
    const input = indicatorInput({
      name: '新建5G基站',
      nameEn: 'New 5G base stations',
      deadline: '2022-12-31',
      target: { comparator: '>=', value: 500 },
      section: null,
      task: null,
      leadDepartments: ['big-data-bureau'],
      supportDepartments: ['industry-it'],
      regions: ['370200', PROVINCE, '370100'],
      sourceText: '新建5G基站500个',
    });
    const created = await okBody(
      await call(app, 'POST', `/plans/${plan.code}/indicators`, input),
      IndicatorDetailSchema,
      201,
    );
    expect(created).toMatchObject({
      code: input.code,
      plan: plan.code,
      section: null,
      task: null,
      name: '新建5G基站',
      nameEn: 'New 5G base stations',
      unit: '个',
      kind: 'cumulative',
      target: { comparator: '>=', value: 500 },
      baseline: null,
      deadline: '2022-12-31',
      direction: 'increase',
      frequency: 'monthly',
      dueDay: 5,
      description: '',
      leadDepartments: [{ code: 'big-data-bureau', name: '省大数据局' }],
      supportDepartments: [{ code: 'industry-it', name: '省工业和信息化厅' }],
      regions: [PROVINCE, '370100', '370200'],
      hasSubTargets: false,
      subTargets: [],
      sourceText: '新建5G基站500个',
      asOf: APP_TODAY,
    });
    expect(created.target).not.toHaveProperty('tolerance');
    expect(created.targetHistory).toEqual([
      expect.objectContaining({
        region: PROVINCE,
        effectiveFrom: '2021-01-01',
        comparator: '>=',
        value: 500,
        tolerance: null,
      }),
    ]);
    expect(await getIndicator(String(input.code))).toEqual(created);
    expect((await getPlan(plan.code)).indicatorCount).toBe(1);
  });

  const rejected: { what: string; input: () => Input; path: string; code: string }[] = [
    {
      what: 'an unknown comparator',
      input: () => indicatorInput({ target: { comparator: '≥', value: 500 } }),
      path: 'body.target.comparator',
      code: 'invalid_value',
    },
    {
      what: 'a negative target for a count',
      input: () => indicatorInput({ target: { comparator: '>=', value: -5 } }),
      path: 'body.target.value',
      code: 'negative_count',
    },
    {
      what: 'a percentage over 100',
      input: () =>
        indicatorInput({ unit: '%', kind: 'ratio', target: { comparator: '>=', value: 120 } }),
      path: 'body.target.value',
      code: 'percent_range',
    },
    {
      what: 'a deadline outside the plan years',
      input: () => indicatorInput({ deadline: '2023-06-30' }),
      path: 'body.deadline',
      code: 'date_outside_plan',
    },
    {
      what: 'a code another plan already uses',
      input: () => indicatorInput({ code: 'DS2020-5G' }),
      path: 'body.code',
      code: 'duplicate_code',
    },
    {
      what: 'an unknown lead department',
      input: () => indicatorInput({ leadDepartments: ['no-such-bureau'] }),
      path: 'body.leadDepartments.0',
      code: 'unknown_department',
    },
    {
      what: 'a department that both leads and supports',
      input: () =>
        indicatorInput({
          leadDepartments: ['big-data-bureau'],
          supportDepartments: ['big-data-bureau'],
        }),
      path: 'body.supportDepartments.0',
      code: 'lead_and_support',
    },
    {
      what: 'an unknown region',
      input: () => indicatorInput({ regions: [PROVINCE, '379900'] }),
      path: 'body.regions.1',
      code: 'unknown_region',
    },
    {
      what: 'a region named twice',
      input: () => indicatorInput({ regions: [PROVINCE, '370100', '370100'] }),
      path: 'body.regions.2',
      code: 'duplicate_region',
    },
    {
      what: 'a tolerance on a target that is not "about"',
      input: () => indicatorInput({ target: { comparator: '>=', value: 500, tolerance: 0.1 } }),
      path: 'body.target.tolerance',
      code: 'tolerance_only_about',
    },
    {
      what: 'a task of another plan',
      input: () => indicatorInput({ task: 'DS2020-1.1' }),
      path: 'body.task',
      code: 'unknown_task',
    },
    {
      what: 'an unknown task',
      input: () => indicatorInput({ task: 'TP-9.9' }),
      path: 'body.task',
      code: 'unknown_task',
    },
    {
      what: 'a section of another plan',
      input: () => indicatorInput({ section: 'DS2020-1' }),
      path: 'body.section',
      code: 'unknown_section',
    },
    {
      what: 'a baseline dated after the deadline',
      input: () => indicatorInput({ baseline: { value: 10, date: '2022-06-30' } }),
      path: 'body.baseline.date',
      code: 'baseline_after_deadline',
    },
  ];

  it.each(rejected)(
    'rejects $what, naming $path, and writes nothing',
    async ({ input, path, code }) => {
      const body = input();
      const before = await getPlan(plan.code);
      const issues = await issuesOf(
        await call(app, 'POST', `/plans/${plan.code}/indicators`, body),
      );
      expect(issues.map((issue) => ({ path: issue.path, code: issue.code }))).toEqual([
        { path, code },
      ]);
      expect((await getPlan(plan.code)).indicatorCount).toBe(before.indicatorCount);
      if (body.code !== 'DS2020-5G') {
        await errorBody(
          await call(app, 'GET', `/indicators/${String(body.code)}`),
          404,
          'indicator_not_found',
        );
      }
    },
  );

  it('names the rule a negative count breaks, in Chinese by default and in English on request', async () => {
    const body = indicatorInput({ target: { comparator: '>=', value: -5 } });
    const path = `/plans/${plan.code}/indicators`;
    expect((await issuesOf(await call(app, 'POST', path, body)))[0]?.message).toBe(
      '计数类指标的目标值不能为负数（收到 -5）',
    );
    expect((await issuesOf(await call(app, 'POST', path, body, 'en')))[0]?.message).toBe(
      'a count cannot have a negative target (got -5)',
    );
  });

  it('names an unknown comparator with the schema message, in Chinese by default and in English on request', async () => {
    const body = indicatorInput({ target: { comparator: '≥', value: 500 } });
    const path = `/plans/${plan.code}/indicators`;
    const zh = (await issuesOf(await call(app, 'POST', path, body)))[0]?.message ?? '';
    expect(hasChinese(zh)).toBe(true);
    const en = (await issuesOf(await call(app, 'POST', path, body, 'en')))[0]?.message ?? '';
    expect(en).toMatch(/^Invalid option/);
    expect(hasChinese(en)).toBe(false);
  });

  it('reports every broken rule of one request at once', async () => {
    const body = indicatorInput({
      deadline: '2030-01-01',
      leadDepartments: ['no-such-bureau'],
      target: { comparator: '>=', value: -1 },
    });
    const issues = await issuesOf(await call(app, 'POST', `/plans/${plan.code}/indicators`, body));
    expect(issues.map((issue) => issue.code).sort()).toEqual([
      'date_outside_plan',
      'negative_count',
      'unknown_department',
    ]);
  });

  it('answers plan_not_found for an unknown plan', async () => {
    await errorBody(
      await call(app, 'POST', '/plans/NOPE/indicators', indicatorInput()),
      404,
      'plan_not_found',
    );
  });
});

describe('PATCH /api/v1/indicators/:code', () => {
  let plan: PlanDetail;
  beforeAll(async () => {
    plan = await createPlan();
  });

  it('changes the name and keeps the target, the departments and the regions', async () => {
    const indicator = await createIndicator(plan.code, { regions: [PROVINCE, '370100'] });
    const updated = await okBody(
      await call(app, 'PATCH', `/indicators/${indicator.code}`, { name: '改名后的指标' }),
      IndicatorDetailSchema,
    );
    expect(updated).toEqual({ ...indicator, name: '改名后的指标' });
    expect(await getIndicator(indicator.code)).toEqual(updated);
  });

  it('refuses a unit that no longer fits the target in force', async () => {
    const indicator = await createIndicator(plan.code, {
      target: { comparator: '>=', value: 500 },
    });
    const issues = await issuesOf(
      await call(app, 'PATCH', `/indicators/${indicator.code}`, { unit: '%' }),
    );
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'body.target.value', code: 'percent_range' },
    ]);
    expect((await getIndicator(indicator.code)).unit).toBe('个');
  });

  it('refuses a task of another plan', async () => {
    const indicator = await createIndicator(plan.code);
    const issues = await issuesOf(
      await call(app, 'PATCH', `/indicators/${indicator.code}`, { task: 'DS2020-4.1' }),
    );
    expect(issues).toEqual([
      {
        path: 'body.task',
        code: 'unknown_task',
        message: `规划 ${plan.code} 中没有任务 DS2020-4.1`,
      },
    ]);
    expect((await getIndicator(indicator.code)).task).toBeNull();
  });

  it('answers indicator_not_found to an unknown indicator', async () => {
    await errorBody(
      await call(app, 'PATCH', '/indicators/NOPE', { name: '无' }),
      404,
      'indicator_not_found',
    );
  });
});

describe('DELETE /api/v1/indicators/:code', () => {
  it('removes the indicator with its targets', async () => {
    const plan = await createPlan();
    const indicator = await createIndicator(plan.code);
    const res = await call(app, 'DELETE', `/indicators/${indicator.code}`);
    expect(res.status).toBe(204);
    await errorBody(
      await call(app, 'GET', `/indicators/${indicator.code}`),
      404,
      'indicator_not_found',
    );
    expect((await getPlan(plan.code)).indicatorCount).toBe(0);
  });

  it('answers indicator_not_found to an unknown indicator', async () => {
    await errorBody(await call(app, 'DELETE', '/indicators/NOPE'), 404, 'indicator_not_found');
  });
});

// The tests below change the target of the seeded DS2020-5G step by step, in the order written:
// a new target from 2020-07-01, a redistribution from 2020-09-01, then the removal of a version.
describe('target versions of DS2020-5G', () => {
  const FIVE_G = '/indicators/DS2020-5G';
  const NOTE = '省政府调整：全年新建5G基站4.5万个（测试）';
  let seeded: Record<string, number>;
  let raised: { region: string; value: number }[];
  beforeAll(async () => {
    const { catalogue } = await readSeed(SEED_DIR);
    const set = catalogue.subTargets.find((s) => s.indicator === 'DS2020-5G');
    if (!set) throw new Error('the seed has no sub-targets for DS2020-5G');
    seeded = set.values;
    // Jinan takes the 5000 more.
    raised = Object.entries(seeded).map(([region, value]) => ({
      region,
      value: region === '370100' ? value + 5000 : value,
    }));
  });

  describe('PUT /api/v1/indicators/:code/target', () => {
    it('refuses a new province target that the city sub-targets in force no longer add up to', async () => {
      const before = await historyLength('DS2020-5G');
      const issues = await issuesOf(
        await call(app, 'PUT', `${FIVE_G}/target`, {
          effectiveFrom: '2020-07-01',
          comparator: '>=',
          value: 45000,
          note: NOTE,
        }),
      );
      expect(issues).toEqual([
        {
          path: 'body.subTargets',
          code: 'sub_targets_sum',
          message: '各市分解目标合计 40000，与 2020-07-01 起执行的全省目标 45000 不一致',
        },
      ]);
      expect(await historyLength('DS2020-5G')).toBe(before);
      expect((await getIndicator('DS2020-5G')).target.value).toBe(40000);
    });

    it('refuses sub-targets that do not add up to the new target, writing neither', async () => {
      const before = await historyLength('DS2020-5G');
      const issues = await issuesOf(
        await call(app, 'PUT', `${FIVE_G}/target`, {
          effectiveFrom: '2020-07-01',
          comparator: '>=',
          value: 45000,
          note: NOTE,
          subTargets: Object.entries(seeded).map(([region, value]) => ({ region, value })),
        }),
      );
      expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
        { path: 'body.subTargets', code: 'sub_targets_sum' },
      ]);
      expect(await historyLength('DS2020-5G')).toBe(before);
    });

    it('refuses an effective date outside the plan years', async () => {
      const before = await historyLength('DS2020-5G');
      const issues = await issuesOf(
        await call(app, 'PUT', `${FIVE_G}/target`, {
          effectiveFrom: '2021-01-01',
          comparator: '>=',
          value: 40000,
          note: NOTE,
        }),
      );
      expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
        { path: 'body.effectiveFrom', code: 'date_outside_plan' },
      ]);
      expect(await historyLength('DS2020-5G')).toBe(before);
    });

    it('sets 45000 from 2020-07-01 with a full set of 16 city sub-targets adding up to it', async () => {
      const before = await getIndicator('DS2020-5G');
      const changed = await okBody(
        await call(app, 'PUT', `${FIVE_G}/target`, {
          effectiveFrom: '2020-07-01',
          comparator: '>=',
          value: 45000,
          note: NOTE,
          subTargets: raised,
        }),
        IndicatorDetailSchema,
      );
      expect(changed.target).toEqual({ comparator: '>=', value: 45000 });
      expect(changed.subTargets).toHaveLength(16);
      expect(sum(changed.subTargets)).toBe(45000);
      expect(changed.subTargets.find((s) => s.region === '370100')?.value).toBe(
        seeded['370100']! + 5000,
      );
      expect(changed.targetHistory).toHaveLength(before.targetHistory.length + 17);
      const added = changed.targetHistory.filter((v) => v.effectiveFrom === '2020-07-01');
      expect(added).toHaveLength(17);
      for (const version of added) expect(version.note).toBe(NOTE);
      // Newest first, the province before its cities.
      expect(changed.targetHistory[0]).toMatchObject({
        region: PROVINCE,
        effectiveFrom: '2020-07-01',
        value: 45000,
      });
      expect(
        added
          .filter((v) => v.region !== PROVINCE)
          .map((v) => v.region)
          .sort(),
      ).toEqual(Object.keys(seeded).sort());
      expect(await getIndicator('DS2020-5G')).toEqual(changed);
    });

    it('still shows 40000 and the seeded sub-targets as of 2020-06-30', async () => {
      const june = await getIndicator('DS2020-5G', '2020-06-30');
      expect(june.asOf).toBe('2020-06-30');
      expect(june.target).toEqual({ comparator: '>=', value: 40000 });
      expect(Object.fromEntries(june.subTargets.map((s) => [s.region, s.value]))).toEqual(seeded);
    });

    it('shows 45000 as of 2020-07-01', async () => {
      const july = await getIndicator('DS2020-5G', '2020-07-01');
      expect(july.target).toEqual({ comparator: '>=', value: 45000 });
      expect(sum(july.subTargets)).toBe(45000);
    });

    it('lists the plan indicators with the target in force on the as-of date', async () => {
      const list = async (query: string) =>
        okBody(
          await call(app, 'GET', `/plans/DS2020/indicators${query}`),
          z.array(IndicatorSummarySchema),
        );
      const june = (await list('?asOf=2020-06-30')).find((i) => i.code === 'DS2020-5G');
      expect(june?.target.value).toBe(40000);
      const today = (await list('')).find((i) => i.code === 'DS2020-5G');
      expect(today?.target.value).toBe(45000);
    });
  });

  describe('PUT /api/v1/indicators/:code/sub-targets', () => {
    const body = (items: { region: string; value: number }[]) => ({
      effectiveFrom: '2020-09-01',
      note: '重新分配（测试）',
      items,
    });

    /** Sends `items` and returns the issues, after checking that nothing was written. */
    async function rejectedIssues(items: { region: string; value: number }[]) {
      const before = await historyLength('DS2020-5G');
      const issues = await issuesOf(await call(app, 'PUT', `${FIVE_G}/sub-targets`, body(items)));
      expect(await historyLength('DS2020-5G')).toBe(before);
      return issues;
    }

    it('refuses a set that leaves a city out', async () => {
      const issues = await rejectedIssues(raised.filter((s) => s.region !== '371700'));
      expect(issues).toEqual([
        { path: 'body.items', code: 'sub_target_missing', message: '缺少 371700 的分解目标' },
      ]);
    });

    it('refuses a sub-target for the province itself', async () => {
      const items = raised.map((s) => (s.region === '371700' ? { ...s, region: PROVINCE } : s));
      const issues = await rejectedIssues(items);
      expect(issues).toContainEqual({
        path: `body.items.${items.findIndex((s) => s.region === PROVINCE)}.region`,
        code: 'region_not_broken_down',
        message: `${PROVINCE} 不在该指标的分解地区中`,
      });
    });

    it('refuses a region the indicator is not broken down by', async () => {
      const items = [...raised, { region: '999999', value: 0 }];
      const issues = await rejectedIssues(items);
      expect(issues).toEqual([
        {
          path: `body.items.${items.length - 1}.region`,
          code: 'region_not_broken_down',
          message: '999999 不在该指标的分解地区中',
        },
      ]);
    });

    it('refuses a city named twice', async () => {
      const items = [...raised.slice(0, -1), { region: '370100', value: raised.at(-1)!.value }];
      const issues = await rejectedIssues(items);
      expect(issues).toContainEqual({
        path: `body.items.${items.length - 1}.region`,
        code: 'duplicate_region',
        message: '地区 370100 重复出现',
      });
    });

    it('refuses sub-targets that do not add up to the province target in force on their date', async () => {
      const items = raised.map((s) => (s.region === '370200' ? { ...s, value: s.value + 1 } : s));
      const issues = await rejectedIssues(items);
      expect(issues).toEqual([
        {
          path: 'body.items',
          code: 'sub_targets_sum',
          message: '各市分解目标合计 45001，与 2020-09-01 起执行的全省目标 45000 不一致',
        },
      ]);
    });

    it('refuses sub-targets for an indicator that is not broken down by city', async () => {
      const before = await historyLength('DS2020-ONE-CHAIN');
      const issues = await issuesOf(
        await call(
          app,
          'PUT',
          '/indicators/DS2020-ONE-CHAIN/sub-targets',
          body([{ region: '370100', value: 100 }]),
          'en',
        ),
      );
      expect(issues).toEqual([
        {
          path: 'body.items',
          code: 'sub_targets_need_cities',
          message: 'this indicator is not broken down by city, so it has no sub-targets',
        },
      ]);
      expect(await historyLength('DS2020-ONE-CHAIN')).toBe(before);
    });

    it('redistributes the 45000 among the cities from 2020-09-01', async () => {
      // Qingdao hands 1000 to Zibo.
      const items = raised.map((s) =>
        s.region === '370200'
          ? { ...s, value: s.value - 1000 }
          : s.region === '370300'
            ? { ...s, value: s.value + 1000 }
            : s,
      );
      const before = await historyLength('DS2020-5G');
      const changed = await okBody(
        await call(app, 'PUT', `${FIVE_G}/sub-targets`, body(items)),
        IndicatorDetailSchema,
      );
      expect(changed.targetHistory).toHaveLength(before + 16);
      expect(changed.target.value).toBe(45000);
      expect(sum(changed.subTargets)).toBe(45000);
      const byRegion = Object.fromEntries(changed.subTargets.map((s) => [s.region, s.value]));
      expect(byRegion['370200']).toBe(seeded['370200']! - 1000);
      expect(byRegion['370300']).toBe(seeded['370300']! + 1000);
      const august = await getIndicator('DS2020-5G', '2020-08-31');
      expect(august.subTargets).toEqual(expect.arrayContaining(raised));
    });
  });

  describe('DELETE /api/v1/indicators/:code/targets/:id', () => {
    it('refuses to remove the 45000 change while the later redistribution relies on it', async () => {
      const before = await getIndicator('DS2020-5G');
      const version = before.targetHistory.find((v) => v.region === PROVINCE && v.value === 45000);
      const error = await errorBody(
        await call(app, 'DELETE', `${FIVE_G}/targets/${version?.id}`),
        409,
        'sub_targets_would_break',
      );
      expect(error.message).toContain('2020-09-01');
      expect(await getIndicator('DS2020-5G')).toEqual(before);
    });

    it('removes the redistribution of 2020-09-01 as one change of 16 versions', async () => {
      const before = await getIndicator('DS2020-5G');
      const september = before.targetHistory.filter((v) => v.effectiveFrom === '2020-09-01');
      expect(september).toHaveLength(16);
      const res = await call(app, 'DELETE', `${FIVE_G}/targets/${september[0]?.id}`);
      expect(res.status).toBe(204);
      const after = await getIndicator('DS2020-5G');
      expect(after.targetHistory).toHaveLength(before.targetHistory.length - 16);
      expect(after.subTargets.reduce((sum, s) => sum + s.value, 0)).toBe(45000);
    });

    it('removes the 45000 change with the sub-targets set with it, so the rest still adds up', async () => {
      const before = await getIndicator('DS2020-5G');
      const version = before.targetHistory.find((v) => v.region === PROVINCE && v.value === 45000);
      expect(version).toBeDefined();
      const res = await call(app, 'DELETE', `${FIVE_G}/targets/${version?.id}`);
      expect(res.status).toBe(204);
      const after = await getIndicator('DS2020-5G');
      expect(after.target).toEqual({ comparator: '>=', value: 40000 });
      // The province version and the 16 city versions written by the same change go together.
      const removed = before.targetHistory.filter(
        (v) => v.effectiveFrom === version?.effectiveFrom && v.recordedAt === version?.recordedAt,
      );
      expect(removed).toHaveLength(17);
      expect(after.targetHistory).toHaveLength(before.targetHistory.length - 17);
      expect(after.targetHistory.map((v) => v.id)).not.toContain(version?.id);
      expect(after.subTargets.reduce((sum, s) => sum + s.value, 0)).toBe(40000);
    });

    it('refuses to remove the first province version', async () => {
      const before = await getIndicator('DS2020-5G');
      const first = before.targetHistory.find(
        (v) => v.region === PROVINCE && v.effectiveFrom === '2020-01-01',
      );
      const error = await errorBody(
        await call(app, 'DELETE', `${FIVE_G}/targets/${first?.id}`),
        409,
        'first_target_version',
      );
      expect(error.message).toBe('不能删除指标 DS2020-5G 的第一个全省目标版本；请用新版本更改目标');
      expect(await getIndicator('DS2020-5G')).toEqual(before);
    });

    it('answers target_version_not_found to an unknown id', async () => {
      const before = await historyLength('DS2020-5G');
      await errorBody(
        await call(app, 'DELETE', `${FIVE_G}/targets/999999999`),
        404,
        'target_version_not_found',
      );
      expect(await historyLength('DS2020-5G')).toBe(before);
    });

    it('answers target_version_not_found to the id of another indicator’s version', async () => {
      const other = await getIndicator('DS2020-ONE-CHAIN');
      const id = other.targetHistory[0]?.id;
      await errorBody(
        await call(app, 'DELETE', `${FIVE_G}/targets/${id}`),
        404,
        'target_version_not_found',
      );
      expect(await historyLength('DS2020-ONE-CHAIN')).toBe(1);
    });

    it('rejects an id that is not a number, naming params.id', async () => {
      const issues = await issuesOf(await call(app, 'DELETE', `${FIVE_G}/targets/abc`));
      expect(issues).toEqual([
        { path: 'params.id', code: 'invalid_format', message: '目标版本编号须为数字' },
      ]);
    });
  });
});

describe('POST /api/v1/plans/:code/milestones', () => {
  it('creates a milestone under a task, in the section of that task', async () => {
    const code = uniqueCode('DS2020-TM');
    const created = await okBody(
      await call(
        app,
        'POST',
        '/plans/DS2020/milestones',
        milestoneInput({
          code,
          deadline: '2020-12-31',
          task: 'DS2020-2.1',
          leadDepartments: ['industry-it'],
          supportDepartments: ['big-data-bureau'],
        }),
      ),
      MilestoneSchema,
      201,
    );
    expect(created).toMatchObject({
      code,
      plan: 'DS2020',
      section: 'DS2020-2',
      task: 'DS2020-2.1',
      status: 'pending',
      doneOn: null,
      leadDepartments: [{ code: 'industry-it', name: '省工业和信息化厅' }],
      supportDepartments: [{ code: 'big-data-bureau', name: '省大数据局' }],
    });
    const plan = await getPlan('DS2020');
    const task = plan.sections[1]?.tasks.find((t) => t.code === 'DS2020-2.1');
    expect(task?.milestones).toContain(code);
    expect(plan.milestones.map((m) => m.code)).toContain(code);
  });

  it('refuses a code already taken', async () => {
    const before = await getPlan('DS2020');
    const issues = await issuesOf(
      await call(
        app,
        'POST',
        '/plans/DS2020/milestones',
        milestoneInput({ code: 'DS2020-M01', deadline: '2020-12-31' }),
      ),
    );
    expect(issues).toEqual([
      { path: 'body.code', code: 'duplicate_code', message: '编码 DS2020-M01 已被使用' },
    ]);
    expect((await getPlan('DS2020')).milestoneCount).toBe(before.milestoneCount);
  });

  it('refuses a task outside the section named', async () => {
    const issues = await issuesOf(
      await call(
        app,
        'POST',
        '/plans/DS2020/milestones',
        milestoneInput({ deadline: '2020-12-31', section: 'DS2020-1', task: 'DS2020-2.1' }),
      ),
    );
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'body.task', code: 'task_outside_section' },
    ]);
  });
});

describe('PATCH /api/v1/milestones/:code', () => {
  let milestone: Milestone;
  beforeAll(async () => {
    milestone = await createMilestone('DS2020', {
      code: uniqueCode('DS2020-TM'),
      deadline: '2020-12-31',
      section: 'DS2020-5',
    });
  });

  it('marks a milestone done today when no day is given', async () => {
    const done = await okBody(
      await call(app, 'PATCH', `/milestones/${milestone.code}`, { status: 'done' }),
      MilestoneSchema,
    );
    expect(done).toMatchObject({ status: 'done', doneOn: APP_TODAY });
  });

  it('keeps the day given when a milestone is marked done', async () => {
    const done = await okBody(
      await call(app, 'PATCH', `/milestones/${milestone.code}`, {
        status: 'done',
        doneOn: '2020-10-01',
      }),
      MilestoneSchema,
    );
    expect(done).toMatchObject({ status: 'done', doneOn: '2020-10-01' });
  });

  it('clears the done day when the milestone goes back to pending', async () => {
    const pending = await okBody(
      await call(app, 'PATCH', `/milestones/${milestone.code}`, { status: 'pending' }),
      MilestoneSchema,
    );
    expect(pending).toMatchObject({ status: 'pending', doneOn: null });
  });

  it('refuses a done day on a pending milestone', async () => {
    const issues = await issuesOf(
      await call(app, 'PATCH', `/milestones/${milestone.code}`, {
        status: 'pending',
        doneOn: '2020-10-01',
      }),
    );
    expect(issues).toEqual([
      {
        path: 'body.doneOn',
        code: 'done_on_needs_done',
        message: '只有已完成的里程碑才有完成日期',
      },
    ]);
    const plan = await getPlan('DS2020');
    expect(plan.milestones.find((m) => m.code === milestone.code)).toMatchObject({
      status: 'pending',
      doneOn: null,
    });
  });

  it('answers milestone_not_found to an unknown milestone', async () => {
    await errorBody(
      await call(app, 'PATCH', '/milestones/NOPE', { status: 'done' }),
      404,
      'milestone_not_found',
    );
  });
});

describe('DELETE /api/v1/milestones/:code', () => {
  it('removes a milestone from its plan', async () => {
    const milestone = await createMilestone('DS2020', {
      code: uniqueCode('DS2020-TM'),
      deadline: '2020-12-31',
    });
    const before = await getPlan('DS2020');
    const res = await call(app, 'DELETE', `/milestones/${milestone.code}`);
    expect(res.status).toBe(204);
    const after = await getPlan('DS2020');
    expect(after.milestoneCount).toBe(before.milestoneCount - 1);
    expect(after.milestones.map((m) => m.code)).not.toContain(milestone.code);
    await errorBody(
      await call(app, 'DELETE', `/milestones/${milestone.code}`),
      404,
      'milestone_not_found',
    );
  });
});
