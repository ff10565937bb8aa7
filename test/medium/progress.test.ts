import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PlanDetailSchema, PlanProgressSchema, ProgressSchema } from '@zhibiao/contracts';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Progress of the seeded plan over its demo year (replayed at start), as of chosen days.

const demo = JSON.parse(
  readFileSync(
    new URL('../../seeds/digital-shandong-2020/demo-figures.json', import.meta.url),
    'utf8',
  ),
) as {
  day: string;
  milestones: { code: string; doneOn: string }[];
  submissions: { recordedAt: string }[];
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ DEMO_FIGURES: '1' });
});
afterAll(async () => {
  await app?.stop();
});

const progressOf = async (path: string) => okBody(await call(app, 'GET', path), ProgressSchema);

describe('the default as-of date', () => {
  it('is the day the latest figures were recorded or approved (capped at today)', async () => {
    // Under approval (the demo plan's, from July) a month's figures count from their approval.
    const approvals = (
      JSON.parse(
        readFileSync(
          new URL('../../seeds/digital-shandong-2020/demo-reporting.json', import.meta.url),
          'utf8',
        ),
      ) as { approvals: { at: string }[] }
    ).approvals.map((a) => a.at);
    const latest = [...demo.submissions.map((s) => s.recordedAt), ...approvals].sort().at(-1)!;
    const plan = await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema);
    expect(plan.latestPeriod).toBe('2020-10');
    // Recorded with a +08:00 offset: the business date is the written date.
    expect(plan.defaultAsOf).toBe(latest.slice(0, 10));
    const progress = await okBody(
      await call(app, 'GET', '/plans/DS2020/progress'),
      PlanProgressSchema,
    );
    expect(progress.asOf).toBe(plan.defaultAsOf);
  });
});

describe('GET /plans/:code/progress', () => {
  it('gives every target a status, counts them, and ranks the furthest behind by pace', async () => {
    const progress = await okBody(
      await call(app, 'GET', '/plans/DS2020/progress?asOf=2020-11-12'),
      PlanProgressSchema,
    );
    expect(progress.indicators).toHaveLength(12);
    const total = Object.values(progress.counts).reduce((a, b) => a + b, 0);
    expect(total).toBe(12);
    const status = (code: string) => progress.indicators.find((p) => p.indicator === code)?.status;
    expect(status('DS2020-ONE-CHAIN')).toBe('achieved');
    expect(status('DS2020-SMART-AGRI')).toBe('off_track');
    // July was never reported, so nothing after it is known as a year-to-date total.
    expect(status('DS2020-STARTUPS')).toBe('stale');
    expect(progress.furthestBehind[0]).toBe('DS2020-SMART-AGRI');
    // Ranked by how far behind the plan curve each is, in percentage points.
    const points = progress.furthestBehind.map(
      (code) => progress.indicators.find((p) => p.indicator === code)!.schedulePoints!,
    );
    expect(points).toEqual([...points].sort((a, b) => a - b));
    expect(progress.sections.length).toBeGreaterThan(0);
    for (const section of progress.sections) {
      expect(Object.values(section.counts).reduce((a, b) => a + b, 0)).toBe(
        section.indicators.length,
      );
    }
  });
});

describe('GET /indicators/:code/progress', () => {
  it('projects 5G to the deadline with an 80% interval and a probability, in one sentence', async () => {
    const progress = await progressOf('/indicators/DS2020-5G/progress?asOf=2020-11-12');
    expect(progress).toMatchObject({
      region: '370000',
      actualPeriod: '2020-10',
      status: 'on_track',
    });
    expect(progress.projection).not.toBeNull();
    const projection = progress.projection!;
    expect(projection.low).toBeLessThan(projection.value);
    expect(projection.value).toBeLessThan(projection.high);
    expect(progress.probability).toBeGreaterThan(0.5);
    expect(progress.explanation.zh).toMatch(/预计.*万个/);
  });

  it('uses only what was known at the end of asOf: the Qingdao correction appears on its day', async () => {
    const before = await progressOf('/indicators/DS2020-5G/progress?region=370200&asOf=2020-06-17');
    const after = await progressOf('/indicators/DS2020-5G/progress?region=370200&asOf=2020-06-18');
    expect(before.actualPeriod).toBe('2020-05');
    expect(after.actual! - before.actual!).toBe(520 - 380);
    // Qingdao's own sub-target, not the province's 40,000.
    expect(after.target).toMatchObject({ comparator: '>=', value: 6000 });
  });

  it('refuses a region the indicator is not reported for', async () => {
    await errorBody(
      await call(app, 'GET', '/indicators/DS2020-ONE-CHAIN/progress?region=370100'),
      400,
      'validation_failed',
    );
  });
});

