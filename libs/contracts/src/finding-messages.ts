import type { FindingCode } from '@zhibiao/core';
import { fillTemplate, type Language, type LocalizedText } from './i18n.js';

/** What each finding of a figure check says, in both languages. `{…}` are filled from its values. */
export const FINDING_MESSAGES = {
  empty_file: { zh: '文件为空，没有任何数据行', en: 'The file is empty: it has no data rows' },
  unsupported_file: {
    zh: '不支持的文件类型 {name}：请上传 CSV（UTF-8 或 GBK）或 XLSX 文件',
    en: 'Unsupported file {name}: upload a CSV (UTF-8 or GBK) or an XLSX file',
  },
  unreadable_file: {
    zh: '无法读取文件：{reason}',
    en: 'The file cannot be read: {reason}',
  },
  missing_column: {
    zh: '缺少列“{expected}”（表头应为：{headers}）',
    en: 'Column "{expected}" is missing (the header should be: {headers})',
  },
  extra_column: {
    zh: '无法识别的列“{header}”（第 {position} 列）；可用的表头：{headers}',
    en: 'Unknown column "{header}" (column {position}); the headers are: {headers}',
  },
  duplicate_column: {
    zh: '列“{header}”出现了两次（第 {first} 列和第 {position} 列）',
    en: 'Column "{header}" appears twice (columns {first} and {position})',
  },
  too_many_rows: {
    zh: '文件超过 {limit} 行的上限，请拆分后上传',
    en: 'The file has more than {limit} rows; split it and upload the parts',
  },
  too_many_cells: {
    zh: '工作表超过 {limit} 个单元格的上限',
    en: 'The worksheet has more than {limit} cells',
  },
  too_large_uncompressed: {
    zh: 'XLSX 解压后超过 {limit}，已拒绝（可能是压缩炸弹）',
    en: 'The XLSX expands to more than {limit} and was refused (a possible zip bomb)',
  },
  merged_cell: {
    zh: '单元格 {range} 是合并单元格；请取消合并，并在每一行填写完整',
    en: 'Cells {range} are merged; unmerge them and fill in every row',
  },
  formula_cached: {
    zh: '单元格 {cell} 是公式（{formula}），按 Excel 保存的计算结果 {value} 读取',
    en: 'Cell {cell} holds a formula ({formula}); read as its saved result {value}',
  },
  formula_without_value: {
    zh: '单元格 {cell} 是公式（{formula}），但文件中没有保存计算结果；请在 Excel 中保存后再上传，或改为数值',
    en: 'Cell {cell} holds a formula ({formula}) without a saved result; save it in Excel first, or type the value',
  },
  file_sent_before_unchanged: {
    zh: '这个文件已于 {day} 提交过（报送编号 {submission}），现行数据与文件一致：本次不作任何改动',
    en: 'This file was sent before, on {day} (submission {submission}); the figures in force match it, so nothing changes',
  },
  file_sent_before_changes: {
    zh: '这个文件已于 {day} 提交过（报送编号 {submission}）；此后数据已有改动，本次提交将改动 {rows} 行，把现行数据改回文件中的数值',
    en: 'This file was sent before, on {day} (submission {submission}); figures have changed since, and sending it changes {rows} rows back to its values',
  },
  changes_back: {
    zh: '现行数值 {current} 将改回 {value}',
    en: 'Changes the figure in force, {current}, back to {value}',
  },
  required: { zh: '必填项为空', en: 'This field is required' },
  note_without_value: {
    zh: '本行没有数值，视为本次未报送；备注“{note}”未保存',
    en: 'This row has no value and is not reported this time; its note "{note}" is not stored',
  },
  nul_character: {
    zh: '单元格含有空字符（U+0000），无法保存；请删除该字符后重新上传',
    en: 'The cell holds a NUL character (U+0000), which cannot be stored; remove it and upload again',
  },
  not_a_number: {
    zh: '“{text}”不是数字',
    en: '"{text}" is not a number',
  },
  number_with_wan: {
    zh: '“{text}”按 {value} 读取（万 = 10,000）',
    en: '"{text}" read as {value} (万 = 10,000)',
  },
  excel_date_serial: {
    zh: '“{text}”像是 Excel 日期序号（{date}）；请把期间写成文本，如 {period}',
    en: '"{text}" looks like an Excel date serial ({date}); write the period as text, such as {period}',
  },
  period_from_date: {
    zh: '期间单元格是日期格式（{date}），按 {period} 读取',
    en: 'The period cell is a date ({date}); read as {period}',
  },
  invalid_period: {
    zh: '期间“{text}”无效，应写作 YYYY-MM，如 2020-06',
    en: 'Period "{text}" is not valid; write YYYY-MM, such as 2020-06',
  },
  invalid_value_type: {
    zh: '数值类型“{text}”无效：数量类指标填“新增”（increment）或“累计”（cumulative），比率、水平类指标填“比率”或“水平”（level）',
    en: 'Value type "{text}" is not valid: a count is 新增 (increment) or 累计 (cumulative), a rate or level 比率 or 水平 (level)',
  },
  value_type_required: {
    zh: '数量类指标须注明数值类型：“新增”（当月新增，increment）或“累计”（年初至今累计，cumulative）',
    en: 'A count needs its value type: increment (the month) or cumulative (year to date)',
  },
  value_type_not_allowed: {
    zh: '{indicator} 是比率或存量指标，报告当期水平，不能按“新增”报送',
    en: '{indicator} is a rate or level: report its level, not an increment',
  },
  unknown_indicator: { zh: '没有编码为 {code} 的指标', en: 'No indicator has code {code}' },
  unknown_region: { zh: '没有编码为 {code} 的地区', en: 'No region has code {code}' },
  region_not_broken_down: {
    zh: '指标 {indicator} 不按地区 {region} 填报（可填：{regions}）',
    en: 'Indicator {indicator} is not reported for region {region} (it is for: {regions})',
  },
  outside_assignment: {
    zh: '{department} 未被分配填报 {indicator} 在 {region} 的数据',
    en: '{department} is not assigned to report {indicator} for {region}',
  },
  plan_not_open: {
    zh: '规划 {plan} 的状态是“{status}”，不接受数据',
    en: 'Plan {plan} is {status} and takes no figures',
  },
  period_outside_plan: {
    zh: '期间 {period} 不在规划期内（{from} 至 {to}）',
    en: 'Period {period} is outside the plan ({from} to {to})',
  },
  period_future: {
    zh: '期间 {period} 尚未结束，{end} 之后才能报送',
    en: 'Period {period} has not ended yet; report it after {end}',
  },
  period_not_quarter_end: {
    zh: '{indicator} 按季度报送，期间应为季末月（3、6、9、12 月），而不是 {period}',
    en: '{indicator} is quarterly: the period is the quarter’s last month (03, 06, 09, 12), not {period}',
  },
  period_not_year_end: {
    zh: '{indicator} 按年度报送，期间应为 12 月，而不是 {period}',
    en: '{indicator} is annual: the period is December, not {period}',
  },
  late_without_reason: {
    zh: '期间 {period} 已于 {closed} 截止；逾期报送或更正须在“备注”中说明原因',
    en: 'Period {period} closed on {closed}; a late figure or correction needs its reason in the note',
  },
  late: {
    zh: '逾期报送（期间 {period} 已于 {closed} 截止），已标记为逾期',
    en: 'Late (period {period} closed on {closed}); flagged as late',
  },
  locked_without_reason: {
    zh: '期间 {period} 的数据已于 {approved} 审核通过并锁定；更正须在“备注”中说明原因，提交后将重新送审',
    en: 'Period {period} was approved on {approved} and is locked; a correction needs its reason in the note and goes back for approval',
  },
  reopens_approved: {
    zh: '期间 {period} 的数据已于 {approved} 审核通过；此更正将撤销审核，重新送审',
    en: 'Period {period} was approved on {approved}; this correction reopens it for approval',
  },
  negative_count: {
    zh: '数量不能为负数：{value}',
    en: 'A count cannot be negative: {value}',
  },
  fractional_count: {
    zh: '以“{unit}”计的数量须为整数：{value} 不是整数（以万计的，请写作“{value}万”）',
    en: 'A count in {unit} is a whole number; {value} is not (if it is in 万, write "{value}万")',
  },
  percent_out_of_range: {
    zh: '百分比 {value} 超出 0–100 的范围',
    en: 'Percentage {value} is outside 0–100',
  },
  value_out_of_range: {
    zh: '数值 {value} 超出允许范围（绝对值不超过 {limit}）',
    en: 'The number {value} is out of range (at most {limit} either way)',
  },
  value_implausible: {
    zh: '数值 {value} 不合理：超过该指标目标值或基期值 {reference} 的 {factor} 倍（上限 {ceiling}）；请核对单位（万、亿）和位数，如确属实请联系管理员',
    en: 'The value {value} is implausible: more than {factor} times the target or baseline {reference} of the indicator (at most {ceiling}); check the unit (万, 亿) and the digits, and if it is right, ask an administrator',
  },
  numerator_without_denominator: {
    zh: '分子和分母须同时填写',
    en: 'Give the numerator and the denominator together',
  },
  denominator_not_positive: {
    zh: '分母必须大于 0：{value}',
    en: 'The denominator must be above 0: {value}',
  },
  numerator_negative: {
    zh: '分子不能为负数：{value}',
    en: 'The numerator cannot be negative: {value}',
  },
  numerator_exceeds_denominator: {
    zh: '分子 {numerator} 大于分母 {denominator}',
    en: 'The numerator {numerator} exceeds the denominator {denominator}',
  },
  ratio_mismatch: {
    zh: '数值 {value}% 与分子/分母（{numerator}/{denominator} = {ratio}%）不一致',
    en: 'Value {value}% does not match numerator/denominator ({numerator}/{denominator} = {ratio}%)',
  },
  duplicate_row: {
    zh: '与第 {first} 行重复（同一指标、地区、期间）',
    en: 'Duplicates row {first} (same indicator, region and period)',
  },
  ytd_decrease: {
    zh: '年初至今累计 {cumulative} 低于上期（{previous}）的 {previousValue}；如属更正，请在“备注”中说明原因',
    en: 'Year to date {cumulative} is below {previousValue} of {previous}; if this is a correction, give the reason in the note',
  },
  ytd_decrease_corrected: {
    zh: '年初至今累计 {cumulative} 低于上期（{previous}）的 {previousValue}，按更正接受：{note}',
    en: 'Year to date {cumulative} is below {previousValue} of {previous}; accepted as a correction: {note}',
  },
  wan_slip: {
    zh: '{value} 与该序列的常见值（约 {typical}）相差约一万倍；是否应为 {likely}（单位“万”）？',
    en: '{value} is about 10,000× off the series (typically {typical}); did you mean {likely} (a 万 slip)?',
  },
  outlier: {
    zh: '当月新增 {increment} 明显偏离该序列（修正 Z 分数 {score}，中位数 {median}），请核实',
    en: 'The month’s {increment} stands far from the series (modified z-score {score}, median {median}); please check',
  },
  province_mismatch: {
    zh: '全省报送值 {province} 与各市合计 {sum} 不一致（相差 {difference}），以全省报送值为准',
    en: 'The reported province figure {province} differs from the sum of the cities {sum} (by {difference}); the reported one counts',
  },
} as const satisfies Record<FindingCode, LocalizedText>;

/** A finding's message in `language`. */
export function findingMessage(
  code: FindingCode,
  language: Language,
  values: Record<string, string | number>,
): string {
  const text = FINDING_MESSAGES[code];
  return fillTemplate(language === 'en' ? text.en : text.zh, values);
}
