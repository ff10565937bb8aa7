import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeCsv, detectDelimiter, parseCsv } from './csv.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './types.js';

const HEADER = '指标编码,地区编码,期间,数值,数值类型,分子,分母,备注';
const ROWS = [
  'DS2020-5G,370100,2020-01,310,increment,,,',
  'DS2020-5G,370100,2020-02,420,increment,,,',
];

function utf8(text: string): Buffer {
  return Buffer.from(text, 'utf8');
}

function parse(content: Buffer, limits: Partial<UploadLimits> = {}) {
  return parseCsv(content, { ...DEFAULT_UPLOAD_LIMITS, ...limits });
}

describe(decodeCsv.name, () => {
  it('takes a BOM as UTF-8, valid UTF-8 as UTF-8, and anything else as GBK', () => {
    expect(decodeCsv(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('数值')]))).toEqual({
      text: '数值',
      encoding: 'utf-8-bom',
    });
    expect(decodeCsv(utf8('数值'))).toEqual({ text: '数值', encoding: 'utf-8' });
    expect(decodeCsv(iconv.encode('数值,备注', 'gbk'))).toEqual({
      text: '数值,备注',
      encoding: 'gb18030',
    });
  });

  it('reads GBK bytes that happen to be valid UTF-8 without Chinese as GBK', () => {
    // 袄 in GBK is B0 C0, which is not UTF-8; 篓 (C2 A8) is, and decodes to "¨" as UTF-8.
    const bytes = iconv.encode('篓', 'gbk');
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toBe('¨');
    expect(decodeCsv(bytes)).toEqual({ text: '篓', encoding: 'gb18030' });
    // UTF-8 punctuation whose GBK reading breaks (a replacement character) stays UTF-8.
    expect(decodeCsv(utf8('value – 85.5％'))).toEqual({
      text: 'value – 85.5％',
      encoding: 'utf-8',
    });
  });

  it('refuses UTF-16 text and bytes that are neither UTF-8 nor GBK', () => {
    expect(decodeCsv(Buffer.from([0xff, 0xfe, 0x41, 0x00]))).toHaveProperty('problem');
    expect(decodeCsv(Buffer.from([0x41, 0xff, 0xff, 0x42]))).toHaveProperty('problem');
  });
});

describe(detectDelimiter.name, () => {
  it('counts delimiters on the header line, outside quotes', () => {
    expect(detectDelimiter('a,b,c\n1;2;3;4;5')).toBe(',');
    expect(detectDelimiter('a;b;c\n1,2')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('\n;;;\nindicator;region;period')).toBe(';');
    expect(detectDelimiter('indicator')).toBe(',');
  });
});

