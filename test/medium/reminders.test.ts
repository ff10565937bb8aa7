import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AuditEntrySchema,
  IndicatorDetailSchema,
  InboxSchema,
  MeasureReportSchema,
  PlanDetailSchema,
  ReportingMessageSchema,
  SubmissionReportSchema,
  type ReportingMessage,
} from '@zhibiao/contracts';
import type { IsoDate } from '@zhibiao/core';
import { Clock } from '../../apps/api/src/common/clock.js';
import { Database } from '../../apps/api/src/database/database.js';
import { RemindersJob } from '../../apps/api/src/reporting/reminders/reminders.job.js';
import { RemindersService } from '../../apps/api/src/reporting/reminders/reminders.service.js';
import { callAs, createSignedInUser, type Credentials } from '../support/accounts.js';
import { call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Reminders (催报) over the API and the job, on a plan of April–December 2021 built here (the seeded
// 2020 plan owes nothing in 2021): unit A reports indicator ONE for the province and Jinan and leads
// the measure; unit B reports indicator TWO for the province and Qingdao. April's figures are due on
// 5 May (on time until the 10th), the measure's report on 10 May. Default settings: the before-due
// window opens 3 days before, an overdue unit is reminded every 3 days.

const PLAN = 'REMIND';
const ONE = 'REMIND-ONE';
const TWO = 'REMIND-TWO';
const MEASURE = 'REMIND-1.1-1';
const UNIT_A = 'industry-it';
const UNIT_B = 'transport';
const PROVINCE = '370000';
const JINAN = '370100';
const QINGDAO = '370200';

const Messages = z.object({ items: z.array(ReportingMessageSchema) });

/** An item as the test compares it: what, for where, due when, in which state. */
const shape = (message: ReportingMessage) =>
  message.items.map((i) => [
    i.kind,
    i.indicator?.code ?? i.measure?.code,
    i.region?.code ?? null,
    i.period,
    i.due,
    i.status,
  ]);

describe('reminders', () => {
  let app: TestApp;
  let clock: Clock;
  let job: RemindersJob;
  let reporterA: Credentials;
  let reporterB: Credentials;
  let analyst: Credentials;

  const on = async <T>(day: IsoDate, act: () => Promise<T>): Promise<T> => {
    clock.pin(day);
    return act();
  };
  const runJob = async () => expect(await job.run()).toBe(true);
  const reminders = async (query = '', who?: Credentials) =>
    (
      await okBody(
        who
          ? await callAs(app, who, 'GET', `/reporting/reminders${query}`)
          : await call(app, 'GET', `/reporting/reminders${query}`),
        Messages,
      )
    ).items;
  const messagesIn = async (who: Credentials) =>
    (await okBody(await callAs(app, who, 'GET', '/inbox?limit=200'), InboxSchema)).items
      .filter((item) => item.message !== null)
      .map((item) => item.message!);
  const report = async (who: Credentials, indicator: string, region: string, period: string) => {
    const res = await callAs(app, who, 'POST', '/measurements', {
      // A late figure needs a reason; the note is harmless on time.
      items: [{ indicator, region, period, value: 10, valueType: 'increment', note: '补报' }],
    });
    expect(await okBody(res, SubmissionReportSchema)).toMatchObject({ accepted: 1 });
  };

  beforeAll(async () => {
    app = await startTestApp({ APP_TODAY: '2021-04-20', ALERT_EVALUATION_MINUTES: '0' });
    clock = app.server.app.get(Clock);
    job = app.server.app.get(RemindersJob);
    reporterA = (await createSignedInUser(app, { roles: ['reporter'], department: UNIT_A })).bearer;
    reporterB = (await createSignedInUser(app, { roles: ['reporter'], department: UNIT_B })).bearer;
    analyst = (await createSignedInUser(app, { roles: ['analyst'] })).bearer;

    await okBody(
      await call(app, 'POST', '/plans', {
        code: PLAN,
        title: '催报测试',
        startYear: 2021,
        endYear: 2021,
        periodStart: '2021-04-01',
        status: 'published',
      }),
      PlanDetailSchema,
      201,
    );
    for (const [code, unit, regions] of [
      [ONE, UNIT_A, [JINAN, QINGDAO]],
      [TWO, UNIT_B, [PROVINCE, QINGDAO]],
    ] as const) {
      await okBody(
        await call(app, 'POST', `/plans/${PLAN}/indicators`, {
          code,
          name: `催报指标 ${code}`,
          unit: '个',
          kind: 'cumulative',
          frequency: 'monthly',
          dueDay: 5,
          deadline: '2021-12-31',
          target: { comparator: '>=', value: 1000 },
          leadDepartments: [unit],
          regions,
        }),
        IndicatorDetailSchema,
        201,
      );
    }
    // Measures come from an imported plan text; a fixture writes its one measure directly.
    const db = app.server.app.get(Database).db;
    await db.query(
      `INSERT INTO measure (code, plan_code, position, name, source_text, source_start, source_end)
       VALUES ($1, $2, 1, '推进催报测试措施', '', 0, 1)`,
      [MEASURE, PLAN],
    );
    await db.query(
      `INSERT INTO measure_department (measure_code, department_code, role, position)
       VALUES ($1, $2, 'lead', 1)`,
      [MEASURE, UNIT_A],
    );
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('sends nothing before the before-due window opens', async () => {
    await on('2021-05-01', runJob);
    expect(await reminders()).toEqual([]);
    expect(await messagesIn(reporterA)).toEqual([]);
  });

  it('reminds a unit by hand of everything due, whatever the window, once a day', async () => {
    // Unit B reports both its figures on 1 May: it owes nothing.
    await on('2021-05-01', async () => {
      await report(reporterB, TWO, PROVINCE, '2021-04');
      await report(reporterB, TWO, QINGDAO, '2021-04');
    });
    const sent = await on('2021-05-01', async () =>
      okBody(
        await callAs(app, analyst, 'POST', '/reporting/reminders', {
          department: UNIT_A,
          comment: '请按时报送',
        }),
        ReportingMessageSchema,
        201,
      ),
    );
    expect(sent).toMatchObject({
      kind: 'reminder_manual',
      plan: PLAN,
      department: { code: UNIT_A },
      sentOn: '2021-05-01',
      comment: '请按时报送',
      recipients: 1,
    });
    expect(sent.actor).not.toBeNull();
    expect(shape(sent)).toEqual([
      ['figure', ONE, JINAN, '2021-04', '2021-05-05', 'due'],
      ['figure', ONE, QINGDAO, '2021-04', '2021-05-05', 'due'],
      ['report', MEASURE, null, '2021-04', '2021-05-10', 'due'],
    ]);
    expect(sent.items[0]).toMatchObject({
      plan: PLAN,
      indicator: { code: ONE, name: `催报指标 ${ONE}` },
      measure: null,
      source: null,
      detail: null,
    });

    const again = await on('2021-05-01', async () =>
      callAs(app, analyst, 'POST', '/reporting/reminders', { department: UNIT_A }),
    );
    const refused = await errorBody(again, 409, 'reminder_already_sent');
    expect(refused.message).toContain('2021-05-01');
    await on('2021-05-01', async () => {
      await errorBody(
        await call(app, 'POST', '/reporting/reminders', { department: UNIT_B }),
        409,
        'nothing_to_remind',
      );
      await errorBody(
        await call(app, 'POST', '/reporting/reminders', { department: 'no-such-unit' }),
        400,
        'unknown_department',
      );
      await errorBody(
        await callAs(app, reporterA, 'POST', '/reporting/reminders', { department: UNIT_A }),
        403,
        'forbidden',
      );
    });
    const audit = z
      .array(AuditEntrySchema)
      .parse(await (await call(app, 'GET', '/audit?action=reporting.remind')).json());
    expect(audit.map((e) => e.entityId)).toEqual([sent.id]);
  });

  it('reminds before the due day of exactly what the unit has not sent, in its reporters’ inboxes', async () => {
    await on('2021-05-02', runJob);
    const sent = await reminders('?kind=reminder_before_due');
    expect(sent).toHaveLength(1);
    const [message] = sent;
    expect(message).toMatchObject({
      department: { code: UNIT_A },
      sentOn: '2021-05-02',
      actor: null,
      plan: PLAN,
      recipients: 1,
    });
    // The measure's report is due on the 10th: its window opens on the 7th.
    expect(shape(message!)).toEqual([
      ['figure', ONE, JINAN, '2021-04', '2021-05-05', 'due'],
      ['figure', ONE, QINGDAO, '2021-04', '2021-05-05', 'due'],
    ]);
    expect((await messagesIn(reporterA)).map((m) => [m.kind, m.sentOn])).toEqual([
      ['reminder_before_due', '2021-05-02'],
      ['reminder_manual', '2021-05-01'],
    ]);
    expect(await messagesIn(reporterB)).toEqual([]);
    // The bureau's people are not a unit's reporters.
    expect(await messagesIn(analyst)).toEqual([]);
    expect(await messagesIn({ bearer: app.adminToken })).toEqual([]);
  });

  it('runs twice the same day and still sends one', async () => {
    await on('2021-05-02', runJob);
    expect(await reminders('?department=industry-it&from=2021-05-02&to=2021-05-02')).toHaveLength(
      1,
    );
  });

  it('sends no second before-due reminder within the window', async () => {
    await on('2021-05-03', async () => {
      await report(reporterA, ONE, QINGDAO, '2021-04');
      await runJob();
    });
    await on('2021-05-06', runJob);
    expect(await reminders('?from=2021-05-03')).toEqual([]);
  });

  it('reminds again when a later window opens, of only what is still missing', async () => {
    await on('2021-05-07', runJob);
    const [message, ...rest] = await reminders('?from=2021-05-07');
    expect(rest).toEqual([]);
    expect(message).toMatchObject({ kind: 'reminder_before_due', sentOn: '2021-05-07' });
    expect(shape(message!)).toEqual([
      ['figure', ONE, JINAN, '2021-04', '2021-05-05', 'due'],
      ['report', MEASURE, null, '2021-04', '2021-05-10', 'due'],
    ]);
  });

  it('reminds an overdue unit, again after REMINDER_REPEAT_DAYS and not before', async () => {
    await on('2021-05-11', runJob);
    const [overdue, ...rest] = await reminders('?from=2021-05-08');
    expect(rest).toEqual([]);
    expect(overdue).toMatchObject({ kind: 'reminder_overdue', sentOn: '2021-05-11' });
    expect(shape(overdue!)).toEqual([
      ['figure', ONE, JINAN, '2021-04', '2021-05-05', 'missing'],
      ['report', MEASURE, null, '2021-04', '2021-05-10', 'missing'],
    ]);
    await on('2021-05-12', runJob);
    await on('2021-05-13', runJob);
    expect(await reminders('?from=2021-05-12')).toEqual([]);
    await on('2021-05-14', runJob);
    expect((await reminders('?from=2021-05-12')).map((m) => [m.kind, m.sentOn])).toEqual([
      ['reminder_overdue', '2021-05-14'],
    ]);
    // Unit B reported everything: it was never reminded.
    expect(await reminders(`?department=${UNIT_B}`)).toEqual([]);
  });

  it('shows the bureau who was reminded when, and a reporter their own unit’s only', async () => {
    const all = await reminders('', analyst);
    expect(all.map((m) => [m.department.code, m.kind, m.sentOn])).toEqual([
      [UNIT_A, 'reminder_overdue', '2021-05-14'],
      [UNIT_A, 'reminder_overdue', '2021-05-11'],
      [UNIT_A, 'reminder_before_due', '2021-05-07'],
      [UNIT_A, 'reminder_before_due', '2021-05-02'],
      [UNIT_A, 'reminder_manual', '2021-05-01'],
    ]);
    expect(await reminders(`?plan=${PLAN}&kind=reminder_manual`)).toHaveLength(1);
    expect(await reminders('', reporterA)).toEqual(all);
    expect(await reminders('', reporterB)).toEqual([]);
    await errorBody(
      await callAs(app, reporterB, 'GET', `/reporting/reminders?department=${UNIT_A}`),
      403,
      'reporting_other_department',
    );
  });

  it('reminds of a returned report with the bureau’s comment, never of what came in late', async () => {
    await on('2021-05-15', async () => {
      await report(reporterA, ONE, JINAN, '2021-04');
      const submitted = await okBody(
        await callAs(app, reporterA, 'POST', `/measures/${MEASURE}/reports`, {
          period: '2021-04',
          progress: '推进中',
          problems: '',
          nextSteps: '继续推进',
          status: 'on_track',
          submit: true,
        }),
        MeasureReportSchema,
        201,
      );
      await okBody(
        await callAs(app, analyst, 'POST', `/measure-reports/${submitted.id}/review`, {
          decision: 'return',
          comment: '请补充进度数据',
        }),
        MeasureReportSchema,
      );
      await runJob();
    });
    expect(await reminders('?from=2021-05-15')).toEqual([]);
    await on('2021-05-17', runJob);
    const [returned, ...rest] = await reminders('?from=2021-05-15');
    expect(rest).toEqual([]);
    expect(returned).toMatchObject({ kind: 'reminder_overdue', sentOn: '2021-05-17' });
    expect(shape(returned!)).toEqual([
      ['report', MEASURE, null, '2021-04', '2021-05-10', 'returned'],
    ]);
    expect(returned!.items[0]!.detail).toBe('请补充进度数据');
  });

  it('sends one reminder when two runs race past the job lock (the database keeps one a day)', async () => {
    const service = app.server.app.get(RemindersService);
    const counts = await on('2021-05-20', () =>
      Promise.all([service.remindScheduled(), service.remindScheduled()]),
    );
    expect(counts.map((c) => c.sent).reduce((a, b) => a + b)).toBe(1);
    expect((await reminders('?from=2021-05-20')).map((m) => [m.kind, m.sentOn])).toEqual([
      ['reminder_overdue', '2021-05-20'],
    ]);
  });

  it('reminds of nothing in a closed plan: it takes no figures', async () => {
    await on('2021-05-23', async () => {
      await okBody(
        await call(app, 'POST', `/plans/${PLAN}/close`, { closedOn: '2021-05-23' }),
        PlanDetailSchema,
      );
      await runJob();
      await errorBody(
        await call(app, 'POST', '/reporting/reminders', { department: UNIT_A }),
        409,
        'nothing_to_remind',
      );
    });
    expect(await reminders('?from=2021-05-21')).toEqual([]);
  });
});
