// `npm run bench`: start-up times and the catalogue read, through the app and straight on the database.
//   node bench/run.mjs                 embedded PGlite, and PostgreSQL when BENCH_DATABASE_URL is set
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
// Prints figures; asserts nothing. Each run uses fresh temporary data and databases.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { startApp, stats, withScratchDatabase } from './lib.mjs';

const { INDICATORS_SQL } = await import('../apps/api/dist/catalog/indicator.repository.js');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
// The whole plan's progress for one day: 12 targets for the province (summed from its cities where broken
// down) and each of the 5 city-broken targets for each of 16 cities: 92 series projected.
const PROGRESS = '/plans/DS2020/progress?asOf=2020-11-12';
const SQL_ARGS = ['DS2020', '370000', '2020-11-05', null];
// What the plan's progress reads from the database: every figure of its indicators in force at the end
// of the as-of day (the computing — series, projections, statuses — is the rest of the request).
const FIGURES_SQL = `SELECT DISTINCT ON (m.indicator_code, m.region_code, m.period_date)
    m.id, m.indicator_code, m.region_code, to_char(m.period_date, 'YYYY-MM') AS period, m.value, m.value_type,
    m.numerator, m.denominator, m.note, m.late, m.submission_id, m.recorded_at
  FROM measurement m JOIN indicator i ON i.code = m.indicator_code
 WHERE i.plan_code = 'DS2020' AND m.recorded_at < '2020-11-12T16:00:00Z'
 ORDER BY m.indicator_code, m.region_code, m.period_date, m.recorded_at DESC, m.id DESC`;

async function timeRequests({ url, headers }, path = '/plans/DS2020/indicators') {
  const samples = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const res = await fetch(`${url}/api/v1${path}`, { headers });
    await res.json();
    samples.push(performance.now() - t);
  }
  return samples;
}

// A day not asked about before computes every projection afresh (its figures differ); the same day
// again finds them remembered. The app is warmed up on another day first.
const FRESH_DAYS = [
  '2020-03-12',
  '2020-04-12',
  '2020-05-12',
  '2020-06-12',
  '2020-07-12',
  '2020-08-12',
  '2020-09-12',
  '2020-10-12',
  '2020-11-12',
];
async function timeProgress(app) {
  const get = async (day) => {
    const t = performance.now();
    const res = await fetch(`${app.url}/api/v1/plans/DS2020/progress?asOf=${day}`, {
      headers: app.headers,
    });
    await res.json();
    return performance.now() - t;
  };
  await get('2020-02-20');
  const fresh = [];
  for (const day of FRESH_DAYS) {
    fresh.push(await get(day));
  }
  console.log(`  GET /plans/DS2020/progress, a day not asked before: ${stats(fresh)}`);
  console.log(`  GET ${PROGRESS} again: ${stats(await timeRequests(app, PROGRESS))}`);
}

// One alert evaluation of the whole plan (every rule, target, region and milestone), a day further each
// time (evaluation only moves forward), after the demo year's replay at first start.
async function timeEvaluations(app, days = 20) {
  const samples = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(Date.UTC(2020, 10, 12 + i)).toISOString().slice(0, 10);
    const t = performance.now();
    const res = await fetch(`${app.url}/api/v1/alerts/evaluate?asOf=${day}`, {
      method: 'POST',
      headers: app.headers,
    });
    const body = await res.json();
    if (res.status !== 200)
      throw new Error(`evaluate ${day}: ${res.status} ${JSON.stringify(body)}`);
    samples.push(performance.now() - t);
  }
  console.log(`  POST /alerts/evaluate, one day further each time: ${stats(samples)}`);
}

async function timeQueries(run) {
  const samples = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return samples;
}

console.log(
  `Zhibiao bench — node ${process.version}, ${os.cpus().length} cores, ${REQUESTS} requests per figure\n`,
);

// Embedded PGlite.
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-bench-'));
try {
  const first = await startApp({ DATA_DIR: dataDir });
  await first.stop();
  const later = await startApp({ DATA_DIR: dataDir });
  console.log('embedded PGlite');
  console.log(
    `  first start (initdb, migrations, seed) until healthy: ${(first.ms / 1000).toFixed(2)} s`,
  );
  console.log(
    `  later start until healthy:                            ${(later.ms / 1000).toFixed(2)} s`,
  );
  await timeRequests(later); // warm-up
  console.log(`  GET /api/v1/plans/DS2020/indicators:  ${stats(await timeRequests(later))}`);
  await timeProgress(later);
  await timeEvaluations(later);
  await later.stop();
  const db = await PGlite.create(path.join(dataDir, 'pgdata'));
  await timeQueries(() => db.query(INDICATORS_SQL, SQL_ARGS));
  console.log(
    `  the same SQL on PGlite in-process:    ${stats(await timeQueries(() => db.query(INDICATORS_SQL, SQL_ARGS)))}`,
  );
  await timeQueries(() => db.query(FIGURES_SQL));
  console.log(
    `  the progress's figures SQL on PGlite in-process: ${stats(await timeQueries(() => db.query(FIGURES_SQL)))}`,
  );
  await db.close();
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

// PostgreSQL.
const server = process.env.BENCH_DATABASE_URL;
if (!server) {
  console.log(
    '\nPostgreSQL: skipped (set BENCH_DATABASE_URL to a server, e.g. postgres://postgres@127.0.0.1:5432/postgres)',
  );
} else {
  await withScratchDatabase(server, async (url, dir) => {
    const first = await startApp({ DATABASE_URL: url, DATA_DIR: dir });
    await first.stop();
    const later = await startApp({ DATABASE_URL: url, DATA_DIR: dir });
    console.log('\nPostgreSQL');
    console.log(
      `  first start (migrations, seed) until healthy:         ${(first.ms / 1000).toFixed(2)} s`,
    );
    console.log(
      `  later start until healthy:                            ${(later.ms / 1000).toFixed(2)} s`,
    );
    await timeRequests(later);
    console.log(`  GET /api/v1/plans/DS2020/indicators:  ${stats(await timeRequests(later))}`);
    await timeProgress(later);
    await timeEvaluations(later);
    await later.stop();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await timeQueries(() => client.query(INDICATORS_SQL, SQL_ARGS));
    console.log(
      `  the same SQL through pg directly:     ${stats(await timeQueries(() => client.query(INDICATORS_SQL, SQL_ARGS)))}`,
    );
    await timeQueries(() => client.query(FIGURES_SQL));
    console.log(
      `  the progress's figures SQL through pg directly: ${stats(await timeQueries(() => client.query(FIGURES_SQL)))}`,
    );
    await client.end();
  });
}
