import ExcelJS from 'exceljs';
import type { ReportingRow, ReportingSheet } from '@zhibiao/contracts';
import { VALUE_TYPE_WORDS } from '@zhibiao/core';
import { describe, expect, it } from 'vitest';
import { buildTemplate } from './template.js';
import { DEFAULT_UPLOAD_LIMITS } from './types.js';
import { parseUpload } from './upload.js';

function reportingRow(overrides: Partial<ReportingRow>): ReportingRow {
  return {
    indicator: 'DS2020-5G',
    indicatorName: '新开通5G基站',
    unit: '个',
    kind: 'cumulative',
    frequency: 'monthly',
    region: '370100',
    regionName: '济南市',
    period: '2020-03',
    state: 'open',
    closesOn: '2020-04-05',
    current: null,
    previousCumulative: null,
    numeratorLabel: null,
    denominatorLabel: null,
    ...overrides,
  };
}

const SHEET: ReportingSheet = {
  department: { code: 'big-data-bureau', name: '省大数据局' },
  period: '2020-03',
  approval: [],
  rows: [
    reportingRow({
      current: {
        value: 515,
        valueType: 'increment',
        numerator: null,
        denominator: null,
        note: '首次报送',
        recordedAt: '2020-04-02T08:00:00Z',
      },
    }),
    reportingRow({ region: '370200', regionName: '青岛市' }),
    reportingRow({
      indicator: 'DS2020-DIGITAL-CAMPUS',
      indicatorName: '数字校园建设覆盖率',
      unit: '%',
      kind: 'ratio',
      current: {
        value: 85.5,
        valueType: 'level',
        numerator: 171,
        denominator: 200,
        note: '',
        recordedAt: '2020-04-02T08:00:00Z',
      },
    }),
    reportingRow({
      indicator: 'DS2020-Q',
      indicatorName: '季度指标',
      kind: 'level',
      frequency: 'quarterly',
      closesOn: '2020-04-15',
    }),
  ],
};

async function load(content: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(content).buffer);
  return workbook;
}

describe(buildTemplate.name, () => {
  it('is read back by the upload reader with the rows and columns it was built from', async () => {
    const parsed = await parseUpload(
      await buildTemplate(SHEET),
      '模板.xlsx',
      DEFAULT_UPLOAD_LIMITS,
    );
    expect(parsed).toMatchObject({ format: 'xlsx', sheet: '填报', fatal: false, findings: [] });
    expect(parsed.columns).toEqual({
      indicator: 0,
      region: 2,
      period: 4,
      value: 5,
      valueType: 7,
      numerator: 8,
      denominator: 9,
      note: 10,
    });
    const base = { numerator: null, denominator: null, note: null };
    expect(parsed.rows).toEqual([
      {
        row: 2,
        cells: {
          ...base,
          indicator: 'DS2020-5G',
          region: '370100',
          period: '2020-03',
          value: 515,
          valueType: '新增',
        },
      },
      {
        row: 3,
        cells: {
          ...base,
          indicator: 'DS2020-5G',
          region: '370200',
          period: '2020-03',
          value: null,
          valueType: '累计',
        },
      },
      {
        row: 4,
        cells: {
          ...base,
          indicator: 'DS2020-DIGITAL-CAMPUS',
          region: '370100',
          period: '2020-03',
          value: 85.5,
          valueType: '比率',
          numerator: 171,
          denominator: 200,
        },
      },
      {
        row: 5,
        cells: {
          ...base,
          indicator: 'DS2020-Q',
          region: '370100',
          period: '2020-03',
          value: null,
          valueType: '水平',
        },
      },
    ]);
  });

  it('writes the value type in the sheet’s language, in words the reader takes', async () => {
    const workbook = await load(await buildTemplate(SHEET));
    const sheet = workbook.getWorksheet('填报');
    expect(['H2', 'H3', 'H4', 'H5'].map((cell) => sheet?.getCell(cell).value)).toEqual([
      '新增',
      '累计',
      '比率',
      '水平',
    ]);
    // Every word a cell may be set to (its list) is read as a value type, none in English.
    for (const cell of ['H2', 'H4', 'H5']) {
      const list = String(sheet?.getCell(cell).dataValidation.formulae?.[0]).replace(/"/g, '');
      for (const word of list.split(',')) {
        expect(VALUE_TYPE_WORDS[word], word).toBeDefined();
        expect(word).toMatch(/^[\u4e00-\u9fff]+$/);
      }
    }
  });

  it('keeps periods as text, validates the cells and freezes the header', async () => {
    const workbook = await load(await buildTemplate(SHEET));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['填报', '说明']);
    const sheet = workbook.getWorksheet('填报');
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      '指标编码',
      '指标名称（参考）',
      '地区编码',
      '地区名称（参考）',
      '期间',
      '数值（单位见“单位”列）',
      '单位（参考）',
      '数值类型',
      '分子',
      '分母',
      '备注',
    ]);
    expect(sheet?.getCell('E2').numFmt).toBe('@');
    expect(sheet?.getCell('E2').value).toBe('2020-03');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getCell('B2').fill).toMatchObject({
      type: 'pattern',
      fgColor: { argb: 'FFE7E6E6' },
    });
    expect(sheet?.getCell('H2').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"新增,累计"'],
    });
    expect(sheet?.getCell('H4').dataValidation).toMatchObject({ formulae: ['"比率"'] });
    expect(sheet?.getCell('H5').dataValidation).toMatchObject({ formulae: ['"水平"'] });
    // 个 counts whole things: Excel takes whole numbers only.
    expect(sheet?.getCell('F2').dataValidation).toMatchObject({
      type: 'whole',
      operator: 'greaterThanOrEqual',
      formulae: [0],
    });
    expect(sheet?.getCell('F4').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'between',
      formulae: [0, 100],
    });
    expect(sheet?.getCell('I4').dataValidation).toMatchObject({ operator: 'greaterThanOrEqual' });
    expect(sheet?.getCell('F2').dataValidation.prompt).toContain('个');
  });

  it('explains the template in Chinese, with its department, period and closing dates', async () => {
    const workbook = await load(await buildTemplate(SHEET));
    const cells = workbook.getWorksheet('说明')?.getColumn(1).values ?? [];
    const text = cells.map((cell) => (typeof cell === 'string' ? cell : '')).join('\n');
    for (const expected of [
      '省大数据局（big-data-bureau）2020-03',
      'YYYY-MM',
      '季末月',
      '“新增”（当月新增）或“累计”（年初至今累计）',
      '比率类指标填“比率”',
      '730（310 + 420），数值类型填“累计”',
      '留空即可：上传时不读取，也不算错误',
      '备注',
      'UTF-8 或 GBK',
      '请于 2020-04-05 前报送',
      'DS2020-Q 季度指标，济南市（370100），期间 2020-03：2020-04-15 截止',
    ]) {
      expect(text).toContain(expected);
    }
  });
});