describe('GET /indicators/:code/regions/progress', () => {
  it('answers the province first, then each city with its own target', async () => {
    const rows = await okBody(
      await call(app, 'GET', '/indicators/DS2020-5G/regions/progress?asOf=2020-11-12'),
      z.array(ProgressSchema),
    );
    expect(rows).toHaveLength(17);
    expect(rows[0]?.region).toBe('370000');
    expect(rows.every((r) => r.target !== null)).toBe(true);
  });
});

describe('POST /assessments', () => {
  it('fits a least-squares line and forecasts on it', async () => {
    const res = await call(app, 'POST', '/assessments', {
      method: 'linear',
      points: [
        [0, 1],
        [1, 3],
        [2, 5],
      ],
      horizon: 3,
    });
    expect(await res.json()).toEqual({ slope: 2, intercept: 1, r2: 1, forecast: 7 });
  });

  it('reproduces statsmodels’ Holt forecasts with given parameters (air_ausair, α 0.8, β 0.2)', async () => {
    // statsmodels tsa/holtwinters/tests/test_holtwinters.py, TestHoltWinters.test_holt, fit1.
    const res = await call(app, 'POST', '/assessments', {
      method: 'holt',
      values: [
        17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535, 30.1857, 31.5797,
        32.577569, 33.477398, 39.021581, 41.386432, 41.596552,
      ],
      alpha: 0.8,
      beta: 0.2,
      horizon: 5,
    });
    const body = (await res.json()) as { forecast: number[]; alpha: number; beta: number };
    expect(body.forecast.map((v) => Number(v.toFixed(2)))).toEqual([
      43.76, 45.59, 47.43, 49.27, 51.1,
    ]);
    expect([body.alpha, body.beta]).toEqual([0.8, 0.2]);
  });

  it('assesses a series that already met its target as target_achieved with the top score', async () => {
    const res = await call(app, 'POST', '/assessments', {
      method: 'opensdg',
      baseYear: 2015,
      baseValue: 100,
      currentYear: 2020,
      currentValue: 45,
      target: 50,
      targetYear: 2030,
      direction: 'decrease',
    });
    expect(await res.json()).toMatchObject({ status: 'target_achieved', score: 5 });
  });
});

