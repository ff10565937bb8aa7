// `npm run bench:uploads`: a 100,000-row CSV through POST /api/v1/submissions (streaming parse, every
// check, multi-row INSERTs), against psql's COPY of the same rows into the same table; then a series
// read through the API against its SQL run directly.
//   node bench/uploads.mjs                 embedded PGlite, and PostgreSQL when BENCH_DATABASE_URL is set
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:uploads
// Prints figures; asserts nothing. Each run uses fresh temporary data and databases.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startApp, stats, withScratchDatabase } from './lib.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const INDICATORS = Math.ceil(ROWS / (17 * 120));
const REGIONS = [
  '370000',
  '370100',
  '370200',
  '370300',
  '370400',
  '370500',
  '370600',
  '370700',
  '370800',
  '370900',
  '371000',
  '371100',
  '371300',
  '371400',
  '371500',
  '371600',
  '371700',
];
const PERIODS = [];
for (let year = 2011; year <= 2020; year++) {
  for (let month = 1; month <= 12; month++)
    PERIODS.push(`${year}-${String(month).padStart(2, '0')}`);
}
const SERIES_READS = 50;

/** A plan of 2011–2030 (figures for 2011–2020): enough indicators × 17 regions × 120 months for ROWS figures. */
async function createPlan(app) {
  const post = async (url, body) => {
    const res = await fetch(`${app.url}/api/v1${url}`, {
      method: 'POST',
      headers: { ...app.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  };
  await post('/plans', {
    code: 'BENCH',
    title: '基准测试',
    startYear: 2011,
    endYear: 2030,
    status: 'published',
  });
  for (let i = 1; i <= INDICATORS; i++) {
    await post('/plans/BENCH/indicators', {
      code: `BENCH-I${i}`,
      name: `基准指标${i}`,
      unit: '个',
      kind: 'cumulative',
      deadline: '2030-12-31',
      target: { comparator: '>=', value: 1000 },
      leadDepartments: ['big-data-bureau'],
      regions: REGIONS,
    });
  }
}

/** ROWS figures, a deterministic pseudo-random increment each, in the template's columns. */
function csvRows() {
  const lines = ['indicator,region,period,value,valueType,note'];
  let seed = 7;
  for (let i = 1; lines.length <= ROWS && i <= INDICATORS; i++) {
    for (const region of REGIONS) {
      for (const period of PERIODS) {
        if (lines.length > ROWS) break;
        seed = (seed * 1103515245 + 12345) % 2147483648;
        lines.push(`BENCH-I${i},${region},${period},${100 + (seed % 50)},increment,基准补录`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

async function upload(app, csv) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench.csv');
  const started = performance.now();
  const res = await fetch(`${app.url}/api/v1/submissions`, {
    method: 'POST',
    headers: app.headers,
    body: form,
  });
  const report = await res.json();
  const ms = performance.now() - started;
  return { ms, status: res.status, report };
}

async function timeSeriesReads(app) {
  const samples = [];
  for (let i = 0; i < SERIES_READS; i++) {
    const t = performance.now();
    const res = await fetch(`${app.url}/api/v1/indicators/BENCH-I1/series?region=370000`, {
      headers: app.headers,
    });
    await res.json();
    samples.push(performance.now() - t);
  }
  return samples;
}

const PROGRESS_READS = 10;
// The figures are recorded now (the clock pinned by APP_TODAY does not stamp them), so the day that
// knows them all is today; the deadline lies ahead, so every series is projected.
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const PROGRESS = `/plans/BENCH/progress?asOf=${TODAY}`;

/** The whole plan's progress: every indicator × 17 regions, 120 months each, projected per series. */
async function timePlanProgress(app) {
  const samples = [];
  for (let i = 0; i < PROGRESS_READS + 1; i++) {
    const t = performance.now();
    const res = await fetch(`${app.url}/api/v1${PROGRESS}`, { headers: app.headers });
    const body = await res.json();
    if (res.status !== 200) throw new Error(`${PROGRESS}: ${res.status} ${JSON.stringify(body)}`);
    if (i > 0) samples.push(performance.now() - t); // the first is a warm-up
  }
  return samples;
}

// The SQL the series read runs (the figures in force of one indicator, every region).
const SERIES_SQL = `SELECT DISTINCT ON (m.indicator_code, m.region_code, m.period_date)
    m.id, m.indicator_code, m.region_code, to_char(m.period_date, 'YYYY-MM') AS period, m.value, m.value_type,
    m.numerator, m.denominator, m.note, m.late, m.submission_id, m.recorded_at
  FROM measurement m WHERE m.indicator_code = ANY($1::text[])
  ORDER BY m.indicator_code, m.region_code, m.period_date, m.recorded_at DESC, m.id DESC`;

// What the progress computation reads of those figures: the value columns, no note or provenance.
const VALUES_SQL = `SELECT DISTINCT ON (m.indicator_code, m.region_code, m.period_date)
    m.indicator_code, m.region_code, to_char(m.period_date, 'YYYY-MM') AS period, m.value, m.value_type,
    m.numerator, m.denominator
  FROM measurement m WHERE m.indicator_code = ANY($1::text[])
  ORDER BY m.indicator_code, m.region_code, m.period_date, m.recorded_at DESC, m.id DESC`;

function report(label, result) {
  const { accepted, rejected, status } = result.report;
  console.log(
    `  ${label}: ${(result.ms / 1000).toFixed(2)} s for ${ROWS.toLocaleString('en')} rows` +
      ` (${Math.round(ROWS / (result.ms / 1000)).toLocaleString('en')} rows/s; HTTP ${result.status}, ${status}, accepted ${accepted}, rejected ${rejected})`,
  );
}

const csv = csvRows();
console.log(
  `Zhibiao upload bench — node ${process.version}, ${os.cpus().length} cores; CSV of ${ROWS.toLocaleString('en')} rows, ${(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1)} MB\n`,
);
const env = { APP_TODAY: '2021-06-01', DEMO_FIGURES: '0', UPLOAD_LIMIT: '64mb' };

// Embedded PGlite.
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-bench-'));
try {
  const app = await startApp({ ...env, DATA_DIR: dataDir });
  try {
    await createPlan(app);
    console.log('embedded PGlite');
    report('POST /api/v1/submissions', await upload(app, csv));
    await timeSeriesReads(app);
    console.log(
      `  GET series (province = sum of 16 cities, 120 months): ${stats(await timeSeriesReads(app))}`,
    );
    console.log(
      `  GET ${PROGRESS} (${INDICATORS} × 17 regions): ${stats(await timePlanProgress(app))}`,
    );
  } finally {
    await app.stop();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

// PostgreSQL.
const server = process.env.BENCH_DATABASE_URL;
if (!server) {
  console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL to a server)');
} else {
  await withScratchDatabase(server, async (url, dir) => {
    const app = await startApp({ ...env, DATABASE_URL: url, DATA_DIR: dir });
    let submissionId;
    try {
      await createPlan(app);
      console.log('\nPostgreSQL');
      const result = await upload(app, csv);
      submissionId = result.report.submissionId;
      report('POST /api/v1/submissions', result);
      await timeSeriesReads(app);
      console.log(
        `  GET series (province = sum of 16 cities, 120 months): ${stats(await timeSeriesReads(app))}`,
      );
      console.log(
        `  GET ${PROGRESS} (${INDICATORS} × 17 regions): ${stats(await timePlanProgress(app))}`,
      );
    } finally {
      await app.stop();
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const samples = [];
    for (let i = 0; i < SERIES_READS * 2; i++) {
      const t = performance.now();
      await client.query(SERIES_SQL, [['BENCH-I1']]);
      if (i >= SERIES_READS) samples.push(performance.now() - t);
    }
    console.log(`  the series SQL through pg directly: ${stats(samples)}`);
    // The figures the plan's progress reads: every indicator's, in force, in one query.
    const codes = Array.from({ length: INDICATORS }, (_, i) => `BENCH-I${i + 1}`);
    const planSamples = [];
    for (let i = 0; i < PROGRESS_READS + 1; i++) {
      const t = performance.now();
      await client.query(SERIES_SQL, [codes]);
      if (i > 0) planSamples.push(performance.now() - t);
    }
    console.log(`  the plan's figures SQL through pg directly: ${stats(planSamples)}`);
    // How much of that is the server's own work (the rest: sending and parsing 100,000 rows).
    const explained = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${SERIES_SQL}`, [codes]);
    const executed = explained.rows[0]['QUERY PLAN'][0]['Execution Time'];
    console.log(`  of which the server's execution (EXPLAIN ANALYZE): ${executed.toFixed(1)} ms`);
    const valueSamples = [];
    for (let i = 0; i < PROGRESS_READS + 1; i++) {
      const t = performance.now();
      await client.query(VALUES_SQL, [codes]);
      if (i > 0) valueSamples.push(performance.now() - t);
    }
    console.log(`  the same figures, only the columns progress reads: ${stats(valueSamples)}`);
    await client.end();
    // The same rows through psql's \copy into the same table (indexes, keys and trigger included),
    // after the app's rows: COPY checks nothing but the constraints.
    const copyFile = path.join(dir, 'copy.csv');
    const recordedAt = new Date().toISOString();
    const copyLines = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => {
        const [indicator, region, period, value, valueType, note] = line.split(',');
        return `${indicator},${region},${period}-01,${value},${valueType},${note},true,${submissionId},${recordedAt}`;
      });
    await writeFile(copyFile, `${copyLines.join('\n')}\n`);
    const started = performance.now();
    const psql = spawnSync(
      'psql',
      [
        url,
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `\\copy measurement (indicator_code, region_code, period_date, value, value_type, note, late, submission_id, recorded_at) FROM '${copyFile}' CSV`,
      ],
      { encoding: 'utf8' },
    );
    const copyMs = performance.now() - started;
    if (psql.status !== 0) throw new Error(`psql failed: ${psql.stderr}`);
    console.log(
      `  psql \\copy of the same rows:  ${(copyMs / 1000).toFixed(2)} s (${Math.round(ROWS / (copyMs / 1000)).toLocaleString('en')} rows/s; ${psql.stdout.trim()})`,
    );
  });
}
