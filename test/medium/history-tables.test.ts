import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndicatorDetailSchema, PlanDetailSchema } from '@zhibiao/contracts';
import { call, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The figures' history and what goes with it refuse to be rewritten in the database itself, on every
// engine and for every role, the schema owner's included (migration ProtectHistory).

let app: TestApp;
beforeAll(async () => {
  // The demo year brings submissions, figures, alerts and their events.
  app = await startTestApp({ APP_TODAY: '2020-11-05', DEMO_FIGURES: '1' });
  const put = await call(app, 'PUT', '/indicators/DS2020-5G/monthly-plan', {
    region: '370000',
    items: [
      { period: '2020-06', value: 20_000 },
      { period: '2020-12', value: 40_000 },
    ],
    note: 'history test',
  });
  expect(put.status, await put.text()).toBe(200);
  // Uploads keep the file as received; one more row like theirs.
  await query(
    `INSERT INTO submission_file (submission_id, content_type, content)
     SELECT id, 'text/csv', convert_to('indicator,region,period,value', 'UTF8') FROM submission
      WHERE id NOT IN (SELECT submission_id FROM submission_file) ORDER BY id LIMIT 1`,
  );
});
afterAll(async () => {
  await app?.stop();
});

function query<T = unknown>(sql: string, parameters: unknown[] = []): Promise<T[]> {
  return app.server.database.dataSource.query(sql, parameters);
}

async function count(table: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*)::text AS n FROM ${table}`);
  return Number(row?.n);
}

const HISTORY = [
  'measurement',
  'submission',
  'submission_file',
  'alert_event',
  'monthly_plan_version',
  'monthly_plan_item',
  'audit_log',
  // Supervision: node tasks' claims of completion and their reviews, notices' events (the demo's).
  'milestone_completion',
  'milestone_completion_review',
  'supervision_notice_event',
];

describe('the history tables', () => {
  it('have rows to protect', async () => {
    for (const table of HISTORY) expect(await count(table), table).toBeGreaterThan(0);
  });

  it.each(HISTORY)('refuse TRUNCATE of %s, also with CASCADE', async (table) => {
    const before = await count(table);
    // Without CASCADE a table others refer to is refused before its trigger runs; either way, no.
    await expect(query(`TRUNCATE ${table}`)).rejects.toThrow();
    await expect(query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only/);
    expect(await count(table)).toBe(before);
  });

  it.each([
    ['measurement', `UPDATE measurement SET value = value + 1`],
    ['measurement', `DELETE FROM measurement`],
    ['submission', `UPDATE submission SET actor_name = 'someone else'`],
    ['submission', `UPDATE submission SET created_at = created_at - interval '1 day'`],
    ['submission', `DELETE FROM submission`],
    ['submission_file', `UPDATE submission_file SET content = ''::bytea`],
    ['submission_file', `DELETE FROM submission_file`],
    ['alert_event', `UPDATE alert_event SET severity = 'info'`],
    ['alert_event', `DELETE FROM alert_event`],
    ['monthly_plan_version', `UPDATE monthly_plan_version SET note = 'rewritten'`],
    ['monthly_plan_version', `DELETE FROM monthly_plan_version`],
    ['monthly_plan_item', `UPDATE monthly_plan_item SET value = 0`],
    ['monthly_plan_item', `DELETE FROM monthly_plan_item`],
    ['milestone_completion', `UPDATE milestone_completion SET done_on = done_on - 1`],
    ['milestone_completion', `DELETE FROM milestone_completion`],
    ['milestone_completion_review', `UPDATE milestone_completion_review SET decision = 'return'`],
    ['milestone_completion_review', `DELETE FROM milestone_completion_review`],
    ['supervision_notice_event', `UPDATE supervision_notice_event SET comment = 'rewritten'`],
    ['supervision_notice_event', `DELETE FROM supervision_notice_event`],
  ])('refuse to rewrite %s: %s', async (table, sql) => {
    const before = await query(`SELECT * FROM ${table} ORDER BY 1`);
    await expect(query(sql)).rejects.toThrow(/append-only/);
    expect(await query(`SELECT * FROM ${table} ORDER BY 1`)).toEqual(before);
  });

  it('let a submission’s report be written after its figures', async () => {
    const [first] = await query<{ id: string }>(`SELECT id::text AS id FROM submission LIMIT 1`);
    await query(`UPDATE submission SET report = report WHERE id = $1`, [first?.id]);
  });

  it('let a draft plan be deleted with its indicators and their monthly plans', async () => {
    const plan = await okBody(
      await call(app, 'POST', '/plans', {
        code: 'HIST-DRAFT',
        title: '草稿规划',
        startYear: 2021,
        endYear: 2021,
      }),
      PlanDetailSchema,
      201,
    );
    expect(plan.status).toBe('draft');
    const indicator = await okBody(
      await call(app, 'POST', '/plans/HIST-DRAFT/indicators', {
        code: 'HIST-DRAFT-1',
        name: '测试指标',
        unit: '个',
        kind: 'cumulative',
        deadline: '2021-12-31',
        target: { comparator: '>=', value: 500 },
        leadDepartments: ['big-data-bureau'],
      }),
      IndicatorDetailSchema,
      201,
    );
    const put = await call(app, 'PUT', `/indicators/${indicator.code}/monthly-plan`, {
      region: '370000',
      items: [
        { period: '2021-06', value: 200 },
        { period: '2021-12', value: 500 },
      ],
    });
    expect(put.status, await put.text()).toBe(200);
    const planned = `SELECT count(*)::int AS n FROM monthly_plan_item i
                       JOIN monthly_plan_version v ON v.id = i.version_id
                      WHERE v.indicator_code = 'HIST-DRAFT-1'`;
    expect(await query(planned)).toEqual([{ n: 2 }]);

    const res = await call(app, 'DELETE', '/plans/HIST-DRAFT');
    expect(res.status, await res.text()).toBe(204);
    expect(await query(planned)).toEqual([{ n: 0 }]);
  });

  it('let a draft plan be deleted with its node tasks’ claims and its notices', async () => {
    await okBody(
      await call(app, 'POST', '/plans', {
        code: 'HIST-SUP',
        title: '草稿规划',
        startYear: 2020,
        endYear: 2020,
      }),
      PlanDetailSchema,
      201,
    );
    const made = await call(app, 'POST', '/plans/HIST-SUP/milestones', {
      code: 'HIST-SUP-M1',
      name: '测试节点任务',
      deadline: '2020-12-31',
      leadDepartments: ['big-data-bureau'],
    });
    expect(made.status, await made.text()).toBe(201);
    const claim = await call(app, 'POST', '/milestones/HIST-SUP-M1/completions', {
      doneOn: '2020-10-01',
      note: '完成',
      evidence: [{ kind: 'link', title: '文件', url: 'https://example.gov.cn/a' }],
    });
    const { id } = (await claim.json()) as { id: string };
    expect(claim.status).toBe(201);
    const review = await call(app, 'POST', `/milestone-completions/${id}/review`, {
      decision: 'confirm',
    });
    expect(review.status, await review.text()).toBe(200);
    const notice = await call(app, 'POST', '/notices', {
      subject: { kind: 'milestone', code: 'HIST-SUP-M1' },
      problem: '进度',
      requirement: '报送',
      replyBy: '2020-11-20',
    });
    expect(notice.status, await notice.text()).toBe(201);
    // Their own DELETE is refused while what they belong to is there.
    await expect(
      query(`DELETE FROM milestone_completion WHERE milestone_code = 'HIST-SUP-M1'`),
    ).rejects.toThrow(/append-only/);

    const res = await call(app, 'DELETE', '/plans/HIST-SUP');
    expect(res.status, await res.text()).toBe(204);
    expect(
      await query(`SELECT count(*)::int AS n FROM milestone_completion
                    WHERE milestone_code = 'HIST-SUP-M1'`),
    ).toEqual([{ n: 0 }]);
    expect(
      await query(`SELECT count(*)::int AS n FROM supervision_notice WHERE plan_code = 'HIST-SUP'`),
    ).toEqual([{ n: 0 }]);
  });
});
