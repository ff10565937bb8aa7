import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './types.js';
import { parseXlsx } from './xlsx.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const PACKAGE_RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEADER = ['指标编码', '地区编码', '期间', '数值', '数值类型', '分子', '分母', '备注'];

function read(content: Buffer, limits: Partial<UploadLimits> = {}) {
  return parseXlsx(content, { ...DEFAULT_UPLOAD_LIMITS, ...limits });
}

async function written(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

// ---- minimal packages as other writers make them: inline strings, no styles, no shared strings

function inlineCell(text: string, reference?: string): string {
  const r = reference ? ` r="${reference}"` : '';
  return `<c${r} t="inlineStr"><is><t>${text}</t></is></c>`;
}

function numberCell(value: number, reference?: string): string {
  return `<c${reference ? ` r="${reference}"` : ''}><v>${value}</v></c>`;
}

interface PackageOptions {
  workbookPart?: string;
  prefix?: string;
  /** Worksheet elements after the sheet data (merged cells …). */
  after?: string;
}

async function handWritten(sheetData: string, options: PackageOptions = {}): Promise<Buffer> {
  const { workbookPart = 'xl/workbook.xml', prefix, after = '' } = options;
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/officeDocument" Target="${workbookPart}"/></Relationships>`,
  );
  zip.file(
    workbookPart,
    `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${OFFICE_RELS}"><${p}sheets><${p}sheet name="填报" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
  );
  zip.file(
    workbookPart.replace(/([^/]+)$/, '_rels/$1.rels'),
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  const prefixed = prefix ? sheetData.replace(/<(\/?)(?!\/)/g, `<$1${p}`) : sheetData;
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><${p}worksheet ${ns}><${p}sheetData>${prefixed}</${p}sheetData>${after}</${p}worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const HEADER_ROW = `<row r="1">${HEADER.slice(0, 5)
  .map((text, index) => inlineCell(text, `${'ABCDE'[index]}1`))
  .join('')}</row>`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe(parseXlsx.name, () => {
  it('reads the data sheet of a workbook written by exceljs, with every kind of cell', async () => {
    const content = await written((workbook) => {
      workbook.addWorksheet('说明').addRow(['填报说明：请在“填报”工作表中填写']);
      const sheet = workbook.addWorksheet('填报');
      sheet.addRow(HEADER);
      sheet.addRow([
        'DS2020-5G',
        370100,
        '2020-01',
        { formula: '300+10', result: 310 },
        'increment',
      ]);
      sheet.addRow(['DS2020-5G', 370100, '2020-02', { formula: 'D2+110' }, 'increment']);
      const dated = sheet.addRow([
        'DS2020-5G',
        '370100',
        new Date(Date.UTC(2020, 2, 1)),
        515,
        'increment',
        null,
        null,
        { richText: [{ text: '逾期：' }, { text: '系统故障', font: { bold: true } }] },
      ]);
      dated.getCell(3).numFmt = 'yyyy-mm';
      sheet.addRow([' DS2020-DIGITAL-CAMPUS ', 370100, '2020-03', 85.5, 'level', 171, 200]);
      sheet.addRow([
        'DS2020-5G',
        370100,
        '2020-04',
        { error: '#N/A' },
        true,
        null,
        null,
        { text: '说明链接', hyperlink: 'https://example.org/' },
      ]);
      sheet.addRow(['DS2020-5G', 370200, '2020-01', 12, 'increment']);
      sheet.addRow([null, 370300, '2020-01', 13, 'increment']);
      sheet.mergeCells('A7:A8');
    });
    const parsed = await read(content);
    expect(parsed).toMatchObject({ format: 'xlsx', encoding: null, sheet: '填报', fatal: false });
    expect(parsed.columns).toMatchObject({ indicator: 0, value: 3, note: 7 });
    expect(parsed.rows.map((row) => row.cells)).toEqual([
      expect.objectContaining({ indicator: 'DS2020-5G', region: 370100, value: 310 }),
      expect.objectContaining({ period: '2020-02', value: null }),
      expect.objectContaining({
        region: '370100',
        period: new Date(Date.UTC(2020, 2, 1)),
        value: 515,
        note: '逾期：系统故障',
      }),
      expect.objectContaining({
        indicator: 'DS2020-DIGITAL-CAMPUS',
        value: 85.5,
        numerator: 171,
        denominator: 200,
        note: null,
      }),
      expect.objectContaining({ value: '#N/A', valueType: 'TRUE', note: '说明链接' }),
      expect.objectContaining({ indicator: 'DS2020-5G', region: 370200 }),
      expect.objectContaining({ indicator: null, region: 370300 }),
    ]);
    expect(parsed.rows.map((row) => row.row)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(parsed.findings).toEqual([
      {
        row: 2,
        column: 'value',
        code: 'formula_cached',
        severity: 'warning',
        values: { cell: 'D2', formula: '=300+10', value: '310' },
      },
      {
        row: 3,
        column: 'value',
        code: 'formula_without_value',
        severity: 'error',
        values: { cell: 'D3', formula: '=D2+110' },
      },
      {
        row: 7,
        column: 'indicator',
        code: 'merged_cell',
        severity: 'error',
        values: { range: 'A7:A8' },
      },
    ]);
  });

  it('takes the first non-empty row as the header, so a title above it is a wrong header', async () => {
    const content = await written((workbook) => {
      const sheet = workbook.addWorksheet('数据');
      sheet.getCell('A1').value = '2020 年数据';
      sheet.mergeCells('A1:D1');
      sheet.getRow(2).values = ['indicator', 'region', 'period', 'value'];
      sheet.getRow(3).values = ['DS2020-5G', 370100, '2020-01', 1];
    });
    const parsed = await read(content);
    expect(parsed).toMatchObject({ fatal: true, sheet: '数据', rows: [] });
    expect(parsed.findings.map((f) => [f.code, f.row])).toEqual([
      ['extra_column', 1],
      ['missing_column', 1],
      ['missing_column', 1],
      ['missing_column', 1],
      ['missing_column', 1],
    ]);
  });

  it('finds the header below blank rows and keeps the sheet’s row numbers', async () => {
    const content = await written((workbook) => {
      const sheet = workbook.addWorksheet('数据');
      sheet.getRow(3).values = ['indicator', 'region', 'period', 'value'];
      sheet.getCell('A5').value = 'DS2020-5G';
      sheet.getCell('D5').value = 1;
      // Right of the header's columns: outside the area read, so not reported.
      sheet.mergeCells('F5:G6');
    });
    const parsed = await read(content);
    expect(parsed.fatal).toBe(false);
    expect(parsed.rows).toEqual([
      { row: 5, cells: { indicator: 'DS2020-5G', region: null, period: null, value: 1 } },
    ]);
    expect(parsed.findings).toEqual([]);
  });

  it('reads namespace-prefixed XML as written by some .NET tools', async () => {
    const content = await handWritten(
      HEADER_ROW +
        `<row r="2">${inlineCell('DS2020-5G', 'A2')}${numberCell(370100, 'B2')}${inlineCell('2020-01', 'C2')}${numberCell(310, 'D2')}${inlineCell('increment', 'E2')}</row>`,
      { prefix: 'x' },
    );
    const zip = await JSZip.loadAsync(content);
    expect(await zip.file('xl/worksheets/sheet1.xml')?.async('string')).toContain('<x:row r="2">');

    const parsed = await read(content);
    expect(parsed.fatal).toBe(false);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        cells: {
          indicator: 'DS2020-5G',
          region: 370100,
          period: '2020-01',
          value: 310,
          valueType: 'increment',
        },
      },
    ]);
  });

  it('reads rows and cells without r references by their order', async () => {
    const content = await handWritten(
      `<row>${HEADER.slice(0, 5)
        .map((text) => inlineCell(text))
        .join('')}</row>` +
        `<row>${inlineCell('DS2020-5G')}${numberCell(370100)}${inlineCell('2020-01')}${numberCell(310)}</row>` +
        '<row/>' +
        `<row>${inlineCell('DS2020-5G')}${numberCell(370100)}${inlineCell('2020-02', 'C4')}${numberCell(420)}${inlineCell('increment')}</row>` +
        `<row r="7">${inlineCell('DS2020-5G')}<c/>${inlineCell('2020-03')}${numberCell(515)}</row>`,
    );
    const parsed = await read(content);
    expect(parsed.fatal).toBe(false);
    expect(parsed.rows).toEqual([
      {
        row: 2,
        cells: {
          indicator: 'DS2020-5G',
          region: 370100,
          period: '2020-01',
          value: 310,
          valueType: null,
        },
      },
      {
        row: 4,
        cells: {
          indicator: 'DS2020-5G',
          region: 370100,
          period: '2020-02',
          value: 420,
          valueType: 'increment',
        },
      },
      {
        row: 7,
        cells: {
          indicator: 'DS2020-5G',
          region: null,
          period: '2020-03',
          value: 515,
          valueType: null,
        },
      },
    ]);
  });

  it('refuses a package whose declared size passes the limit before exceljs sees it', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', ' '.repeat(2_000_000));
    const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(content.length).toBeLessThan(10_000);
    const load = vi.spyOn(ExcelJS.Workbook.prototype, 'xlsx', 'get');

    const parsed = await read(content, { maxUncompressedBytes: 1024 * 1024 });
    expect(parsed).toMatchObject({ fatal: true, rows: [] });
    expect(parsed.findings).toEqual([
      {
        row: null,
        column: null,
        code: 'too_large_uncompressed',
        severity: 'error',
        values: { limit: '1 MB' },
      },
    ]);
    expect(load).not.toHaveBeenCalled();
  });

  it('stops reading a part whose header understates its size once the limit is passed', async () => {
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', ' '.repeat(2_000_000));
    const content = lieAboutSizes(
      await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }),
    );
    const parsed = await read(content, { maxUncompressedBytes: 1024 * 1024 });
    expect(parsed.findings.map((f) => f.code)).toEqual(['too_large_uncompressed']);
  });

  it('refuses more cells or rows than the limits', async () => {
    const rows = [2, 3, 4].map(
      (n) =>
        `<row r="${n}">${inlineCell('DS2020-5G', `A${n}`)}${numberCell(370100, `B${n}`)}${inlineCell('2020-01', `C${n}`)}${numberCell(n, `D${n}`)}</row>`,
    );
    const content = await handWritten(HEADER_ROW + rows.join(''));
    expect((await read(content, { maxCells: 16 })).findings).toEqual([
      { row: null, column: null, code: 'too_many_cells', severity: 'error', values: { limit: 16 } },
    ]);
    expect((await read(content, { maxCells: 17 })).fatal).toBe(false);
    expect((await read(content, { maxRows: 2 })).findings).toEqual([
      { row: null, column: null, code: 'too_many_rows', severity: 'error', values: { limit: 2 } },
    ]);
  });

  it('reports a huge merged range once, without expanding it', async () => {
    const content = await handWritten(
      `${HEADER_ROW}<row r="2">${inlineCell('DS2020-5G', 'A2')}${numberCell(370100, 'B2')}${inlineCell('2020-01', 'C2')}${numberCell(1, 'D2')}</row>`,
      { after: '<mergeCells count="1"><mergeCell ref="B2:XFD1048576"/></mergeCells>' },
    );
    const started = performance.now();
    const parsed = await read(content);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(parsed.findings).toEqual([
      {
        row: 2,
        column: 'region',
        code: 'merged_cell',
        severity: 'error',
        values: { range: 'B2:XFD1048576' },
      },
    ]);
  });

  it('refuses packages exceljs would misread instead of reading them wrongly', async () => {
    const oddNames = await read(await handWritten(HEADER_ROW, { workbookPart: 'xl/book.xml' }));
    expect(oddNames.findings.map((f) => f.code)).toEqual(['unreadable_file']);
    expect(oddNames.findings[0]?.values.reason).toContain('xl/book.xml');

    const zip = new JSZip();
    zip.file('word/document.xml', '<document/>');
    const notExcel = await read(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(notExcel.findings.map((f) => f.code)).toEqual(['unreadable_file']);

    const damaged = await read(Buffer.from('PK\x03\x04 not really a zip'));
    expect(damaged.findings.map((f) => f.code)).toEqual(['unreadable_file']);

    // Garbage in the middle of the compressed worksheet: inflating it fails.
    const good = await handWritten(HEADER_ROW.repeat(50));
    const at = good.indexOf('xl/worksheets/sheet1.xml') + 100;
    const broken = Buffer.concat([
      good.subarray(0, at),
      Buffer.alloc(40, 0xff),
      good.subarray(at + 40),
    ]);
    const corrupt = await read(broken);
    expect(corrupt.findings.map((f) => f.code)).toEqual(['unreadable_file']);
    expect(corrupt.findings[0]?.values.reason).toContain('damaged ZIP');
  });

  it('reports a workbook without data rows as empty', async () => {
    const blank = await read(await written((workbook) => workbook.addWorksheet('填报')));
    expect(blank.findings.map((f) => f.code)).toEqual(['empty_file']);
    const headerOnly = await read(
      await written((workbook) => workbook.addWorksheet('填报').addRow(HEADER)),
    );
    expect(headerOnly).toMatchObject({ fatal: true, sheet: '填报' });
    expect(headerOnly.findings.map((f) => f.code)).toEqual(['empty_file']);
  });
});

/**
 * Rewrites every size field of a ZIP to 100 bytes, as a crafted bomb would, so only counting
 * while inflating can notice the real size.
 */
function lieAboutSizes(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  for (let offset = 0; offset + 4 <= copy.length; offset++) {
    const signature = copy.readUInt32LE(offset);
    if (signature === 0x04034b50) copy.writeUInt32LE(100, offset + 22);
    if (signature === 0x02014b50) copy.writeUInt32LE(100, offset + 24);
  }
  return copy;
}