describe(parseCsv.name, () => {
  it('reads UTF-8 rows as text cells, empty cells as null', async () => {
    const parsed = await parse(utf8([HEADER, ...ROWS].join('\r\n')));
    expect(parsed).toMatchObject({ format: 'csv', encoding: 'utf-8', sheet: null, fatal: false });
    expect(parsed.findings).toEqual([]);
    expect(parsed.columns).toEqual({
      indicator: 0,
      region: 1,
      period: 2,
      value: 3,
      valueType: 4,
      numerator: 5,
      denominator: 6,
      note: 7,
    });
    expect(parsed.rows[0]).toEqual({
      row: 2,
      cells: {
        indicator: 'DS2020-5G',
        region: '370100',
        period: '2020-01',
        value: '310',
        valueType: 'increment',
        numerator: null,
        denominator: null,
        note: null,
      },
    });
    expect(parsed.rows.map((row) => row.row)).toEqual([2, 3]);
  });

  it('reads UTF-8 with a BOM, and GBK', async () => {
    const withBom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      utf8([HEADER, ...ROWS].join('\n')),
    ]);
    const bom = await parse(withBom);
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.columns.indicator).toBe(0);
    expect(bom.rows).toHaveLength(2);

    const gbk = await parse(
      iconv.encode([HEADER, `${ROWS[0] ?? ''}逾期：系统故障`].join('\r\n'), 'gbk'),
    );
    expect(gbk.encoding).toBe('gb18030');
    expect(gbk.fatal).toBe(false);
    expect(gbk.rows[0]?.cells.note).toBe('逾期：系统故障');
  });

  it('reads semicolon- and tab-separated files', async () => {
    for (const delimiter of [';', '\t']) {
      const text = [HEADER, ...ROWS].map((line) => line.replaceAll(',', delimiter)).join('\n');
      const parsed = await parse(utf8(text));
      expect(parsed.fatal).toBe(false);
      expect(parsed.rows[1]?.cells).toMatchObject({ period: '2020-02', value: '420' });
    }
  });

  it('trims cells, keeps quoted line breaks inside the record and numbers records, not lines', async () => {
    const text = [
      'indicator,region,period,value,note',
      ' DS2020-5G , 370100 ,2020-01, 310 ,"第一行',
      '第二行"',
      'DS2020-5G,370100,2020-02,420,"带""引号"""',
    ].join('\n');
    const parsed = await parse(utf8(text));
    expect(parsed.rows).toEqual([
      {
        row: 2,
        cells: {
          indicator: 'DS2020-5G',
          region: '370100',
          period: '2020-01',
          value: '310',
          note: '第一行\n第二行',
        },
      },
      {
        row: 3,
        cells: {
          indicator: 'DS2020-5G',
          region: '370100',
          period: '2020-02',
          value: '420',
          note: '带"引号"',
        },
      },
    ]);
  });

  it('skips blank rows but keeps counting them, as a spreadsheet shows the rows', async () => {
    const text = ['', HEADER, ROWS[0], '', ',,,,,,,', ' , ', ROWS[1], ''].join('\n');
    const parsed = await parse(utf8(text));
    expect(parsed.rows.map((row) => row.row)).toEqual([3, 7]);
  });

  it('gives a row for a record with a shorter or longer field count', async () => {
    const parsed = await parse(utf8('indicator,region,period,value\nDS2020-5G,370100\nA,B,C,D,E'));
    expect(parsed.rows.map((row) => row.cells)).toEqual([
      { indicator: 'DS2020-5G', region: '370100', period: null, value: null },
      { indicator: 'A', region: 'B', period: 'C', value: 'D' },
    ]);
  });

  it('stops with a fatal finding past the row limit', async () => {
    const text = [HEADER, ...ROWS, ROWS[0], ROWS[1]].join('\n');
    expect((await parse(utf8(text), { maxRows: 4 })).fatal).toBe(false);
    const parsed = await parse(utf8(text), { maxRows: 3 });
    expect(parsed).toMatchObject({ fatal: true, rows: [] });
    expect(parsed.findings).toEqual([
      { row: null, column: null, code: 'too_many_rows', severity: 'error', values: { limit: 3 } },
    ]);
  });

  it('reports a file without data rows as empty', async () => {
    for (const text of [HEADER, `${HEADER}\n,,,\n\n`, '\n \n']) {
      const parsed = await parse(utf8(text));
      expect(parsed.fatal).toBe(true);
      expect(parsed.findings.map((f) => f.code)).toEqual(['empty_file']);
    }
  });

  it('reports header problems and reads no rows', async () => {
    const parsed = await parse(utf8('指标编码,期间,数值,城市\nDS2020-5G,2020-01,1,济南'));
    expect(parsed.fatal).toBe(true);
    expect(parsed.rows).toEqual([]);
    expect(parsed.findings.map((f) => [f.code, f.column])).toEqual([
      ['extra_column', null],
      ['missing_column', 'region'],
    ]);
  });

  it('reports a quote that is never closed as unreadable', async () => {
    const parsed = await parse(utf8(`${HEADER}\nDS2020-5G,370100,2020-01,310,increment,,,"open`));
    expect(parsed.fatal).toBe(true);
    expect(parsed.findings[0]?.code).toBe('unreadable_file');
    expect(parsed.findings[0]?.values.reason).toMatch(/CSV/);
  });

  it('reads 100,000 rows in well under a few seconds', async () => {
    const lines = [HEADER];
    for (let index = 0; index < 100_000; index++) {
      lines.push(
        `DS2020-5G,370100,2020-${String((index % 12) + 1).padStart(2, '0')},${index},increment,,,`,
      );
    }
    const content = utf8(lines.join('\r\n'));
    const started = performance.now();
    const parsed = await parse(content);
    const elapsed = performance.now() - started;
    expect(parsed.rows).toHaveLength(100_000);
    expect(parsed.rows.at(-1)).toMatchObject({ row: 100_001, cells: { value: '99999' } });
    // Generous against slow CI machines; it takes a few hundred milliseconds here.
    expect(elapsed).toBeLessThan(5_000);
  });

  it('stops at the row limit, the event loop turning while it reads', async () => {
    const lines = [HEADER];
    for (let index = 0; index < 400_000; index++) {
      lines.push(`DS2020-5G,370100,2020-${String((index % 12) + 1).padStart(2, '0')},${index},,,,`);
    }
    const content = utf8(lines.join('\n'));
    let last = performance.now();
    let longest = 0;
    const ticks = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const parsed = await parse(content).finally(() => {
      clearInterval(ticks);
      // The stretch since the last tick counts too (none at all means one long stretch).
      longest = Math.max(longest, performance.now() - last);
    });
    expect(parsed.findings.map((f) => f.code)).toEqual(['too_many_rows']);
    // Generous for a busy machine: each step parses 16 K characters (a few ms here).
    expect(longest).toBeLessThan(500);
  });
});
