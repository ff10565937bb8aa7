import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClockSchema, SubmissionReportSchema } from '@zhibiao/contracts';
import { businessDateOf } from '@zhibiao/core';
import { call, okBody } from '../support/api-client.js';
import { startTestApp, startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Where "today" comes from: APP_TODAY when set; else, while the database holds the seeded demo year
// (and DEMO_FIGURES is on, as by default), the day the demo shows; else the real date. A fresh start
// with no setting shows the demo as the bureau saw it on 2020-11-08; a real deployment runs on the
// real clock.

const DEMO_DAY = '2020-11-08';
const realToday = () => businessDateOf(new Date());

async function clockOf(app: TestApp) {
  return okBody(await app.anonymous('/api/v1/clock'), ClockSchema);
}

/** October's 5G figure for Jinan, corrected: on time while October still takes figures. */
async function correctOctober(app: TestApp) {
  const res = await call(app, 'POST', '/measurements', {
    items: [
      {
        indicator: 'DS2020-5G',
        region: '370100',
        period: '2020-10',
        value: 410,
        valueType: 'increment',
      },
    ],
  });
  return SubmissionReportSchema.parse(await res.json());
}

describe('a database holding the demo year, started with no setting', () => {
  let database: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    // The tests' apps pin nothing unless told: no APP_TODAY here.
    app = await startTestAppOn(database, { DEMO_FIGURES: '1' });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('runs on the demo’s day, and says so to anyone (the login page too)', async () => {
    expect(await clockOf(app)).toEqual({ today: DEMO_DAY, mode: 'demo', demo: DEMO_DAY });
  });

  it('takes a figure of the demo year as on that day: on time, no reason needed', async () => {
    const report = await correctOctober(app);
    expect(report).toMatchObject({ status: 'applied', accepted: 1 });
    expect(report.warnings.map((w) => w.code)).not.toContain('late');
  });

  it('keeps the demo flag but takes APP_TODAY when set', async () => {
    await app.stop();
    app = await startTestAppOn(database, { DEMO_FIGURES: '1', APP_TODAY: '2020-12-01' });
    expect(await clockOf(app)).toEqual({ today: '2020-12-01', mode: 'pinned', demo: DEMO_DAY });
  });

  it('runs on the real date with DEMO_FIGURES=0, still saying the figures are a demo', async () => {
    await app.stop();
    app = await startTestAppOn(database, { DEMO_FIGURES: '0' });
    expect(await clockOf(app)).toEqual({ today: realToday(), mode: 'real', demo: DEMO_DAY });
  });
});

describe('a database without the demo year (a real deployment)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ DEMO_FIGURES: '0' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('runs on the real date', async () => {
    expect(await clockOf(app)).toEqual({ today: realToday(), mode: 'real', demo: null });
  });
});
