import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AssignmentSchema,
  IndicatorDetailSchema,
  PlanDetailSchema,
  type Assignment,
} from '@zhibiao/contracts';
import { call, okBody } from '../support/api-client.js';
import { startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Who reports a target is not always its first lead department: the telecom regulator collects the
// operators' 5G base-station counts, the emergency department the tank monitoring. The seed says so,
// and a database seeded from an earlier version of it gets the correction where nobody changed it.

const SEED_DIR = fileURLToPath(new URL('../../seeds/digital-shandong-2020', import.meta.url));
const APP_TODAY = '2020-06-01';
const FIVE_G = 'DS2020-5G';
const TANKS = 'DS2020-HAZCHEM-MONITORING';
const TEST_BASE = 'DS2020-M17';

interface Catalogue {
  version: number;
  corrections?: unknown;
  indicators: { code: string; reporter?: string; lead: string[] }[];
  milestones: { code: string; support: string[] }[];
}

/** The catalogue as version 2 had it: every indicator reported by its first lead, M17 with 省水利厅. */
function toVersion2(catalogue: Catalogue): void {
  catalogue.version = 2;
  delete catalogue.corrections;
  for (const indicator of catalogue.indicators) delete indicator.reporter;
  const base = catalogue.milestones.find((m) => m.code === TEST_BASE)!;
  base.support = ['industry-it', 'public-security', 'water-resources'];
}

async function assignmentsOf(app: TestApp, indicator: string): Promise<Assignment[]> {
  return okBody(
    await call(app, 'GET', `/assignments?indicator=${indicator}`),
    z.array(AssignmentSchema),
  );
}

const reporters = (list: Assignment[]) =>
  list.map((a) => [a.department.code, a.regions.length]).sort();

const supportOf = async (app: TestApp) =>
  (await okBody(await call(app, 'GET', '/plans/DS2020'), PlanDetailSchema)).milestones
    .find((m) => m.code === TEST_BASE)!
    .supportDepartments.map((d) => d.code);

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-seed-reporters-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('a database seeded now', () => {
  let database: TestDatabase;
  let app: TestApp;
  beforeAll(async () => {
    database = await createTestDatabase();
    app = await startTestAppOn(database, { APP_TODAY });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('has 省通信管理局 report 5G and 省应急厅 the tank monitoring, every region each', async () => {
    expect(reporters(await assignmentsOf(app, FIVE_G))).toEqual([
      ['communications-administration', 17],
    ]);
    expect(reporters(await assignmentsOf(app, TANKS))).toEqual([['emergency-management', 17]]);
    // The others stay with their first lead department.
    expect(reporters(await assignmentsOf(app, 'DS2020-SMART-AGRI'))).toEqual([
      ['agriculture-rural-affairs', 17],
    ]);
  });

  it('keeps every lead department of those targets responsible', async () => {
    const fiveG = await okBody(
      await call(app, 'GET', `/indicators/${FIVE_G}`),
      IndicatorDetailSchema,
    );
    expect(fiveG.leadDepartments.map((d) => d.code)).toEqual([
      'industry-it',
      'communications-administration',
      'radio-television',
      'big-data-bureau',
    ]);
  });

  it('leaves 省水利厅 out of the 滨莱 test-base milestone (it belongs to the canal measure)', async () => {
    expect(await supportOf(app)).toEqual(['industry-it', 'public-security']);
  });
});

describe('a database seeded from catalogue version 2', () => {
  let database: TestDatabase;
  let app: TestApp;
  let before: { fiveG: string[][]; tanks: string[][]; support: string[] };
  beforeAll(async () => {
    const seeds = path.join(scratch, 'seeds-v2');
    const dir = path.join(seeds, path.basename(SEED_DIR));
    await cp(SEED_DIR, dir, { recursive: true });
    const file = path.join(dir, 'catalogue.json');
    const catalogue = JSON.parse(await readFile(file, 'utf8')) as Catalogue;
    toVersion2(catalogue);
    await writeFile(file, JSON.stringify(catalogue, null, 2));

    database = await createTestDatabase();
    const first = await startTestAppOn(database, { APP_TODAY, SEEDS_DIR: seeds });
    try {
      // A user narrows the first lead's tank monitoring to the province and Qingdao.
      await okBody(
        await call(first, 'PUT', '/assignments', {
          department: 'industry-it',
          indicator: TANKS,
          regions: ['370000', '370200'],
        }),
        z.array(AssignmentSchema),
      );
      before = {
        fiveG: reporters(await assignmentsOf(first, FIVE_G)) as string[][],
        tanks: reporters(await assignmentsOf(first, TANKS)) as string[][],
        support: await supportOf(first),
      };
    } finally {
      await first.stop();
    }
    app = await startTestAppOn(database, { APP_TODAY });
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
  });

  it('had every target reported by its first lead department, and M17 with 省水利厅', () => {
    expect(before).toEqual({
      fiveG: [['industry-it', 17]],
      tanks: [['industry-it', 2]],
      support: ['industry-it', 'public-security', 'water-resources'],
    });
  });

  it('moves an assignment nobody changed to the reporter the seed names now', async () => {
    expect(reporters(await assignmentsOf(app, FIVE_G))).toEqual([
      ['communications-administration', 17],
    ]);
  });

  it('keeps an assignment a user changed as the user left it', async () => {
    expect(reporters(await assignmentsOf(app, TANKS))).toEqual([['industry-it', 2]]);
  });

  it('drops 省水利厅 from M17, whose departments nobody changed', async () => {
    expect(await supportOf(app)).toEqual(['industry-it', 'public-security']);
  });
});
