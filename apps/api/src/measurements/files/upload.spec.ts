import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS, type ParsedUpload } from './types.js';
import { parseUpload } from './upload.js';

const fixtures = new URL('../../../../../test/fixtures/uploads/', import.meta.url);

function fixture(path: string): Promise<ParsedUpload> {
  const name = path.split('/').at(-1) ?? path;
  return parseUpload(readFileSync(new URL(path, fixtures)), name, DEFAULT_UPLOAD_LIMITS);
}

/** The rows every ok fixture holds, as text (CSV) or with numbers (XLSX). */
const VALID = [
  ['DS2020-5G', '2020-01', 310, 'increment'],
  ['DS2020-5G', '2020-02', 420, 'increment'],
  ['DS2020-5G', '2020-03', 515, 'increment'],
  ['DS2020-DIGITAL-CAMPUS', '2020-03', 85.5, 'level'],
] as const;

describe(parseUpload.name, () => {
  it('refuses an empty file', async () => {
    const parsed = await parseUpload(Buffer.alloc(0), 'figures.csv', DEFAULT_UPLOAD_LIMITS);
    expect(parsed).toMatchObject({ format: 'unknown', fatal: true, rows: [] });
    expect(parsed.findings.map((f) => f.code)).toEqual(['empty_file']);
  });

  it('tells the content first: an XLSX under any name, an old .xls refused with a hint', async () => {
    const xlsx = readFileSync(new URL('ok/other-writer.xlsx', fixtures));
    expect((await parseUpload(xlsx, 'upload.bin', DEFAULT_UPLOAD_LIMITS)).format).toBe('xlsx');

    const xls = await fixture('not-ok/legacy.xls');
    expect(xls).toMatchObject({ format: 'unknown', fatal: true });
    expect(xls.findings).toMatchObject([
      { row: null, column: null, code: 'unsupported_file', severity: 'error' },
    ]);
    expect(xls.findings[0]?.values.name).toMatch(
      /^legacy\.xls（.*另存为 \.xlsx.*save it as \.xlsx/,
    );
  });

  it('reads .csv and .txt names as CSV and refuses other files by name', async () => {
    const text = Buffer.from('indicator,region,period,value\nDS2020-5G,370100,2020-01,1\n');
    expect((await parseUpload(text, 'figures.TXT', DEFAULT_UPLOAD_LIMITS)).format).toBe('csv');
    const pdf = await parseUpload(Buffer.from('%PDF-1.7\n'), 'report.pdf', DEFAULT_UPLOAD_LIMITS);
    expect(pdf.findings).toEqual([
      {
        row: null,
        column: null,
        code: 'unsupported_file',
        severity: 'error',
        values: { name: 'report.pdf' },
      },
    ]);
  });
});

describe('upload fixtures', () => {
  it.each(['ok/utf8-bom.csv', 'ok/gbk.csv', 'ok/other-writer.xlsx'])(
    '%s gives the four valid rows and no findings',
    async (path) => {
      const parsed = await fixture(path);
      expect(parsed.fatal).toBe(false);
      expect(parsed.findings).toEqual([]);
      const xlsx = parsed.format === 'xlsx';
      expect(
        parsed.rows.map(({ row, cells }) => [
          row,
          cells.indicator,
          cells.region,
          cells.period,
          cells.value,
          cells.valueType,
        ]),
      ).toEqual(
        VALID.map(([indicator, period, value, valueType], index) => [
          index + 2,
          indicator,
          xlsx ? 370100 : '370100',
          period,
          xlsx ? value : String(value),
          valueType,
        ]),
      );
      expect(parsed.rows[3]?.cells).toMatchObject(
        xlsx ? { numerator: 171, denominator: 200 } : { numerator: '171', denominator: '200' },
      );
    },
  );

  it('reads the encodings the fixtures are written in', async () => {
    expect((await fixture('ok/utf8-bom.csv')).encoding).toBe('utf-8-bom');
    expect((await fixture('ok/gbk.csv')).encoding).toBe('gb18030');
  });

  it('not-ok/merged-cells.xlsx reports the merged range', async () => {
    const parsed = await fixture('not-ok/merged-cells.xlsx');
    expect(parsed.fatal).toBe(false);
    expect(parsed.findings).toEqual([
      {
        row: 2,
        column: 'indicator',
        code: 'merged_cell',
        severity: 'error',
        values: { range: 'A2:A4' },
      },
    ]);
    expect(parsed.rows.map((row) => row.cells.indicator)).toEqual(['DS2020-5G', null, null]);
  });

  it('not-ok/formula-no-cache.xlsx reports the formula without a result', async () => {
    const parsed = await fixture('not-ok/formula-no-cache.xlsx');
    expect(parsed.findings).toEqual([
      {
        row: 2,
        column: 'value',
        code: 'formula_without_value',
        severity: 'error',
        values: { cell: 'D2', formula: '=300+10' },
      },
      {
        row: 3,
        column: 'value',
        code: 'formula_cached',
        severity: 'warning',
        values: { cell: 'D3', formula: '=400+20', value: '420' },
      },
    ]);
    expect(parsed.rows.map((row) => row.cells.value)).toEqual([null, 420]);
  });

  it('not-ok/zip-bomb.xlsx is refused from its declared size, fast', async () => {
    const started = performance.now();
    const parsed = await fixture('not-ok/zip-bomb.xlsx');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parsed.findings).toEqual([
      {
        row: null,
        column: null,
        code: 'too_large_uncompressed',
        severity: 'error',
        values: { limit: '200 MB' },
      },
    ]);
  });

  it.each([
    ['not-ok/missing-column.csv', [['missing_column', 'period']]],
    ['not-ok/extra-column.csv', [['extra_column', null]]],
    ['not-ok/empty.csv', [['empty_file', null]]],
  ])('%s is refused as a whole', async (path, expected) => {
    const parsed = await fixture(path);
    expect(parsed).toMatchObject({ fatal: true, rows: [] });
    expect(parsed.findings.map((f) => [f.code, f.column])).toEqual(expected);
  });
});
