import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AuditEntrySchema,
  RevisionSchema,
  SeriesSchema,
  SubmissionDetailSchema,
  SubmissionReportSchema,
  SubmissionSummarySchema,
  type MeasurementItem,
  type SubmissionReport,
} from '@zhibiao/contracts';
import { callAs, createApiKey, createSignedInUser, type Credentials } from '../support/accounts.js';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Pinned: June 2020 is the month after May, so May is open and April closed (due the 5th + 5 days).
const APP_TODAY = '2020-06-03';
const FIVE_G = 'DS2020-5G';
const JINAN = '370100';
const QINGDAO = '370200';

let app: TestApp;
let reporter: Credentials;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY });
  // The telecom regulator reports DS2020-5G (the seeded assignment): every city.
  reporter = (
    await createSignedInUser(app, {
      username: 'figures-reporter',
      roles: ['reporter'],
      department: 'communications-administration',
    })
  ).bearer;
});
afterAll(async () => {
  await app?.stop();
});

function item(overrides: Partial<MeasurementItem> = {}): MeasurementItem {
  return {
    indicator: FIVE_G,
    region: JINAN,
    period: '2020-05',
    value: 400,
    valueType: 'increment',
    ...overrides,
  };
}

async function submit(
  items: MeasurementItem[],
  options: { query?: string; credentials?: Credentials; headers?: Record<string, string> } = {},
): Promise<{ status: number; report: SubmissionReport }> {
  const res = await callAs(
    app,
    options.credentials ?? { bearer: app.adminToken },
    'POST',
    `/measurements${options.query ?? ''}`,
    { items },
    options.headers,
  );
  const text = await res.text();
  return { status: res.status, report: SubmissionReportSchema.parse(JSON.parse(text)) };
}

async function series(code: string, query: string) {
  return okBody(await call(app, 'GET', `/indicators/${code}/series?${query}`), SeriesSchema);
}