describe('milestones, tasks and sections', () => {
  it('are pending, done from the day done, late after the deadline, and combine with targets', async () => {
    const planAt = async (asOf: string) =>
      okBody(await call(app, 'GET', `/plans/DS2020/progress?asOf=${asOf}`), PlanProgressSchema);
    const before = await planAt('2020-11-12');
    expect(before.milestones).toHaveLength(28);
    // The demo's node tasks done by October; the others pending.
    const demoDone = demo.milestones.map((m) => m.code).sort();
    expect(before.milestones.filter((m) => m.status === 'done').map((m) => m.code)).toEqual(
      demoDone,
    );
    expect(
      before.milestones
        .filter((m) => !demoDone.includes(m.code))
        .every((m) => m.status === 'pending'),
    ).toBe(true);

    const done = await call(app, 'PATCH', '/milestones/DS2020-M01', {
      status: 'done',
      doneOn: '2020-09-30',
    });
    expect(done.status).toBe(200);
    const m01 = (p: z.infer<typeof PlanProgressSchema>) =>
      p.milestones.find((m) => m.code === 'DS2020-M01');
    expect(m01(await planAt('2020-09-29'))).toMatchObject({ status: 'pending', doneOn: null });
    expect(m01(await planAt('2020-09-30'))).toMatchObject({
      status: 'done',
      doneOn: '2020-09-30',
      doneLate: false,
      task: 'DS2020-1.2',
      section: 'DS2020-1',
    });

    // After the deadline every undone milestone is late; the task counts them and combines them
    // with its targets' pace ratios (capped at 1), a late milestone counting 0 and a done one 1.
    const after = await planAt('2021-01-05');
    const late = after.milestones.filter((m) => m.status === 'late');
    expect(late).toHaveLength(28 - 1 - demoDone.length);
    const task = after.tasks.find((t) => t.code === 'DS2020-1.2')!;
    const taskMilestones = after.milestones.filter((m) => m.task === 'DS2020-1.2');
    expect(task.milestones).toEqual({
      pending: 0,
      done: 1,
      late: taskMilestones.length - 1,
    });
    const paces = after.indicators
      .filter((p) => task.indicators.includes(p.indicator) && p.paceRatio !== null)
      .map((p) => Math.min(1, Math.max(0, p.paceRatio!)));
    const parts = [...paces, 1, ...Array<number>(taskMilestones.length - 1).fill(0)];
    expect(task.composite).toBeCloseTo(parts.reduce((a, b) => a + b, 0) / parts.length, 12);
    const section = after.sections.find((s) => s.code === 'DS2020-1')!;
    expect(section.milestones.done).toBe(1);
    expect(Object.values(section.milestones).reduce((a, b) => a + b, 0)).toBe(
      after.milestones.filter((m) => m.section === 'DS2020-1').length,
    );
    expect((await call(app, 'PATCH', '/milestones/DS2020-M01', { status: 'pending' })).status).toBe(
      200,
    );
  });
});

describe('city composites', () => {
  it('average the pace ratios of the targets each city has, each capped at 1, lit by the worst, furthest behind first', async () => {
    const plan = await okBody(
      await call(app, 'GET', '/plans/DS2020/progress?asOf=2020-11-12'),
      PlanProgressSchema,
    );
    expect(plan.cities).toHaveLength(16);
    const composites = plan.cities.map((c) => c.composite ?? Infinity);
    expect(composites).toEqual([...composites].sort((a, b) => a - b));
    for (const city of plan.cities) {
      expect(city.composite!).toBeLessThanOrEqual(1);
      // A city with a target behind or off track is red, whatever its mean.
      const red = (city.counts.off_track ?? 0) + (city.counts.overdue ?? 0) > 0;
      if (red) expect(city.light).toBe('red');
    }
    const jinan = plan.cities.find((c) => c.region === '370100')!;
    expect(jinan.name).toBe('济南市');
    // The same figure from the per-city progress of every target broken down by city.
    const broken = ['DS2020-NETWORK-COVERAGE', 'DS2020-SMART-AGRI', 'DS2020-HAZCHEM-MONITORING'];
    const rows = (
      await Promise.all(
        [...broken, 'DS2020-DIGITAL-CAMPUS', 'DS2020-5G'].map(async (code) =>
          okBody(
            await call(app, 'GET', `/indicators/${code}/regions/progress?asOf=2020-11-12`),
            z.array(ProgressSchema),
          ),
        ),
      )
    )
      .flat()
      .filter((p) => p.region === '370100' && p.target !== null);
    expect(jinan.targets).toBe(rows.length);
    const present = rows.map((p) => p.paceRatio).filter((p): p is number => p !== null);
    expect(jinan.paceRatio).toBeCloseTo(present.reduce((a, b) => a + b, 0) / present.length, 12);
    const capped = present.map((p) => Math.min(1, Math.max(0, p)));
    expect(jinan.composite).toBeCloseTo(capped.reduce((a, b) => a + b, 0) / capped.length, 12);
    expect(Object.values(jinan.counts).reduce((a, b) => a + b, 0)).toBe(rows.length);
  });
});

