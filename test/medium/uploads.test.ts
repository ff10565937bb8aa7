import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
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
      department: 'industry-it',
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
  it('answers an XLSX of the department’s rows for the month that reads back as an upload', async () => {
    const res = await call(app, 'GET', '/templates?department=industry-it&period=2020-07');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const template = Buffer.from(await res.arrayBuffer());
    // Sent back untouched: the prefilled rows are unchanged or empty, so nothing is stored.
    const report = await reportOf(
      await upload(template, 'template.xlsx', { query: '?dryRun=true' }),
      200,
    );
    expect(report.errors.filter((e) => e.code !== 'required')).toEqual([]);
  });
});
