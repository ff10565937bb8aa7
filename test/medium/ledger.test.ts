import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CompletionSchema,
  LedgerSchema,
  MeasureReportSchema,
  NoticeDetailSchema,
  SubmissionReportSchema,
  type Ledger,
  type LedgerRow,
} from '@zhibiao/contracts';
import type { IsoDate } from '@zhibiao/core';
import { Clock } from '../../apps/api/src/common/clock.js';
import { callAs, createSignedInUser, type Credentials } from '../support/accounts.js';
import { API, call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// The ledger (台账) of issue 16: every measure and node task with the status its lead units' reports
// give it for a month, as known at the end of any day — reports, reviews, completions and notices
// recorded later do not show on an earlier day.

const TODAY = '2020-11-20';
const HOSTILE = '=HYPERLINK("http://evil.example","点我")';

describe('the ledger', () => {
  let app: TestApp;
  let generalOffice: Credentials;
  let bigData: Credentials;
  let establishment: Credentials;
  let archives: Credentials;
  let analyst: Credentials;

  const on = async <T>(day: IsoDate, act: () => Promise<T>): Promise<T> => {
    const clock = app.server.app.get(Clock);
    clock.pin(day);
    try {
      return await act();
    } finally {
      clock.pin(TODAY);
    }
  };
  const report = async (
    who: Credentials,
    measure: string,
    body: Record<string, unknown>,
  ): Promise<string> => {
    const res = await callAs(app, who, 'POST', `/measures/${measure}/reports`, {
      problems: '',
      nextSteps: '继续推进',
      submit: true,
      ...body,
    });
    return (await okBody(res, MeasureReportSchema, 201)).id;
  };
  const ledger = async (query: string): Promise<Ledger> =>
    okBody(await call(app, 'GET', `/ledger?plan=DS2020&${query}`), LedgerSchema);
  const rowOf = (l: Ledger, code: string): LedgerRow => {
    const row = l.rows.find((r) => r.code === code);
    if (!row) throw new Error(`no ledger row ${code}`);
    return row;
  };

  beforeAll(async () => {
    app = await startTestApp({ APP_TODAY: TODAY });
    const reporter = async (department: string) =>
      (await createSignedInUser(app, { roles: ['reporter'], department })).bearer;
    generalOffice = await reporter('general-office');
    bigData = await reporter('big-data-bureau');
    establishment = await reporter('establishment-office');
    archives = await reporter('archives');
    analyst = (await createSignedInUser(app, { roles: ['analyst'] })).bearer;

    // September, reported early October; October, reported early November.
    await on('2020-10-05', () =>
      report(generalOffice, 'DS2020-1.1-1', {
        period: '2020-09',
        progress: '一链办理事项已上线 60 项',
        status: 'on_track',
      }),
    );
    const returned = await on('2020-11-05', () =>
      report(generalOffice, 'DS2020-1.1-1', {
        period: '2020-10',
        progress: HOSTILE,
        problems: '部分市级系统对接滞后',
        status: 'behind',
      }),
    );
    await on('2020-11-05', async () => {
      await report(bigData, 'DS2020-1.2-6', {
        period: '2020-10',
        progress: '已完成',
        status: 'on_track',
      });
      await report(establishment, 'DS2020-1.2-6', {
        period: '2020-10',
        progress: '方案起草中',
        problems: '编制调整待批复',
        status: 'behind',
      });
      await report(bigData, 'DS2020-1.1-2', {
        period: '2020-10',
        progress: '',
        status: 'on_track',
        submit: false,
      });
    });
    await on('2020-11-06', async () => {
      const res = await callAs(app, analyst, 'POST', `/measure-reports/${returned}/review`, {
        decision: 'return',
        comment: '请补充对接进度数据',
      });
      await okBody(res, MeasureReportSchema);
    });

    // A node task done on 1 November, claimed on the 2nd, confirmed on the 6th.
    const claim = await on('2020-11-02', async () =>
      okBody(
        await callAs(app, archives, 'POST', '/milestones/DS2020-M01/completions', {
          doneOn: '2020-11-01',
          note: '系统已上线运行',
          evidence: [{ kind: 'link', title: '上线通知', url: 'https://example.org/notice' }],
        }),
        CompletionSchema,
        201,
      ),
    );
    await on('2020-11-06', async () =>
      okBody(
        await callAs(app, analyst, 'POST', `/milestone-completions/${claim.id}/review`, {
          decision: 'confirm',
          comment: '',
        }),
        CompletionSchema,
      ),
    );

    // A notice raised on the 6th and closed on the 8th.
    const notice = await on('2020-11-06', async () =>
      okBody(
        await callAs(app, analyst, 'POST', '/notices', {
          subject: { kind: 'measure', code: 'DS2020-1.1-1' },
          problem: '一链办理进度滞后',
          requirement: '说明原因并提出追赶措施',
          replyBy: '2020-11-13',
        }),
        NoticeDetailSchema,
        201,
      ),
    );
    await on('2020-11-08', async () =>
      okBody(
        await callAs(app, analyst, 'POST', `/notices/${notice.id}/close`, { comment: '已整改' }),
        NoticeDetailSchema,
      ),
    );
  });
  afterAll(async () => {
    await app.stop();
  });

  it('lists every measure and node task once, numbered, with the counts adding up', async () => {
    const l = await ledger('asOf=2020-11-07');
    expect(l.period).toBe('2020-10');
    expect(l.rows.filter((r) => r.kind === 'measure')).toHaveLength(43);
    expect(l.rows.filter((r) => r.kind === 'milestone')).toHaveLength(28);
    expect(l.rows.map((r) => r.no)).toEqual(l.rows.map((_, i) => i + 1));
    expect(Object.values(l.counts).reduce((a, b) => a + b, 0)).toBe(l.rows.length);
    const first = rowOf(l, 'DS2020-1.1-1');
    expect(first.leadDepartments.map((d) => d.code)).toEqual(['general-office']);
    expect(first.supportDepartments.map((d) => d.code)).toEqual(['big-data-bureau']);
    expect(first.deadline).toBe('2020-12-31');
  });

  it('gives each measure the status of its lead report, the worst of two lead units', async () => {
    const l = await ledger('asOf=2020-11-07&period=2020-10');
    const first = rowOf(l, 'DS2020-1.1-1');
    expect(first.status).toBe('behind');
    expect(first.statusText).toEqual({ zh: '滞后', en: 'Behind' });
    expect(first.report).toMatchObject({ state: 'returned', problems: '部分市级系统对接滞后' });
    expect(rowOf(l, 'DS2020-1.2-6')).toMatchObject({
      status: 'behind',
      report: { progress: '方案起草中' },
    });
    // A draft is the unit's own: the bureau sees the measure as not reported.
    expect(rowOf(l, 'DS2020-1.1-2')).toMatchObject({ status: 'not_reported', report: null });
  });

  it('shows on an earlier day what was known then', async () => {
    const before = await ledger('asOf=2020-11-04&period=2020-10');
    expect(rowOf(before, 'DS2020-1.1-1')).toMatchObject({ status: 'not_reported', report: null });
    const september = await ledger('asOf=2020-11-04&period=2020-09');
    expect(rowOf(september, 'DS2020-1.1-1')).toMatchObject({
      status: 'on_track',
      report: { state: 'submitted', progress: '一链办理事项已上线 60 项' },
    });
    // Submitted on the 5th, returned on the 6th.
    expect(
      rowOf(await ledger('asOf=2020-11-05&period=2020-10'), 'DS2020-1.1-1').report?.state,
    ).toBe('submitted');
  });

  it('counts a node task done only once the bureau confirmed it', async () => {
    const claimed = rowOf(await ledger('asOf=2020-11-05'), 'DS2020-M01');
    expect(claimed).toMatchObject({ status: 'on_track', completion: { state: 'claimed' } });
    expect(rowOf(await ledger('asOf=2020-11-01'), 'DS2020-M01').completion).toBeNull();
    const confirmed = rowOf(await ledger('asOf=2020-11-06'), 'DS2020-M01');
    expect(confirmed).toMatchObject({
      status: 'done',
      completion: { state: 'confirmed', doneOn: '2020-11-01' },
    });
  });

  it('counts notices open on the day', async () => {
    expect(rowOf(await ledger('asOf=2020-11-05'), 'DS2020-1.1-1').openNotices).toBe(0);
    expect(rowOf(await ledger('asOf=2020-11-07'), 'DS2020-1.1-1').openNotices).toBe(1);
    expect(rowOf(await ledger('asOf=2020-11-08'), 'DS2020-1.1-1').openNotices).toBe(0);
  });

  it('filters by unit, section and status, counting before the status filter', async () => {
    const all = await ledger('asOf=2020-11-07');
    const unit = await ledger('asOf=2020-11-07&department=establishment-office');
    expect(unit.rows.length).toBeGreaterThan(1);
    for (const row of unit.rows) {
      expect([...row.leadDepartments, ...row.supportDepartments].map((d) => d.code)).toContain(
        'establishment-office',
      );
    }
    const behind = await ledger('asOf=2020-11-07&status=behind');
    expect(behind.rows.length).toBe(all.counts.behind);
    expect(behind.counts).toEqual(all.counts);
    expect(behind.rows.every((r) => r.status === 'behind')).toBe(true);
    const section = rowOf(all, 'DS2020-1.1-1').section;
    const inSection = await ledger(`asOf=2020-11-07&section=${section}`);
    expect(inSection.rows.every((r) => r.section === section)).toBe(true);
    expect(inSection.rows.length).toBeLessThan(all.rows.length);
  });

  it('answers a clear error for an unknown plan and a bad period', async () => {
    await errorBody(await call(app, 'GET', '/ledger?plan=NOPE'), 404, 'plan_not_found');
    for (const period of ['2020-13', '2019-12']) {
      const res = await call(app, 'GET', `/ledger?plan=DS2020&period=${period}`, undefined, 'en');
      const issues = await issuesOf(res);
      expect(issues.map((i) => i.path)).toEqual(['query.period']);
    }
    const outside = await issuesOf(
      await call(app, 'GET', '/ledger?plan=DS2020&period=2021-01', undefined, 'zh-CN'),
    );
    expect(outside[0]?.message).toBe('月份 2021-01 不在行动方案的年度 2020–2020 内');
  });

  it('exports the ledger as a workbook holding every row, text never a formula', async () => {
    const l = await ledger('asOf=2020-11-07');
    const res = await app.api(`${API}/ledger.xlsx?plan=DS2020&asOf=2020-11-07`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const content = Buffer.from(await res.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(content as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet?.name).toBe('任务台账');
    expect(sheet?.rowCount).toBe(3 + l.rows.length);
    const first = l.rows.findIndex((r) => r.code === 'DS2020-1.1-1');
    const line = sheet?.getRow(4 + first);
    expect(line?.getCell(2).value).toBe(rowOf(l, 'DS2020-1.1-1').name);
    expect(line?.getCell(3).value).toBe('省政府办公厅');
    expect(line?.getCell(6).value).toBe(`'${HOSTILE}`);
    expect(line?.getCell(9).value).toBe('滞后');
    const xml = await (
      await JSZip.loadAsync(content)
    )
      .file('xl/worksheets/sheet1.xml')
      ?.async('string');
    expect(xml).not.toContain('<f>');

    const english = await app.api(`${API}/ledger.xlsx?plan=DS2020&asOf=2020-11-07&lang=en`);
    const englishBook = new ExcelJS.Workbook();
    await englishBook.xlsx.load(await english.arrayBuffer());
    expect(englishBook.worksheets[0]?.getCell('I3').value).toBe('Status');
  });

  it('is today’s by default: a report sent after the latest figures is on it', async () => {
    // Figures recorded on the 10th make that the plan's default day elsewhere; the ledger, like the
    // review queue, still shows what was reported since.
    await on('2020-11-10', async () => {
      const res = await call(app, 'POST', '/measurements', {
        items: [
          {
            indicator: 'DS2020-5G',
            region: '370100',
            period: '2020-10',
            value: 80,
            valueType: 'increment',
          },
        ],
      });
      expect(SubmissionReportSchema.parse(await res.json())).toMatchObject({ accepted: 1 });
    });
    const id = await report(bigData, 'DS2020-1.2-1', {
      period: '2020-10',
      progress: '今日报送的进展',
      status: 'on_track',
    });
    const l = await ledger('');
    expect(l.asOf).toBe(TODAY);
    expect(l.period).toBe('2020-10');
    expect(rowOf(l, 'DS2020-1.2-1')).toMatchObject({
      status: 'on_track',
      report: { id, progress: '今日报送的进展' },
    });
  });
});
