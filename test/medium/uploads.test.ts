import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ReportingSheetSchema,
  SeriesSchema,
  SubmissionDetailSchema,
  SubmissionReportSchema,
  type MeasurementItem,
  type SubmissionReport,
} from '@zhibiao/contracts';
import { createSignedInUser, type Credentials } from '../support/accounts.js';
import { API, call, errorBody, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Every fixture in test/fixtures/uploads/{ok,not-ok} with a `.expected.json` beside it is uploaded as a
// dry run and its report compared with the expectation; then real uploads: stored, rejected and
// recorded, the same file again, partial, the size limit, the original file kept byte for byte.

const FIXTURES = fileURLToPath(new URL('../fixtures/uploads/', import.meta.url));
// August 2020: July is open, June and earlier closed (due the 5th + 5 days' grace), August future.
const APP_TODAY = '2020-08-03';

const ExpectedSchema = z.strictObject({
  description: z.string().optional(),
  caller: z.enum(['admin', 'reporter']).optional(),
  status: z.enum(['valid', 'invalid']),
  accepted: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(z.tuple([z.number().nullable(), z.string().nullable(), z.string()])),
  warnings: z.array(z.tuple([z.number().nullable(), z.string().nullable(), z.string()])),
});

interface Fixture {
  name: string;
  file: string;
  expected: z.infer<typeof ExpectedSchema>;
}

function fixtures(): Fixture[] {
  const found: Fixture[] = [];
  for (const folder of ['ok', 'not-ok']) {
    const files = readdirSync(path.join(FIXTURES, folder));
    for (const file of files.filter((f) => !f.endsWith('.expected.json'))) {
      const base = file.replace(/\.[^.]+$/, '');
      const expectedFile = `${base}.expected.json`;
      if (!files.includes(expectedFile))
        throw new Error(`${folder}/${file} has no ${expectedFile}`);
      found.push({
        name: `${folder}/${file}`,
        file: path.join(FIXTURES, folder, file),
        expected: ExpectedSchema.parse(
          JSON.parse(readFileSync(path.join(FIXTURES, folder, expectedFile), 'utf8')),
        ),
      });
    }
  }
  return found;
}

let app: TestApp;
let reporter: Credentials & { bearer: string };
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY, UPLOAD_LIMIT: '512kb' });
  reporter = (
    await createSignedInUser(app, {
      username: 'upload-reporter',
      roles: ['reporter'],
      department: 'communications-administration',
    })
  ).bearer as Credentials & { bearer: string };
  // Series the fixtures are checked against: six months of 5G in Heze (菏泽) of about 300 a month,
  // and of SME training province-wide of about 2,000 a month.
  const months = ['2020-01', '2020-02', '2020-03', '2020-04', '2020-05', '2020-06'];
  const items: MeasurementItem[] = [
    ...[300, 320, 310, 330, 325, 315].map((value, i) => ({
      indicator: 'DS2020-5G',
      region: '371700',
      period: months[i]!,
      value,
      valueType: 'increment' as const,
      note: '测试基线',
    })),
    ...[2000, 2100, 1900, 2050, 2000, 1950].map((value, i) => ({
      indicator: 'DS2020-SME-TRAINING',
      region: '370000',
      period: months[i]!,
      value,
      valueType: 'increment' as const,
      note: '测试基线',
    })),
  ];
  const res = await call(app, 'POST', '/measurements', { items });
  expect(res.status, await res.clone().text()).toBe(200);
});
afterAll(async () => {
  await app?.stop();
});

async function upload(
  content: Buffer | string,
  fileName: string,
  options: { query?: string; bearer?: string; headers?: Record<string, string> } = {},
): Promise<Response> {
  const form = new FormData();
  form.append(
    'file',
    new Blob([typeof content === 'string' ? content : new Uint8Array(content)]),
    fileName,
  );
  return app.anonymous(`${API}/submissions${options.query ?? ''}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${options.bearer ?? app.adminToken}`, ...options.headers },
    body: form,
  });
}

async function reportOf(res: Response, status: number): Promise<SubmissionReport> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return SubmissionReportSchema.parse(JSON.parse(text));
}

const triple = (f: SubmissionReport['errors'][number]) => [f.row, f.column, f.code];

describe('the upload fixtures', () => {
  it('each have an expected report', () => {
    expect(fixtures().length).toBeGreaterThanOrEqual(20);
  });

  for (const fixture of fixtures()) {
    it(`${fixture.name}: ${fixture.expected.description ?? fixture.expected.status}`, async () => {
      const res = await upload(readFileSync(fixture.file), path.basename(fixture.file), {
        query: '?dryRun=true',
        ...(fixture.expected.caller === 'reporter' ? { bearer: reporter.bearer } : {}),
      });
      const report = await reportOf(res, 200);
      expect({
        status: report.status,
        accepted: report.accepted,
        rejected: report.rejected,
        errors: report.errors.map(triple),
        warnings: report.warnings.map(triple),
      }).toEqual({
        status: fixture.expected.status,
        accepted: fixture.expected.accepted,
        rejected: fixture.expected.rejected,
        errors: fixture.expected.errors,
        warnings: fixture.expected.warnings,
      });
      // Every finding says what is wrong in words, in the default language.
      for (const finding of [...report.errors, ...report.warnings]) {
        expect(finding.message).toMatch(/[\u4e00-\u9fff]/);
      }
    });
  }
});

