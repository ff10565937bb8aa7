import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  IndicatorDetailSchema,
  PlanDetailSchema,
  PlanProgressSchema,
  ProgressSchema,
  RevisionSchema,
  SubmissionReportSchema,
} from '@zhibiao/contracts';
import { businessDateOf } from '@zhibiao/core';
import { call, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The day a plan is looked at by default: when its latest figures were recorded, but never past today
// nor past the day its last figures were due plus the reporting grace (its close day). The 2020 plan
// ends 2020-12-31; its quarterly figures are due on the 10th, with the 5 days' grace: 2021-01-15.
const CLOSE_DAY = '2021-01-15';
// Six years on, a unit backfills November 2020.
const TODAY = '2026-12-07';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY: TODAY });
});
afterAll(async () => {
  await app?.stop();
});

async function defaultDays(): Promise<Record<string, string>> {
  const plan = await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema);
  const list = (await (await call(app, 'GET', '/plans')).json()) as {
    code: string;
    defaultAsOf: string;
  }[];
  const progress = await okBody(
    await call(app, 'GET', '/plans/DS2020/progress'),
    PlanProgressSchema,
  );
  const indicator = await okBody(
    await call(app, 'GET', '/indicators/DS2020-5G'),
    IndicatorDetailSchema,
  );
  const indicatorProgress = await okBody(
    await call(app, 'GET', '/indicators/DS2020-5G/progress'),
    ProgressSchema,
  );
  return {
    plan: plan.defaultAsOf,
    list: list.find((p) => p.code === 'DS2020')!.defaultAsOf,
    progress: progress.asOf,
    indicator: indicator.asOf,
    indicatorProgress: indicatorProgress.asOf,
  };
}

const everywhere = (day: string) => ({
  plan: day,
  list: day,
  progress: day,
  indicator: day,
  indicatorProgress: day,
});

describe('the default as-of day of a plan', () => {
  it('is its close day, not today, for a plan long over with no figures', async () => {
    expect(await defaultDays()).toEqual(everywhere(CLOSE_DAY));
  });

  it('stays at the close day when a figure is recorded years after the plan ended', async () => {
    const res = await call(app, 'POST', '/measurements', {
      items: [
        {
          indicator: 'DS2020-5G',
          region: '370100',
          period: '2020-11',
          value: 420,
          valueType: 'increment',
          note: '补录2020年11月数据',
        },
      ],
    });
    expect(SubmissionReportSchema.parse(await res.json())).toMatchObject({ accepted: 1 });
    expect(await defaultDays()).toEqual(everywhere(CLOSE_DAY));
    // The figure itself is stored, recorded today.
    const revisions = await okBody(
      await call(
        app,
        'GET',
        '/measurements/history?indicator=DS2020-5G&region=370100&period=2020-11',
      ),
      z.array(RevisionSchema),
    );
    expect(revisions.map((r) => [r.value, businessDateOf(new Date(r.recordedAt))])).toEqual([
      [420, TODAY],
    ]);
  });
});
