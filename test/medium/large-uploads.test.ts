import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SubmissionReportSchema, type SubmissionReport } from '@zhibiao/contracts';
import { FilesService } from '../../apps/api/src/measurements/files.service.js';
import { API, errorBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue 13, "Large XLSX": a 1,000,000-row one-cell workbook (about 7.5 MB) must be refused as
// too_many_rows within 5 s, while /health keeps answering within 1 s as the file is read and the
// process grows by less than 200 MB; three at once likewise; and more uploads than the reading
// queue holds are turned away with 503 and Retry-After instead of piling up. (Every /health poll
// must be answered; after reading, storing a refused 7.5 MB file holds embedded PGlite's one
// connection for a moment, which polls then wait for: the describeRun line prints that worst too.)

const ROWS = 1_000_000;
const MB = 1024 * 1024;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A workbook of one sheet: the four required headers in row 1, then `rows` one-cell rows (the
 * indicator column only: enough to make each a data row). `variant`
 * changes the first data cell, so files of the same size differ (the same file again would be
 * answered from the first submission instead of being read).
 */
async function oneCellWorkbook(rows: number, variant = 0): Promise<Buffer> {
  const parts = [
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>`,
    `<row r="1">${['indicator', 'region', 'period', 'value']
      .map((text, index) => `<c r="${'ABCD'[index]}1" t="inlineStr"><is><t>${text}</t></is></c>`)
      .join('')}</row>`,
  ];
  for (let row = 2; row <= rows + 1; row++) {
    parts.push(`<row r="${row}"><c r="A${row}"><v>${row === 2 ? variant : row}</v></c></row>`);
  }
  parts.push('</sheetData></worksheet>');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELS}"><sheets><sheet name="填报" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  zip.file('xl/worksheets/sheet1.xml', parts.join(''));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/**
 * The multipart form of an upload, encoded before it is sent: the client shares this process
 * with the server, and encoding the form while /health is timed would count against the server.
 */
function form(content: Buffer, fileName: string): { body: Buffer; type: string } {
  const boundary = `zhibiao-${randomUUID()}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    body: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

async function upload(app: TestApp, encoded: { body: Buffer; type: string }): Promise<Response> {
  return app.anonymous(`${API}/submissions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': encoded.type },
    body: new Uint8Array(encoded.body),
  });
}

async function reportOf(res: Response): Promise<SubmissionReport> {
  const text = await res.text();
  expect(res.status, text.slice(0, 2000)).toBe(422);
  return SubmissionReportSchema.parse(JSON.parse(text));
}

interface Poll {
  /** When the request was sent (performance.now()). */
  start: number;
  ms: number;
  /** HTTP status; 0 when the request failed. */
  status: number;
}

interface Watched<T> {
  result: T;
  ms: number;
  /** /health requests, sent one after the other (50 ms apart) while `work` ran. */
  polls: Poll[];
  /** The polls that overlapped the reading of an uploaded file (FilesService.read). */
  whileReading: Poll[];
  /** Largest resident set seen while `work` ran, less the one before it started. */
  rssGrowthMb: number;
}

/**
 * Runs `work` while polling /health and sampling the resident set size of this process (which
 * also runs the server); notes when the server was reading uploaded files.
 */
async function watched<T>(app: TestApp, work: () => Promise<T>): Promise<Watched<T>> {
  const files = app.server.app.get(FilesService);
  const read = files.read.bind(files);
  const reading: { start: number; end: number }[] = [];
  const spy = vi.spyOn(files, 'read').mockImplementation(async (...args) => {
    const span = { start: performance.now(), end: Number.POSITIVE_INFINITY };
    reading.push(span);
    try {
      return await read(...args);
    } finally {
      span.end = performance.now();
    }
  });
  const before = process.memoryUsage.rss();
  let peak = before;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 25);
  const polls: Poll[] = [];
  let done = false;
  const poll = (async () => {
    while (!done) {
      const start = performance.now();
      // A refused connection counts as an unanswered poll (status 0), not as a test crash.
      const status = await app.anonymous(`${API}/health`).then(
        async (res) => (await res.arrayBuffer(), res.status),
        () => 0,
      );
      polls.push({ start, ms: performance.now() - start, status });
      peak = Math.max(peak, process.memoryUsage.rss());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  try {
    const result = await work();
    const ms = performance.now() - started;
    peak = Math.max(peak, process.memoryUsage.rss());
    const whileReading = polls.filter((p) =>
      reading.some((span) => p.start < span.end && p.start + p.ms > span.start),
    );
    return { result, ms, polls, whileReading, rssGrowthMb: (peak - before) / MB };
  } finally {
    done = true;
    clearInterval(sample);
    await poll;
    spy.mockRestore();
  }
}

function tooManyRows(report: SubmissionReport): void {
  expect(report.status).toBe('rejected');
  expect(report.errors.map((f) => [f.row, f.column, f.code])).toEqual([
    [null, null, 'too_many_rows'],
  ]);
}

const worst = (polls: readonly Poll[]) => Math.max(0, ...polls.map((p) => p.ms));

function describeRun(label: string, run: Watched<unknown>): string {
  return `${label}: ${(run.ms / 1000).toFixed(2)} s; /health worst ${worst(run.whileReading).toFixed(0)} ms over ${run.whileReading.length} polls while reading, ${worst(run.polls).toFixed(0)} ms over all ${run.polls.length}; RSS +${run.rssGrowthMb.toFixed(0)} MB`;
}

// The issue's aims (refused within 5 s, /health within 1 s meanwhile) are what `npm run bench:xlsx`
// measures on a quiet machine. Here, where other test files run beside this one, the ceilings are wide
// enough for a loaded machine and still far below what the whole-sheet reader took (17–43 s to refuse,
// /health stalled 30 s): the test proves the behaviour, the bench the figures.
const REFUSED_WITHIN_MS = 15_000;
const HEALTH_WITHIN_MS = 5_000;

/** Every poll answered, and those while files were read within the ceiling (at least a few of them). */
function healthAnswered(run: Watched<unknown>): void {
  expect(run.polls.map((p) => p.status).filter((status) => status !== 200)).toEqual([]);
  expect(run.whileReading.length).toBeGreaterThanOrEqual(3);
  expect(worst(run.whileReading)).toBeLessThan(HEALTH_WITHIN_MS);
}

describe('a 1,000,000-row XLSX', () => {
  let app: TestApp;
  let files: Buffer[];
  beforeAll(async () => {
    app = await startTestApp({ DEMO_FIGURES: '0', SEED: '0' });
    files = [];
    for (const variant of [1, 2, 3, 4]) files.push(await oneCellWorkbook(ROWS, variant));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('is generated at about the size the issue names', () => {
    expect(files[0]!.length / MB).toBeGreaterThan(3);
    expect(files[0]!.length / MB).toBeLessThan(12);
  });

  it('is refused as too_many_rows in seconds, /health answering while it is read, RSS growing less than 200 MB', async () => {
    const run = await watched(app, async () =>
      reportOf(await upload(app, form(files[0]!, 'big.xlsx'))),
    );
    console.log(describeRun('one upload', run));
    tooManyRows(run.result);
    expect(run.ms).toBeLessThan(REFUSED_WITHIN_MS);
    healthAnswered(run);
    expect(run.rssGrowthMb).toBeLessThan(200);
  });

  it('three at once are all refused, /health answering while they are read, RSS growing less than 200 MB', async () => {
    const forms = files.slice(1, 4).map((file, index) => form(file, `big-${index}.xlsx`));
    const run = await watched(app, () =>
      Promise.all(forms.map(async (encoded) => reportOf(await upload(app, encoded)))),
    );
    console.log(describeRun('three at once', run));
    for (const report of run.result) tooManyRows(report);
    healthAnswered(run);
    expect(run.rssGrowthMb).toBeLessThan(200);
  });
});

describe('the upload parsing queue', () => {
  let app: TestApp;
  let files: Buffer[];
  beforeAll(async () => {
    // One file read at a time and two waiting: the fourth upload at once finds the queue full.
    app = await startTestApp({ DEMO_FIGURES: '0', SEED: '0', UPLOAD_CONCURRENCY: '1' });
    files = [];
    for (const variant of [11, 12, 13, 14, 15]) files.push(await oneCellWorkbook(ROWS, variant));
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('answers 503 upload_queue_full with Retry-After when full, and reads the ones it took', async () => {
    const forms = files.map((file, index) => form(file, `queued-${index}.xlsx`));
    const answers = await Promise.all(forms.map((encoded) => upload(app, encoded)));
    const statuses = answers.map((res) => res.status).sort();
    // One read, two waiting, the rest turned away (five arrive within a fraction of the time one
    // takes to read).
    expect(statuses).toEqual([422, 422, 422, 503, 503]);
    for (const res of answers) {
      if (res.status === 422) {
        tooManyRows(await reportOf(res));
        continue;
      }
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const envelope = await errorBody(res, 503, 'upload_queue_full');
      expect(envelope.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
