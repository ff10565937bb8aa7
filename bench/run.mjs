// `npm run bench`: start-up times and the catalogue read, through the app and straight on the database.
//   node bench/run.mjs                 embedded PGlite, and PostgreSQL when BENCH_DATABASE_URL is set
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
// Prints figures; asserts nothing. Each run uses fresh temporary data and databases.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { INDICATORS_SQL } = await import('../apps/api/dist/catalog/indicator.repository.js');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 300);
const ADMIN_PASSWORD = 'bench-admin-password';
const SQL_ARGS = ['DS2020', '370000', '2020-11-05', null];

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/** Starts main.js and returns the wall time until /api/v1/health answers 200. */
async function startApp(env) {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [path.join(ROOT, 'apps/api/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'error',
      ADMIN_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const ms = performance.now() - started;
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const { accessToken } = await login.json();
  return {
    url,
    ms,
    headers: { Authorization: `Bearer ${accessToken}` },
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (n=${samples.length})`;
}

async function timeRequests({ url, headers }) {
  const samples = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const res = await fetch(`${url}/api/v1/plans/DS2020/indicators`, { headers });
    await res.json();
    samples.push(performance.now() - t);
  }
  return samples;
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
  await later.stop();
  const db = await PGlite.create(path.join(dataDir, 'pgdata'));
  await timeQueries(() => db.query(INDICATORS_SQL, SQL_ARGS));
  console.log(
    `  the same SQL on PGlite in-process:    ${stats(await timeQueries(() => db.query(INDICATORS_SQL, SQL_ARGS)))}`,
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
  const name = `zhibiao_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const benchDir = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-bench-'));
  try {
    const first = await startApp({ DATABASE_URL: url.toString(), DATA_DIR: benchDir });
    await first.stop();
    const later = await startApp({ DATABASE_URL: url.toString(), DATA_DIR: benchDir });
    console.log('\nPostgreSQL');
    console.log(
      `  first start (migrations, seed) until healthy:         ${(first.ms / 1000).toFixed(2)} s`,
    );
    console.log(
      `  later start until healthy:                            ${(later.ms / 1000).toFixed(2)} s`,
    );
    await timeRequests(later);
    console.log(`  GET /api/v1/plans/DS2020/indicators:  ${stats(await timeRequests(later))}`);
    await later.stop();
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await timeQueries(() => client.query(INDICATORS_SQL, SQL_ARGS));
    console.log(
      `  the same SQL through pg directly:     ${stats(await timeQueries(() => client.query(INDICATORS_SQL, SQL_ARGS)))}`,
    );
    await client.end();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    await rm(benchDir, { recursive: true, force: true });
  }
}
