// `node scripts/ensure-built.mjs && node bench/large-xlsx.mjs`: XLSX uploads against the built app
// (issue 13, "Large XLSX"). A 1,000,000-row one-cell workbook (refused as too_many_rows), alone and three at
// once: time until the answer, the server's peak resident set growth, and /health's worst latency while it
// reads; then a legitimate 100,000-row workbook (50 indicators × 17 regions × 120 months, shared strings
// as Excel writes them), stored: time, and the server's resident set before, at its peak and after.
//   node bench/large-xlsx.mjs          embedded PGlite, and PostgreSQL when BENCH_DATABASE_URL is set
// Prints figures; asserts nothing. Each run uses fresh temporary data and databases.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { startApp, withScratchDatabase } from './lib.mjs';

const BIG_ROWS = Number(process.env.BENCH_BIG_ROWS ?? 1_000_000);
const GOOD_ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const MB = 1024 * 1024;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A workbook of one sheet from its sheet data; `strings` become the shared strings part. */
async function workbook(sheetData, strings) {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="${CONTENT_TYPES}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${TYPE}.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${TYPE}.worksheet+xml"/>${strings ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${TYPE}.sharedStrings+xml"/>` : ''}</Types>`,
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
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/>${strings ? `<Relationship Id="rId2" Type="${OFFICE_RELS}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
  );
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`,
  );
  if (strings) {
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${escapeXml(s)}</t></si>`).join('')}</sst>`,
    );
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function headerRow(texts) {
  return `<row r="1">${texts.map((text, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${text}</t></is></c>`).join('')}</row>`;
}

/** The four required headers, then `rows` rows with only the indicator column filled. */
function oneCellWorkbook(rows, variant) {
  const parts = [headerRow(['indicator', 'region', 'period', 'value'])];
  for (let row = 2; row <= rows + 1; row++) {
    parts.push(`<row r="${row}"><c r="A${row}"><v>${row === 2 ? variant : row}</v></c></row>`);
  }
  return workbook(parts.join(''));
}

const REGIONS = [
  370000, 370100, 370200, 370300, 370400, 370500, 370600, 370700, 370800, 370900, 371000, 371100,
  371300, 371400, 371500, 371600, 371700,
];
const PERIODS = [];
for (let year = 2011; year <= 2020; year++) {
  for (let month = 1; month <= 12; month++)
    PERIODS.push(`${year}-${String(month).padStart(2, '0')}`);
}
const INDICATORS = Math.ceil(GOOD_ROWS / (REGIONS.length * PERIODS.length));

/** GOOD_ROWS late backfill figures with their reason, texts as shared strings (as Excel saves). */
function goodWorkbook() {
  const strings = [];
  const index = new Map();
  const shared = (text) => {
    if (!index.has(text)) index.set(text, strings.push(text) - 1);
    return `t="s"><v>${index.get(text)}</v>`;
  };
  const parts = [headerRow(['指标编码', '地区编码', '期间', '数值', '数值类型', '备注'])];
  let seed = 7;
  let row = 1;
  for (let i = 1; i <= INDICATORS; i++) {
    for (const region of REGIONS) {
      for (const period of PERIODS) {
        if (row > GOOD_ROWS) break;
        row += 1;
        seed = (seed * 1103515245 + 12345) % 2147483648;
        parts.push(
          `<row r="${row}"><c r="A${row}" ${shared(`BENCH-I${i}`)}</c><c r="B${row}"><v>${region}</v></c><c r="C${row}" ${shared(period)}</c><c r="D${row}"><v>${100 + (seed % 50)}</v></c><c r="E${row}" ${shared('increment')}</c><c r="F${row}" ${shared('基准补录')}</c></row>`,
        );
      }
    }
  }
  return workbook(parts.join(''), strings);
}

async function createPlan(app) {
  const post = async (url, body) => {
    const res = await fetch(`${app.url}/api/v1${url}`, {
      method: 'POST',
      headers: { ...app.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  };
  await post('/plans', {
    code: 'BENCH',
    title: '基准测试',
    startYear: 2011,
    endYear: 2030,
    status: 'published',
  });
  for (let i = 1; i <= INDICATORS; i++) {
    await post('/plans/BENCH/indicators', {
      code: `BENCH-I${i}`,
      name: `基准指标${i}`,
      unit: '个',
      kind: 'cumulative',
      deadline: '2030-12-31',
      target: { comparator: '>=', value: 1000 },
      leadDepartments: ['big-data-bureau'],
      regions: REGIONS.map(String),
    });
  }
}

/** The server's resident set (Linux), read from outside so a blocked server cannot skip samples. */
function rssOf(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

/** Runs `work` while sampling the server's RSS every 20 ms and polling /health one after another. */
async function watched(app, work) {
  const before = rssOf(app.pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(app.pid));
  }, 20);
  const health = [];
  let done = false;
  const poller = (async () => {
    while (!done) {
      const t = performance.now();
      const ok = await fetch(`${app.url}/api/v1/health`).then(
        async (r) => (await r.arrayBuffer(), r.ok),
        () => false,
      );
      health.push({ ms: performance.now() - t, ok });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  done = true;
  clearInterval(sampler);
  await poller;
  peak = Math.max(peak, rssOf(app.pid));
  // A moment later, after the answer: what the server kept.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  return { result, ms, before, peak, after: rssOf(app.pid), health };
}

async function upload(app, content, name) {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const res = await fetch(`${app.url}/api/v1/submissions`, {
    method: 'POST',
    headers: app.headers,
    body: form,
  });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = { text };
  }
  const codes = [...(body.errors ?? []).map((e) => e.code), ...(body.code ? [body.code] : [])];
  return { status: res.status, codes: [...new Set(codes)].join(' '), accepted: body.accepted };
}

function healthText(health) {
  const worst = Math.max(...health.map((h) => h.ms));
  const failed = health.filter((h) => !h.ok).length;
  return `/health worst ${worst.toFixed(0)} ms over ${health.length} polls${failed ? `, ${failed} failed` : ''}`;
}

const mb = (bytes) => `${(bytes / MB).toFixed(0)} MB`;

async function run(app) {
  const single = await watched(app, () => upload(app, bigFiles[0], 'big.xlsx'));
  console.log(
    `  ${BIG_ROWS.toLocaleString('en')}-row XLSX: answered in ${(single.ms / 1000).toFixed(2)} s (HTTP ${single.result.status} ${single.result.codes}); peak RSS +${mb(single.peak - single.before)} (${mb(single.before)} → ${mb(single.peak)}, ${mb(single.after)} 2 s later); ${healthText(single.health)}`,
  );
  const three = await watched(app, () =>
    Promise.all(bigFiles.slice(1, 4).map((file, i) => upload(app, file, `big-${i}.xlsx`))),
  );
  console.log(
    `  three at once: all answered in ${(three.ms / 1000).toFixed(2)} s (HTTP ${three.result.map((r) => `${r.status} ${r.codes}`).join(', ')}); peak RSS +${mb(three.peak - three.before)} (${mb(three.before)} → ${mb(three.peak)}, ${mb(three.after)} 2 s later); ${healthText(three.health)}`,
  );
  await createPlan(app);
  const good = await watched(app, () => upload(app, goodFile, 'good.xlsx'));
  console.log(
    `  ${GOOD_ROWS.toLocaleString('en')}-row XLSX stored: ${(good.ms / 1000).toFixed(2)} s (HTTP ${good.result.status}, accepted ${good.result.accepted}); RSS ${mb(good.before)} before, ${mb(good.peak)} at peak, ${mb(good.after)} 2 s after; ${healthText(good.health)}`,
  );
}

const bigFiles = [];
for (const variant of [1, 2, 3, 4]) bigFiles.push(await oneCellWorkbook(BIG_ROWS, variant));
const goodFile = await goodWorkbook();
console.log(
  `Zhibiao large XLSX bench — node ${process.version}, ${os.cpus().length} cores; ${BIG_ROWS.toLocaleString('en')} one-cell rows in ${(bigFiles[0].length / MB).toFixed(1)} MB, ${GOOD_ROWS.toLocaleString('en')} figures in ${(goodFile.length / MB).toFixed(1)} MB\n`,
);
const env = { APP_TODAY: '2021-06-01', DEMO_FIGURES: '0', UPLOAD_LIMIT: '64mb' };

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-bench-'));
try {
  const app = await startApp({ ...env, DATA_DIR: dataDir });
  try {
    console.log('embedded PGlite');
    await run(app);
  } finally {
    await app.stop();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

const server = process.env.BENCH_DATABASE_URL;
if (!server) {
  console.log('\nPostgreSQL: skipped (set BENCH_DATABASE_URL to a server)');
} else {
  await withScratchDatabase(server, async (url, dir) => {
    const app = await startApp({ ...env, DATABASE_URL: url, DATA_DIR: dir });
    try {
      console.log('\nPostgreSQL');
      await run(app);
    } finally {
      await app.stop();
    }
  });
}
