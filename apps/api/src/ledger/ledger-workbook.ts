import ExcelJS from 'exceljs';
import type { LedgerRow } from '@zhibiao/contracts';
import { spreadsheetText } from '@zhibiao/core';
import type { LedgerWithPlan } from './ledger.service.js';

// The ledger as the workbook a supervision office sends up: a title line, the nine columns it
// expects (序号, 任务举措, 牵头单位, 配合单位, 完成时限, 进展情况, 存在问题, 下步计划, 状态), one row
// per measure and node task. Every text goes in as a string cell, never a formula, and text a
// spreadsheet might still run (=, +, -, @ first) is defused by spreadsheetText.

/** The workbook's language: its headings, the status words, the title. */
export type WorkbookLanguage = 'zh' | 'en';

interface Column {
  header: Record<WorkbookLanguage, string>;
  width: number;
  value: (row: LedgerRow, language: WorkbookLanguage) => string | number;
}

const join = (units: { name: string }[]): string => units.map((unit) => unit.name).join('、');

const COLUMNS: readonly Column[] = [
  { header: { zh: '序号', en: 'No.' }, width: 6, value: (row) => row.no },
  {
    header: { zh: '任务举措', en: 'Measure / node task' },
    width: 48,
    value: (row, language) =>
      row.kind === 'milestone'
        ? `${language === 'zh' ? '【节点任务】' : '[Node task] '}${row.name}`
        : row.name,
  },
  {
    header: { zh: '牵头单位', en: 'Lead units' },
    width: 22,
    value: (row) => join(row.leadDepartments),
  },
  {
    header: { zh: '配合单位', en: 'Support units' },
    width: 26,
    value: (row) => join(row.supportDepartments),
  },
  { header: { zh: '完成时限', en: 'Deadline' }, width: 12, value: (row) => row.deadline ?? '' },
  {
    header: { zh: '进展情况', en: 'Progress' },
    width: 50,
    value: (row, language) => progressText(row, language),
  },
  {
    header: { zh: '存在问题', en: 'Problems' },
    width: 36,
    value: (row) => row.report?.problems ?? '',
  },
  {
    header: { zh: '下步计划', en: 'Next steps' },
    width: 36,
    value: (row) => row.report?.nextSteps ?? '',
  },
  {
    header: { zh: '状态', en: 'Status' },
    width: 12,
    value: (row, language) => row.statusText[language],
  },
];

function progressText(row: LedgerRow, language: WorkbookLanguage): string {
  if (row.report) return row.report.progress;
  if (!row.completion) return '';
  const { doneOn, state } = row.completion;
  const words = {
    claimed: {
      zh: `已报告于 ${doneOn} 完成，待督查室确认`,
      en: `Reported done on ${doneOn}; awaiting the bureau's check`,
    },
    confirmed: { zh: `已于 ${doneOn} 完成（已确认）`, en: `Done on ${doneOn} (confirmed)` },
    returned: {
      zh: `完成报告已退回（${doneOn}）`,
      en: `Report of completion returned (${doneOn})`,
    },
  } as const;
  return words[state][language];
}

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDEBF7' },
};
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF9E9E9E' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function ledgerWorkbook(
  ledger: LedgerWithPlan,
  language: WorkbookLanguage,
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Zhibiao';
  const sheet = book.addWorksheet(language === 'zh' ? '任务台账' : 'Ledger', {
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
    views: [{ state: 'frozen', ySplit: 3 }],
  });
  sheet.columns = COLUMNS.map((column) => ({ width: column.width }));

  const title =
    language === 'zh'
      ? `${ledger.planTitle} 任务推进台账（${ledger.period.replace('-', '年')}月）`
      : `${ledger.planTitle}: supervision ledger, ${ledger.period}`;
  sheet.mergeCells(1, 1, 1, COLUMNS.length);
  setText(sheet.getCell(1, 1), title);
  sheet.getCell(1, 1).font = { bold: true, size: 14 };
  sheet.getCell(1, 1).alignment = { horizontal: 'center' };
  sheet.mergeCells(2, 1, 2, COLUMNS.length);
  setText(
    sheet.getCell(2, 1),
    language === 'zh'
      ? `截至 ${ledger.asOf}，共 ${ledger.rows.length} 项`
      : `As of ${ledger.asOf}; ${ledger.rows.length} rows`,
  );
  sheet.getCell(2, 1).alignment = { horizontal: 'right' };

  const header = sheet.getRow(3);
  COLUMNS.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    setText(cell, column.header[language]);
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BORDER;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  ledger.rows.forEach((row, offset) => {
    const line = sheet.getRow(4 + offset);
    COLUMNS.forEach((column, index) => {
      const cell = line.getCell(index + 1);
      const value = column.value(row, language);
      if (typeof value === 'number') cell.value = value;
      else setText(cell, value);
      cell.border = BORDER;
      cell.alignment = { vertical: 'top', wrapText: true };
    });
  });
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: 3, column: COLUMNS.length } };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A string cell, whatever the text begins with (exceljs writes strings as shared strings). */
function setText(cell: ExcelJS.Cell, text: string): void {
  cell.value = spreadsheetText(text);
}
