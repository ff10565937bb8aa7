import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IndicatorDetailSchema,
  MeasureReportSchema,
  PlanDetailSchema,
  ReportingHistorySchema,
  ReportingStatusSchema,
  SubmissionReportSchema,
  type ReportingHistory,
  type ReportingStatusReport,
  type ReportingStatusRow,
} from '@zhibiao/contracts';
import type { IsoDate } from '@zhibiao/core';
import { Clock } from '../../apps/api/src/common/clock.js';
import { callAs, createSignedInUser, type Credentials } from '../support/accounts.js';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The reporting calendar (报送日历, issue 17): every expected report of a period — a unit's figures of
// an indicator for a region, a lead unit's report on a measure — with its due day and where it stands
// as of a day (due, submitted, late, missing, returned), and DHIS2's completeness and timeliness.
//
// The fixture, plan TP-CAL (2020), grace 5 days (the default):
//   TP-CAL-M1 monthly, due day 5  → big-data-bureau (BDB) for 370100 and 370200: June closes 07-10
//   TP-CAL-M2 monthly, due day 10 → industry-it (IIT) for 370100:                 June closes 07-15
//   TP-CAL-Q  quarterly, due 15   → IIT for 370000, expected in 03/06/09/12 only: June closes 07-20
//   measure TP-CAL-1.1-1, led by BDB (IIT supports: no report expected of it): due 07-10, no grace
// What happens for June:
//   07-03 BDB sends M1/370200 · 07-08 BDB sends its report · 07-12 BDB sends M1/370100 (late) and
//   corrects M1/370200, IIT sends Q/370000, the bureau returns BDB's report · 07-13 the bureau returns
//   IIT's June figures (approval on from June) · 07-14 IIT resends Q/370000, BDB resends its report.

const TODAY = '2020-07-20';
const PLAN = 'TP-CAL';
const BDB = 'big-data-bureau';
const IIT = 'industry-it';
const MEASURE = 'TP-CAL-1.1-1';
const RETURNED_AT = '2020-07-13T10:00:00+08:00';

let app: TestApp;
let bdb: Credentials;
let iit: Credentials;
let analyst: Credentials;
let leader: Credentials;

const on = async <T>(day: IsoDate, act: () => Promise<T>): Promise<T> => {
  const clock = app.server.app.get(Clock);
  clock.pin(day);
  try {
    return await act();
  } finally {
    clock.pin(TODAY);
  }
};

const sql = (text: string, params: unknown[] = []): Promise<unknown> =>
  app.server.database.dataSource.query(text, params);

async function send(
  who: Credentials,
  indicator: string,
  region: string,
  value: number,
  period = '2020-06',
): Promise<string> {
  const res = await callAs(app, who, 'POST', '/measurements', {
    items: [{ indicator, region, period, value, valueType: 'increment', note: '按时报送或更正' }],
  });
  const report = await okBody(res, SubmissionReportSchema);
  expect(report, JSON.stringify(report)).toMatchObject({ status: 'applied', accepted: 1 });
  return report.submissionId ?? '';
}

async function fileReport(period = '2020-06'): Promise<string> {
  const res = await callAs(app, bdb, 'POST', `/measures/${MEASURE}/reports`, {
    period,
    progress: '完成平台对接',
    status: 'on_track',
  });
  return (await okBody(res, MeasureReportSchema, 201)).id;
}

const status = async (query: string, who?: Credentials): Promise<ReportingStatusReport> =>
  okBody(
    who
      ? await callAs(app, who, 'GET', `/reporting/status?${query}`)
      : await call(app, 'GET', `/reporting/status?${query}`),
    ReportingStatusSchema,
  );

const june = (asOf: IsoDate, extra = '') =>
  status(`period=2020-06&plan=${PLAN}&asOf=${asOf}${extra}`);

