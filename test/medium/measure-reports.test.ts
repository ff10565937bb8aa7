import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AuditEntrySchema,
  EvidenceFileSchema,
  MeasureDetailSchema,
  MeasureReportSchema,
  MeasureSchema,
  type MeasureReport,
} from '@zhibiao/contracts';
import { Clock } from '../../apps/api/src/common/clock.js';
import {
  callAs,
  createApiKey,
  createSignedInUser,
  signIn,
  type Credentials,
} from '../support/accounts.js';
import { API, call, errorBody, hasChinese, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Monthly progress reports on measures (举措进展, issue 16): the units that lead or support a measure
// report each month, the bureau confirms or returns; every save a revision, any past day shown again.

const APP_TODAY = '2020-06-15';
// 省政府办公厅 leads it, 省大数据局 supports it.
const MEASURE = 'DS2020-1.1-1';
// 省大数据局 leads it alone.
const BDB_MEASURE = 'DS2020-1.1-2';
const Reports = z.array(MeasureReportSchema);

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

let app: TestApp;
let office: Credentials; // a reporter of general-office (lead)
let bureau: Credentials; // a reporter of big-data-bureau (support on MEASURE)
let outsider: Credentials; // a reporter of industry-it (on neither)
let analyst: Credentials;
let leader: Credentials;
let officeKey: Credentials;

beforeAll(async () => {
  app = await startTestApp({ APP_TODAY, UPLOAD_LIMIT: '64kb' });
  const reporter = async (department: string) =>
    (await createSignedInUser(app, { roles: ['reporter'], department })).bearer;
  office = await reporter('general-office');
  bureau = await reporter('big-data-bureau');
  outsider = await reporter('industry-it');
  analyst = (await createSignedInUser(app, { roles: ['analyst'] })).bearer;
  leader = (await createSignedInUser(app, { roles: ['leader'] })).bearer;
  officeKey = { bearer: (await createApiKey(app, 'general-office')).key };
});
afterAll(async () => {
  await app?.stop();
});

const body = (extra: Record<string, unknown> = {}) => ({
  period: '2020-06',
  progress: '召开推进会，“一网通办”事项清单梳理完成',
  problems: '个别市进度不平衡',
  nextSteps: '加快推进事项标准化',
  status: 'on_track',
  ...extra,
});

async function file(
  who: Credentials,
  extra: Record<string, unknown> = {},
  measure = MEASURE,
): Promise<MeasureReport> {
  return okBody(
    await callAs(app, who, 'POST', `/measures/${measure}/reports`, body(extra)),
    MeasureReportSchema,
    201,
  );
}

const review = (id: string, decision: 'confirm' | 'return', comment = '', who = analyst) =>
  callAs(app, who, 'POST', `/measure-reports/${id}/review`, { decision, comment });

const reportsOf = async (measure: string, query = '') =>
  okBody(await call(app, 'GET', `/measures/${measure}/reports${query}`), Reports);

async function upload(
  who: Credentials,
  name: string,
  content: Buffer,
  language?: 'en',
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), name);
  const headers: Record<string, string> = {};
  if ('bearer' in who) headers.Authorization = `Bearer ${who.bearer}`;
  if (language) headers['Accept-Language'] = language;
  return app.anonymous(`${API}/evidence`, { method: 'POST', body: form, headers });
}

