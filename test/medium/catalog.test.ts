import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ErrorEnvelopeSchema, IndicatorSummarySchema, PlanSummarySchema } from '@zhibiao/contracts';
import { readSeed } from '../../apps/api/src/seed/seed.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const SEED_DIR = fileURLToPath(new URL('../../seeds/digital-shandong-2020', import.meta.url));
const SHANDONG_CITIES = 16;
// Pinned so the target in force does not depend on the day the tests run.
const APP_TODAY = '2020-06-01';

type ValidationDetails = { issues: { path: string; code: string; message: string }[] };

async function errorOf(res: Response) {
  return ErrorEnvelopeSchema.parse(await res.json());
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY });
});
afterAll(async () => {
  await app?.stop();
});

async function indicators() {
  const res = await app.api('/api/v1/plans/DS2020/indicators');
  expect(res.status).toBe(200);
  return z.array(IndicatorSummarySchema).parse(await res.json());
}

describe('GET /api/v1/plans', () => {
  it('lists the seeded DS2020 plan with its 12 indicators', async () => {
    const res = await app.api('/api/v1/plans');
    expect(res.status).toBe(200);
    const plans = z.array(PlanSummarySchema).parse(await res.json());
    expect(plans).toHaveLength(1);
    expect(plans[0]).toMatchObject({
      code: 'DS2020',
      title: '数字山东2020行动方案',
      startYear: 2020,
      endYear: 2020,
      status: 'published',
      indicatorCount: 12,
    });
  });

  it('rejects an unknown query key, naming the query', async () => {
    const res = await app.api('/api/v1/plans?colour=red');
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.code).toBe('validation_failed');
    const details = body.details as ValidationDetails;
    expect(details.issues[0]?.path).toBe('query');
  });

  it('answers invalid_json to a malformed JSON body', async () => {
    const res = await app.api('/api/v1/plans', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: '{"code": ',
    });
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.code).toBe('invalid_json');
    expect(body.message).toContain('not valid JSON');
  });
});