function rowOf(
  report: ReportingStatusReport,
  subject: string,
  region: string | null = null,
): ReportingStatusRow {
  const row = report.rows.find(
    (r) =>
      (r.indicator?.code ?? r.measure?.code) === subject &&
      (region === null || r.region?.code === region),
  );
  if (!row) throw new Error(`no row ${subject} ${region ?? ''}`);
  return row;
}

/** Status of each row, keyed `subject/region`. */
const statuses = (report: ReportingStatusReport) =>
  Object.fromEntries(
    report.rows.map((r) => [
      `${r.indicator?.code ?? r.measure?.code}/${r.region?.code ?? '-'}`,
      r.status,
    ]),
  );

const rates = (expected: number, reported: number, onTime: number) => ({
  expected,
  reported,
  onTime,
  completeness: expected === 0 ? null : reported / expected,
  timeliness: expected === 0 ? null : onTime / expected,
});

let firstM1 = '';
let reportId = '';

beforeAll(async () => {
  app = await startTestApp({ APP_TODAY: TODAY });
  const reporter = async (department: string) =>
    (await createSignedInUser(app, { roles: ['reporter'], department })).bearer;
  bdb = await reporter(BDB);
  iit = await reporter(IIT);
  analyst = (await createSignedInUser(app, { roles: ['analyst'] })).bearer;
  leader = (await createSignedInUser(app, { roles: ['leader'] })).bearer;

  await okBody(
    await call(app, 'POST', '/plans', {
      code: PLAN,
      title: '报送日历测试',
      startYear: 2020,
      endYear: 2020,
      status: 'published',
    }),
    PlanDetailSchema,
    201,
  );
  const indicator = async (
    code: string,
    lead: string,
    regions: string[],
    extra: Record<string, unknown>,
  ) =>
    okBody(
      await call(app, 'POST', `/plans/${PLAN}/indicators`, {
        code,
        name: `${code} 指标`,
        unit: '个',
        kind: 'cumulative',
        deadline: '2020-12-31',
        target: { comparator: '>=', value: 1000 },
        leadDepartments: [lead],
        regions,
        ...extra,
      }),
      IndicatorDetailSchema,
      201,
    );
  await indicator('TP-CAL-M1', BDB, ['370100', '370200'], { dueDay: 5 });
  await indicator('TP-CAL-M2', IIT, ['370100'], { dueDay: 10 });
  await indicator('TP-CAL-Q', IIT, ['370000'], { dueDay: 15, frequency: 'quarterly' });
  // Measures come from plan documents (seed or import); one is enough here.
  await sql(
    `INSERT INTO measure (code, plan_code, position, name, source_text, source_start, source_end)
     VALUES ($1, $2, 1, '建设数据共享平台', '建设数据共享平台', 0, 8)`,
    [MEASURE, PLAN],
  );
  await sql(
    `INSERT INTO measure_department (measure_code, department_code, role, position)
     VALUES ($1, $2, 'lead', 1), ($1, $3, 'support', 2)`,
    [MEASURE, BDB, IIT],
  );

  firstM1 = await on('2020-07-03', () => send(bdb, 'TP-CAL-M1', '370200', 10));
  reportId = await on('2020-07-08', () => fileReport());
  await on('2020-07-12', async () => {
    await send(bdb, 'TP-CAL-M1', '370100', 5);
    await send(bdb, 'TP-CAL-M1', '370200', 11);
    await send(iit, 'TP-CAL-Q', '370000', 30);
    const res = await callAs(app, analyst, 'POST', `/measure-reports/${reportId}/review`, {
      decision: 'return',
      comment: '请补充对接单位清单',
    });
    expect(res.status, await res.text()).toBe(200);
  });
  // The approval of figures (another part of issue 17) on from June, and IIT's June returned.
  await sql(`UPDATE plan SET approval_from = '2020-06-01' WHERE code = $1`, [PLAN]);
  await sql(
    `INSERT INTO approval_event (plan_code, department_code, period_date, action, comment, actor, at)
     VALUES ($1, $2, '2020-06-01', 'returned', '口径有误，请核实', 'analyst', $3)`,
    [PLAN, IIT, RETURNED_AT],
  );
  await on('2020-07-14', async () => {
    await send(iit, 'TP-CAL-Q', '370000', 31);
    await fileReport();
  });
});
afterAll(async () => {
  await app?.stop();
});