describe('a measure report from submission to confirmation', () => {
  it('is returned with a comment, resubmitted as a new revision, and confirmed', async () => {
    const first = await file(office, { period: '2020-04' });
    expect(first).toMatchObject({
      measure: MEASURE,
      plan: 'DS2020',
      period: '2020-04',
      department: { code: 'general-office' },
      role: 'lead',
      revision: 1,
      state: 'submitted',
      status: 'on_track',
      review: null,
      // Due on 2020-05-10; sent on 2020-06-15.
      late: true,
    });
    expect(first.submittedAt).toBe(first.recordedAt);

    // A return without a comment is refused, naming the field; nothing is stored.
    const issues = await issuesOf(await review(first.id, 'return'));
    expect(issues.map((i) => i.path)).toEqual(['body.comment']);
    expect((await reportsOf(MEASURE, '?period=2020-04'))[0]?.state).toBe('submitted');

    const returned = await okBody(
      await review(first.id, 'return', '请补充事项数量'),
      MeasureReportSchema,
    );
    expect(returned).toMatchObject({
      state: 'returned',
      review: { decision: 'return', comment: '请补充事项数量' },
    });
    // The lead unit finds it among its returned reports.
    const queue = await okBody(
      await callAs(
        app,
        office,
        'GET',
        '/measure-reports?plan=DS2020&state=returned&department=general-office',
      ),
      Reports,
    );
    expect(queue.map((r) => r.id)).toContain(first.id);
    await errorBody(await review(first.id, 'confirm'), 409, 'report_already_reviewed');

    const again = await file(office, { period: '2020-04', progress: '已梳理事项 1200 项' });
    expect(again).toMatchObject({ revision: 2, state: 'submitted', review: null, late: true });
    await errorBody(await review(first.id, 'confirm'), 409, 'report_superseded');

    const confirmed = await okBody(await review(again.id, 'confirm'), MeasureReportSchema);
    expect(confirmed).toMatchObject({ state: 'confirmed', review: { decision: 'confirm' } });
    const history = await reportsOf(MEASURE, '?period=2020-04&history=true');
    expect(history.map((r) => [r.revision, r.state])).toEqual([
      [2, 'confirmed'],
      [1, 'returned'],
    ]);
  });

  it('is a draft first (progress may be empty), then submitted; a draft cannot be reviewed', async () => {
    const draft = await file(office, { period: '2020-05', progress: '', submit: false });
    expect(draft).toMatchObject({ state: 'draft', submittedAt: null, late: false });
    await errorBody(await review(draft.id, 'confirm'), 409, 'report_not_submitted');
    const sent = await file(office, { period: '2020-05' });
    expect(sent).toMatchObject({ revision: 2, state: 'submitted', late: true });
    const [latest] = await reportsOf(MEASURE, '?period=2020-05');
    expect(latest?.id).toBe(sent.id);
  });

  it('is on time when first submitted by the 10th of the next month, and stays so', async () => {
    const sent = await file(office, { period: '2020-06' });
    expect(sent.late).toBe(false);
  });
});

describe('revisions', () => {
  it('are all kept, and a past day shows what was known by its end', async () => {
    const clock = app.server.app.get(Clock);
    try {
      clock.pin('2020-06-16');
      const before = await file(office, { period: '2020-03', progress: '第一版' }, MEASURE);
      clock.pin('2020-06-18');
      const after = await file(office, { period: '2020-03', progress: '第二版' }, MEASURE);
      clock.pin('2020-06-19');
      await review(after.id, 'confirm');

      const asOf = async (day: string) =>
        (await reportsOf(MEASURE, `?period=2020-03&asOf=${day}`)).map((r) => [r.progress, r.state]);
      expect(await asOf('2020-06-15')).toEqual([]);
      expect(await asOf('2020-06-16')).toEqual([['第一版', 'submitted']]);
      expect(await asOf('2020-06-18')).toEqual([['第二版', 'submitted']]);
      expect(await asOf('2020-06-19')).toEqual([['第二版', 'confirmed']]);
      const all = await reportsOf(MEASURE, '?period=2020-03&history=true');
      expect(all.map((r) => r.id)).toEqual([after.id, before.id]);
    } finally {
      clock.pin(APP_TODAY);
    }
  });
});

describe('support units', () => {
  it("file their part beside the lead's, with role support", async () => {
    const part = await file(bureau, { period: '2020-02', progress: '配合完成数据对接' });
    expect(part).toMatchObject({ role: 'support', department: { code: 'big-data-bureau' } });
    await file(office, { period: '2020-02' });
    const month = await reportsOf(MEASURE, '?period=2020-02');
    expect(month.map((r) => [r.department.code, r.role])).toEqual([
      ['general-office', 'lead'],
      ['big-data-bureau', 'support'],
    ]);
    const queue = await okBody(
      await call(app, 'GET', '/measure-reports?plan=DS2020&period=2020-02'),
      Reports,
    );
    expect(queue.filter((r) => r.measure === MEASURE).map((r) => r.role)).toEqual([
      'lead',
      'support',
    ]);
  });

  it('and API keys of a lead unit report for it', async () => {
    const byKey = await file(officeKey, { period: '2020-01' });
    expect(byKey).toMatchObject({ department: { code: 'general-office' }, role: 'lead' });
    expect(byKey.by).toMatch(/^zbk_/);
  });
});