describe('per-indicator thresholds', () => {
  it('decide the status, are checked for order, and go back to the defaults', async () => {
    const url = '/indicators/DS2020-5G/progress?asOf=2020-11-12';
    const before = await progressOf(url);
    expect(before.status).toBe('on_track');
    const probability = before.probability!;
    // Demand more certainty than the projection gives: the same figures are now at risk.
    const strict = await call(app, 'PATCH', '/indicators/DS2020-5G', {
      thresholds: { onTrackProbability: Math.min(1, probability + 0.01), atRiskProbability: 0 },
    });
    expect(strict.status).toBe(200);
    expect((await strict.json()) as object).toMatchObject({
      thresholdsCustom: true,
      thresholds: { onTrackPace: 0.95, atRiskPace: 0.8, atRiskProbability: 0 },
    });
    expect((await progressOf(url)).status).toBe('at_risk');

    const wrong = await errorBody(
      await call(app, 'PATCH', '/indicators/DS2020-5G', {
        thresholds: { onTrackPace: 0.7, atRiskPace: 0.9 },
      }),
      400,
      'validation_failed',
    );
    expect(wrong.details).toMatchObject({
      issues: [{ path: 'body.thresholds.atRiskPace', code: 'thresholds_order' }],
    });

    const reset = await call(app, 'PATCH', '/indicators/DS2020-5G', { thresholds: null });
    expect((await reset.json()) as object).toMatchObject({ thresholdsCustom: false });
    expect((await progressOf(url)).status).toBe('on_track');
  });
});

describe('monthly plans', () => {
  it('replace the straight line from when they are entered, per region, and are checked row by row', async () => {
    // Entered today, which is the demo's day while the database holds the demo year: a day before
    // it still measures against the straight line.
    const today = demo.day;
    const url = `/indicators/DS2020-5G/progress?asOf=${today}`;
    expect((await progressOf(url)).planCurve).toBe('line');

    // Back-loaded: 2,000 a month to June, faster after; October expects 32,000.
    const values = [2, 4, 6, 8, 10, 12, 17, 22, 27, 32, 36, 40].map((v) => v * 1000);
    const items = values.map((value, i) => ({
      period: `2020-${String(i + 1).padStart(2, '0')}`,
      value,
    }));
    const put = await call(app, 'PUT', '/indicators/DS2020-5G/monthly-plan', {
      region: '370000',
      items: [...items].reverse(),
      note: '省通信管理局报送的建设计划',
    });
    expect(put.status).toBe(200);
    expect(((await put.json()) as { items: unknown[] }).items).toEqual(items);

    const after = await progressOf(url);
    expect(after).toMatchObject({
      planCurve: 'monthly',
      actualPeriod: '2020-10',
      expected: 32_000,
    });
    expect(after.paceRatio).toBeCloseTo(after.actual! / 32_000, 12);
    expect((await progressOf('/indicators/DS2020-5G/progress?asOf=2020-11-07')).planCurve).toBe(
      'line',
    );
    // Another region keeps its line.
    expect(
      (await progressOf(`/indicators/DS2020-5G/progress?region=370200&asOf=${today}`)).planCurve,
    ).toBe('line');

    const wrong = await errorBody(
      await call(app, 'PUT', '/indicators/DS2020-5G/monthly-plan', {
        region: '370000',
        items: [
          { period: '2020-03', value: 6000 },
          { period: '2021-01', value: 1000 },
          { period: '2020-03', value: 7000 },
          { period: '2020-04', value: -5 },
        ],
      }),
      400,
      'validation_failed',
    );
    const paths = (wrong.details as { issues: { path: string; code: string }[] }).issues.map(
      (i) => `${i.path} ${i.code}`,
    );
    expect(paths).toEqual([
      'body.items.1.period monthly_plan_period',
      'body.items.2.period monthly_plan_duplicate',
      'body.items.3.value monthly_plan_value',
    ]);
    // Nothing of the refused plan was stored.
    expect((await progressOf(url)).expected).toBe(32_000);

    const reset = await call(app, 'PUT', '/indicators/DS2020-5G/monthly-plan', {
      region: '370000',
      items: [],
    });
    expect(reset.status).toBe(200);
    expect((await progressOf(url)).planCurve).toBe('line');
  });
});
