import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubmissionReportSchema } from '@zhibiao/contracts';
import { loadConfig } from '../../apps/api/src/config/config.js';
import { startServer } from '../../apps/api/src/server.js';
import { call, okBody } from '../support/api-client.js';
import { startTestAppOn, type TestApp } from '../support/test-app.js';
import { createTestDatabase, testServerUrl, type TestDatabase } from '../support/test-database.js';

// The app runs as a role that owns nothing: migrations run as the schema's owner
// (MIGRATION_DATABASE_URL), the app connects as a role with row privileges only (DATABASE_URL), so
// neither it nor anyone holding its password can disable the history's triggers, truncate or drop.
// Roles are PostgreSQL's: embedded PGlite is one process with one superuser, where the triggers are
// the protection (test/medium/history-tables.test.ts runs on both engines).

const server = testServerUrl();
if (server === undefined) {
  console.log('skipped: TEST_DATABASE_URL is not set (embedded PGlite has a single role)');
}

/** `url` with another user, password and database. */
function urlAs(url: string, user: string, password: string, database?: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  if (database !== undefined) parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function asRole<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(server === undefined)('the app as a restricted database role', () => {
  // Roles are cluster-wide: a name no other run uses, dropped afterwards.
  const role = `zb_app_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const password = 'app-role-password-1';
  let database: TestDatabase;
  let ownerUrl: string;
  let appUrl: string;
  let app: TestApp | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    ownerUrl = database.databaseUrl!;
    appUrl = urlAs(ownerUrl, role, password);
  });
  afterAll(async () => {
    await app?.stop();
    await database?.drop();
    // The database and the privileges in it are gone; the role is the cluster's.
    await asRole(server!, (client) => client.query(`DROP ROLE IF EXISTS "${role}"`));
  });

  it('migrates as the owner, creates the role with row privileges only, and serves as that role: a submission is stored', async () => {
    // The seed, the demo year and its alert evaluations are written by the restricted role too.
    app = await startTestAppOn(database, {
      DATABASE_URL: appUrl,
      MIGRATION_DATABASE_URL: ownerUrl,
      APP_TODAY: '2020-11-05',
      DEMO_FIGURES: '1',
    });
    const [whoami] = await app.server.database.dataSource.query<{ user: string }[]>(
      'SELECT current_user AS user',
    );
    expect(whoami?.user).toBe(role);
    const res = await call(app, 'POST', '/measurements', {
      items: [
        {
          indicator: 'DS2020-5G',
          region: '370100',
          period: '2020-10',
          value: 4321,
          valueType: 'increment',
        },
      ],
    });
    const report = await okBody(res, SubmissionReportSchema);
    expect(report.accepted).toBe(1);
    const stored = await asRole(appUrl, (client) =>
      client.query(`SELECT value::text FROM measurement WHERE submission_id = $1`, [
        report.submissionId,
      ]),
    );
    expect(stored.rows).toEqual([{ value: '4321' }]);
    const evaluation = await call(app, 'POST', '/alerts/evaluate');
    expect(evaluation.status, await evaluation.text()).toBe(200);
  });

  it.each([
    ['TRUNCATE measurement', /permission denied/],
    ['TRUNCATE audit_log', /permission denied/],
    ['ALTER TABLE measurement DISABLE TRIGGER ALL', /must be owner/],
    ['ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_change', /must be owner/],
    ['DROP TRIGGER measurement_append_only ON measurement', /must be owner/],
    ['DROP TABLE measurement CASCADE', /must be owner/],
    ['DELETE FROM measurement', /permission denied/],
    ['UPDATE measurement SET value = 0', /permission denied/],
    ['DELETE FROM submission', /permission denied/],
    ['DELETE FROM audit_log', /permission denied/],
    ['CREATE TABLE shadow (id int)', /permission denied/],
    ['DELETE FROM schema_migration', /permission denied/],
  ])('connected as that role, %s fails', async (sql, error) => {
    const before = await asRole(ownerUrl, (client) =>
      client.query<{ n: string }>(`SELECT count(*)::text AS n FROM measurement`),
    );
    await expect(asRole(appUrl, (client) => client.query(sql))).rejects.toThrow(error);
    const after = await asRole(ownerUrl, (client) =>
      client.query<{ n: string }>(`SELECT count(*)::text AS n FROM measurement`),
    );
    expect(after.rows).toEqual(before.rows);
  });

  it('starts again as the restricted role alone, without the owner’s URL, when nothing is pending', async () => {
    await app?.stop();
    app = undefined;
    app = await startTestAppOn(database, { DATABASE_URL: appUrl, APP_TODAY: '2020-11-05' });
    const res = await call(app, 'GET', '/indicators/DS2020-5G/series?region=370100');
    expect(res.status, await res.text()).toBe(200);
  });

  it('refuses to start, in one line naming the fix, when a migration is pending that its role cannot apply', async () => {
    await app?.stop();
    app = undefined;
    // As if a new version were deployed without running its migrations first.
    const { rows } = await asRole(ownerUrl, (client) =>
      client.query<{ id: number; timestamp: string; name: string }>(
        `DELETE FROM schema_migration WHERE id = (SELECT max(id) FROM schema_migration)
         RETURNING id, timestamp::text, name`,
      ),
    );
    const [last] = rows;
    try {
      const config = loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: database.dataDir,
        DATABASE_URL: appUrl,
      });
      const failure = await startServer(config).then(
        async (started) => {
          await started.close();
          return undefined;
        },
        (error: unknown) => error as Error,
      );
      expect(failure?.name).toBe('StartupError');
      expect(failure?.message).not.toContain('\n');
      expect(failure?.message).toContain(last!.name);
      expect(failure?.message).toMatch(/npm run db:migrate/);
      expect(failure?.message).toMatch(/MIGRATION_DATABASE_URL/);
    } finally {
      await asRole(ownerUrl, (client) =>
        client.query(`INSERT INTO schema_migration (id, timestamp, name) VALUES ($1, $2, $3)`, [
          last!.id,
          last!.timestamp,
          last!.name,
        ]),
      );
    }
  });

  it('refuses to start on an empty database its role cannot create tables in', async () => {
    const empty = await createTestDatabase();
    try {
      const config = loadConfig({
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: empty.dataDir,
        DATABASE_URL: urlAs(empty.databaseUrl!, role, password),
      });
      await expect(startServer(config)).rejects.toThrow(/pending.*MIGRATION_DATABASE_URL/);
    } finally {
      await empty.drop();
    }
  });
});