describe('GET /api/v1/plans/:code/indicators', () => {
  it('returns the 12 indicators in the order of the seeded catalogue, matching the contract', async () => {
    const { catalogue } = await readSeed(SEED_DIR);
    const rows = await indicators();
    expect(rows).toHaveLength(12);
    expect(rows.map((row) => row.code)).toEqual(
      catalogue.indicators.map((indicator) => indicator.code),
    );
  });

  it('gives DS2020-5G its target, unit, lead departments in plan order and the province with its cities', async () => {
    const fiveG = (await indicators()).find((row) => row.code === 'DS2020-5G');
    expect(fiveG).toBeDefined();
    expect(fiveG?.target).toEqual({ comparator: '>=', value: 40000 });
    expect(fiveG?.unit).toBe('个');
    expect(fiveG?.leadDepartments).toHaveLength(4);
    expect(fiveG?.leadDepartments[0]).toEqual({ code: 'industry-it', name: '省工业和信息化厅' });
    expect(fiveG?.regions).toHaveLength(1 + SHANDONG_CITIES);
    expect(fiveG?.regions[0]).toBe('370000');
    expect(new Set(fiveG?.regions).size).toBe(1 + SHANDONG_CITIES);
    for (const region of fiveG?.regions.slice(1) ?? []) expect(region).toMatch(/^37\d{2}00$/);
  });

  it('gives an approximate target its tolerance and a strict target its comparator', async () => {
    const rows = await indicators();
    expect(rows.find((row) => row.code === 'DS2020-STARTUPS')?.target).toEqual({
      comparator: '~',
      value: 100,
      tolerance: 0.1,
    });
    const campus = rows.find((row) => row.code === 'DS2020-DIGITAL-CAMPUS');
    expect(campus?.target).toEqual({ comparator: '>', value: 90 });
    expect(campus?.unit).toBe('%');
  });

  it('answers plan_not_found in Chinese by default, with the X-Request-Id as correlation id', async () => {
    const res = await app.api('/api/v1/plans/DS1999/indicators');
    expect(res.status).toBe(404);
    const body = await errorOf(res);
    expect(body.code).toBe('plan_not_found');
    expect(body.message).toBe('未找到规划（方案）：DS1999');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    expect(body.correlationId).toBe(res.headers.get('x-request-id'));
  });

  it('answers plan_not_found in English when Accept-Language prefers English', async () => {
    const res = await app.api('/api/v1/plans/DS1999/indicators', {
      headers: { 'Accept-Language': 'en' },
    });
    expect(res.status).toBe(404);
    const body = await errorOf(res);
    expect(body.code).toBe('plan_not_found');
    expect(body.message).toBe('Plan not found: DS1999');
  });

  it('rejects a malformed plan code, naming params.code in Chinese by default', async () => {
    const res = await app.api(`/api/v1/plans/${encodeURIComponent('bad code')}/indicators`);
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.code).toBe('validation_failed');
    const issue = (body.details as ValidationDetails).issues[0];
    expect(issue?.path).toBe('params.code');
    expect(issue?.message).toContain('规划编码');
    expect(body.message).toContain('params.code');
    expect(body.message).toMatch(/^请求参数无效/);
  });

  it('rejects a malformed plan code in English when Accept-Language is en', async () => {
    const res = await app.api(`/api/v1/plans/${encodeURIComponent('bad code')}/indicators`, {
      headers: { 'Accept-Language': 'en' },
    });
    expect(res.status).toBe(400);
    const body = await errorOf(res);
    expect(body.code).toBe('validation_failed');
    const issue = (body.details as ValidationDetails).issues[0];
    expect(issue?.path).toBe('params.code');
    expect(issue?.message).toContain('plan code');
    expect(issue?.message).not.toMatch(/[\u4e00-\u9fff]/);
    expect(body.message).toMatch(/^Invalid request: params\.code: /);
  });

  it('shows the target in force on APP_TODAY, not an earlier or a later one', async () => {
    const db = app.server.database.dataSource;
    const insert = `INSERT INTO indicator_target (indicator_code, region_code, effective_from, comparator, value, note)
                    VALUES ('DS2020-5G', '370000', $1, '>=', $2, 'test: target change')`;
    await db.query(insert, ['2020-05-01', 45000]);
    await db.query(insert, ['2020-09-01', 60000]);
    try {
      const fiveG = (await indicators()).find((row) => row.code === 'DS2020-5G');
      expect(fiveG?.target).toEqual({ comparator: '>=', value: 45000 });
    } finally {
      await db.query(`DELETE FROM indicator_target WHERE note = 'test: target change'`);
    }
  });

  it('shows the first target when none is in force yet on APP_TODAY', async () => {
    const db = app.server.database.dataSource;
    const seeded = `indicator_code = 'DS2020-SME-TRAINING' AND region_code = '370000'`;
    await db.query(`UPDATE indicator_target SET effective_from = '2020-08-01' WHERE ${seeded}`);
    await db.query(
      `INSERT INTO indicator_target (indicator_code, region_code, effective_from, comparator, value, note)
       VALUES ('DS2020-SME-TRAINING', '370000', '2020-10-01', '>=', 20000, 'test: later target')`,
    );
    try {
      const training = (await indicators()).find((row) => row.code === 'DS2020-SME-TRAINING');
      expect(training?.target).toEqual({ comparator: '>=', value: 10000 });
    } finally {
      await db.query(`DELETE FROM indicator_target WHERE note = 'test: later target'`);
      await db.query(`UPDATE indicator_target SET effective_from = '2020-01-01' WHERE ${seeded}`);
    }
  });
});

describe('/api/v1 errors', () => {
  it('answers route_not_found to an unknown route', async () => {
    const res = await app.api('/api/v1/no-such-thing', { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(404);
    const body = await errorOf(res);
    expect(body.code).toBe('route_not_found');
    expect(body.message).toBe('No such endpoint: GET /api/v1/no-such-thing');
  });

  it('echoes a caller-supplied X-Request-Id and uses it as the correlation id', async () => {
    const res = await app.api('/api/v1/no-such-thing', { headers: { 'X-Request-Id': 'req-123' } });
    expect(res.headers.get('x-request-id')).toBe('req-123');
    expect((await errorOf(res)).correlationId).toBe('req-123');
  });
});
