import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PlanProgressSchema,
  ProgressSchema,
  SeriesSchema,
  SubmissionReportSchema,
  type MeasurementItem,
} from '@zhibiao/contracts';
import { z } from 'zod';
import { API, call, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue 13, item 1: one reporter's absurd figure must never break progress for everyone. Figures are
// bounded on the way in (±10^15, and 1000 times the indicator's largest target or baseline), and a
// figure stored before the bounds existed is shown as out of range instead of failing every request.

const APP_TODAY = '2020-11-20';
const FIVE_G = 'DS2020-5G';
const JINAN = '370100';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY, DEMO_FIGURES: '1' });
});
afterAll(async () => {
  await app?.stop();
});

function item(overrides: Partial<MeasurementItem> = {}): MeasurementItem {
  return {
    indicator: FIVE_G,
    region: JINAN,
    period: '2020-10',
    value: 2600,
    valueType: 'cumulative',
    note: 'correction',
    ...overrides,
  };
}

const findings = (report: z.infer<typeof SubmissionReportSchema>) =>
  report.errors.map((f) => [f.row, f.column, f.code]);

describe('figures on the way in', () => {
  it('refuses numbers beyond ±10^15 in every number field, naming the row and field in both languages', async () => {
    const items = [
      item({ value: 1e155 }),
      item({ region: '370200', value: -1e300 }),
      item({
        indicator: 'DS2020-CAMPUS',
        value: null,
        valueType: 'level',
        numerator: 1e20,
        denominator: 2e20,
      }),
    ];
    for (const language of ['zh-CN', 'en'] as const) {
      const res = await call(app, 'POST', '/measurements', { items }, language);
      const report = SubmissionReportSchema.parse(await res.json());
      expect(res.status).toBe(422);
      expect(report.accepted).toBe(0);
      expect(findings(report)).toEqual(
        expect.arrayContaining([
          [1, 'value', 'value_out_of_range'],
          [2, 'value', 'value_out_of_range'],
          [3, 'numerator', 'value_out_of_range'],
          [3, 'denominator', 'value_out_of_range'],
        ]),
      );
      const message = report.errors.find((f) => f.row === 1)!.message;
      expect(message).toContain(language === 'en' ? 'out of range' : '超出允许范围');
    }
  });

  it('refuses a figure more than 1000 times the largest target, and takes one within it', async () => {
    // The 5G target is 40,000: 40 million is the ceiling.
    const res = await call(app, 'POST', '/measurements', {
      items: [item({ value: 40_000_001 }), item({ region: '370200', value: 3200 })],
    });
    const report = SubmissionReportSchema.parse(await res.json());
    expect(res.status).toBe(422);
    expect(findings(report)).toEqual([[1, 'value', 'value_implausible']]);
    expect(report.errors[0]!.values).toMatchObject({ ceiling: 40_000_000, reference: 40_000 });
  });

  it('refuses them in uploaded files as row findings too', async () => {
    const csv = [
      'indicator,region,period,value,valueType,note',
      `${FIVE_G},${JINAN},2020-10,1e155,cumulative,typo`,
      `${FIVE_G},370200,2020-10,9e99,cumulative,typo`,
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv]), 'absurd.csv');
    const res = await app.api(`${API}/submissions`, { method: 'POST', body: form });
    const report = SubmissionReportSchema.parse(await res.json());
    expect(res.status).toBe(422);
    expect(findings(report)).toEqual([
      [2, 'value', 'value_out_of_range'],
      [3, 'value', 'value_out_of_range'],
    ]);
  });

  it('refuses targets, baselines and monthly plans beyond the bound, naming the field', async () => {
    const target = await issuesOf(
      await call(app, 'PUT', `/indicators/${FIVE_G}/target`, {
        effectiveFrom: '2020-11-01',
        comparator: '>=',
        value: 1e300,
        note: 'absurd',
      }),
    );
    expect(target.map((i) => [i.path, i.code])).toContainEqual([
      'body.value',
      'value_out_of_range',
    ]);
    const baseline = await issuesOf(
      await call(app, 'PATCH', `/indicators/${FIVE_G}`, {
        baseline: { value: -1e20, date: '2019-12-31' },
      }),
    );
    expect(baseline.map((i) => [i.path, i.code])).toContainEqual([
      'body.baseline.value',
      'value_out_of_range',
    ]);
    const plan = await issuesOf(
      await call(app, 'PUT', `/indicators/${FIVE_G}/monthly-plan`, {
        region: JINAN,
        items: [{ period: '2020-12', value: 1e200 }],
      }),
    );
    expect(plan.map((i) => [i.path, i.code])).toContainEqual([
      'body.items.0.value',
      'value_out_of_range',
    ]);
  });
});

describe('a figure out of range already stored', () => {
  beforeAll(async () => {
    // Stored before the bounds existed: a revision of Jinan's October 5G figure of 1e155, written
    // straight into the table with the submission of the figure it revises.
    await app.server.database.dataSource.query(
      `INSERT INTO measurement (period_date, indicator_code, region_code, value, value_type, note, late,
                                submission_id, recorded_at)
       SELECT period_date, indicator_code, region_code, 1e155, 'cumulative', 'legacy', late,
              submission_id, recorded_at + interval '1 second'
         FROM measurement
        WHERE indicator_code = $1 AND region_code = $2 AND period_date = '2020-10-01'
        ORDER BY recorded_at DESC LIMIT 1`,
      [FIVE_G, JINAN],
    );
  });

  it('answers progress for the plan, the target and its cities, saying which figure is out of range', async () => {
    const plan = await okBody(await call(app, 'GET', '/plans/DS2020/progress'), PlanProgressSchema);
    const fiveG = plan.indicators.find((p) => p.indicator === FIVE_G)!;
    // The province is the sum of its cities, Jinan's included.
    expect(fiveG.status).toBe('invalid_data');
    expect(fiveG.projection).toBeNull();
    expect(fiveG.explanation.zh).toContain('超出可计算范围');
    expect(plan.counts.invalid_data).toBe(1);
    // The other targets are computed as before.
    expect(plan.indicators.filter((p) => p.status === 'invalid_data')).toHaveLength(1);

    const jinan = await okBody(
      await call(app, 'GET', `/indicators/${FIVE_G}/progress?region=${JINAN}`, undefined, 'en'),
      ProgressSchema,
    );
    expect(jinan.status).toBe('invalid_data');
    expect(jinan.explanation.en).toContain('the figure of 2020-10');

    const cities = await okBody(
      await call(app, 'GET', `/indicators/${FIVE_G}/regions/progress`),
      z.array(ProgressSchema),
    );
    const statuses = new Map(cities.map((c) => [c.region, c.status]));
    expect(statuses.get(JINAN)).toBe('invalid_data');
    expect(statuses.get('370200')).not.toBe('invalid_data');

    await okBody(
      await call(app, 'GET', `/indicators/${FIVE_G}/series?region=370000`),
      SeriesSchema,
    );
  });

  it('evaluates alerts without failing', async () => {
    const res = await call(app, 'POST', '/alerts/evaluate');
    expect(res.status, await res.text()).toBe(200);
  });

  it('lets the reporter correct it, after which progress is computed again', async () => {
    const res = await call(app, 'POST', '/measurements', { items: [item({ value: 2600 })] });
    expect(res.status, await res.text()).toBe(200);
    const jinan = await okBody(
      await call(app, 'GET', `/indicators/${FIVE_G}/progress?region=${JINAN}`),
      ProgressSchema,
    );
    expect(jinan.status).not.toBe('invalid_data');
    expect(jinan.projection).not.toBeNull();
  });
});