describe('GET /reporting/status', () => {
  it('expects each assigned figure and each lead unit’s report, with their due and closing days', async () => {
    const report = await june('2020-07-05');
    expect(report.rows).toHaveLength(5);
    expect(report.rows.map((r) => [r.kind, r.department.code, r.due, r.closesOn])).toEqual([
      ['figure', BDB, '2020-07-05', '2020-07-10'],
      ['figure', BDB, '2020-07-05', '2020-07-10'],
      ['figure', IIT, '2020-07-10', '2020-07-15'],
      ['figure', IIT, '2020-07-15', '2020-07-20'],
      ['report', BDB, '2020-07-10', '2020-07-10'],
    ]);
    // Support units owe no report.
    expect(report.rows.filter((r) => r.kind === 'report').map((r) => r.department.code)).toEqual([
      BDB,
    ]);
    expect(rowOf(report, 'TP-CAL-Q')).toMatchObject({
      plan: PLAN,
      indicator: { code: 'TP-CAL-Q', frequency: 'quarterly' },
      measure: null,
      region: { code: '370000' },
    });
    expect(rowOf(report, MEASURE)).toMatchObject({
      measure: { code: MEASURE, name: '建设数据共享平台' },
      indicator: null,
      region: null,
      approval: null,
      source: null,
    });
  });

  it('expects a quarterly indicator in quarter-end months only', async () => {
    const may = await status(`period=2020-05&plan=${PLAN}&asOf=2020-07-20`);
    expect(Object.keys(statuses(may)).sort()).toEqual([
      `${MEASURE}/-`,
      'TP-CAL-M1/370100',
      'TP-CAL-M1/370200',
      'TP-CAL-M2/370100',
    ]);
    // Nothing was sent for May: everything is missing after it closed.
    expect(may.counts).toEqual({ due: 0, submitted: 0, late: 0, missing: 4, returned: 0 });
    expect(may.rates).toEqual(rates(4, 0, 0));
  });

  it('shows a past day as it was: due until the closing day, submitted when on time', async () => {
    const report = await june('2020-07-05');
    expect(statuses(report)).toEqual({
      'TP-CAL-M1/370200': 'submitted',
      'TP-CAL-M1/370100': 'due',
      'TP-CAL-M2/370100': 'due',
      'TP-CAL-Q/370000': 'due',
      [`${MEASURE}/-`]: 'due',
    });
    const m1 = rowOf(report, 'TP-CAL-M1', '370200');
    // The correction of 07-12 is not known yet on 07-05.
    expect(m1.submittedAt).toBe(m1.lastRevisionAt);
    expect(m1.reference).toBe(firstM1);
    expect(report.counts).toEqual({ due: 4, submitted: 1, late: 0, missing: 0, returned: 0 });
    expect(report.rates).toEqual(rates(5, 1, 1));
    expect(report.asOf).toBe('2020-07-05');
  });

  it('keeps the first submission’s verdict through a correction, and shows late and returned', async () => {
    const report = await june('2020-07-12');
    expect(statuses(report)).toEqual({
      'TP-CAL-M1/370200': 'submitted',
      'TP-CAL-M1/370100': 'late',
      'TP-CAL-M2/370100': 'due',
      'TP-CAL-Q/370000': 'submitted',
      [`${MEASURE}/-`]: 'returned',
    });
    const corrected = rowOf(report, 'TP-CAL-M1', '370200');
    expect(corrected.reference).toBe(firstM1);
    expect(corrected.submittedAt?.slice(0, 10)).toBe('2020-07-03');
    expect(corrected.lastRevisionAt?.slice(0, 10)).not.toBe('2020-07-03');
    expect(Date.parse(corrected.lastRevisionAt ?? '')).toBeGreaterThan(
      Date.parse(corrected.submittedAt ?? ''),
    );
    // Under approval from June: BDB's figures wait for the bureau.
    expect(corrected.approval).toBe('pending');
    const returned = rowOf(report, MEASURE);
    expect(returned).toMatchObject({
      returnComment: '请补充对接单位清单',
      reference: reportId,
    });
    expect(returned.submittedAt).not.toBeNull();

    // Hand-computed: reported M1×2, Q, the report (returned, received); on time M1/370200, Q, report.
    expect(report.counts).toEqual({ due: 1, submitted: 2, late: 1, missing: 0, returned: 1 });
    expect(report.rates).toEqual(rates(5, 4, 3));
    expect(report.byDepartment).toEqual([
      { department: { code: BDB, name: expect.any(String) as string }, rates: rates(3, 3, 2) },
      { department: { code: IIT, name: expect.any(String) as string }, rates: rates(2, 1, 1) },
    ]);
    expect(report.bySubject.map((s) => [s.kind, s.code, s.rates])).toEqual([
      ['figure', 'TP-CAL-M1', rates(2, 2, 1)],
      ['figure', 'TP-CAL-M2', rates(1, 0, 0)],
      ['figure', 'TP-CAL-Q', rates(1, 1, 1)],
      ['report', MEASURE, rates(1, 1, 1)],
    ]);
    expect(report.byRegion.map((r) => [r.region.code, r.rates])).toEqual([
      ['370000', rates(1, 1, 1)],
      ['370100', rates(2, 1, 0)],
      ['370200', rates(1, 1, 1)],
    ]);
  });

  it('shows a unit’s period returned by the bureau as returned, with the comment', async () => {
    const report = await june('2020-07-13');
    const iitRows = report.rows.filter((r) => r.department.code === IIT);
    expect(iitRows.map((r) => [r.indicator?.code, r.status, r.approval, r.returnComment])).toEqual([
      ['TP-CAL-M2', 'returned', 'returned', '口径有误，请核实'],
      ['TP-CAL-Q', 'returned', 'returned', '口径有误，请核实'],
    ]);
    // M2 was never received: returned with its unit's period, but not reported.
    expect(report.counts).toEqual({ due: 0, submitted: 1, late: 1, missing: 0, returned: 3 });
    expect(report.rates).toEqual(rates(5, 4, 3));
  });

  it('is no longer returned once resubmitted: the first submission still decides on time', async () => {
    const report = await june('2020-07-14');
    expect(statuses(report)).toEqual({
      'TP-CAL-M1/370200': 'submitted',
      'TP-CAL-M1/370100': 'late',
      'TP-CAL-M2/370100': 'due',
      'TP-CAL-Q/370000': 'submitted',
      [`${MEASURE}/-`]: 'submitted',
    });
    const q = rowOf(report, 'TP-CAL-Q');
    expect(q).toMatchObject({ approval: 'pending', returnComment: null });
    expect(q.submittedAt?.slice(0, 10)).toBe('2020-07-12');
    const measureRow = rowOf(report, MEASURE);
    expect(measureRow.submittedAt?.slice(0, 10)).toBe('2020-07-08');
    expect(measureRow.reference).not.toBe(reportId);
    expect(report.rates).toEqual(rates(5, 4, 3));
  });

  it('turns due into missing after the closing day (M2 closes on 07-15)', async () => {
    expect(statuses(await june('2020-07-15'))['TP-CAL-M2/370100']).toBe('due');
    const report = await june('2020-07-16');
    expect(report.counts).toEqual({ due: 0, submitted: 3, late: 1, missing: 1, returned: 0 });
    expect(report.rates).toEqual(rates(5, 4, 3));
  });

  it('defaults to today, and a period not over yet is all due', async () => {
    expect((await june(TODAY)).rates).toEqual((await status(`period=2020-06&plan=${PLAN}`)).rates);
    const july = await status(`period=2020-07&plan=${PLAN}`);
    expect(july.asOf).toBe(TODAY);
    expect(july.counts).toEqual({ due: 4, submitted: 0, late: 0, missing: 0, returned: 0 });
  });

  it('narrows rows with status, and rows and rates with kind, department and region', async () => {
    const late = await june('2020-07-16', '&status=late');
    expect(late.rows.map((r) => r.indicator?.code)).toEqual(['TP-CAL-M1']);
    expect(late.rates).toEqual(rates(5, 4, 3));
    expect(late.counts.submitted).toBe(3);

    const reports = await june('2020-07-16', '&kind=report');
    expect(reports.rows.map((r) => r.kind)).toEqual(['report']);
    expect(reports.rates).toEqual(rates(1, 1, 1));

    const unit = await june('2020-07-16', `&department=${IIT}`);
    expect(unit.rows.every((r) => r.department.code === IIT)).toBe(true);
    expect(unit.rates).toEqual(rates(2, 1, 1));

    // A region narrows to figures of it: reports on measures have none.
    const jinan = await june('2020-07-16', '&region=370100');
    expect(statuses(jinan)).toEqual({ 'TP-CAL-M1/370100': 'late', 'TP-CAL-M2/370100': 'missing' });
    expect(jinan.rates).toEqual(rates(2, 1, 0));
  });

  it('answers no rows and null rates for a period outside every plan', async () => {
    const report = await status(`period=2019-06&plan=${PLAN}`);
    expect(report.rows).toEqual([]);
    expect(report.rates).toEqual(rates(0, 0, 0));
    expect(report.byDepartment).toEqual([]);
  });

  it('names the pull source of a figure, and lists the failing ones', async () => {
    await sql(
      `INSERT INTO pull_source (department_code, name, url, format, cron, indicators, enabled,
                                consecutive_failures, flagged_at, created_by, created_at, updated_at)
       VALUES ($1, '工信厅数据接口', 'https://example.test/{period}', 'json', '0 2 * * *',
               ARRAY['TP-CAL-Q'], true, 3, '2020-07-15T02:00:00+08:00', 'admin', now(), now())`,
      [IIT],
    );
    const [source] = (await sql(`SELECT id::text AS id FROM pull_source`)) as { id: string }[];
    await sql(
      `INSERT INTO pull_run (source_id, trigger, attempt, periods, started_at, finished_at, outcome, error)
       VALUES ($1, 'retry', 3, ARRAY['2020-06'], '2020-07-15T02:00:00+08:00',
               '2020-07-15T02:00:05+08:00', 'failed', 'HTTP 503')`,
      [source?.id],
    );
    const before = await june('2020-07-14');
    expect(rowOf(before, 'TP-CAL-Q').source).toEqual({
      id: source?.id,
      name: '工信厅数据接口',
      failing: false,
    });
    expect(before.failingSources).toEqual([]);
    const after = await june('2020-07-16');
    expect(rowOf(after, 'TP-CAL-Q').source).toMatchObject({ failing: true });
    expect(rowOf(after, 'TP-CAL-M2').source).toBeNull();
    expect(after.failingSources).toEqual([
      {
        id: source?.id,
        name: '工信厅数据接口',
        department: { code: IIT, name: expect.any(String) as string },
        consecutiveFailures: 3,
        lastError: 'HTTP 503',
      },
    ]);
  });

  it('shows a reporter their own unit only', async () => {
    const own = await status(`period=2020-06&plan=${PLAN}&asOf=2020-07-16`, iit);
    expect(new Set(own.rows.map((r) => r.department.code))).toEqual(new Set([IIT]));
    expect(own.rates).toEqual(rates(2, 1, 1));
    await errorBody(
      await callAs(app, iit, 'GET', `/reporting/status?period=2020-06&department=${BDB}`),
      403,
      'reporting_other_department',
    );
    // A reporter left without a unit (the account was changed) sees none.
    const orphan = await createSignedInUser(app, { roles: ['reporter'], department: IIT });
    await sql(`UPDATE app_user SET department_code = NULL WHERE username = $1`, [
      orphan.user.username,
    ]);
    await errorBody(
      await callAs(app, orphan.bearer, 'GET', `/reporting/status?period=2020-06`),
      403,
      'reporting_other_department',
    );
    // Analysts and leaders see every unit.
    expect((await status(`period=2020-06&plan=${PLAN}`, leader)).rows).toHaveLength(5);
    expect((await status(`period=2020-06&plan=${PLAN}`, analyst)).rows).toHaveLength(5);
  });

  it('refuses an unknown plan or unit', async () => {
    await errorBody(
      await call(app, 'GET', '/reporting/status?period=2020-06&plan=NOPE'),
      404,
      'plan_not_found',
    );
    await errorBody(
      await call(app, 'GET', '/reporting/status?period=2020-06&department=no-such-unit'),
      400,
      'unknown_department',
    );
  });
});

