import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApprovalEventSchema,
  ApprovalsSchema,
  AuditEntrySchema,
  InboxSchema,
  ProgressSchema,
  ReportingSheetSchema,
  SeriesSchema,
  SubmissionReportSchema,
  type MeasurementItem,
  type SubmissionReport,
} from '@zhibiao/contracts';
import type { IsoDate } from '@zhibiao/core';
import { Clock } from '../../apps/api/src/common/clock.js';
import {
  FiguresEvents,
  type FiguresChange,
} from '../../apps/api/src/measurements/figures-events.js';
import { callAs, createSignedInUser, type Credentials } from '../support/accounts.js';
import { call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The bureau's approval of a unit's figures per period (issue 17): off by default; on from May 2020,
// a unit's May figures wait for approval before they count in progress and alerts, an approved
// period is locked for the unit (a correction needs a reason and reopens it), a return sends the
// unit a message. May closes on 2020-06-10 (due the 5th + 5 days' grace): every step happens before.

// Today is May's last open day; each step happens on an earlier day (pinned while it runs).
const TODAY = '2020-06-10';
const FIVE_G = 'DS2020-5G';
const HAZCHEM = 'DS2020-HAZCHEM-MONITORING';
const JINAN = '370100';
const ZIBO = '370700';
const COMMS = 'communications-administration';
const EMERGENCY = 'emergency-management';

type Approvals = z.output<typeof ApprovalsSchema>;

const DecisionSchema = z.object({
  events: z.array(ApprovalEventSchema.extend({ department: z.string() })),
});

describe('approval of figures', () => {
  let app: TestApp;
  let comms: Credentials;
  let emergency: Credentials;
  let analyst: Credentials;
  const changes: FiguresChange[] = [];

  const on = async <T>(day: IsoDate, act: () => Promise<T>): Promise<T> => {
    const clock = app.server.app.get(Clock);
    clock.pin(day);
    try {
      return await act();
    } finally {
      clock.pin(TODAY);
    }
  };
  const submit = async (
    who: Credentials,
    items: MeasurementItem[],
  ): Promise<{ status: number; report: SubmissionReport }> => {
    const res = await callAs(app, who, 'POST', '/measurements', { items });
    const text = await res.text();
    return { status: res.status, report: SubmissionReportSchema.parse(JSON.parse(text)) };
  };
  const fiveG = (value: number, note?: string): MeasurementItem => ({
    indicator: FIVE_G,
    region: JINAN,
    period: '2020-05',
    value,
    valueType: 'cumulative',
    ...(note === undefined ? {} : { note }),
  });
  const hazchem = (value: number): MeasurementItem => ({
    indicator: HAZCHEM,
    region: ZIBO,
    period: '2020-05',
    value,
    valueType: 'level',
  });
  const approvals = async (query = '', who?: Credentials): Promise<Approvals> =>
    okBody(
      who
        ? await callAs(app, who, 'GET', `/reporting/approvals?plan=DS2020&period=2020-05${query}`)
        : await call(app, 'GET', `/reporting/approvals?plan=DS2020&period=2020-05${query}`),
      ApprovalsSchema,
    );
  const rowOf = (list: Approvals, department: string) => {
    const row = list.rows.find((r) => r.department.code === department);
    if (!row) throw new Error(`no approval row for ${department}`);
    return row;
  };
  const decide = (body: Record<string, unknown>, who: Credentials = analyst) =>
    callAs(app, who, 'POST', '/reporting/approvals', {
      plan: 'DS2020',
      period: '2020-05',
      ...body,
    });
  /** The Jinan 5G series as progress counts it: period → year to date. */
  const counted = async (asOf?: string): Promise<Record<string, number | null>> => {
    const series = await okBody(
      await call(
        app,
        'GET',
        `/indicators/${FIVE_G}/series?region=${JINAN}${asOf ? `&asOf=${asOf}` : ''}`,
      ),
      SeriesSchema,
    );
    return Object.fromEntries(series.points.map((p) => [p.period, p.value]));
  };
  const actualPeriod = async (): Promise<string | null> =>
    (
      await okBody(
        await call(app, 'GET', `/indicators/${FIVE_G}/progress?region=${JINAN}&asOf=${TODAY}`),
        ProgressSchema,
      )
    ).actualPeriod;

  beforeAll(async () => {
    app = await startTestApp({ APP_TODAY: TODAY });
    app.server.app.get(FiguresEvents).on((change) => {
      changes.push(change);
      return Promise.resolve();
    });
    comms = (await createSignedInUser(app, { roles: ['reporter'], department: COMMS })).bearer;
    emergency = (await createSignedInUser(app, { roles: ['reporter'], department: EMERGENCY }))
      .bearer;
    analyst = (await createSignedInUser(app, { roles: ['analyst'], username: 'approver' })).bearer;
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is off by default, turned on from a period of the plan by an administrator, audited', async () => {
    expect(await approvals()).toMatchObject({ approvalFrom: null, underApproval: false });
    expect(
      (
        await issuesOf(
          await call(app, 'PUT', '/plans/DS2020/approval', { approvalFrom: '2021-01' }),
        )
      ).map((i) => [i.path, i.code]),
    ).toEqual([['body.approvalFrom', 'approval_from_period']]);
    const english = await call(
      app,
      'PUT',
      '/plans/DS2020/approval',
      { approvalFrom: '2019-12' },
      'en',
    );
    expect((await issuesOf(english))[0]?.message).toContain('2020');
    await errorBody(
      await callAs(app, analyst, 'PUT', '/plans/DS2020/approval', { approvalFrom: '2020-05' }),
      403,
      'forbidden',
    );
    await errorBody(
      await call(app, 'PUT', '/plans/NOPE/approval', { approvalFrom: '2020-05' }),
      404,
      'plan_not_found',
    );
    expect(await approvals()).toMatchObject({ approvalFrom: null });

    expect(
      await okBody(
        await call(app, 'PUT', '/plans/DS2020/approval', { approvalFrom: '2020-05' }),
        z.object({ plan: z.string(), approvalFrom: z.string().nullable() }),
      ),
    ).toEqual({ plan: 'DS2020', approvalFrom: '2020-05' });
    expect(await approvals()).toMatchObject({ approvalFrom: '2020-05', underApproval: true });
    const audit = await okBody(
      await call(app, 'GET', '/audit?entity=plan&action=plan.approval'),
      z.array(AuditEntrySchema),
    );
    expect(audit[0]).toMatchObject({
      actor: { name: 'admin' },
      before: { approvalFrom: null },
      after: { approvalFrom: '2020-05' },
    });
  });

  it('keeps a unit’s figures pending — shown to the unit, not counted — until approved', async () => {
    await on('2020-06-01', async () => {
      // April is not under approval: it counts at once (late, with its reason).
      const april = { ...fiveG(300, '补报'), period: '2020-04' };
      expect((await submit(comms, [april, fiveG(400)])).status).toBe(200);
      expect((await submit(emergency, [hazchem(70)])).status).toBe(200);
    });
    expect(await counted()).toEqual({ '2020-04': 300 });
    expect(await actualPeriod()).toBe('2020-04');

    const list = await approvals();
    expect(list.counts).toMatchObject({ pending: 2, approved: 0, returned: 0 });
    expect(rowOf(list, COMMS)).toMatchObject({
      state: 'pending',
      figures: 1,
      editsSinceApproval: 1,
      lastApprovedAt: null,
      changes: [
        {
          indicator: { code: FIVE_G },
          region: { code: JINAN },
          approved: null,
          current: 400,
          revisions: 1,
        },
      ],
      events: [],
    });
    expect(list.counts.not_submitted).toBeGreaterThan(0);

    // The unit's own sheet shows its figure, and that it waits.
    const sheet = await okBody(
      await callAs(app, comms, 'GET', `/reporting?department=${COMMS}&period=2020-05`),
      ReportingSheetSchema,
    );
    expect(sheet.rows.find((r) => r.region === JINAN)?.current?.value).toBe(400);
    expect(sheet.approval).toEqual([
      { plan: 'DS2020', state: 'pending', lastApprovedAt: null, returnComment: null },
    ]);
    const april = await okBody(
      await callAs(app, comms, 'GET', `/reporting?department=${COMMS}&period=2020-04`),
      ReportingSheetSchema,
    );
    expect(april.approval).toEqual([]);
  });

  it('refuses what cannot be decided, with a coded error in both languages', async () => {
    await errorBody(
      await decide({ period: '2020-04', action: 'approve' }),
      409,
      'approval_not_enabled',
    );
    const nothing = await errorBody(
      await decide({ department: 'big-data-bureau', action: 'approve' }),
      409,
      'approval_nothing_submitted',
    );
    expect(nothing.message).toContain('2020-05');
    expect(
      (await issuesOf(await decide({ department: COMMS, action: 'return', comment: '  ' }))).map(
        (i) => [i.path, i.code],
      ),
    ).toEqual([['body.comment', 'return_comment_required']]);
    await errorBody(
      await decide({ department: COMMS, action: 'approve' }, comms),
      403,
      'forbidden',
    );
    expect(rowOf(await approvals(), COMMS)).toMatchObject({ state: 'pending', events: [] });
  });

  it('counts approved figures in progress and has alerts evaluated again; twice is a conflict', async () => {
    const before = changes.length;
    const decided = await on('2020-06-02', async () =>
      okBody(await decide({ department: COMMS, action: 'approve' }), DecisionSchema, 201),
    );
    expect(decided.events).toMatchObject([
      { department: COMMS, action: 'approved', edits: 1, actor: 'approver', comment: '' },
    ]);
    expect(await counted()).toEqual({ '2020-04': 300, '2020-05': 400 });
    expect(await actualPeriod()).toBe('2020-05');
    expect(changes.slice(before)).toContainEqual({
      indicators: expect.arrayContaining([FIVE_G, HAZCHEM]) as string[],
      source: 'approval',
    });
    expect(rowOf(await approvals(), COMMS)).toMatchObject({
      state: 'approved',
      editsSinceApproval: 0,
      changes: [],
      lastApprovedAt: decided.events[0]!.at,
    });

    const twice = await errorBody(
      await decide({ department: COMMS, action: 'approve' }),
      409,
      'approval_already_approved',
    );
    expect(twice.message).toMatch(/已审核通过/);
    // As of the day it was sent, it was pending and did not count.
    expect(rowOf(await approvals('&asOf=2020-06-01'), COMMS).state).toBe('pending');
    expect(await counted('2020-06-01')).toEqual({ '2020-04': 300 });
  });

  it('returns a unit’s figures with a comment and tells its reporters; a resubmission is pending', async () => {
    await on('2020-06-02', async () =>
      okBody(
        await decide({ department: EMERGENCY, action: 'return', comment: '淄博数据与台账不符' }),
        DecisionSchema,
        201,
      ),
    );
    expect(rowOf(await approvals(), EMERGENCY)).toMatchObject({ state: 'returned' });
    const inbox = await okBody(await callAs(app, emergency, 'GET', '/inbox?limit=50'), InboxSchema);
    const returned = inbox.items.find((i) => i.event === 'approval_returned');
    expect(returned?.message).toMatchObject({
      kind: 'approval_returned',
      plan: 'DS2020',
      department: { code: EMERGENCY },
      comment: '淄博数据与台账不符',
      items: [
        {
          kind: 'figure',
          indicator: { code: HAZCHEM },
          region: { code: ZIBO },
          period: '2020-05',
          status: 'returned',
          detail: '淄博数据与台账不符',
        },
      ],
    });
    const sheet = await okBody(
      await callAs(app, emergency, 'GET', `/reporting?department=${EMERGENCY}&period=2020-05`),
      ReportingSheetSchema,
    );
    expect(sheet.approval).toEqual([
      {
        plan: 'DS2020',
        state: 'returned',
        lastApprovedAt: null,
        returnComment: '淄博数据与台账不符',
      },
    ]);
    await errorBody(
      await decide({ department: EMERGENCY, action: 'approve' }),
      409,
      'approval_already_returned',
    );
    await errorBody(
      await decide({ department: EMERGENCY, action: 'return', comment: '再退' }),
      409,
      'approval_already_returned',
    );

    await on('2020-06-03', async () => {
      expect((await submit(emergency, [hazchem(72)])).status).toBe(200);
    });
    expect(rowOf(await approvals(), EMERGENCY)).toMatchObject({
      state: 'pending',
      editsSinceApproval: 2,
    });
  });

  it('locks an approved period: a correction needs a reason, and with one reopens it', async () => {
    const refused = await on('2020-06-04', () => submit(comms, [fiveG(450)]));
    expect(refused.status).toBe(422);
    expect(refused.report.errors.map((f) => [f.row, f.column, f.code])).toEqual([
      [1, 'note', 'locked_without_reason'],
    ]);
    expect(refused.report.errors[0]?.message).toContain('2020-06-02');
    expect(refused.report.accepted).toBe(0);
    expect(rowOf(await approvals(), COMMS)).toMatchObject({
      state: 'approved',
      editsSinceApproval: 0,
    });
    // The same figure again changes nothing and needs no reason.
    expect((await on('2020-06-04', () => submit(comms, [fiveG(400)]))).report.unchanged).toBe(1);

    const stored = await on('2020-06-04', () => submit(comms, [fiveG(450, '统计口径更正')]));
    expect(stored.status).toBe(200);
    expect(stored.report.warnings.map((f) => f.code)).toEqual(['reopens_approved']);
    const row = rowOf(await approvals(), COMMS);
    expect(row).toMatchObject({
      state: 'pending',
      editsSinceApproval: 1,
      changes: [{ approved: 400, current: 450, revisions: 1, note: '统计口径更正' }],
    });
    expect(row.events.map((e) => [e.action, e.comment, e.edits, e.actor])).toEqual([
      ['approved', '', 1, 'approver'],
      ['reopened', '统计口径更正', 1, expect.any(String)],
    ]);
    expect(row.events[1]?.submissionId).toBe(stored.report.submissionId);
    // Progress keeps the approved figure until the correction is approved.
    expect(await counted()).toEqual({ '2020-04': 300, '2020-05': 400 });
  });

  it('approves every pending unit of a period at once', async () => {
    const decided = await on('2020-06-05', async () =>
      okBody(await decide({ action: 'approve', comment: '5月数据审核通过' }), DecisionSchema, 201),
    );
    expect(decided.events.map((e) => [e.department, e.action, e.edits])).toEqual([
      [COMMS, 'approved', 1],
      [EMERGENCY, 'approved', 2],
    ]);
    const list = await approvals();
    expect(list.counts).toMatchObject({ pending: 0, approved: 2, returned: 0 });
    expect((await approvals('&state=approved')).rows.map((r) => r.department.code)).toEqual([
      COMMS,
      EMERGENCY,
    ]);
    expect(await counted()).toEqual({ '2020-04': 300, '2020-05': 450 });
    await errorBody(await decide({ action: 'approve' }), 409, 'approval_nothing_pending');
    // As of an earlier day, the earlier state and figures.
    expect(rowOf(await approvals('&asOf=2020-06-04'), COMMS).state).toBe('pending');
    expect(await counted('2020-06-04')).toEqual({ '2020-04': 300, '2020-05': 400 });
  });

  it('shows a reporter their own unit only', async () => {
    const own = await approvals('', comms);
    expect(own.rows.map((r) => r.department.code)).toEqual([COMMS]);
    await errorBody(
      await callAs(
        app,
        comms,
        'GET',
        `/reporting/approvals?plan=DS2020&period=2020-05&department=${EMERGENCY}`,
      ),
      403,
      'reporting_other_department',
    );
  });

  it('records who decided, when and why in the audit log', async () => {
    const audit = await okBody(
      await call(app, 'GET', '/audit?entity=approval_event&limit=50'),
      z.array(AuditEntrySchema),
    );
    const steps = audit
      .map((e) => [e.action, e.actor.name, (e.after as { department: string }).department])
      .reverse();
    expect(steps).toEqual([
      ['approval.approve', 'approver', COMMS],
      ['approval.return', 'approver', EMERGENCY],
      ['approval.reopen', expect.any(String), COMMS],
      ['approval.approve', 'approver', COMMS],
      ['approval.approve', 'approver', EMERGENCY],
    ]);
    const returned = audit.find((e) => e.action === 'approval.return');
    expect(returned?.after).toMatchObject({ comment: '淄博数据与台账不符', period: '2020-05' });
  });

  it('counts every figure as recorded again when approval is turned off', async () => {
    await on('2020-06-06', async () => {
      expect((await submit(comms, [fiveG(460, '再次更正')])).status).toBe(200);
    });
    expect(await counted()).toEqual({ '2020-04': 300, '2020-05': 450 });
    await okBody(
      await call(app, 'PUT', '/plans/DS2020/approval', { approvalFrom: null }),
      z.object({ approvalFrom: z.null() }).passthrough(),
    );
    expect(await counted()).toEqual({ '2020-04': 300, '2020-05': 460 });
    await errorBody(await decide({ action: 'approve' }), 409, 'approval_not_enabled');
  });
});
