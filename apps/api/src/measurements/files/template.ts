import ExcelJS from 'exceljs';
import type { ReportingRow, ReportingSheet } from '@zhibiao/contracts';
import { isWholeCount } from '@zhibiao/core';

// The XLSX template a department downloads, fills in and uploads again. Its headers must be
// read back by headers.ts: figure columns by their Chinese names, the reference columns
// (名称, 单位) by names listed in INFORMATIONAL_HEADERS, so they are ignored on upload.

type TemplateKey =
  | 'indicator'
  | 'indicatorName'
  | 'region'
  | 'regionName'
  | 'period'
  | 'value'
  | 'unit'
  | 'valueType'
  | 'numerator'
  | 'denominator'
  | 'note';

interface TemplateColumn {
  key: TemplateKey;
  header: string;
  width: number;
  /** Read by people only: grey, and ignored when the file comes back. */
  reference?: true;
  /** Codes and periods are text, so Excel neither drops leading digits nor makes dates. */
  text?: true;
}

const COLUMNS: readonly TemplateColumn[] = [
  { key: 'indicator', header: '指标编码', width: 26, text: true },
  { key: 'indicatorName', header: '指标名称（参考）', width: 32, reference: true },
  { key: 'region', header: '地区编码', width: 11, text: true },
  { key: 'regionName', header: '地区名称（参考）', width: 14, reference: true },
  { key: 'period', header: '期间', width: 10, text: true },
  { key: 'value', header: '数值（单位见“单位”列）', width: 22 },
  { key: 'unit', header: '单位（参考）', width: 11, reference: true },
  { key: 'valueType', header: '数值类型', width: 14 },
  { key: 'numerator', header: '分子', width: 12 },
  { key: 'denominator', header: '分母', width: 12 },
  { key: 'note', header: '备注', width: 40 },
];

const DATA_SHEET = '填报';
const INSTRUCTIONS_SHEET = '说明';
const REFERENCE_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE7E6E6' },
};
const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFDDEBF7' },
};

function position(key: TemplateKey): number {
  return COLUMNS.findIndex((column) => column.key === key) + 1;
}

/** Counts are reported as increments or year-to-date totals; rates and levels as levels. */
function isCount(row: ReportingRow): boolean {
  return row.kind === 'cumulative';
}

// The sheet is in Chinese, and so are its value types: the words the reader takes (libs/core
// VALUE_TYPE_WORDS), one per value type, a level named as a rate where the indicator is one.
const COUNT_TYPE_WORDS = { increment: '新增', cumulative: '累计' } as const;

/** The value-type words a row may hold: 新增/累计 for a count, 比率 or 水平 for the others. */
function typeWords(row: ReportingRow): readonly string[] {
  if (isCount(row)) return [COUNT_TYPE_WORDS.increment, COUNT_TYPE_WORDS.cumulative];
  return [row.kind === 'ratio' ? '比率' : '水平'];
}

/** The value type prefilled: the current figure's, else a year-to-date total for a count. */
function typeWord(row: ReportingRow): string {
  if (!isCount(row)) return typeWords(row)[0]!;
  const type = row.current?.valueType;
  return type === 'increment' ? COUNT_TYPE_WORDS.increment : COUNT_TYPE_WORDS.cumulative;
}

function rowValues(row: ReportingRow): Record<TemplateKey, string | number | null> {
  const current = row.current;
  return {
    indicator: row.indicator,
    indicatorName: row.indicatorName,
    region: row.region,
    regionName: row.regionName,
    period: row.period,
    value: current?.value ?? null,
    unit: row.unit,
    valueType: typeWord(row),
    numerator: current?.numerator ?? null,
    denominator: current?.denominator ?? null,
    // A note explains one submission (why it is late, what it corrects): never carried over.
    note: null,
  };
}

/**
 * The XLSX template of a department's rows for a period: sheet "填报" prefilled with the rows
 * (current figures where there are some) and cell validation, and sheet "说明" explaining it.
 */
