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
  /** The `<si>` items of a shared strings part (inner XML each); no part when left out. */
  sharedStrings?: string[];
  /** The inner XML of a styles part (`<numFmts>`, `<cellXfs>`); no part when left out. */
  styles?: string;
  /** Workbook elements before `<sheets>`, e.g. `<workbookPr date1904="1"/>`. */
  workbookPr?: string;
  /** ISO/IEC 29500 Strict namespaces instead of the transitional ones Excel writes. */
  strict?: boolean;
  /** The worksheet part as bytes of this encoding (with a byte order mark). */
  utf16?: boolean;
}

const STRICT_MAIN = 'http://purl.oclc.org/ooxml/spreadsheetml/main';
const STRICT_RELS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

async function handWritten(sheetData: string, options: PackageOptions = {}): Promise<Buffer> {
  const { workbookPart = 'xl/workbook.xml', prefix, after = '', workbookPr = '' } = options;
  const main = options.strict ? STRICT_MAIN : MAIN;
  const officeRels = options.strict ? STRICT_RELS : OFFICE_RELS;
  const p = prefix ? `${prefix}:` : '';
  const ns = prefix ? `xmlns:${prefix}="${main}"` : `xmlns="${main}"`;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${officeRels}/officeDocument" Target="${workbookPart}"/></Relationships>`,
  );
  const prefixed = (xml: string) => (prefix ? xml.replace(/<(\/?)(?!\/)/g, `<$1${p}`) : xml);
  zip.file(
    workbookPart,
    `<?xml version="1.0" encoding="UTF-8"?><${p}workbook ${ns} xmlns:r="${officeRels}">${prefixed(workbookPr)}<${p}sheets><${p}sheet name="填报" sheetId="1" r:id="rId1"/></${p}sheets></${p}workbook>`,
  );
  const related = [
    `<Relationship Id="rId1" Type="${officeRels}/worksheet" Target="worksheets/sheet1.xml"/>`,
  ];
  const folder = workbookPart.replace(/[^/]+$/, '');
  if (options.sharedStrings) {
    related.push(
      `<Relationship Id="rId2" Type="${officeRels}/sharedStrings" Target="sharedStrings.xml"/>`,
    );
    zip.file(
      `${folder}sharedStrings.xml`,
      `<?xml version="1.0" encoding="UTF-8"?><${p}sst ${ns}>${options.sharedStrings.map((si) => prefixed(`<si>${si}</si>`)).join('')}</${p}sst>`,
    );
  }
  if (options.styles) {
    related.push(`<Relationship Id="rId3" Type="${officeRels}/styles" Target="styles.xml"/>`);
    zip.file(
      `${folder}styles.xml`,
      `<?xml version="1.0" encoding="UTF-8"?><${p}styleSheet ${ns}>${prefixed(options.styles)}</${p}styleSheet>`,
    );
  }
  zip.file(
    workbookPart.replace(/([^/]+)$/, '_rels/$1.rels'),
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PACKAGE_RELS}">${related.join('')}</Relationships>`,
  );
  const sheet = `<?xml version="1.0" encoding="${options.utf16 ? 'UTF-16' : 'UTF-8'}"?><${p}worksheet ${ns}><${p}sheetData>${prefixed(sheetData)}</${p}sheetData>${after}</${p}worksheet>`;
  zip.file(
    `${folder}worksheets/sheet1.xml`,
    options.utf16
      ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le')])
      : sheet,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A row of cells written as given (`<c …>…</c>` each). */
function row(number: number, ...cells: string[]): string {
  return `<row r="${number}">${cells.join('')}</row>`;
}

const HEADER_ROW = `<row r="1">${HEADER.slice(0, 5)
  .map((text, index) => inlineCell(text, `${'ABCDE'[index]}1`))
  .join('')}</row>`;

const FULL_HEADER_ROW = `<row r="1">${HEADER.map((text, index) => inlineCell(text, `${'ABCDEFGH'[index]}1`)).join('')}</row>`;

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

  it('refuses a package whose declared size passes the limit before inflating anything', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/worksheets/sheet1.xml', ' '.repeat(2_000_000));
    const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(content.length).toBeLessThan(10_000);
    const entry = Object.getPrototypeOf(new JSZip().file('a', 'b').file('a')) as JSZip.JSZipObject;
    const inflate = vi.spyOn(entry, 'nodeStream');

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
    expect(inflate).not.toHaveBeenCalled();
  });

  it('stops reading a part whose header understates its size once the limit is passed', async () => {
    // The worksheet claims 100 bytes and inflates to 2.6 MB.
    const rows = Array.from({ length: 60_000 }, (_, i) => row(i + 2, numberCell(i, `A${i + 2}`)));
    const content = lieAboutSizes(await handWritten(HEADER_ROW + rows.join('')));
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

  it('finds the parts through the package’s relationships, whatever their names', async () => {
    const parsed = await read(
      await handWritten(
        HEADER_ROW +
          row(
            2,
            inlineCell('DS2020-5G', 'A2'),
            numberCell(370100, 'B2'),
            inlineCell('2020-01', 'C2'),
            numberCell(1, 'D2'),
          ),
        { workbookPart: 'xl/book.xml', sharedStrings: [] },
      ),
    );
    expect(parsed).toMatchObject({ fatal: false, sheet: '填报', findings: [] });
    expect(parsed.rows.map((r) => r.cells.indicator)).toEqual(['DS2020-5G']);
  });

  it('refuses what is not an Excel workbook, or is damaged, as unreadable', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<document/>');
    const notExcel = await read(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(notExcel.findings.map((f) => f.code)).toEqual(['unreadable_file']);

    const word = new JSZip();
    word.file(
      '_rels/.rels',
      `<Relationships xmlns="${PACKAGE_RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/officeDocument" Target="word/document.xml"/></Relationships>`,
    );
    word.file(
      'word/document.xml',
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
    );
    const docx = await read(await word.generateAsync({ type: 'nodebuffer' }));
    expect(docx.findings.map((f) => f.code)).toEqual(['unreadable_file']);
    expect(docx.findings[0]?.values.reason).toContain('not an Excel workbook');

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
  it('joins every run of rich text, shared or inline, and leaves out phonetic guides', async () => {
    const content = await handWritten(
      FULL_HEADER_ROW +
        row(
          2,
          `<c r="A2" t="inlineStr"><is><r><t>DS2020</t></r><r><rPr><b/></rPr><t>-5G</t></r></is></c>`,
          numberCell(370100, 'B2'),
          `<c r="C2" t="s"><v>0</v></c>`,
          numberCell(310, 'D2'),
          `<c r="E2" t="s"><v>1</v></c>`,
          `<c r="H2" t="s"><v>2</v></c>`,
        ),
      {
        sharedStrings: [
          '<t>2020-01</t>',
          '<r><t>incre</t></r><r><rPr><i/></rPr><t>ment</t></r>',
          '<r><t xml:space="preserve">逾期： </t></r><r><rPr><b/></rPr><t>系统故障</t></r><rPh sb="0" eb="2"><t>yúqī</t></rPh><phoneticPr fontId="1"/>',
        ],
      },
    );
    const parsed = await read(content);
    expect(parsed.findings).toEqual([]);
    expect(parsed.rows[0]?.cells).toEqual({
      indicator: 'DS2020-5G',
      region: 370100,
      period: '2020-01',
      value: 310,
      valueType: 'increment',
      numerator: null,
      denominator: null,
      note: '逾期： 系统故障',
    });
  });

  it('reads numbers in date formats as dates (built-in, East Asian and custom formats; the 1904 system), others as numbers', async () => {
    const styles =
      '<numFmts count="3"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;"/><numFmt numFmtId="165" formatCode="0.00_ "/><numFmt numFmtId="166" formatCode="#,##0&quot; 万元&quot;;[Red]\\-#,##0"/></numFmts>' +
      '<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="57"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="10"/></cellXfs>';
    const march2020 = 43_891; // 2020-03-01 in the 1900 system
    const rows = [1, 2, 3].map((style, index) =>
      row(
        index + 2,
        inlineCell('DS2020-5G', `A${index + 2}`),
        numberCell(370100, `B${index + 2}`),
        `<c r="C${index + 2}" s="${style}"><v>${march2020}</v></c>`,
        `<c r="D${index + 2}" s="${index + 4}"><v>12.5</v></c>`,
      ),
    );
    rows.push(
      row(
        5,
        inlineCell('DS2020-5G', 'A5'),
        numberCell(370100, 'B5'),
        '<c r="C5" t="d"><v>2020-04-01T00:00:00</v></c>',
        '<c r="D5"><v>1</v></c>',
      ),
    );
    const parsed = await read(await handWritten(HEADER_ROW + rows.join(''), { styles }));
    expect(parsed.findings).toEqual([]);
    const march = new Date(Date.UTC(2020, 2, 1));
    expect(parsed.rows.map((r) => [r.cells.period, r.cells.value])).toEqual([
      [march, 12.5],
      [march, 12.5],
      [march, 12.5],
      [new Date(Date.UTC(2020, 3, 1)), 1],
    ]);

    const in1904 = await read(
      await handWritten(
        HEADER_ROW +
          row(
            2,
            inlineCell('DS2020-5G', 'A2'),
            numberCell(370100, 'B2'),
            `<c r="C2" s="1"><v>${march2020 - 1462}</v></c>`,
            numberCell(1, 'D2'),
          ),
        { styles, workbookPr: '<workbookPr date1904="1"/>' },
      ),
    );
    expect(in1904.rows[0]?.cells.period).toEqual(march);
  });

  it('reads formulas by their saved results (numbers, text, booleans, errors; shared formulas), and names those without one', async () => {
    const a = (n: number) => inlineCell('DS2020-5G', `A${n}`);
    const b = (n: number) => numberCell(370100, `B${n}`);
    const c = (n: number) => inlineCell('2020-01', `C${n}`);
    const content = await handWritten(
      HEADER_ROW +
        row(2, a(2), b(2), c(2), '<c r="D2"><f>300+10</f><v>310</v></c>') +
        row(
          3,
          a(3),
          b(3),
          c(3),
          '<c r="D3"><f t="shared" ref="D3:D5" si="0">$B3/B$1</f><v>3701</v></c>',
        ) +
        row(4, a(4), b(4), c(4), '<c r="D4"><f t="shared" si="0"/><v>3702</v></c>') +
        row(5, a(5), b(5), c(5), '<c r="D5"><f t="shared" si="0"/></c>') +
        row(
          6,
          a(6),
          b(6),
          c(6),
          numberCell(1, 'D6'),
          '<c r="E6" t="str"><f>"incre"&amp;"ment"</f><v>increment</v></c>',
        ) +
        row(
          7,
          a(7),
          b(7),
          '<c r="C7" t="str"><f>IF(1,"","")</f><v></v></c>',
          '<c r="D7" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
          '<c r="E7" t="b"><f>TRUE()</f><v>1</v></c>',
        ),
    );
    const parsed = await read(content);
    expect(
      parsed.rows.map((r) => [r.row, r.cells.period, r.cells.value, r.cells.valueType]),
    ).toEqual([
      [2, '2020-01', 310, null],
      [3, '2020-01', 3701, null],
      [4, '2020-01', 3702, null],
      [5, '2020-01', null, null],
      [6, '2020-01', 1, 'increment'],
      [7, null, '#DIV/0!', 'TRUE'],
    ]);
    expect(parsed.findings.map((f) => [f.code, f.values])).toEqual([
      ['formula_cached', { cell: 'D2', formula: '=300+10', value: '310' }],
      ['formula_cached', { cell: 'D3', formula: '=$B3/B$1', value: '3701' }],
      ['formula_cached', { cell: 'D4', formula: '=$B4/B$1', value: '3702' }],
      ['formula_without_value', { cell: 'D5', formula: '=$B5/B$1' }],
      ['formula_cached', { cell: 'E6', formula: '="incre"&"ment"', value: 'increment' }],
      ['formula_cached', { cell: 'C7', formula: '=IF(1,"","")', value: '' }],
      ['formula_cached', { cell: 'D7', formula: '=1/0', value: '#DIV/0!' }],
      ['formula_cached', { cell: 'E7', formula: '=TRUE()', value: 'TRUE' }],
    ]);
  });

  it('reads Strict Open XML, prefixes of any name, and a worksheet saved as UTF-16', async () => {
    const data =
      HEADER_ROW +
      row(
        2,
        inlineCell('DS2020-5G', 'A2'),
        numberCell(370100, 'B2'),
        inlineCell('2020-01', 'C2'),
        numberCell(310, 'D2'),
      );
    for (const options of [{ strict: true }, { prefix: 'main', strict: true }, { utf16: true }]) {
      const parsed = await read(await handWritten(data, options));
      expect(parsed.findings, JSON.stringify(options)).toEqual([]);
      expect(parsed.rows.map((r) => r.cells.value)).toEqual([310]);
    }
  });

  it('reads Chinese text the inflater splits anywhere, character for character', async () => {
    const notes = Array.from(
      { length: 20_000 },
      (_, i) => `第${i}行：一季度补报，数据来源于省大数据局`,
    );
    const content = await handWritten(
      FULL_HEADER_ROW +
        notes
          .map((note, i) =>
            row(
              i + 2,
              inlineCell('DS2020-5G', `A${i + 2}`),
              numberCell(i, `D${i + 2}`),
              inlineCell(note, `H${i + 2}`),
            ),
          )
          .join(''),
    );
    const parsed = await read(content);
    expect(parsed.rows.map((r) => r.cells.note)).toEqual(notes);
  });

  it('stops at the row limit, before the rest of the sheet is inflated', async () => {
    // 3 MB of rows after the first 20: with 1 MB to inflate, only stopping early gets the verdict.
    const rows = Array.from({ length: 60_000 }, (_, i) =>
      row(i + 2, inlineCell('DS2020-5G', `A${i + 2}`), numberCell(i, `D${i + 2}`)),
    );
    const content = lieAboutSizes(await handWritten(HEADER_ROW + rows.join('')));
    const parsed = await read(content, { maxRows: 20, maxUncompressedBytes: 1024 * 1024 });
    expect(parsed.findings).toEqual([
      { row: null, column: null, code: 'too_many_rows', severity: 'error', values: { limit: 20 } },
    ]);
  });

  it('keeps the event loop turning while it reads a large sheet', async () => {
    const rows = [HEADER_ROW];
    for (let n = 2; n <= 250_001; n++)
      rows.push(`<row r="${n}"><c r="A${n}"><v>${n}</v></c></row>`);
    const content = await handWritten(rows.join(''));
    let last = performance.now();
    let longest = 0;
    const ticks = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const parsed = await read(content).finally(() => {
      clearInterval(ticks);
      // The stretch since the last tick counts too (none at all means one long stretch).
      longest = Math.max(longest, performance.now() - last);
    });
    expect(parsed.findings.map((f) => f.code)).toEqual(['too_many_rows']);
    // Generous for a busy machine: each step reads at most 64 K characters (a few ms here).
    expect(longest).toBeLessThan(500);
  });

  it.each([
    ['a shared string that does not exist', '<c r="D2" t="s"><v>7</v></c>', 'cell D2'],
    ['a number that is none', '<c r="D2"><v>1,5</v></c>', 'cell D2'],
    ['a boolean that is none', '<c r="D2" t="b"><v>2</v></c>', 'cell D2'],
    ['a date that is none', '<c r="D2" t="d"><v>yesterday</v></c>', 'cell D2'],
    ['an unknown cell type', '<c r="D2" t="x"><v>1</v></c>', 'cell D2'],
    ['a cell referring to another row', '<c r="D9"><v>1</v></c>', 'D9'],
    ['a cell given twice', '<c r="D2"><v>1</v></c><c r="D2"><v>2</v></c>', 'D2'],
    [
      'a shared formula without its first cell',
      '<c r="D2"><f t="shared" si="3"/><v>1</v></c>',
      'cell D2',
    ],
    ['malformed XML', '<c r="D2"><v>1</c>', 'not well-formed'],
  ])('refuses %s as unreadable, naming it', async (_, cell, named) => {
    const content = await handWritten(HEADER_ROW + row(2, inlineCell('DS2020-5G', 'A2'), cell), {
      sharedStrings: ['<t>a</t>'],
    });
    const parsed = await read(content);
    expect(parsed.findings.map((f) => f.code)).toEqual(['unreadable_file']);
    expect(parsed.findings[0]?.values.reason).toContain(named);
    expect(parsed.findings[0]?.values.reason).toMatch(/[\u4e00-\u9fff].* \/ [a-z]/);
  });

  it('refuses rows out of order as unreadable', async () => {
    const content = await handWritten(
      HEADER_ROW + row(3, inlineCell('DS2020-5G', 'A3')) + row(2, inlineCell('DS2020-5G', 'A2')),
    );
    const parsed = await read(content);
    expect(parsed.findings.map((f) => f.code)).toEqual(['unreadable_file']);
    expect(parsed.findings[0]?.values.reason).toContain('row 2 comes after row 3');
  });
});

/**
 * Rewrites the size fields of a ZIP's large parts (over 100 KB) to 100 bytes, as a crafted bomb
 * would, so only counting while inflating can notice the real size.
 */
function lieAboutSizes(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  for (let offset = 0; offset + 4 <= copy.length; offset++) {
    const signature = copy.readUInt32LE(offset);
    const at = signature === 0x04034b50 ? offset + 22 : signature === 0x02014b50 ? offset + 24 : -1;
    if (at >= 0 && at + 4 <= copy.length && copy.readUInt32LE(at) > 100_000) {
      copy.writeUInt32LE(100, at);
    }
  }
  return copy;
}
