import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AuditEntrySchema,
  CompletionSchema,
  PlanProgressSchema,
  type Completion,
} from '@zhibiao/contracts';
import { Clock } from '../../apps/api/src/common/clock.js';
import { callAs, createSignedInUser, type Credentials } from '../support/accounts.js';
import { API, call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Node tasks (节点任务) reported done with evidence by their units and confirmed or returned by the
// bureau: a claim waiting is not done; a confirmed one counts from the day it was confirmed.

const Completions = z.array(CompletionSchema);
const link = { kind: 'link', title: '印发文件', url: 'https://www.shandong.gov.cn/art/1.html' };

describe('node tasks done with evidence', () => {
  let app: TestApp;
  let clock: Clock;
  let industry: Credentials;
  let bigData: Credentials;
  let transport: Credentials;
  let analyst: Credentials;

  const claim = (who: Credentials, code: string, body: unknown) =>
    callAs(app, who, 'POST', `/milestones/${code}/completions`, body);
  const review = (who: Credentials, id: string, body: unknown) =>
    callAs(app, who, 'POST', `/milestone-completions/${id}/review`, body);
  const listOf = async (code: string) =>
    okBody(await call(app, 'GET', `/milestones/${code}/completions`), Completions);
  const milestoneOn = async (code: string, asOf: string) => {
    const progress = await okBody(
      await call(app, 'GET', `/plans/DS2020/progress?asOf=${asOf}`),
      PlanProgressSchema,
    );
    return progress.milestones.find((m) => m.code === code)!;
  };

  const upload = async (who: Credentials): Promise<string> => {
    const form = new FormData();
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    form.append('file', new Blob([new Uint8Array(pdf)]), '验收报告.pdf');
    const headers = 'bearer' in who ? { Authorization: `Bearer ${who.bearer}` } : undefined;
    const res = await app.anonymous(`${API}/evidence`, { method: 'POST', body: form, headers });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  };

  beforeAll(async () => {
    app = await startTestApp({ APP_TODAY: '2020-07-01' });
    clock = app.server.app.get(Clock);
    industry = (await createSignedInUser(app, { department: 'industry-it' })).bearer;
    bigData = (await createSignedInUser(app, { department: 'big-data-bureau' })).bearer;
    transport = (await createSignedInUser(app, { department: 'transport' })).bearer;
    analyst = (await createSignedInUser(app, { roles: ['analyst'] })).bearer;
  });
  afterAll(async () => {
    await app?.stop();
  });

  let first: Completion;

  it('takes a lead unit’s claim with evidence; waiting, the task is not done', async () => {
    const file = await upload(industry);
    first = await okBody(
      await claim(industry, 'DS2020-M07', {
        doneOn: '2020-06-28',
        note: '政策措施已印发',
        evidence: [link, { kind: 'file', id: file }],
      }),
      CompletionSchema,
      201,
    );
    expect(first).toMatchObject({
      milestone: 'DS2020-M07',
      plan: 'DS2020',
      state: 'claimed',
      doneOn: '2020-06-28',
      department: { code: 'industry-it' },
      review: null,
      evidence: [
        link,
        {
          kind: 'file',
          id: file,
          name: '验收报告.pdf',
          contentType: 'application/pdf',
          url: `/api/v1/evidence/${file}`,
        },
      ],
    });
    expect((await listOf('DS2020-M07')).map((c) => c.id)).toEqual([first.id]);
    const queue = okBody(await call(app, 'GET', '/milestone-completions?plan=DS2020'), Completions);
    expect((await queue).map((c) => c.id)).toEqual([first.id]);
    expect(await milestoneOn('DS2020-M07', '2020-07-01')).toMatchObject({
      status: 'pending',
      doneOn: null,
    });
  });

  it('refuses a second claim while one waits: completion_pending', async () => {
    await errorBody(
      await claim(industry, 'DS2020-M07', { doneOn: '2020-06-29', note: '再报', evidence: [link] }),
      409,
      'completion_pending',
    );
  });

  it('counts the task done from the day it is confirmed, with the day claimed', async () => {
    clock.pin('2020-07-03');
    const confirmed = await okBody(
      await review(analyst, first.id, { decision: 'confirm' }),
      CompletionSchema,
    );
    expect(confirmed).toMatchObject({ state: 'confirmed', review: { decision: 'confirm' } });
    expect(await milestoneOn('DS2020-M07', '2020-07-02')).toMatchObject({
      status: 'pending',
      doneOn: null,
    });
    expect(await milestoneOn('DS2020-M07', '2020-07-03')).toMatchObject({
      status: 'done',
      doneOn: '2020-06-28',
      doneLate: false,
    });
    expect(
      (await okBody(await call(app, 'GET', '/milestone-completions?plan=DS2020'), Completions))
        .length,
    ).toBe(0);
  });

  it('refuses a second review and a claim of a task confirmed done', async () => {
    await errorBody(
      await review(analyst, first.id, { decision: 'return', comment: '不行' }),
      409,
      'completion_already_reviewed',
    );
    await errorBody(
      await claim(industry, 'DS2020-M07', { doneOn: '2020-07-01', note: '又报', evidence: [link] }),
      409,
      'milestone_already_done',
    );
  });

  it('returns a claim with a comment (required) and takes the claim again', async () => {
    const claimed = await okBody(
      await claim(bigData, 'DS2020-M10', {
        doneOn: '2020-07-02',
        note: '指导意见已出台',
        evidence: [link],
      }),
      CompletionSchema,
      201,
    );
    expect(
      (await issuesOf(await review(analyst, claimed.id, { decision: 'return' }))).map(
        (i) => i.path,
      ),
    ).toEqual(['body.comment']);
    const returned = await okBody(
      await review(analyst, claimed.id, { decision: 'return', comment: '请补充正式文件' }),
      CompletionSchema,
    );
    expect(returned).toMatchObject({ state: 'returned', review: { comment: '请补充正式文件' } });
    const again = await okBody(
      await claim(bigData, 'DS2020-M10', {
        doneOn: '2020-07-02',
        note: '补充文件',
        evidence: [link, { kind: 'file', id: await upload(bigData) }],
      }),
      CompletionSchema,
      201,
    );
    expect((await listOf('DS2020-M10')).map((c) => [c.id, c.state])).toEqual([
      [again.id, 'claimed'],
      [claimed.id, 'returned'],
    ]);
    expect(
      (
        await okBody(
          await call(app, 'GET', '/milestone-completions?plan=DS2020&state=returned'),
          Completions,
        )
      ).map((c) => c.id),
    ).toEqual([claimed.id]);
    expect(await milestoneOn('DS2020-M10', '2020-07-03')).toMatchObject({ status: 'pending' });
  });

  it('refuses bad input with coded answers and stores nothing', async () => {
    const before = await listOf('DS2020-M11');
    const bad = async (body: unknown) =>
      (await issuesOf(await claim(bigData, 'DS2020-M11', body))).map((i) => [i.path, i.code]);
    expect(await bad({ doneOn: '2020-07-04', note: '未来', evidence: [link] })).toEqual([
      ['body.doneOn', 'done_on_future'],
    ]);
    expect(await bad({ doneOn: '2019-12-31', note: '去年', evidence: [link] })).toEqual([
      ['body.doneOn', 'done_on_before_plan'],
    ]);
    expect((await bad({ doneOn: '2020-07-01', note: '无佐证', evidence: [] }))[0]?.[0]).toBe(
      'body.evidence',
    );
    expect(
      await bad({
        doneOn: '2020-07-01',
        note: '坏链接',
        evidence: [{ kind: 'link', title: 'x', url: 'http://:80' }],
      }),
    ).toEqual([['body.evidence.0.url', 'evidence_link']]);
    expect((await bad({ doneOn: '2020-07-01', note: '  ', evidence: [link] }))[0]?.[0]).toBe(
      'body.note',
    );
    await errorBody(
      await claim(bigData, 'DS2020-NOPE', { doneOn: '2020-07-01', note: 'x', evidence: [link] }),
      404,
      'milestone_not_found',
    );
    await errorBody(
      await call(app, 'GET', '/milestones/DS2020-NOPE/completions'),
      404,
      'milestone_not_found',
    );
    await errorBody(
      await call(app, 'GET', '/milestone-completions?plan=NOPE'),
      404,
      'plan_not_found',
    );
    await errorBody(
      await review(analyst, '999999', { decision: 'confirm' }),
      404,
      'completion_not_found',
    );
    expect(await listOf('DS2020-M11')).toEqual(before);
  });

  it('refuses a unit that neither leads nor supports the task, and audits the attempt', async () => {
    await errorBody(
      await claim(transport, 'DS2020-M11', { doneOn: '2020-07-01', note: 'x', evidence: [link] }),
      403,
      'milestone_not_led',
    );
    await errorBody(await review(bigData, first.id, { decision: 'confirm' }), 403, 'forbidden');
    const denied = z
      .array(AuditEntrySchema)
      .parse(
        await (await call(app, 'GET', '/audit?outcome=denied&action=milestone.complete')).json(),
      );
    expect(denied.map((e) => e.entityId)).toContain('DS2020-M11');
    expect(await listOf('DS2020-M11')).toEqual([]);
  });

  it('lets an analyst claim for a unit', async () => {
    const made = await okBody(
      await claim(analyst, 'DS2020-M11', { doneOn: '2020-07-01', note: '代报', evidence: [link] }),
      CompletionSchema,
      201,
    );
    expect(made.state).toBe('claimed');
  });

  it('cites an uploaded evidence file by id, shown with its name; another unit’s file is refused', async () => {
    const file = await upload(industry);
    const made = await okBody(
      await claim(industry, 'DS2020-M05', {
        doneOn: '2020-06-30',
        note: '已验收',
        evidence: [{ kind: 'file', id: file }],
      }),
      CompletionSchema,
      201,
    );
    expect(made.evidence).toEqual([
      {
        kind: 'file',
        id: file,
        name: '验收报告.pdf',
        size: expect.any(Number) as number,
        contentType: 'application/pdf',
        url: `/api/v1/evidence/${file}`,
      },
    ]);
    const before = (await listOf('DS2020-M15')).length;
    const issues = await issuesOf(
      await claim(transport, 'DS2020-M15', {
        doneOn: '2020-06-30',
        note: '借用',
        evidence: [{ kind: 'file', id: file }],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['body.evidence.0.id']);
    expect(await listOf('DS2020-M15')).toHaveLength(before);
  });

  it('takes no claim on a closed plan, and takes claims again once it is reopened', async () => {
    expect((await call(app, 'POST', '/plans/DS2020/close', {})).status).toBe(200);
    try {
      const body = { doneOn: '2020-06-30', note: '补报', evidence: [link] };
      await errorBody(await claim(industry, 'DS2020-M08', body), 409, 'plan_closed');
      expect(await listOf('DS2020-M08')).toEqual([]);
    } finally {
      expect((await call(app, 'POST', '/plans/DS2020/reopen', {})).status).toBe(200);
    }
  });
});