describe('GET /reporting/history', () => {
  const history = async (query: string, who?: Credentials): Promise<ReportingHistory> =>
    okBody(
      who
        ? await callAs(app, who, 'GET', `/reporting/history?${query}`)
        : await call(app, 'GET', `/reporting/history?${query}`),
      ReportingHistorySchema,
    );

  it('gives a unit’s year month by month, up to the month of the day', async () => {
    const year = await history(`department=${BDB}&plan=${PLAN}&asOf=2020-07-16`);
    expect(year.department.code).toBe(BDB);
    expect(year.year).toBe(2020);
    expect(year.months.map((m) => m.period)).toEqual([
      '2020-01',
      '2020-02',
      '2020-03',
      '2020-04',
      '2020-05',
      '2020-06',
      '2020-07',
    ]);
    const [january] = year.months;
    // M1 for two regions and the report: nothing sent before June.
    expect(january).toMatchObject({
      rates: rates(3, 0, 0),
      figures: rates(2, 0, 0),
      reports: rates(1, 0, 0),
      counts: { missing: 3 },
    });
    expect(year.months[5]).toEqual({
      period: '2020-06',
      rates: rates(3, 3, 2),
      figures: rates(2, 2, 1),
      reports: rates(1, 1, 1),
      counts: { due: 0, submitted: 2, late: 1, missing: 0, returned: 0 },
    });
    expect(year.months[6]?.counts).toEqual({
      due: 3,
      submitted: 0,
      late: 0,
      missing: 0,
      returned: 0,
    });
  });

  it('counts the quarterly figure in quarter-end months of the unit that reports it', async () => {
    const year = await history(`plan=${PLAN}&asOf=2020-07-16`, iit);
    expect(year.department.code).toBe(IIT);
    expect(year.months.map((m) => m.figures.expected)).toEqual([1, 1, 2, 1, 1, 2, 1]);
    expect(year.months.every((m) => m.reports.expected === 0)).toBe(true);
    expect(year.months[5]?.figures).toEqual(rates(2, 1, 1));
  });

  it('applies the same access rule: a reporter’s own unit, the bureau names one', async () => {
    await errorBody(
      await callAs(app, iit, 'GET', `/reporting/history?department=${BDB}`),
      403,
      'reporting_other_department',
    );
    await errorBody(await call(app, 'GET', '/reporting/history'), 400, 'department_required');
    const other = await history(`department=${IIT}&plan=${PLAN}&year=2019`, leader);
    expect(other.months).toEqual([]);
  });
});