describe('refused reports', () => {
  const countAll = async () =>
    (await okBody(await call(app, 'GET', '/measure-reports?plan=DS2020'), Reports)).length +
    (await reportsOf(MEASURE, '?history=true')).length;

  it('store nothing, and say why in the caller’s language', async () => {
    const stored = await countAll();
    const post = (who: Credentials, extra: Record<string, unknown>, language?: 'en') =>
      callAs(
        app,
        who,
        'POST',
        `/measures/${MEASURE}/reports`,
        body(extra),
        language ? { 'Accept-Language': language } : {},
      );

    const notLed = await errorBody(await post(outsider, {}), 403, 'measure_not_led');
    expect(hasChinese(notLed.message)).toBe(true);
    const notLedEn = await errorBody(await post(outsider, {}, 'en'), 403, 'measure_not_led');
    expect(notLedEn.message).toContain('Only the lead and support units');
    // A reporter of a lead unit cannot report for another unit.
    await errorBody(await post(office, { department: 'big-data-bureau' }), 403, 'measure_not_led');
    await errorBody(await post(analyst, {}), 403, 'forbidden');
    await errorBody(await post(leader, {}), 403, 'forbidden');
    // An administrator names the unit.
    await errorBody(
      await call(app, 'POST', `/measures/${MEASURE}/reports`, body()),
      400,
      'department_required',
    );
    await errorBody(
      await call(app, 'POST', `/measures/${MEASURE}/reports`, body({ department: 'nobody' })),
      400,
      'unknown_department',
    );
    await errorBody(
      await call(app, 'POST', `/measures/${MEASURE}/reports`, body({ department: 'industry-it' })),
      403,
      'measure_not_led',
    );
    await errorBody(
      await call(app, 'POST', '/measures/DS2020-9.9-9/reports', body()),
      404,
      'measure_not_found',
    );

    const fields = async (extra: Record<string, unknown>, language?: 'en') =>
      (await issuesOf(await post(office, extra, language))).map((i) => [i.path, i.message]);
    const [outside] = await fields({ period: '2019-12' });
    expect(outside?.[0]).toBe('body.period');
    expect(hasChinese(outside?.[1] ?? '')).toBe(true);
    const [future] = await fields({ period: '2020-07' }, 'en');
    expect(future).toEqual(['body.period', expect.stringContaining('has not begun')]);
    expect((await fields({ progress: '   ' })).map(([path]) => path)).toEqual(['body.progress']);
    expect((await fields({ evidence: [{ kind: 'file', id: '999999' }] }))[0]?.[0]).toBe(
      'body.evidence.0.id',
    );
    expect(
      (
        await fields({ evidence: [{ kind: 'link', title: '链接', url: 'javascript:alert(1)' }] })
      )[0]?.[0],
    ).toBe('body.evidence.0.url');
    const eleven = Array.from({ length: 11 }, () => ({
      kind: 'link',
      title: '链接',
      url: 'https://example.org/',
    }));
    expect((await fields({ evidence: eleven }))[0]?.[0]).toBe('body.evidence');
    expect((await fields({ status: 'finished' }))[0]?.[0]).toBe('body.status');

    expect(await countAll()).toBe(stored);
    const denied = await okBody(
      await call(app, 'GET', '/audit?outcome=denied&limit=500'),
      z.array(AuditEntrySchema),
    );
    expect(denied.filter((e) => e.action === 'measure_report.file').length).toBeGreaterThanOrEqual(
      3,
    );
  });

  it('a review of an unknown report is 404, by a reporter 403', async () => {
    await errorBody(await review('999999', 'confirm'), 404, 'measure_report_not_found');
    const mine = await file(office, { period: '2020-06' });
    await errorBody(await review(mine.id, 'confirm', '', office), 403, 'forbidden');
  });
});