export async function buildTemplate(sheet: ReportingSheet): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  addDataSheet(workbook, sheet.rows);
  addInstructionsSheet(workbook, sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addDataSheet(workbook: ExcelJS.Workbook, rows: readonly ReportingRow[]): void {
  const worksheet = workbook.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  COLUMNS.forEach((column, index) => {
    const sheetColumn = worksheet.getColumn(index + 1);
    sheetColumn.width = column.width;
    // Rows typed in below the prefilled ones keep codes and periods as text, too.
    if (column.text) sheetColumn.numFmt = '@';
  });
  const header = worksheet.addRow(COLUMNS.map((column) => column.header));
  header.font = { bold: true };
  header.eachCell((cell, number) => {
    cell.fill = COLUMNS[number - 1]?.reference ? REFERENCE_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  for (const row of rows) addFigureRow(worksheet, row);
}

function addFigureRow(worksheet: ExcelJS.Worksheet, reportingRow: ReportingRow): void {
  const values = rowValues(reportingRow);
  const row = worksheet.addRow(COLUMNS.map((column) => values[column.key]));
  COLUMNS.forEach((column, index) => {
    const cell = row.getCell(index + 1);
    if (column.text) cell.numFmt = '@';
    if (column.reference) cell.fill = REFERENCE_FILL;
  });
  row.getCell(position('valueType')).dataValidation = valueTypeValidation(reportingRow);
  row.getCell(position('value')).dataValidation = valueValidation(reportingRow);
  row.getCell(position('numerator')).dataValidation = partValidation('分子');
  row.getCell(position('denominator')).dataValidation = partValidation('分母');
}

function valueTypeValidation(row: ReportingRow): ExcelJS.DataValidation {
  const count = isCount(row);
  const words = typeWords(row);
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${words.join(',')}"`],
    showInputMessage: true,
    promptTitle: '数值类型',
    prompt: count
      ? '新增：当月新增；累计：年初至今累计'
      : `${words[0]!}：当期水平（比率、存量类指标）`,
    showErrorMessage: true,
    errorStyle: 'error',
    errorTitle: '数值类型无效',
    error: count ? '请选择“新增”或“累计”' : `比率、存量类指标只能填“${words[0]!}”`,
  };
}

function valueValidation(row: ReportingRow): ExcelJS.DataValidation {
  const percent = row.unit === '%';
  // A count in units of one (个, 名, not 万人次) takes whole numbers only.
  const whole = !isWholeCount(0.5, row.unit);
  return {
    type: whole ? 'whole' : 'decimal',
    operator: percent ? 'between' : 'greaterThanOrEqual',
    allowBlank: true,
    formulae: percent ? [0, 100] : [0],
    showInputMessage: true,
    promptTitle: '数值',
    prompt: percent
      ? '填写 0–100 之间的百分数，如 85.5（不带 % 号）；本次不报送可留空'
      : `填写以“${row.unit}”为单位的${whole ? '整数' : '数字'}，不带单位或“万”字；本次不报送可留空`,
    showErrorMessage: true,
    errorStyle: 'error',
    errorTitle: '数值无效',
    error: percent
      ? '百分比应在 0 到 100 之间'
      : whole
        ? `数值应为不小于 0 的整数（以“${row.unit}”计）`
        : '数值应为不小于 0 的数字',
  };
}

function partValidation(label: string): ExcelJS.DataValidation {
  return {
    type: 'decimal',
    operator: 'greaterThanOrEqual',
    allowBlank: true,
    formulae: [0],
    showInputMessage: true,
    promptTitle: label,
    prompt: '比率类指标可填写分子和分母（须同时填写），数值为不小于 0 的数字',
    showErrorMessage: true,
    errorStyle: 'error',
    errorTitle: `${label}无效`,
    error: `${label}应为不小于 0 的数字`,
  };
}

// ---------------------------------------------------------------- instructions

function addInstructionsSheet(workbook: ExcelJS.Workbook, sheet: ReportingSheet): void {
  const worksheet = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  worksheet.getColumn(1).width = 110;
  const lines = instructionLines(sheet);
  lines.forEach((line, index) => {
    const cell = worksheet.getCell(index + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: 'top' };
    if (index === 0) cell.font = { bold: true, size: 14 };
  });
}

/** The closing date most rows share, and the rows that close on another day. */
function closingDates(rows: readonly ReportingRow[]): { common: string | null; others: string[] } {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.closesOn, (counts.get(row.closesOn) ?? 0) + 1);
  let common: string | null = null;
  for (const [date, count] of counts) {
    if (common === null || count > (counts.get(common) ?? 0)) common = date;
  }
  const others = rows
    .filter((row) => row.closesOn !== common)
    .map(
      (row) =>
        `    · ${row.indicator} ${row.indicatorName}，${row.regionName}（${row.region}），期间 ${row.period}：${row.closesOn} 截止`,
    );
  return { common, others };
}

function instructionLines(sheet: ReportingSheet): string[] {
  const { department, period, rows } = sheet;
  const closing = closingDates(rows);
  return [
    `填报说明：${department.name}（${department.code}）${period} 数据`,
    '',
    `本模板供 ${department.name} 报送 ${period} 的数据，共 ${rows.length} 行，已预填指标、地区和期间；已报送过的数据一并列出，可直接修改后重新上传。`,
    '',
    '一、各列含义（“填报”工作表）',
    '    · 指标编码：指标的编码，如 DS2020-5G。请勿修改。',
    '    · 指标名称、地区名称、单位（灰色列）：仅供参考，上传时不读取。',
    '    · 地区编码：6 位行政区划代码，如 370000（全省）、370100（济南市）。',
    '    · 期间：所报数据的月份，写作 YYYY-MM，如 2020-03；按季度报送的指标填季末月（03、06、09、12），按年度报送的指标填 12 月。',
    '    · 数值：按“单位”列的单位填写数字，不带单位，也不要写“万”；个、项、名等计数须为整数；百分比填 0–100 之间的数，如 85.5。本次不报送的行，数值（及分子、分母）留空即可：上传时不读取，也不算错误。',
    '    · 数值类型：数量类指标填“新增”（当月新增）或“累计”（年初至今累计）；比率类指标填“比率”，存量类指标填“水平”（当期水平）。',
    '    · 分子、分母：比率类指标可同时填写计算比率所用的分子和分母，如 171 和 200 对应 85.5%。',
    '    · 备注：逾期报送或更正已报数据时，必须在此写明原因。',
    '',
    '二、新增与累计',
    '    例：1 月新开通 5G 基站 310 个，2 月新开通 420 个。报送 2 月数据时，按新增填 420，数值类型填“新增”；按年初至今累计填 730（310 + 420），数值类型填“累计”。',
    '',
    '三、报送期限',
    closing.common === null
      ? '    本期没有需要报送的行。'
      : `    本期数据请于 ${closing.common} 前报送；逾期报送或更正须在“备注”中说明原因。`,
    ...(closing.others.length > 0 ? ['    以下各行的截止日期不同：', ...closing.others] : []),
    '',
    '四、上传',
    '    · 可直接上传本文件（.xlsx）。不报送的行留空或删除均可；与现行数据相同的行不会重复保存。请勿修改表头、合并单元格或使用公式（公式按 Excel 保存的计算结果读取）。',
    '    · 也可上传 CSV 文件（UTF-8 或 GBK 编码，逗号分隔），表头与“填报”工作表相同：指标编码、地区编码、期间、数值、数值类型、分子、分母、备注（参考列可以省略）。',
  ];
}
