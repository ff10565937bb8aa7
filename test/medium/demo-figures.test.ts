import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  PlanDetailSchema,
  PlanProgressSchema,
  RevisionSchema,
  SeriesSchema,
  SubmissionSummarySchema,
} from '@zhibiao/contracts';
import { businessDateOf } from '@zhibiao/core';
import { call, okBody } from '../support/api-client.js';
import { startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The seeded plan's demo year: replayed at first start through the same checks as every submission,
// each figure recorded on the day it would have been reported.

interface DemoFile {
  day: string;
  milestones: { code: string; doneOn: string }[];
  submissions: {
    recordedAt: string;
    department: string;
    items: {
      indicator: string;
      region: string;
      period: string;
      value: number;
      valueType: string;
      note?: string;
    }[];
  }[];
}
/** The day the plan was issued: nothing was reported for it before. */
const ISSUED = '2020-04-03';
const demo = JSON.parse(
  readFileSync(
    new URL('../../seeds/digital-shandong-2020/demo-figures.json', import.meta.url),
    'utf8',
  ),
) as DemoFile;

let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestAppOn(database, { DEMO_FIGURES: '1' });
});
afterAll(async () => {
  await app?.stop();
  await database?.drop();
});

async function series(code: string, query: string) {
  return okBody(await call(app, 'GET', `/indicators/${code}/series?${query}`), SeriesSchema);
}

/** The file's latest increment of every 5G city and month, summed to October. */
function fiveGTotalFromFile(): number {
  const latest = new Map<string, number>();
  for (const submission of demo.submissions) {
    for (const item of submission.items) {
      if (item.indicator === 'DS2020-5G') latest.set(`${item.region} ${item.period}`, item.value);
    }
  }
  return [...latest.values()].reduce((a, b) => a + b, 0);
}

describe('the demo figures', () => {
  it('are all stored, each submission as the system on its own date', async () => {
    const listed = await okBody(
      await call(app, 'GET', '/submissions?limit=500'),
      z.array(SubmissionSummarySchema),
    );
    const seeded = listed.filter((s) => s.source === 'seed');
    expect(seeded).toHaveLength(demo.submissions.length);
    expect(seeded.every((s) => s.status === 'applied' && s.actor.kind === 'system')).toBe(true);
    const dates = seeded.map((s) => s.createdAt).sort();
    expect(dates[0]).toBe(new Date(demo.submissions[0]!.recordedAt).toISOString());
  });

  it('sum the cities to the province for 5G, matching the file', async () => {
    const province = await series('DS2020-5G', 'region=370000');
    const october = province.points.find((p) => p.period === '2020-10');
    expect(october).toMatchObject({ source: 'cities', regionsReported: 16 });
    expect(october?.cumulative).toBe(fiveGTotalFromFile());
  });

  it('show what was known on any day: the Qingdao correction of April', async () => {
    const april = async (asOf: string) =>
      (await series('DS2020-5G', `region=370200&asOf=${asOf}`)).points.find(
        (p) => p.period === '2020-04',
      )?.value;
    expect(await april('2020-05-04')).toBeUndefined();
    expect(await april('2020-05-05')).toBe(380);
    expect(await april('2020-06-17')).toBe(380);
    expect(await april('2020-06-18')).toBe(520);
    const revisions = await okBody(
      await call(
        app,
        'GET',
        '/measurements/history?indicator=DS2020-5G&region=370200&period=2020-04',
      ),
      z.array(RevisionSchema),
    );
    expect(revisions.map((r) => [r.value, r.late, r.current])).toEqual([
      [380, false, false],
      [520, true, true],
    ]);
    expect(revisions[1]?.note).toContain('更正');
  });

  it('come in after the plan was issued: January–March as one backfill per department, saying so', async () => {
    const listed = await okBody(
      await call(app, 'GET', '/submissions?limit=500'),
      z.array(SubmissionSummarySchema),
    );
    const days = listed
      .filter((s) => s.source === 'seed')
      .map((s) => businessDateOf(new Date(s.createdAt)));
    expect(days.filter((day) => day < ISSUED)).toEqual([]);
    // One submission per department holds its January to March.
    const early = demo.submissions.filter((s) => s.items.some((i) => i.period < '2020-04'));
    expect(new Set(early.map((s) => s.department)).size).toBe(early.length);
    for (const submission of early) {
      expect(submission.items.every((i) => i.period < '2020-04')).toBe(true);
    }
    // Every figure of them says why it came late, in its history.
    const january = await okBody(
      await call(
        app,
        'GET',
        '/measurements/history?indicator=DS2020-5G&region=370100&period=2020-01',
      ),
      z.array(RevisionSchema),
    );
    expect(january).toHaveLength(1);
    expect(january[0]!.note).toMatch(/2020-04-03印发.*补录/);
    expect(january[0]!.late).toBe(true);
    expect(businessDateOf(new Date(january[0]!.recordedAt)) > ISSUED).toBe(true);
  });

  it('are reported by who reports each target: 5G by 省通信管理局, tank monitoring by 省应急厅', async () => {
    const departments = async (indicator: string) => {
      const revisions = await okBody(
        await call(
          app,
          'GET',
          `/measurements/history?indicator=${indicator}&region=370200&period=2020-05`,
        ),
        z.array(RevisionSchema),
      );
      return revisions.map((r) => r.department);
    };
    expect(await departments('DS2020-5G')).toEqual(['communications-administration']);
    expect(await departments('DS2020-HAZCHEM-MONITORING')).toEqual(['emergency-management']);
  });

  it('have some node tasks done by October, each from the day it was done', async () => {
    const october = await okBody(
      await call(app, 'GET', '/plans/DS2020/progress?asOf=2020-10-31'),
      PlanProgressSchema,
    );
    const done = october.milestones.filter((m) => m.status === 'done');
    expect(done.map((m) => [m.code, m.doneOn]).sort()).toEqual(
      demo.milestones.map((m) => [m.code, m.doneOn]).sort(),
    );
    expect(done.length).toBeGreaterThan(0);
    const june = await okBody(
      await call(app, 'GET', '/plans/DS2020/progress?asOf=2020-06-01'),
      PlanProgressSchema,
    );
    expect(june.milestones.filter((m) => m.status === 'done').map((m) => m.code)).toEqual(
      demo.milestones.filter((m) => m.doneOn <= '2020-06-01').map((m) => m.code),
    );
    const plan = await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema);
    expect(plan.milestones.filter((m) => m.status === 'done')).toHaveLength(demo.milestones.length);
  });

  it('leave a gap where a month was not reported, and nothing derived past it is guessed', async () => {
    const startups = await series('DS2020-STARTUPS', 'region=370000');
    const periods = startups.points.map((p) => p.period);
    expect(periods).not.toContain('2020-07');
    expect(startups.points.find((p) => p.period === '2020-08')).toMatchObject({ cumulative: null });
  });

  it('are loaded once: a restart finds them and adds nothing', async () => {
    await app.stop();
    app = await startTestAppOn(database, { DEMO_FIGURES: '1' });
    const listed = await okBody(
      await call(app, 'GET', '/submissions?limit=500'),
      z.array(SubmissionSummarySchema),
    );
    expect(listed.filter((s) => s.source === 'seed')).toHaveLength(demo.submissions.length);
  });
});
