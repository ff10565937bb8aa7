import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  SubmissionDetailSchema,
  SubmissionReportSchema,
  SubmissionSummarySchema,
  type SubmissionReport,
} from '@zhibiao/contracts';
import { API, call, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue 13, items 5–7 for files: Chinese file names as browsers send them, stored names capped,
// downloads typed by their bytes, a rejection's code, and U+0000 in a cell as a row finding.

// November 2020: October is open, so its figures need no reason.
const APP_TODAY = '2020-11-05';
const HEADER = 'indicator,region,period,value,valueType,note';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ APP_TODAY });
});
afterAll(async () => {
  await app?.stop();
});

// Every file differs (the same bytes again would replay the first answer).
let sequence = 100;
function csv(...rows: string[]): string {
  sequence += 1;
  return [HEADER, ...rows, `DS2020-5G,370200,2020-10,${sequence},cumulative,`].join('\r\n');
}

/** A multipart upload as a browser sends it: the file name as raw UTF-8 in the part header. */
function upload(
  content: string | Uint8Array<ArrayBuffer>,
  fileName: string,
  options: { query?: string; type?: string; language?: 'en' } = {},
): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([content], options.type ? { type: options.type } : {}), fileName);
  return app.api(`${API}/submissions${options.query ?? ''}`, {
    method: 'POST',
    body: form,
    headers: options.language ? { 'Accept-Language': options.language } : {},
  });
}

async function answer(res: Response, status: number): Promise<Record<string, unknown>> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as Record<string, unknown>;
}

async function reportOf(res: Response, status: number): Promise<SubmissionReport> {
  return SubmissionReportSchema.parse(await answer(res, status));
}

const triple = (f: SubmissionReport['errors'][number]) => [f.row, f.column, f.code];