describe('POST /measurements', () => {
  it('stores valid figures as revisions and serves them as a series with both forms', async () => {
    const { status, report } = await submit(
      [
        item({ period: '2020-04', value: 300, note: '4月补报' }),
        item({ period: '2020-05', value: 2100, valueType: 'cumulative' }),
      ],
      { credentials: reporter },
    );
    expect(status).toBe(200);
    expect(report).toMatchObject({ status: 'applied', accepted: 2, rejected: 0, errors: [] });
    expect(report.submissionId).toMatch(/^\d+$/);
    // April closed on 2020-05-10: accepted with its reason and flagged late.
    expect(report.warnings.map((w) => [w.row, w.code])).toEqual([[1, 'late']]);

    const jinan = await series(FIVE_G, `region=${JINAN}`);
    expect(jinan.points.map((p) => [p.period, p.value, p.cumulative, p.increment, p.late])).toEqual(
      [
        ['2020-04', 300, null, 300, true],
        ['2020-05', 2100, 2100, null, false],
      ],
    );
    expect(jinan.points[0]).toMatchObject({
      source: 'reported',
      submissionId: report.submissionId,
    });
  });

  it('validates only on a dry run, storing nothing', async () => {
    const { status, report } = await submit([item({ region: QINGDAO, value: 9 })], {
      query: '?dryRun=true',
    });
    expect(status).toBe(200);
    expect(report).toMatchObject({
      status: 'valid',
      dryRun: true,
      submissionId: null,
      accepted: 1,
    });
    expect(report.preview?.[0]).toMatchObject({ row: 1, cells: { region: QINGDAO, value: 9 } });
    expect((await series(FIVE_G, `region=${QINGDAO}`)).points).toEqual([]);
  });

  it('rejects the whole batch with 422 and a report naming each row and field, storing nothing', async () => {
    const { status, report } = await submit(
      [
        item({ region: '370300', value: 50 }),
        item({ region: '370400', value: -3 }),
        item({ region: '370500', period: '2020-06' }),
        item({ region: '370500', period: '2020-05', indicator: 'DS2020-NOPE' }),
      ],
      { headers: { 'Accept-Language': 'en' } },
    );
    expect(status).toBe(422);
    expect(report.status).toBe('rejected');
    expect(report.accepted).toBe(0);
    // Three items have errors (the first is fine, but all or none).
    expect(report.rejected).toBe(3);
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'value', 'negative_count'],
      [3, 'period', 'period_future'],
      [4, 'indicator', 'unknown_indicator'],
    ]);
    expect(report.errors[0]?.message).toBe('A count cannot be negative: -3');
    expect((await series(FIVE_G, 'region=370300')).points).toEqual([]);
    // The attempt is on record, rejected, with its report.
    const detail = await okBody(
      await call(app, 'GET', `/submissions/${report.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(detail.status).toBe('rejected');
    expect(detail.report.errors).toHaveLength(3);
  });

  it('refuses a value that is not a number in JSON before any row is checked', async () => {
    const res = await call(app, 'POST', '/measurements', {
      items: [{ ...item({ region: '370700' }), value: 'x' }],
    });
    await errorBody(res, 400, 'validation_failed');
  });

  it('stores the valid rows and reports the rest with partial=true', async () => {
    const partial = await submit(
      [item({ region: '370600', value: 70 }), item({ region: '370700', value: -1 })],
      { query: '?partial=true' },
    );
    expect(partial.status).toBe(200);
    expect(partial.report).toMatchObject({
      status: 'partially_applied',
      accepted: 1,
      rejected: 1,
    });
    expect((await series(FIVE_G, 'region=370600')).points.map((p) => p.value)).toEqual([70]);
  });

  it('answers a repeated Idempotency-Key with the earlier result and refuses it for another body', async () => {
    const headers = { 'Idempotency-Key': 'figures-test-key-1' };
    const first = await submit([item({ region: '370800', value: 80 })], { headers });
    const again = await submit([item({ region: '370800', value: 80 })], { headers });
    expect(again.status).toBe(200);
    expect(again.report).toMatchObject({
      submissionId: first.report.submissionId,
      replayed: true,
      accepted: 1,
    });
    const history = await call(
      app,
      'GET',
      `/measurements/history?indicator=${FIVE_G}&region=370800&period=2020-05`,
    );
    expect(await okBody(history, z.array(RevisionSchema))).toHaveLength(1);
    const other = await callAs(
      app,
      { bearer: app.adminToken },
      'POST',
      '/measurements',
      { items: [item({ region: '370800', value: 81 })] },
      headers,
    );
    await errorBody(other, 409, 'idempotency_conflict');
  });

  it('keeps a figure equal to the one in force as it is, and a correction as a new revision', async () => {
    await submit([item({ region: '370900', value: 90 })]);
    const same = await submit([item({ region: '370900', value: 90 })]);
    expect(same.report).toMatchObject({ status: 'applied', accepted: 0, unchanged: 1 });
    const corrected = await submit([item({ region: '370900', value: 95, note: '更正笔误' })]);
    expect(corrected.report).toMatchObject({ accepted: 1 });
    const revisions = await okBody(
      await call(
        app,
        'GET',
        `/measurements/history?indicator=${FIVE_G}&region=370900&period=2020-05`,
      ),
      z.array(RevisionSchema),
    );
    expect(revisions.map((r) => [r.value, r.note, r.current, r.actor.name, r.source])).toEqual([
      [90, '', false, 'admin', 'api'],
      [95, '更正笔误', true, 'admin', 'api'],
    ]);
  });

  it('takes an item without value, numerator or denominator as not reported this time: no error, nothing stored', async () => {
    const { status, report } = await submit(
      [
        item({ region: '371100', value: null }),
        item({ region: '371300', value: 12 }),
        // Not checked either: a row left blank says nothing about its indicator or period.
        item({ indicator: 'DS2020-NOPE', period: '2020-06', value: null, note: '本月未统计' }),
      ],
      { credentials: reporter },
    );
    expect(status).toBe(200);
    expect(report).toMatchObject({ status: 'applied', accepted: 1, rejected: 0, blank: 2 });
    expect(report.errors).toEqual([]);
    expect(report.warnings.map((w) => [w.row, w.column, w.code, w.message])).toEqual([
      [3, 'note', 'note_without_value', '本行没有数值，视为本次未报送；备注“本月未统计”未保存'],
    ]);
    expect((await series(FIVE_G, 'region=371100')).points).toEqual([]);
    // The stored report says so too.
    const detail = await okBody(
      await call(app, 'GET', `/submissions/${report.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(detail.report.blank).toBe(2);
  });

  it('refuses a count that is not a whole number, in any number column', async () => {
    const { status, report } = await submit(
      [
        item({ region: '371400', value: 4.8 }),
        item({ region: '371500', value: 12, numerator: 0.5, denominator: 2 }),
      ],
      { headers: { 'Accept-Language': 'en' } },
    );
    expect(status).toBe(422);
    expect(report.errors.map((e) => [e.row, e.column, e.code, e.message])).toEqual([
      [
        1,
        'value',
        'fractional_count',
        'A count in 个 is a whole number; 4.8 is not (if it is in 万, write "4.8万")',
      ],
      [
        2,
        'numerator',
        'fractional_count',
        'A count in 个 is a whole number; 0.5 is not (if it is in 万, write "0.5万")',
      ],
    ]);
    expect((await series(FIVE_G, 'region=371400')).points).toEqual([]);
  });

  it('refuses a reporter’s rows outside its assignment, row by row, and audits the attempt', async () => {
    const { status, report } = await submit(
      [item({ indicator: 'DS2020-SMART-AGRI', region: '370000', value: 3 })],
      { credentials: reporter },
    );
    expect(status).toBe(422);
    expect(report.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, 'region', 'outside_assignment'],
    ]);
    expect(report.rejected).toBe(1);
    const audit = await okBody(
      await call(app, 'GET', '/audit?action=figure.write'),
      z.array(AuditEntrySchema),
    );
    expect(audit.some((a) => a.outcome === 'denied' && a.entityId === report.submissionId)).toBe(
      true,
    );
  });

  it('lets a department’s API key report its figures', async () => {
    const key = await createApiKey(app, 'communications-administration');
    const { status, report } = await submit([item({ region: '371000', value: 100 })], {
      credentials: { bearer: key.key },
    });
    expect(status).toBe(200);
    const listed = await okBody(
      await call(app, 'GET', '/submissions?department=communications-administration'),
      z.array(SubmissionSummarySchema),
    );
    expect(listed.find((s) => s.id === report.submissionId)?.actor.kind).toBe('api_key');
  });
});