describe('evidence files', () => {
  it('keep a Chinese name through upload and download, and are cited by reports', async () => {
    const name = '佐证材料-“一网通办”推进会纪要.pdf';
    const uploaded = await okBody(await upload(office, name, PDF), EvidenceFileSchema, 201);
    expect(uploaded).toMatchObject({ name, size: PDF.length, contentType: 'application/pdf' });

    const res = await callAs(app, analyst, 'GET', `/evidence/${uploaded.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/pdf');
    const disposition = res.headers.get('content-disposition') ?? '';
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(name);
    expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);

    const cited = await file(office, {
      period: '2020-06',
      evidence: [
        { kind: 'file', id: uploaded.id },
        { kind: 'link', title: '新闻报道', url: 'https://www.shandong.gov.cn/' },
      ],
    });
    expect(cited.evidence).toEqual([
      {
        kind: 'file',
        id: uploaded.id,
        name,
        size: PDF.length,
        contentType: 'application/pdf',
        url: `/api/v1/evidence/${uploaded.id}`,
      },
      { kind: 'link', title: '新闻报道', url: 'https://www.shandong.gov.cn/' },
    ]);
    // Another unit cannot cite it.
    const issues = await issuesOf(
      await callAs(
        app,
        bureau,
        'POST',
        `/measures/${BDB_MEASURE}/reports`,
        body({ evidence: [{ kind: 'file', id: uploaded.id }] }),
      ),
    );
    expect(issues.map((i) => i.path)).toEqual(['body.evidence.0.id']);
  });

  it('are recognized by their bytes: DOCX, XLSX, PNG, JPEG; anything else refused', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect(
      (await okBody(await upload(office, '截图.png', png), EvidenceFileSchema, 201)).contentType,
    ).toBe('image/png');
    const refused = await errorBody(
      await upload(office, '通知.pdf', Buffer.from('MZ\x90\x00 not a pdf')),
      415,
      'evidence_type_refused',
    );
    expect(refused.message).toContain('PDF, PNG, JPEG, DOCX, XLSX');
    const english = await errorBody(
      await upload(office, 'page.html', Buffer.from('<html></html>'), 'en'),
      415,
      'evidence_type_refused',
    );
    expect(english.message).toContain('.html');
  });

  it('over the upload limit are refused with 413', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(80 * 1024, 0x20)]);
    await errorBody(await upload(office, '大文件.pdf', big), 413, 'payload_too_large');
  });

  it('unknown ids are 404', async () => {
    await errorBody(await call(app, 'GET', '/evidence/999999'), 404, 'evidence_not_found');
  });
});

describe('the catalogue', () => {
  it("shows each measure's latest lead report", async () => {
    const measures = okBody(
      await call(app, 'GET', '/measures?plan=DS2020'),
      z.array(MeasureSchema),
    );
    const latest = (await measures).find((m) => m.code === MEASURE)?.latestReport;
    expect(latest).toMatchObject({ period: '2020-06', department: { code: 'general-office' } });
    const untouched = (await measures).find((m) => m.code === 'DS2020-5-1');
    expect(untouched?.latestReport).toBeNull();
    const detail = await okBody(
      await call(app, 'GET', `/measures/${MEASURE}`),
      MeasureDetailSchema,
    );
    expect(detail.latestReport?.id).toBe(latest?.id);
  });
});

describe('the tables', () => {
  it('refuse to be rewritten, yet go with a draft plan deleted with its measures', async () => {
    const db = app.server.database.db;
    const one = await file(office, { period: '2020-06' });
    await review(one.id, 'confirm');
    await okBody(await upload(office, '纪要.pdf', PDF), EvidenceFileSchema, 201);
    for (const sql of [
      `UPDATE measure_report SET progress = 'x' WHERE id = ${one.id}`,
      `DELETE FROM measure_report WHERE id = ${one.id}`,
      `TRUNCATE measure_report_review CASCADE`,
      `DELETE FROM measure_report_review`,
      `UPDATE evidence_file SET name = 'x'`,
    ]) {
      await expect(db.query(sql), sql).rejects.toThrow(/append-only/);
    }

    const plan = 'TP-REPORTS';
    expect(
      (
        await call(app, 'POST', '/plans', {
          code: plan,
          title: '举措报告测试',
          startYear: 2020,
          endYear: 2020,
        })
      ).status,
    ).toBe(201);
    await db.query(
      `INSERT INTO measure (code, plan_code, position, name, source_text, source_start, source_end)
       VALUES ('TP-REPORTS-1-1', $1, 1, '测试举措', '测试举措（省政府办公厅牵头）', 0, 10)`,
      [plan],
    );
    await db.query(
      `INSERT INTO measure_department (measure_code, department_code, role, position)
       VALUES ('TP-REPORTS-1-1', 'general-office', 'lead', 1)`,
    );
    const draft = await file(office, { period: '2020-05' }, 'TP-REPORTS-1-1');
    await okBody(await review(draft.id, 'return', '请补充'), MeasureReportSchema);
    await file(office, { period: '2020-05' }, 'TP-REPORTS-1-1');
    expect((await call(app, 'DELETE', `/plans/${plan}`)).status).toBe(204);
    const left: unknown[] = await db.query(
      `SELECT 1 FROM measure_report WHERE measure_code = 'TP-REPORTS-1-1'`,
    );
    expect(left).toEqual([]);
  });
});

describe('the demo year', () => {
  const DEMO_PASSWORD = 'demo-password-2020';
  const SEED_DIR = fileURLToPath(new URL('../../seeds/digital-shandong-2020', import.meta.url));
  let demo: TestApp;
  let catalogue: {
    measures: { code: string; lead: string[] }[];
    milestones: { code: string; lead: string[] }[];
  };
  beforeAll(async () => {
    catalogue = JSON.parse(
      await readFile(`${SEED_DIR}/catalogue.json`, 'utf8'),
    ) as typeof catalogue;
    demo = await startTestApp({ DEMO_FIGURES: '1', DEMO_USERS: '1', DEMO_PASSWORD });
  });
  afterAll(async () => {
    await demo?.stop();
  });

  it('has every lead unit report every month from January to October', async () => {
    const queue = await okBody(await call(demo, 'GET', '/measure-reports?plan=DS2020'), Reports);
    const leadSlots = catalogue.measures.reduce((n, m) => n + m.lead.length, 0);
    for (let month = 1; month <= 10; month += 1) {
      const period = `2020-${String(month).padStart(2, '0')}`;
      const leads = queue.filter((r) => r.period === period && r.role === 'lead');
      expect(leads.length, period).toBe(leadSlots);
      expect(
        leads.every((r) => r.state !== 'draft'),
        period,
      ).toBe(true);
    }
    expect(queue.some((r) => r.role === 'support')).toBe(true);
    expect(queue.filter((r) => r.status === 'behind').length).toBeGreaterThan(5);
    expect(queue.some((r) => r.status === 'done')).toBe(true);
    // Most are confirmed; October's last ones wait for the bureau on the demo's day.
    expect(queue.filter((r) => r.state === 'confirmed').length).toBeGreaterThan(queue.length * 0.8);
    expect(queue.some((r) => r.period === '2020-10' && r.state === 'submitted')).toBe(true);
  });

  it('has two reports returned by the bureau and resubmitted, then confirmed', async () => {
    const returned: MeasureReport[] = [];
    for (const code of ['DS2020-3.2-2', 'DS2020-2.2-3']) {
      const all = await okBody(
        await call(demo, 'GET', `/measures/${code}/reports?history=true`),
        Reports,
      );
      returned.push(...all.filter((r) => r.review?.decision === 'return'));
      for (const back of all.filter((r) => r.review?.decision === 'return')) {
        const next = all.find(
          (r) =>
            r.period === back.period &&
            r.department.code === back.department.code &&
            r.revision === back.revision + 1,
        );
        expect(next?.state).toBe('confirmed');
        expect(Date.parse(next!.recordedAt)).toBeGreaterThan(Date.parse(back.review!.at));
      }
    }
    expect(returned.length).toBe(2);
    // As of the day after the return, it was with the unit.
    const [first] = returned;
    const day = first!.review!.at.slice(0, 10);
    const then = await okBody(
      await call(demo, 'GET', `/measure-reports?plan=DS2020&state=returned&asOf=${day}`),
      Reports,
    );
    expect(then.map((r) => r.id)).toContain(first!.id);
  });

  it('gives every unit that leads a measure or node task a demo reporter who can sign in', async () => {
    const leads = new Set([
      ...catalogue.measures.flatMap((m) => m.lead),
      ...catalogue.milestones.flatMap((m) => m.lead),
    ]);
    for (const code of leads) {
      const signedIn = await signIn(demo, code, DEMO_PASSWORD);
      expect(signedIn.session.user.department?.code, code).toBe(code);
    }
  });

  it('is loaded once: a restart adds nothing', async () => {
    const count = async () =>
      (await okBody(await call(demo, 'GET', `/measures/${MEASURE}/reports?history=true`), Reports))
        .length;
    const before = await count();
    const service = demo.server.app.get(
      (await import('../../apps/api/src/measure-reports/demo-reports.service.js'))
        .DemoReportsService,
    );
    await service.loadMissing();
    expect(await count()).toBe(before);
  });
});
