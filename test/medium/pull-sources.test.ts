import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { CronTime } from 'cron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  InboxSchema,
  PullRunSchema,
  PullSourceSchema,
  SeriesSchema,
  SubmissionDetailSchema,
} from '@zhibiao/contracts';
import { PullRunnerService } from '../../apps/api/src/reporting/pulls/pull-runner.service.js';
import { PullSourcesJob } from '../../apps/api/src/reporting/pulls/pull-sources.job.js';
import { SecretBox } from '../../apps/api/src/reporting/pulls/secret-box.js';
import { callAs, createSignedInUser, type Credentials } from '../support/accounts.js';
import { call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import { freePort } from '../support/free-port.js';
import { startTestApp, startTestAppOn, type TestApp } from '../support/test-app.js';
import { testServerUrl } from '../support/test-database.js';

// Scheduled pulls against a local HTTP server standing in for a unit's own system: it serves the
// template's CSV (or JSON) for the periods asked, and can be told to fail and then to recover. The
// telecom regulator (communications-administration) is assigned 5G (DS2020-5G) for the province and
// the cities. Today is 3 August 2020 with 40 days' grace: June and July are both still open.

const APP_TODAY = '2020-08-03';
const UNIT = 'communications-administration';
const KEY = randomBytes(32);
const CRON = '0 8 11 * *';
const HEADER = { name: 'X-Api-Token', value: 'token-s3cret-value' };

const Sources = z.object({ items: z.array(PullSourceSchema) });
const Runs = z.object({ items: z.array(PullRunSchema) });

/** The stand-in for a unit's system: what it was asked, and whether it fails. */
const upstream = {
  failing: false,
  requests: [] as { path: string; token: string | undefined }[],
  server: undefined as Server | undefined,
  /** The app's own XLSX template, served back as a unit's system would fill it. */
  xlsx: Buffer.alloc(0),
  base: '',
};

function csvFor(period: string, value: number, region = '370100'): string {
  return `indicator,region,period,value,valueType,numerator,denominator,note\nDS2020-5G,${region},${period},${value},increment,,,\n`;
}

function answer(req: IncomingMessage): { status: number; type: string; body: string } {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (upstream.failing) return { status: 500, type: 'text/plain', body: 'upstream down' };
  const period = /^\/figures\/(\d{4}-\d{2})\.csv$/.exec(path)?.[1];
  if (period)
    return { status: 200, type: 'text/csv', body: csvFor(period, 1000 + Number(period.slice(5))) };
  switch (path) {
    case '/figures.csv':
      return {
        status: 200,
        type: 'text/csv',
        body: csvFor(
          '2020-07',
          1207,
          new URL(req.url ?? '/', 'http://x').searchParams.get('region') ?? '370200',
        ),
      };
    case '/unknown-region.csv':
      return { status: 200, type: 'text/csv', body: csvFor('2020-07', 500, '379999') };
    case '/items.json':
      return {
        status: 200,
        type: 'application/json',
        body: JSON.stringify([
          {
            indicator: 'DS2020-5G',
            region: '370300',
            period: '2020-07',
            value: 333,
            valueType: 'increment',
          },
        ]),
      };
    case '/other-unit.csv':
      return {
        status: 200,
        type: 'text/csv',
        body: 'indicator,region,period,value,valueType,numerator,denominator,note\nDS2020-DIGITAL-CAMPUS,370100,2020-07,85.5,level,171,200,\n',
      };
    case '/template.xlsx':
      return { status: 200, type: 'application/octet-stream', body: '' };
    case '/to-file':
      return { status: 302, type: 'text/plain', body: '' };
    default:
      return { status: 404, type: 'text/plain', body: 'no such file' };
  }
}

let app: TestApp;
let reporter: Credentials;

const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> =>
  app.server.database.dataSource.query(text, params);

const create = (body: Record<string, unknown>, language?: 'en' | 'zh-CN') =>
  call(app, 'POST', '/reporting/sources', body, language);

const source = (overrides: Record<string, unknown> = {}) => ({
  department: UNIT,
  name: '通信管理局统计系统',
  url: `${upstream.base}/figures.csv`,
  format: 'csv',
  cron: CRON,
  indicators: ['DS2020-5G'],
  ...overrides,
});

async function created(overrides: Record<string, unknown> = {}) {
  return okBody(await create(source(overrides)), PullSourceSchema, 201);
}

async function getSource(id: string) {
  const { items } = await okBody(
    await call(app, 'GET', `/reporting/sources?department=${UNIT}`),
    Sources,
  );
  return items.find((s) => s.id === id)!;
}

async function runNow(id: string) {
  return okBody(await call(app, 'POST', `/reporting/sources/${id}/run`, {}), PullRunSchema, 201);
}

/** Makes the source due now, as its time coming would. */
async function makeDue(id: string): Promise<void> {
  await sql(`UPDATE pull_source SET next_run_at = now() - interval '1 second' WHERE id = $1`, [id]);
}

const minutesBetween = (from: string, to: string) =>
  (new Date(to).getTime() - new Date(from).getTime()) / 60_000;

beforeAll(async () => {
  const port = await freePort();
  upstream.server = createServer((req, res) => {
    upstream.requests.push({
      path: req.url ?? '',
      token: req.headers['x-api-token'] as string | undefined,
    });
    const { status, type, body } = answer(req);
    if (status === 302) res.setHeader('Location', 'file:///etc/passwd');
    res.writeHead(status, { 'Content-Type': type });
    res.end(req.url === '/template.xlsx' && status === 200 ? upstream.xlsx : body);
  });
  await new Promise<void>((resolve) => upstream.server!.listen(port, '127.0.0.1', resolve));
  upstream.base = `http://127.0.0.1:${port}`;
  app = await startTestApp({
    APP_TODAY,
    REPORT_GRACE_DAYS: '40',
    PULL_SECRET_KEY: KEY.toString('base64'),
    PULL_SCHEDULE: '0',
  });
  reporter = (await createSignedInUser(app, { department: UNIT, roles: ['reporter'] })).bearer;
});
afterAll(async () => {
  await app?.stop();
  await new Promise<void>((resolve) =>
    upstream.server ? upstream.server.close(() => resolve()) : resolve(),
  );
});

describe('registering a pull source', () => {
  it('refuses a cron that does not parse, a URL not http(s), an unassigned indicator, an unknown unit — coded, in both languages, nothing stored', async () => {
    const cron = await issuesOf(await create(source({ cron: '61 * * * *' }), 'en'));
    expect(cron).toEqual([expect.objectContaining({ path: 'body.cron', code: 'cron_invalid' })]);
    expect(cron[0]!.message).toContain('the cron expression "61 * * * *" does not parse');
    const cronZh = await issuesOf(await create(source({ cron: '61 * * * *' }), 'zh-CN'));
    expect(cronZh[0]!.message).toContain('定时表达式“61 * * * *”无法解析');

    const url = await issuesOf(await create(source({ url: 'ftp://example.org/f.csv' }), 'en'));
    expect(url).toEqual([
      {
        path: 'body.url',
        code: 'invalid_format',
        message: 'the URL must start with http:// or https://',
      },
    ]);
    const urlZh = await issuesOf(await create(source({ url: 'file:///etc/passwd' }), 'zh-CN'));
    expect(urlZh[0]!.message).toContain('http:// 或 https://');

    const unassigned = await issuesOf(
      await create(source({ indicators: ['DS2020-5G', 'DS2020-DIGITAL-CAMPUS'] }), 'en'),
    );
    expect(unassigned).toEqual([
      expect.objectContaining({ path: 'body.indicators.1', code: 'indicator_not_assigned' }),
    ]);
    expect(unassigned[0]!.message).toContain('DS2020-DIGITAL-CAMPUS is not assigned to');
    const unassignedZh = await issuesOf(
      await create(source({ indicators: ['DS2020-DIGITAL-CAMPUS'] }), 'zh-CN'),
    );
    expect(unassignedZh[0]!.message).toContain('未分配给');

    const unit = await issuesOf(await create(source({ department: 'nowhere' }), 'en'));
    expect(unit).toEqual([
      expect.objectContaining({ path: 'body.department', code: 'unknown_department' }),
    ]);
    expect(unit[0]!.message).toContain('nowhere');

    // Every problem at once.
    const both = await issuesOf(
      await create(source({ cron: 'whenever', indicators: ['DS2020-DIGITAL-CAMPUS'] })),
    );
    expect(both.map((i) => i.code).sort()).toEqual(['cron_invalid', 'indicator_not_assigned']);

    expect(await sql(`SELECT id FROM pull_source`)).toEqual([]);
    expect((await okBody(await call(app, 'GET', '/reporting/sources'), Sources)).items).toEqual([]);
  });

  it('stores the auth header encrypted and answers only its name; runs next at the cron’s time', async () => {
    const before = Date.now();
    const res = await create(
      source({
        name: '带认证的数据源',
        url: `${upstream.base}/figures.csv?region=370400`,
        authHeader: HEADER,
      }),
    );
    const text = await res.text();
    expect(res.status, text).toBe(201);
    expect(text).not.toContain(HEADER.value);
    const answered = PullSourceSchema.parse(JSON.parse(text));
    expect(answered.authHeader).toEqual({ name: 'X-Api-Token' });
    expect(answered).toMatchObject({
      department: { code: UNIT },
      periods: 'previous',
      enabled: true,
      maxFailures: 3,
      consecutiveFailures: 0,
      flaggedAt: null,
      lastRun: null,
      createdBy: 'admin',
    });
    // 08:00 on the 11th in Shanghai, after now.
    const next = new CronTime(CRON, 'Asia/Shanghai')
      .getNextDateFrom(new Date(before), 'Asia/Shanghai')
      .toJSDate();
    expect(answered.nextRunAt).toBe(next.toISOString());

    const [row] = await sql<{ auth_header: string }>(
      `SELECT auth_header FROM pull_source WHERE id = $1`,
      [answered.id],
    );
    expect(row!.auth_header).toMatch(/^v1:[^:]+:[^:]+:[^:]+$/);
    expect(row!.auth_header).not.toContain(HEADER.value);
    expect(new SecretBox(KEY).open(row!.auth_header)).toContain(HEADER.value);

    const listed = await call(app, 'GET', '/reporting/sources');
    expect(await listed.text()).not.toContain(HEADER.value);
    const audit = await call(app, 'GET', '/audit?action=pull_source.create');
    const auditText = await audit.text();
    expect(auditText).toContain('带认证的数据源');
    expect(auditText).not.toContain(HEADER.value);

    // The server receives the header on a pull.
    upstream.requests = [];
    const run = await runNow(answered.id);
    expect(run.outcome).toBe('succeeded');
    expect(upstream.requests).toEqual([
      { path: '/figures.csv?region=370400', token: HEADER.value },
    ]);

    // A patch that removes it.
    const patched = await okBody(
      await call(app, 'PATCH', `/reporting/sources/${answered.id}`, { authHeader: null }),
      PullSourceSchema,
    );
    expect(patched.authHeader).toBeNull();
  });

  it('refuses a changed cron that does not parse and changes nothing', async () => {
    const s = await created({ name: '改定时' });
    const issues = await issuesOf(
      await call(app, 'PATCH', `/reporting/sources/${s.id}`, {
        cron: '0 0 30 2 *',
        name: '新名字',
      }),
    );
    expect(issues).toEqual([expect.objectContaining({ path: 'body.cron', code: 'cron_invalid' })]);
    expect(await getSource(s.id)).toMatchObject({ name: '改定时', cron: CRON });
    const unassigned = await issuesOf(
      await call(app, 'PATCH', `/reporting/sources/${s.id}`, {
        indicators: ['DS2020-5G', 'DS2020-DIGITAL-CAMPUS'],
      }),
    );
    expect(unassigned).toEqual([
      expect.objectContaining({ path: 'body.indicators.1', code: 'indicator_not_assigned' }),
    ]);
    // A new cron moves the next run to its time.
    const changed = await okBody(
      await call(app, 'PATCH', `/reporting/sources/${s.id}`, { cron: '0 9 1 * *' }),
      PullSourceSchema,
    );
    expect(new Date(changed.nextRunAt!).getUTCDate()).toBe(1);
    expect(new Date(changed.nextRunAt!).getUTCHours()).toBe(1);
    await errorBody(
      await call(app, 'PATCH', '/reporting/sources/999999', { name: 'x' }),
      404,
      'pull_source_not_found',
    );
  });
});

describe('a pull', () => {
  let id: string;

  it('runs on demand: a submission with source pull, the figures stored', async () => {
    id = (await created({ name: '5G 月报接口', url: `${upstream.base}/figures.csv` })).id;
    const run = await runNow(id);
    expect(run).toMatchObject({
      sourceId: id,
      trigger: 'manual',
      attempt: 1,
      periods: ['2020-07'],
      outcome: 'succeeded',
      httpStatus: 200,
      error: null,
    });
    expect(run.finishedAt).not.toBeNull();
    const submission = await okBody(
      await call(app, 'GET', `/submissions/${run.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(submission).toMatchObject({
      source: 'pull',
      department: UNIT,
      status: 'applied',
      accepted: 1,
      actor: { kind: 'system', id: `pull:${id}`, name: '数据源：5G 月报接口' },
    });
    const series = await okBody(
      await call(app, 'GET', '/indicators/DS2020-5G/series?region=370200'),
      SeriesSchema,
    );
    expect(series.points.find((p) => p.period === '2020-07')).toMatchObject({
      value: 1207,
      submissionId: run.submissionId,
    });
    expect((await getSource(id)).lastRun).toEqual(run);
  });

  it('records a failure with its status and reason, retries with backoff, flags the source at max failures and tells the unit’s reporters once', async () => {
    upstream.failing = true;
    const first = await runNow(id);
    expect(first).toMatchObject({ outcome: 'failed', httpStatus: 500, submissionId: null });
    expect(first.error).toMatch(/^HTTP 500/);
    let state = await getSource(id);
    expect(state.consecutiveFailures).toBe(1);
    expect(minutesBetween(first.finishedAt!, state.nextRunAt!)).toBe(5);

    const job = app.server.app.get(PullSourcesJob);
    const expectedWaits = [10, 20];
    for (const [index, wait] of expectedWaits.entries()) {
      await makeDue(id);
      expect(await job.run()).toBe(true);
      state = await getSource(id);
      expect(state.lastRun).toMatchObject({
        trigger: 'retry',
        attempt: index + 2,
        outcome: 'failed',
        httpStatus: 500,
      });
      expect(state.consecutiveFailures).toBe(index + 2);
      expect(minutesBetween(state.lastRun!.finishedAt!, state.nextRunAt!)).toBe(wait);
    }
    // The third failure in a row (max_failures 3) flags it.
    expect(state.flaggedAt).toBe(state.lastRun!.finishedAt);
    const messages = async () =>
      (
        await okBody(await callAs(app, reporter, 'GET', '/inbox?limit=50'), InboxSchema)
      ).items.filter((item) => item.event === 'pull_failing');
    const [told, ...more] = await messages();
    expect(more).toEqual([]);
    expect(told!.message).toMatchObject({
      kind: 'pull_failing',
      department: { code: UNIT },
      items: [{ kind: 'source', source: { code: id, name: '5G 月报接口' } }],
    });
    expect(told!.message!.items[0]!.detail).toMatch(/^HTTP 500/);

    // A fourth failure: flagged since the third, nobody told again; the backoff keeps doubling.
    await makeDue(id);
    await job.run();
    const after = await getSource(id);
    expect(after.consecutiveFailures).toBe(4);
    expect(after.flaggedAt).toBe(state.flaggedAt);
    expect(minutesBetween(after.lastRun!.finishedAt!, after.nextRunAt!)).toBe(40);
    expect(await messages()).toHaveLength(1);

    // Not due: the job leaves it alone.
    upstream.requests = [];
    await job.run();
    expect(upstream.requests).toEqual([]);
  });

  it('succeeds again once the server recovers: counters reset, flag cleared, back on the cron', async () => {
    upstream.failing = false;
    await makeDue(id);
    await app.server.app.get(PullSourcesJob).run();
    const state = await getSource(id);
    expect(state.lastRun).toMatchObject({ trigger: 'retry', attempt: 5, outcome: 'succeeded' });
    expect(state.consecutiveFailures).toBe(0);
    expect(state.flaggedAt).toBeNull();
    const next = new CronTime(CRON, 'Asia/Shanghai')
      .getNextDateFrom(new Date(state.lastRun!.finishedAt!), 'Asia/Shanghai')
      .toJSDate();
    expect(state.nextRunAt).toBe(next.toISOString());
    // Nothing new: the same figure again is unchanged.
    const submission = await okBody(
      await call(app, 'GET', `/submissions/${state.lastRun!.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(submission).toMatchObject({ status: 'applied', accepted: 0, unchanged: 1 });

    const { items } = await okBody(
      await call(app, 'GET', `/reporting/sources/${id}/runs?limit=3`),
      Runs,
    );
    expect(items.map((r) => [r.attempt, r.outcome])).toEqual([
      [5, 'succeeded'],
      [4, 'failed'],
      [3, 'failed'],
    ]);
  });

  it('asks for each open period with {period} in the URL', async () => {
    const s = await created({
      name: '按期接口',
      url: `${upstream.base}/figures/{period}.csv`,
      periods: 'open',
    });
    upstream.requests = [];
    const run = await runNow(s.id);
    expect(run).toMatchObject({ periods: ['2020-06', '2020-07'], outcome: 'succeeded' });
    expect(upstream.requests.map((r) => r.path)).toEqual([
      '/figures/2020-06.csv',
      '/figures/2020-07.csv',
    ]);
    const series = await okBody(
      await call(app, 'GET', '/indicators/DS2020-5G/series?region=370100'),
      SeriesSchema,
    );
    expect(
      series.points.filter((p) => p.source === 'reported').map((p) => [p.period, p.value]),
    ).toEqual([
      ['2020-06', 1006],
      ['2020-07', 1007],
    ]);

    // "previous" asks for July only.
    await call(app, 'PATCH', `/reporting/sources/${s.id}`, { periods: 'previous' });
    upstream.requests = [];
    expect((await runNow(s.id)).periods).toEqual(['2020-07']);
    expect(upstream.requests.map((r) => r.path)).toEqual(['/figures/2020-07.csv']);
  });

  it('reads JSON as the body of POST /measurements or a bare array of its items', async () => {
    const s = await created({
      name: 'JSON 接口',
      url: `${upstream.base}/items.json`,
      format: 'json',
    });
    const run = await runNow(s.id);
    expect(run.outcome).toBe('succeeded');
    const submission = await okBody(
      await call(app, 'GET', `/submissions/${run.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(submission).toMatchObject({ source: 'pull', accepted: 1 });
    // A CSV declared as JSON is an unreadable body: failed, nothing stored.
    await call(app, 'PATCH', `/reporting/sources/${s.id}`, { url: `${upstream.base}/figures.csv` });
    const unreadable = await runNow(s.id);
    expect(unreadable).toMatchObject({ outcome: 'failed', httpStatus: 200, submissionId: null });
    expect(unreadable.error).toBe('the body is not JSON');
  });

  it('reads XLSX exactly as an upload: the template sent back stores nothing new', async () => {
    const template = await call(app, 'GET', `/templates?department=${UNIT}&period=2020-07`);
    expect(template.status).toBe(200);
    upstream.xlsx = Buffer.from(await template.arrayBuffer());
    const s = await created({
      name: 'XLSX 接口',
      url: `${upstream.base}/template.xlsx`,
      format: 'xlsx',
    });
    const run = await runNow(s.id);
    expect(run).toMatchObject({ outcome: 'succeeded', error: null });
    const submission = await okBody(
      await call(app, 'GET', `/submissions/${run.submissionId}`),
      SubmissionDetailSchema,
    );
    // The prefilled July figures read back unchanged; the rows left blank are not reported.
    expect(submission).toMatchObject({
      source: 'pull',
      fileName: `pull-${s.id}.xlsx`,
      status: 'applied',
      accepted: 0,
    });
    expect(submission.unchanged).toBeGreaterThan(0);
  });

  it('is rejected when the checks refuse what it fetched, naming the submission', async () => {
    const s = await created({ name: '错误地区', url: `${upstream.base}/unknown-region.csv` });
    const run = await runNow(s.id);
    expect(run.outcome).toBe('rejected');
    expect(run.submissionId).not.toBeNull();
    expect(run.error).toContain(`submission ${run.submissionId} was rejected`);
    const submission = await okBody(
      await call(app, 'GET', `/submissions/${run.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(submission).toMatchObject({ source: 'pull', status: 'rejected' });
    expect((await getSource(s.id)).consecutiveFailures).toBe(1);

    // A source reports what its unit is assigned, as the unit's reporters do: not the schools'.
    await call(app, 'PATCH', `/reporting/sources/${s.id}`, {
      url: `${upstream.base}/other-unit.csv`,
    });
    const outside = await runNow(s.id);
    expect(outside.outcome).toBe('rejected');
    const refused = await okBody(
      await call(app, 'GET', `/submissions/${outside.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(refused.report.errors.map((e) => e.code)).toEqual(['outside_assignment']);
  });

  it('fails clearly on a 404, a redirect to another scheme, and a header sealed under another key', async () => {
    const missing = await created({ name: '不存在', url: `${upstream.base}/nothing.csv` });
    expect(await runNow(missing.id)).toMatchObject({
      outcome: 'failed',
      httpStatus: 404,
      error: 'HTTP 404 Not Found',
    });
    const redirect = await created({ name: '跳转', url: `${upstream.base}/to-file` });
    const redirected = await runNow(redirect.id);
    expect(redirected).toMatchObject({ outcome: 'failed' });
    expect(redirected.error).toContain('refused to fetch file: URL');

    const rekeyed = await created({ name: '换了密钥', authHeader: HEADER });
    await sql(`UPDATE pull_source SET auth_header = $2 WHERE id = $1`, [
      rekeyed.id,
      new SecretBox(randomBytes(32)).seal(JSON.stringify(HEADER)),
    ]);
    upstream.requests = [];
    const run = await runNow(rekeyed.id);
    expect(run).toMatchObject({ outcome: 'failed', httpStatus: null });
    expect(run.error).toContain('cannot be decrypted');
    expect(upstream.requests).toEqual([]);
  });

  it('answers 409 while a run of the source is under way', async () => {
    const s = await created({ name: '正在运行' });
    await sql(
      `INSERT INTO pull_run (source_id, trigger, attempt, periods, started_at) VALUES ($1, 'schedule', 1, '{}', now())`,
      [s.id],
    );
    await errorBody(
      await call(app, 'POST', `/reporting/sources/${s.id}/run`, {}),
      409,
      'pull_source_running',
    );
    // Nor does the job start it meanwhile.
    await makeDue(s.id);
    upstream.requests = [];
    await app.server.app.get(PullSourcesJob).run();
    expect(upstream.requests).toEqual([]);
    // A run started longer ago than the lease is dead: the next run ends it as interrupted.
    await sql(`UPDATE pull_run SET started_at = now() - interval '1 hour' WHERE source_id = $1`, [
      s.id,
    ]);
    expect((await runNow(s.id)).outcome).toBe('succeeded');
    const { items } = await okBody(await call(app, 'GET', `/reporting/sources/${s.id}/runs`), Runs);
    expect(items.map((r) => [r.trigger, r.outcome])).toEqual([
      ['manual', 'succeeded'],
      ['schedule', 'failed'],
    ]);
    expect(items[1]!.error).toContain('interrupted');
  });

  it('is deleted with its runs; its submissions stay', async () => {
    const s = await created({ name: '要删除的' });
    const run = await runNow(s.id);
    const res = await call(app, 'DELETE', `/reporting/sources/${s.id}`);
    expect(res.status).toBe(204);
    expect(await sql(`SELECT id FROM pull_run WHERE source_id = $1`, [s.id])).toEqual([]);
    await errorBody(
      await call(app, 'GET', `/reporting/sources/${s.id}/runs`),
      404,
      'pull_source_not_found',
    );
    expect((await call(app, 'GET', `/submissions/${run.submissionId}`)).status).toBe(200);
    const audit = await (await call(app, 'GET', '/audit?action=pull_source.delete')).text();
    expect(audit).toContain('要删除的');
  });
});

describe('two processes on one database', () => {
  // PGlite is one process (its DATA_DIR is locked): two apps can share only a PostgreSQL server.
  it.skipIf(testServerUrl() === undefined)('run a due source once between them', async () => {
    const second = await startTestAppOn(app.database, {
      APP_TODAY,
      REPORT_GRACE_DAYS: '40',
      PULL_SECRET_KEY: KEY.toString('base64'),
      PULL_SCHEDULE: '0',
    });
    try {
      const s = await created({ name: '两个进程', url: `${upstream.base}/figures/{period}.csv` });
      const runners = [app, second].map((a) => a.server.app.get(PullRunnerService));
      await makeDue(s.id);
      upstream.requests = [];
      // The runners themselves, past the job lock: the claim alone keeps it to one run.
      const ran = await Promise.all(runners.map((r) => r.runDue()));
      expect(ran.sort()).toEqual([0, 1]);
      expect(await sql(`SELECT id FROM pull_run WHERE source_id = $1`, [s.id])).toHaveLength(1);
      expect(upstream.requests).toHaveLength(1);
      // And through the jobs, under the job lock.
      await makeDue(s.id);
      const jobs = [app, second].map((a) => a.server.app.get(PullSourcesJob));
      await Promise.all(jobs.map((j) => j.run()));
      expect(await sql(`SELECT id FROM pull_run WHERE source_id = $1`, [s.id])).toHaveLength(2);
      expect(upstream.requests).toHaveLength(2);
    } finally {
      await second.stop();
    }
  });
});

describe('without PULL_SECRET_KEY', () => {
  let bare: TestApp | undefined;
  afterAll(async () => {
    await bare?.stop();
  });

  it('refuses an auth header with 503 pull_secret_key_missing and stores nothing', async () => {
    bare = await startTestApp({ SEED: '0', PULL_SCHEDULE: '0' });
    const res = await bare.api('/api/v1/reporting/sources', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      body: JSON.stringify(source({ authHeader: HEADER })),
    });
    const envelope = await errorBody(res, 503, 'pull_secret_key_missing');
    expect(envelope.message).toContain('PULL_SECRET_KEY is not set');
    expect(await bare.server.database.dataSource.query(`SELECT id FROM pull_source`)).toEqual([]);
  });
});