describe('POST /submissions', () => {
  const good = 'indicator,region,period,value,valueType\nDS2020-5G,370900,2020-07,640,increment\n';

  it('stores a good file, keeps it byte for byte, and answers the same file again with the earlier result', async () => {
    const first = await reportOf(await upload(good, 'taian.csv'), 200);
    expect(first).toMatchObject({ status: 'applied', accepted: 1, replayed: false });
    const again = await reportOf(await upload(good, 'taian-again.csv'), 200);
    expect(again).toMatchObject({ submissionId: first.submissionId, replayed: true });
    const detail = await okBody(
      await call(app, 'GET', `/submissions/${first.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(detail).toMatchObject({ source: 'csv', fileName: 'taian.csv', status: 'applied' });
    const file = await app.api(`${API}/submissions/${first.submissionId}/file`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('taian.csv');
    expect(await file.text()).toBe(good);
  });

  it('checks a file sent again against the figures in force: what differs is stored, saying so; the earlier answer only when nothing differs', async () => {
    const csv = (value: number) =>
      `indicator,region,period,value,valueType\nDS2020-5G,371600,2020-07,${value},increment\n`;
    const a = csv(300);
    const first = await reportOf(await upload(a, 'a.csv'), 200);
    expect(first).toMatchObject({ status: 'applied', accepted: 1 });
    // B corrects A's figure (a typo, 3000); then A is sent again to put 300 back.
    expect(await reportOf(await upload(csv(3000), 'b.csv'), 200)).toMatchObject({ accepted: 1 });
    const sentBefore = { submission: first.submissionId, day: APP_TODAY };
    const changesBack = [
      [null, null, 'file_sent_before_changes', { ...sentBefore, rows: 1 }],
      [2, 'D2', 'changes_back', { current: 3000, value: 300 }],
    ];
    const said = (report: SubmissionReport) =>
      report.warnings.map((w) => [w.row, w.cell, w.code, w.values]);

    // The page's check before sending says it already: sent before, on which day, what changes.
    const check = await reportOf(await upload(a, 'a.csv', { query: '?dryRun=true' }), 200);
    expect(check).toMatchObject({ status: 'valid', accepted: 1, unchanged: 0, replayed: false });
    expect(said(check)).toEqual(changesBack);
    expect(check.warnings.map((w) => w.message)).toEqual([
      `这个文件已于 ${APP_TODAY} 提交过（报送编号 ${first.submissionId}）；此后数据已有改动，本次提交将改动 1 行，把现行数据改回文件中的数值`,
      '现行数值 3000 将改回 300',
    ]);

    const again = await reportOf(await upload(a, 'a.csv'), 200);
    expect(again).toMatchObject({ status: 'applied', accepted: 1, replayed: false });
    expect(again.submissionId).not.toBe(first.submissionId);
    expect(said(again)).toEqual(changesBack);
    const series = await okBody(
      await call(app, 'GET', '/indicators/DS2020-5G/series?region=371600'),
      SeriesSchema,
    );
    expect(series.points.map((p) => [p.period, p.value, p.submissionId])).toEqual([
      ['2020-07', 300, again.submissionId],
    ]);

    // Now nothing in it differs: its latest result answers, nothing is stored, and it says so.
    const unchanged = [
      [
        null,
        null,
        'file_sent_before_unchanged',
        { submission: again.submissionId, day: APP_TODAY },
      ],
    ];
    const checkThird = await reportOf(await upload(a, 'a.csv', { query: '?dryRun=true' }), 200);
    expect(checkThird).toMatchObject({ status: 'valid', accepted: 0, unchanged: 1 });
    expect(said(checkThird)).toEqual(unchanged);
    const third = await reportOf(
      await upload(a, 'a.csv', { headers: { 'Accept-Language': 'en' } }),
      200,
    );
    expect(third).toMatchObject({ submissionId: again.submissionId, replayed: true });
    expect(said(third)).toEqual(unchanged);
    expect(third.warnings[0]?.message).toBe(
      `This file was sent before, on ${APP_TODAY} (submission ${again.submissionId}); the figures in force match it, so nothing changes`,
    );
    const stored: { n: number }[] = await app.server.database.dataSource.query(
      `SELECT count(*)::int AS n FROM submission WHERE file_name = 'a.csv'`,
    );
    expect(stored).toEqual([{ n: 2 }]);
  });

  it('skips rows left blank in a file and counts them; a count must be whole', async () => {
    const csv = [
      'indicator,region,period,value,valueType,numerator,denominator,note',
      'DS2020-5G,370500,2020-07,,累计,,,',
      'DS2020-5G,370600,2020-07,4.8,新增,,,',
      'DS2020-5G,370700,2020-07,"1,200",新增,,,',
      'DS2020-5G,370800,2020-07,0.5万,新增,,,',
      '',
    ].join('\n');
    const report = await reportOf(await upload(csv, 'blank.csv', { query: '?dryRun=true' }), 200);
    expect(report).toMatchObject({ status: 'invalid', blank: 1, rejected: 1 });
    expect(report.errors.map(triple)).toEqual([[3, 'value', 'fractional_count']]);
    expect(report.warnings.map(triple)).toEqual([[5, 'value', 'number_with_wan']]);
  });

  it('rejects a file with a bad row whole (422), records it as rejected, and names the cell', async () => {
    const res = await upload(
      readFileSync(path.join(FIXTURES, 'not-ok/partly-bad.csv')),
      'bad.csv',
      {
        headers: { 'Accept-Language': 'en' },
      },
    );
    const report = await reportOf(res, 422);
    expect(report).toMatchObject({ status: 'rejected', accepted: 0, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3, column: 'value', cell: 'D3' });
    expect(report.errors[0]?.message).toBe('A count cannot be negative: -1');
    const detail = await okBody(
      await call(app, 'GET', `/submissions/${report.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(detail.status).toBe('rejected');
  });

  it('stores the good rows of the same file with partial=true', async () => {
    const report = await reportOf(
      await upload(readFileSync(path.join(FIXTURES, 'not-ok/partly-bad.csv')), 'bad.csv', {
        query: '?partial=true',
      }),
      200,
    );
    expect(report).toMatchObject({ status: 'partially_applied', accepted: 1, rejected: 1 });
  });

  it('stores a GBK file and hands back its original bytes', async () => {
    const gbk = readFileSync(path.join(FIXTURES, 'ok/gbk.csv'));
    const report = await reportOf(await upload(gbk, '五月.csv', { query: '?partial=true' }), 200);
    const file = await app.api(`${API}/submissions/${report.submissionId}/file`);
    expect(Buffer.from(await file.arrayBuffer()).equals(gbk)).toBe(true);
  });

  it('refuses a file over the size limit with 413, naming the limit', async () => {
    const big = good + `${'x'.repeat(600 * 1024)}\n`;
    const envelope = await errorBody(await upload(big, 'big.csv'), 413, 'payload_too_large');
    expect(envelope.message).toContain('512kb');
  });

  it('asks for the file when the form has none', async () => {
    const res = await app.api(`${API}/submissions`, { method: 'POST', body: new FormData() });
    await errorBody(res, 400, 'file_required');
  });
});

describe('GET /templates', () => {
  // The telecom regulator reports 5G for the province and the 16 cities (the seeded assignment);
  // some of July's figures are in force (stored above), the others are not.
  const QUERY = 'department=communications-administration&period=2020-07';
  const rowsInForce = async (): Promise<{ rows: number; inForce: number }> => {
    const sheet = await okBody(await call(app, 'GET', `/reporting?${QUERY}`), ReportingSheetSchema);
    return { rows: sheet.rows.length, inForce: sheet.rows.filter((r) => r.current).length };
  };
  const template = async (): Promise<Buffer> => {
    const res = await call(app, 'GET', `/templates?${QUERY}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    return Buffer.from(await res.arrayBuffer());
  };

  it('answers an XLSX of the department’s rows for the month that reads back as an upload', async () => {
    // Sent back untouched: the prefilled rows are unchanged or left blank, so nothing is stored.
    const report = await reportOf(
      await upload(await template(), 'template.xlsx', {
        query: '?dryRun=true',
        bearer: reporter.bearer,
      }),
      200,
    );
    expect(report).toMatchObject({ status: 'valid', accepted: 0, rejected: 0 });
    expect(report.errors).toEqual([]);
    const { rows, inForce } = await rowsInForce();
    expect(rows).toBe(17);
    expect(report).toMatchObject({ unchanged: inForce, blank: rows - inForce });
    // Its value-type column is in Chinese, as the sheet is: 新增 or 累计 for a count.
    for (const row of report.preview ?? []) expect(['新增', '累计']).toContain(row.cells.valueType);
  });

  it('stores the few rows a department fills in, and takes the rest as not reported this time', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await template()).buffer);
    const sheet = workbook.getWorksheet('填报')!;
    const rows: number[] = [];
    sheet.eachRow((row, number) => {
      const region = row.getCell(3).text;
      if (['370100', '370200', '370300'].includes(region)) {
        row.getCell(6).value = 100 * (rows.length + 1);
        rows.push(number);
      }
    });
    expect(rows).toHaveLength(3);
    const before = await rowsInForce();
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const report = await reportOf(
      await upload(filled, 'filled.xlsx', { bearer: reporter.bearer }),
      200,
    );
    expect(report).toMatchObject({ status: 'applied', accepted: 3, rejected: 0 });
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({
      unchanged: before.inForce,
      blank: before.rows - before.inForce - 3,
    });
    const jinan = await okBody(
      await call(app, 'GET', '/indicators/DS2020-5G/series?region=370100'),
      SeriesSchema,
    );
    // The template's 累计 (year to date) as written.
    expect(jinan.points.find((p) => p.period === '2020-07')).toMatchObject({
      value: 100,
      valueType: 'cumulative',
    });
  });
});
