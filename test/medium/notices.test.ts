import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AlertSchema,
  AuditEntrySchema,
  CompletionSchema,
  InboxSchema,
  NoticeDetailSchema,
  NoticeSchema,
  PlanProgressSchema,
} from '@zhibiao/contracts';
import { Clock } from '../../apps/api/src/common/clock.js';
import { NoticesOverdueJob } from '../../apps/api/src/supervision/notices/notices-overdue.job.js';
import { callAs, createSignedInUser, type Credentials } from '../support/accounts.js';
import { call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Supervision notices (督办) over the API on the demo year (2020-11-08): the demo's own notices and
// node tasks, then a notice raised, replied, closed, reopened, marked overdue and escalated by the
// job with the clock moved, and one raised from an alert in one step; each step in the inboxes.

const Notices = z.array(NoticeSchema);
const Completions = z.array(CompletionSchema);

describe('supervision notices', () => {
  let app: TestApp;
  let clock: Clock;
  let bigData: Credentials;
  let transport: Credentials;
  let analyst: Credentials;
  let leader: Credentials;

  const inboxOf = async (who: Credentials) =>
    okBody(await callAs(app, who, 'GET', '/inbox?limit=200'), InboxSchema);
  const noticeItems = async (who: Credentials, id: string) =>
    (await inboxOf(who)).items.filter((i) => i.notice?.id === id).map((i) => i.event);
  const list = async (query = '') =>
    okBody(await call(app, 'GET', `/notices?plan=DS2020${query}`), Notices);

  beforeAll(async () => {
    app = await startTestApp({ DEMO_FIGURES: '1' });
    clock = app.server.app.get(Clock);
    bigData = (await createSignedInUser(app, { department: 'big-data-bureau' })).bearer;
    transport = (await createSignedInUser(app, { department: 'transport' })).bearer;
    analyst = (await createSignedInUser(app, { roles: ['analyst'] })).bearer;
    leader = (await createSignedInUser(app, { roles: ['leader'] })).bearer;
  });
  afterAll(async () => {
    await app?.stop();
  });

  describe('the demo year', () => {
    it('has four notices: from an alert and closed, overdue and escalated, replied, open', async () => {
      const notices = await list();
      expect(notices.map((n) => n.number).sort()).toEqual([
        'DB-2020-001',
        'DB-2020-002',
        'DB-2020-003',
        'DB-2020-004',
      ]);
      const fromAlert = notices.find((n) => n.alert !== null)!;
      expect(fromAlert).toMatchObject({ state: 'closed', subject: { kind: 'indicator' } });
      expect(fromAlert.lastReply).toMatchObject({ cause: 'construction' });
      expect(notices.find((n) => n.subject.code === 'DS2020-M13')).toMatchObject({
        state: 'open',
        overdue: true,
        escalated: true,
      });
      expect(notices.find((n) => n.subject.code === 'DS2020-SMART-AGRI')?.state).toBe('replied');
      expect(notices.find((n) => n.subject.code === 'DS2020-1.1-2')).toMatchObject({
        state: 'open',
        overdue: false,
      });
      // Time travel: before the escalated one was raised, it did not exist.
      const earlier = await list('&asOf=2020-10-01');
      expect(earlier.some((n) => n.subject.code === 'DS2020-M13')).toBe(false);
    });

    it('has its node tasks claimed and confirmed, one returned first; pending until confirmed', async () => {
      const m10 = okBody(await call(app, 'GET', '/milestones/DS2020-M10/completions'), Completions);
      expect((await m10).map((c) => c.state)).toEqual(['confirmed', 'returned']);
      const m12 = await okBody(
        await call(app, 'GET', '/milestones/DS2020-M12/completions'),
        Completions,
      );
      expect(m12).toHaveLength(1);
      expect(m12[0]).toMatchObject({ state: 'confirmed', doneOn: '2020-05-29' });
      const on = async (asOf: string) =>
        (
          await okBody(
            await call(app, 'GET', `/plans/DS2020/progress?asOf=${asOf}`),
            PlanProgressSchema,
          )
        ).milestones.find((m) => m.code === 'DS2020-M12')!.status;
      expect(await on('2020-05-30')).toBe('pending');
      expect(await on('2020-06-01')).toBe('done');
    });
  });

  let id: string;

  it('raises a notice to a unit of the measure; its reporters hear of it', async () => {
    const raised = await okBody(
      await callAs(app, analyst, 'POST', '/notices', {
        subject: { kind: 'measure', code: 'DS2020-1.1-1' },
        department: 'big-data-bureau',
        problem: '进展滞后',
        requirement: '请说明原因',
        replyBy: '2020-11-15',
      }),
      NoticeDetailSchema,
      201,
    );
    id = raised.id;
    expect(raised).toMatchObject({
      number: 'DB-2020-005',
      plan: 'DS2020',
      subject: { kind: 'measure', code: 'DS2020-1.1-1' },
      department: { code: 'big-data-bureau' },
      state: 'open',
      replyBy: '2020-11-15',
      overdue: false,
      escalated: false,
      alert: null,
    });
    expect(raised.events.map((e) => e.kind)).toEqual(['raised']);
    expect(await noticeItems(bigData, id)).toEqual(['raised']);
    expect(await noticeItems(transport, id)).toEqual([]);
  });

  it('refuses a reply from another unit (audited) and takes the addressed unit’s', async () => {
    const body = {
      comment: '已部署',
      cause: 'funding',
      plan: '追加资金',
      catchUpDate: '2020-12-15',
      evidence: [{ kind: 'link', title: '通知', url: 'https://example.gov.cn/a' }],
    };
    await errorBody(
      await callAs(app, transport, 'POST', `/notices/${id}/reply`, body),
      403,
      'notice_not_addressed',
    );
    const denied = z
      .array(AuditEntrySchema)
      .parse(await (await call(app, 'GET', '/audit?outcome=denied&action=notice.reply')).json());
    expect(denied.map((e) => e.entityId)).toContain(id);
    const replied = await okBody(
      await callAs(app, bigData, 'POST', `/notices/${id}/reply`, body),
      NoticeDetailSchema,
    );
    expect(replied).toMatchObject({
      state: 'replied',
      lastReply: { cause: 'funding', catchUpDate: '2020-12-15' },
    });
    expect(await noticeItems(analyst, id)).toEqual(['replied']);
  });

  it('closes, refuses a reply and a second close, reopens with a new deadline', async () => {
    await okBody(
      await callAs(app, analyst, 'POST', `/notices/${id}/close`, { comment: '办结' }),
      NoticeDetailSchema,
    );
    await errorBody(
      await callAs(app, bigData, 'POST', `/notices/${id}/reply`, {
        comment: 'x',
        cause: 'other',
        plan: 'x',
        catchUpDate: '2020-12-01',
      }),
      409,
      'notice_closed',
    );
    await errorBody(
      await callAs(app, analyst, 'POST', `/notices/${id}/close`, { comment: '再办结' }),
      409,
      'notice_not_open',
    );
    expect(
      (
        await issuesOf(
          await callAs(app, analyst, 'POST', `/notices/${id}/reopen`, { comment: '重开' }),
        )
      ).map((i) => [i.path, i.code]),
    ).toEqual([['body.replyBy', 'reply_by_required']]);
    const reopened = await okBody(
      await callAs(app, analyst, 'POST', `/notices/${id}/reopen`, {
        comment: '措施未落实',
        replyBy: '2020-11-19',
      }),
      NoticeDetailSchema,
    );
    expect(reopened).toMatchObject({ state: 'open', replyBy: '2020-11-19' });
    expect(reopened.events.map((e) => e.kind)).toEqual(['raised', 'replied', 'closed', 'reopened']);
    await errorBody(
      await callAs(app, analyst, 'POST', `/notices/${id}/reopen`, {
        comment: '再开',
        replyBy: '2020-11-20',
      }),
      409,
      'notice_not_closed',
    );
    expect(await noticeItems(bigData, id)).toEqual(['reopened', 'raised']);
  });

  it('marks it overdue after its deadline and escalates it to leaders three days later, once', async () => {
    const job = app.server.app.get(NoticesOverdueJob);
    clock.pin('2020-11-19');
    await job.run();
    expect((await list('&state=overdue')).some((n) => n.id === id)).toBe(false);
    clock.pin('2020-11-20');
    await job.run();
    const overdue = await okBody(await call(app, 'GET', `/notices/${id}`), NoticeDetailSchema);
    expect(overdue).toMatchObject({ overdue: true, escalated: false });
    expect((await list('&state=overdue')).some((n) => n.id === id)).toBe(true);
    clock.pin('2020-11-22');
    await job.run();
    expect(await noticeItems(leader, id)).toEqual([]);
    clock.pin('2020-11-23');
    await job.run();
    await job.run();
    const escalated = await okBody(await call(app, 'GET', `/notices/${id}`), NoticeDetailSchema);
    expect(escalated.events.map((e) => e.kind)).toEqual([
      'raised',
      'replied',
      'closed',
      'reopened',
      'overdue',
      'escalated',
    ]);
    expect(escalated.escalated).toBe(true);
    expect(await noticeItems(leader, id)).toEqual(['escalated']);
    expect(await noticeItems(analyst, id)).toEqual(['escalated', 'replied']);
    clock.pin(undefined);
  });

  it('raises a notice from an alert in one step', async () => {
    clock.pin('2020-11-08');
    const alert = z
      .array(AlertSchema)
      .parse(await (await call(app, 'GET', '/alerts?plan=DS2020&status=open&limit=500')).json())
      .find((a) => a.indicator !== null)!;
    const notice = await okBody(
      await callAs(app, analyst, 'POST', `/alerts/${alert.id}/notice`, {
        requirement: '请报送整改计划',
        replyBy: '2020-11-18',
      }),
      NoticeDetailSchema,
      201,
    );
    expect(notice).toMatchObject({
      alert: alert.id,
      subject: { kind: 'indicator', code: alert.indicator },
      department: { code: alert.departments[0]!.code },
      problem: alert.message.zh,
    });
    await errorBody(
      await callAs(app, analyst, 'POST', '/alerts/999999/notice', {
        requirement: 'x',
        replyBy: '2020-11-18',
      }),
      404,
      'alert_not_found',
    );
  });

  it('refuses bad input with coded answers and stores nothing', async () => {
    const before = (await list()).length;
    const raise = (who: Credentials, body: object) =>
      callAs(app, who, 'POST', '/notices', {
        subject: { kind: 'indicator', code: 'DS2020-5G' },
        problem: 'p',
        requirement: 'r',
        replyBy: '2020-11-20',
        ...body,
      });
    await errorBody(
      await raise(analyst, { subject: { kind: 'measure', code: 'DS2020-NOPE' } }),
      404,
      'measure_not_found',
    );
    await errorBody(
      await raise(analyst, { subject: { kind: 'milestone', code: 'DS2020-NOPE' } }),
      404,
      'milestone_not_found',
    );
    await errorBody(
      await raise(analyst, { subject: { kind: 'indicator', code: 'DS2020-NOPE' } }),
      404,
      'indicator_not_found',
    );
    expect(
      (
        await issuesOf(await raise(analyst, { department: 'education', replyBy: '2020-11-01' }))
      ).map((i) => [i.path, i.code]),
    ).toEqual([
      ['body.department', 'notice_department'],
      ['body.replyBy', 'reply_by_past'],
    ]);
    await errorBody(await raise(bigData, {}), 403, 'forbidden');
    await errorBody(await call(app, 'GET', '/notices/999999'), 404, 'notice_not_found');
    expect((await list()).length).toBe(before);
  });

  it('shows notice items in the inbox and marks them read', async () => {
    const inbox = await inboxOf(bigData);
    const item = inbox.items.find((i) => i.notice !== null)!;
    expect(item.alert).toBeNull();
    expect(inbox.unread).toBeGreaterThan(0);
    const read = await callAs(app, bigData, 'POST', `/inbox/${item.id}/read`, {});
    expect(read.status).toBe(204);
    expect((await inboxOf(bigData)).items.find((i) => i.id === item.id)?.read).toBe(true);
    expect((await callAs(app, bigData, 'POST', '/inbox/read-all', {})).status).toBe(204);
    expect((await inboxOf(bigData)).unread).toBe(0);
  });
});
