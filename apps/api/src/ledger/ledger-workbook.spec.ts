import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '@zhibiao/contracts';
import { ledgerWorkbook } from './ledger-workbook.js';
import type { LedgerWithPlan } from './ledger.service.js';

function row(no: number, overrides: Partial<LedgerRow> = {}): LedgerRow {
  return {
    no,
    kind: 'measure',
    code: `DS2020-1.1-${no}`,
    section: 'DS2020-S1',
    task: 'DS2020-1.1',
    name: `举措 ${no}`,
    leadDepartments: [{ code: 'a', name: '省大数据局' }],
    supportDepartments: [
      { code: 'b', name: '省财政厅' },
      { code: 'c', name: '人行济南分行' },
    ],
    deadline: '2020-12-31',
    status: 'on_track',
    statusText: { zh: '按序时推进', en: 'On track' },
    report: {
      id: String(no),
      period: '2020-10',
      state: 'confirmed',
      progress: '已完成年度任务的 80%',
      problems: '资金未到位',
      nextSteps: '加快推进',
    },
    completion: null,
    openNotices: 0,
    cities: [],
    updatedAt: null,
    ...overrides,
  };
}

const ledger = (rows: LedgerRow[]): LedgerWithPlan => ({
  plan: 'DS2020',
  planTitle: '数字山东2020行动方案',
  period: '2020-10',
  asOf: '2020-11-07',
  counts: { done: 0, on_track: rows.length, behind: 0, not_started: 0, not_reported: 0 },
  rows,
});

async function read(content: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(content as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

describe('ledgerWorkbook', () => {
  it('holds the title, the nine columns a supervision office expects and every row', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => row(i + 1));
    rows.push(
      row(51, {
        kind: 'milestone',
        name: '医保电子凭证',
        report: null,
        status: 'done',
        statusText: { zh: '已完成', en: 'Done' },
        completion: { id: '9', state: 'confirmed', doneOn: '2020-09-30' },
      }),
    );
    const sheet = await read(await ledgerWorkbook(ledger(rows), 'zh'));
    expect(sheet.getCell('A1').text).toContain('数字山东2020行动方案');
    expect(sheet.getRow(3).values).toEqual([
      undefined,
      '序号',
      '任务举措',
      '牵头单位',
      '配合单位',
      '完成时限',
      '进展情况',
      '存在问题',
      '下步计划',
      '状态',
    ]);
    expect(sheet.rowCount).toBe(3 + 51);
    expect(sheet.getRow(4).values).toEqual([
      undefined,
      1,
      '举措 1',
      '省大数据局',
      '省财政厅、人行济南分行',
      '2020-12-31',
      '已完成年度任务的 80%',
      '资金未到位',
      '加快推进',
      '按序时推进',
    ]);
    expect(sheet.getCell('B54').value).toBe('【节点任务】医保电子凭证');
    expect(sheet.getCell('F54').value).toBe('已于 2020-09-30 完成（已确认）');
    expect(sheet.getCell('I54').value).toBe('已完成');
  });

  it('writes headings and status words in English when asked', async () => {
    const sheet = await read(await ledgerWorkbook(ledger([row(1)]), 'en'));
    expect(sheet.getCell('B3').value).toBe('Measure / node task');
    expect(sheet.getCell('I4').value).toBe('On track');
  });

  it('never writes a formula, whatever a unit typed', async () => {
    const hostile = [
      '=HYPERLINK("http://evil.example","点击")',
      "+cmd|' /C calc'!A0",
      '-2+3',
      '@SUM(1)',
    ];
    const content = await ledgerWorkbook(
      ledger([
        row(1, {
          name: hostile[0],
          report: {
            id: '1',
            period: '2020-10',
            state: 'submitted',
            progress: hostile[1] ?? '',
            problems: hostile[2] ?? '',
            nextSteps: hostile[3] ?? '',
          },
        }),
      ]),
      'zh',
    );
    const zip = await JSZip.loadAsync(content);
    const sheetXml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    expect(sheetXml).toContain('<sheetData>');
    expect(sheetXml).not.toContain('<f>');
    const sheet = await read(content);
    expect(sheet.getCell('B4').value).toBe(`'${hostile[0]}`);
    expect(sheet.getCell('F4').value).toBe(`'${hostile[1]}`);
    for (const address of ['B4', 'F4', 'G4', 'H4']) {
      expect(sheet.getCell(address).type).toBe(ExcelJS.ValueType.String);
    }
  });
});