describe('a Chinese file name', () => {
  const name = '填报-2020年10月.csv';

  it('reads back as sent from the submission, the list and the download', async () => {
    const report = await reportOf(await upload(csv(), name), 200);
    const id = report.submissionId;
    const detail = await okBody(
      await call(app, 'GET', `/submissions/${id}`),
      SubmissionDetailSchema,
    );
    expect(detail.fileName).toBe(name);
    const list = await okBody(
      await call(app, 'GET', '/submissions?limit=5'),
      z.array(SubmissionSummarySchema),
    );
    expect(list.find((s) => s.id === id)?.fileName).toBe(name);
    const file = await app.api(`${API}/submissions/${id}/file`);
    expect(file.status).toBe(200);
    const disposition = file.headers.get('content-disposition') ?? '';
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`);
    const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? '';
    expect(decodeURIComponent(encoded)).toBe(name);
  });

  it('is cut to 200 characters, keeping its extension', async () => {
    const long = `${'山东省数字政府建设'.repeat(40)}.csv`;
    const report = await reportOf(await upload(csv(), long), 200);
    const detail = await okBody(
      await call(app, 'GET', `/submissions/${report.submissionId}`),
      SubmissionDetailSchema,
    );
    expect([...(detail.fileName ?? '')]).toHaveLength(200);
    expect(detail.fileName).toMatch(/^山东省数字政府建设.*\.csv$/);
  });
});

describe('the download of a submission’s file', () => {
  it('is sent as application/octet-stream, not as the type the uploader claimed', async () => {
    const report = await reportOf(await upload(csv(), 'claims.csv', { type: 'text/html' }), 200);
    const file = await app.api(`${API}/submissions/${report.submissionId}/file`);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('is sent as XLSX when its bytes are an XLSX, whatever was claimed', async () => {
    const template = await app.api(`${API}/templates?department=industry-it&period=2020-10`);
    expect(template.status).toBe(200);
    const bytes = new Uint8Array(await template.arrayBuffer());
    const res = await upload(bytes, 'template.xlsx', { type: 'text/html' });
    const report = await reportOf(res, res.status === 422 ? 422 : 200);
    const file = await app.api(`${API}/submissions/${report.submissionId}/file`);
    expect(file.headers.get('content-type')).toBe(XLSX);
  });
});

describe('a rejected submission', () => {
  it('answers 422 with code and message beside its report, on JSON', async () => {
    const body = await answer(
      await call(
        app,
        'POST',
        '/measurements',
        { items: [{ indicator: 'NO-SUCH', region: '370100', period: '2020-10', value: 1 }] },
        'en',
      ),
      422,
    );
    expect(body).toMatchObject({
      code: 'submission_rejected',
      message: expect.stringContaining('rejected') as unknown,
      status: 'rejected',
      dryRun: false,
      rejected: 1,
    });
    expect(SubmissionReportSchema.parse(body).errors.map(triple)).toEqual([
      [1, 'indicator', 'unknown_indicator'],
    ]);
  });

  it('answers 422 with code and a Chinese message on an upload, and again when sent again', async () => {
    const content = csv('NO-SUCH,370100,2020-10,1,cumulative,');
    for (const attempt of ['first', 'again']) {
      const body = await answer(await upload(content, '拒绝.csv'), 422);
      expect(body.code, attempt).toBe('submission_rejected');
      expect(body.message, attempt).toMatch(/提交被拒绝/);
      expect(SubmissionReportSchema.parse(body).status, attempt).toBe('rejected');
    }
  });

  it('keeps the report of a success free of code and message', async () => {
    const body = await answer(await upload(csv(), 'ok.csv'), 200);
    expect(body).not.toHaveProperty('code');
    expect(body).not.toHaveProperty('message');
  });
});

describe('U+0000 in an uploaded cell', () => {
  const rows = [
    'DS2020-5G,370100,2020-10,5,cumulative,备注\u0000',
    'DS2020-5G,370300,2020-10,7\u0000,cumulative,',
  ];

  it('is an error of its row, naming row and column, and nothing is stored', async () => {
    const report = await reportOf(await upload(csv(...rows), 'nul.csv', { language: 'en' }), 422);
    // The value is not a number either; the note would have been stored as it is.
    expect(report.errors.map(triple)).toEqual([
      [2, 'note', 'nul_character'],
      [3, 'value', 'nul_character'],
      [3, 'value', 'not_a_number'],
    ]);
    expect(report.errors[0]?.cell).toBe('F2');
    expect(report.errors[0]?.message).toContain('U+0000');
    expect(report.accepted).toBe(0);
    // The stored report reads back, in Chinese too.
    const detail = await okBody(
      await call(app, 'GET', `/submissions/${report.submissionId}`),
      SubmissionDetailSchema,
    );
    expect(detail.status).toBe('rejected');
    expect(detail.report.errors.map(triple)).toEqual(report.errors.map(triple));
    expect(detail.report.errors[0]?.message).toContain('空字符');
  });

  it('is found alike by a dry run, which shows the cell with U+FFFD', async () => {
    const report = await reportOf(
      await upload(csv(...rows), 'nul.csv', { query: '?dryRun=true' }),
      200,
    );
    expect(report.status).toBe('invalid');
    // The value is not a number either; the note would have been stored as it is.
    expect(report.errors.map(triple)).toEqual([
      [2, 'note', 'nul_character'],
      [3, 'value', 'nul_character'],
      [3, 'value', 'not_a_number'],
    ]);
    expect(report.preview?.find((row) => row.row === 2)?.cells.note).toBe('备注\ufffd');
  });

  it('refuses only its rows when partial, storing the others', async () => {
    const report = await reportOf(
      await upload(csv(...rows), 'nul.csv', { query: '?partial=true' }),
      200,
    );
    expect(report).toMatchObject({ status: 'partially_applied', accepted: 1, rejected: 2 });
  });

  it('in a header is reported without storing the character', async () => {
    const content = `indicator,region,period,value,no\u0000te\r\nDS2020-5G,370100,2020-10,9,x\r\n`;
    const res = await upload(content, 'header.csv');
    expect(res.status).toBeLessThan(500);
    const report = await reportOf(res, res.status);
    const values = JSON.stringify([...report.errors, ...report.warnings]);
    expect(values).not.toContain('\\u0000');
    expect(values).toContain('no\ufffdte');
  });
});
