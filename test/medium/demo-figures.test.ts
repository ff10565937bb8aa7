import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RevisionSchema, SeriesSchema, SubmissionSummarySchema } from '@zhibiao/contracts';
import { call, okBody } from '../support/api-client.js';
import { startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The seeded plan's demo year: replayed at first start through the same checks as every submission,
// each figure recorded on the day it would have been reported.

interface DemoFile {
  submissions: {
    recordedAt: string;
    items: {
      indicator: string;
      region: string;
      period: string;
      value: number;
      valueType: string;
    }[];
  }[];
}
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