describe('GET /indicators/:code/series for the province', () => {
  it('sums the cities where the province is not reported, and says how many reported', async () => {
    await submit([
      item({
        indicator: 'DS2020-NETWORK-COVERAGE',
        region: JINAN,
        value: 90,
        valueType: 'level',
        numerator: 90,
        denominator: 100,
      }),
      item({
        indicator: 'DS2020-NETWORK-COVERAGE',
        region: QINGDAO,
        value: 60,
        valueType: 'level',
        numerator: 120,
        denominator: 200,
      }),
    ]);
    const province = await series('DS2020-NETWORK-COVERAGE', 'region=370000');
    expect(province.regionsExpected).toBe(16);
    expect(province.points).toEqual([
      expect.objectContaining({
        period: '2020-05',
        source: 'cities',
        regionsReported: 2,
        numerator: 210,
        denominator: 300,
        value: 70,
        submissionId: null,
      }),
    ]);
  });

  it('serves the reported province figure where there is one, and warns of a mismatch', async () => {
    const { report } = await submit([
      item({
        indicator: 'DS2020-NETWORK-COVERAGE',
        region: '370000',
        value: 71,
        valueType: 'level',
        numerator: 213,
        denominator: 300,
      }),
    ]);
    // Only 2 of 16 cities reported: nothing to compare yet.
    expect(report.warnings).toEqual([]);
    const province = await series('DS2020-NETWORK-COVERAGE', 'region=370000');
    expect(province.points[0]).toMatchObject({ source: 'reported', value: 71 });
  });

  it('refuses a region the indicator is not broken down by', async () => {
    const res = await call(app, 'GET', '/indicators/DS2020-ONE-CHAIN/series?region=370100');
    await errorBody(res, 400, 'validation_failed');
  });
});
