// The shape of a monthly figure on its way in, shared by every way in (JSON API, CSV, XLSX, the entry
// form, scheduled pulls): raw cells as the sender wrote them, and the findings the checks report.

/** The columns of a figure row, in template order. */
export const FIGURE_COLUMNS = [
  'indicator',
  'region',
  'period',
  'value',
  'valueType',
  'numerator',
  'denominator',
  'note',
] as const;
export type FigureColumn = (typeof FIGURE_COLUMNS)[number];

/** Columns a file must have; the others may be left out. */
export const REQUIRED_FIGURE_COLUMNS: readonly FigureColumn[] = [
  'indicator',
  'region',
  'period',
  'value',
];

/**
 * The header texts a file may use for each column: the API name and the template's Chinese header.
 * Matching ignores case, spaces and anything in brackets (the template writes units there).
 */
export const FIGURE_COLUMN_HEADERS: Record<FigureColumn, readonly string[]> = {
  indicator: ['indicator', '指标编码'],
  region: ['region', '地区编码'],
  period: ['period', '期间'],
  value: ['value', '数值'],
  valueType: ['valueType', '数值类型'],
  numerator: ['numerator', '分子'],
  denominator: ['denominator', '分母'],
  note: ['note', '备注'],
};

/** Informational columns of the template (names, units): read by people, ignored by the reader. */
export const INFORMATIONAL_HEADERS: readonly string[] = [
  '指标名称',
  '地区名称',
  '单位',
  '说明',
  'indicatorName',
  'regionName',
  'unit',
];

/** A cell as read: text, a number, a date (XLSX date cells), or empty. */
export type CellValue = string | number | Date | null;

/** One row as sent. `row` is the number a spreadsheet shows (the header is row 1). */
export interface RawFigureRow {
  row: number;
  cells: Partial<Record<FigureColumn, CellValue>>;
}

export type FindingSeverity = 'error' | 'warning';

/** Every finding the checks can report. Messages live in libs/contracts (FINDING_MESSAGES). */
export const FINDING_CODES = [
  // the file as a whole
  'empty_file',
  'unsupported_file',
  'unreadable_file',
  'missing_column',
  'extra_column',
  'duplicate_column',
  'too_many_rows',
  'too_many_cells',
  'too_large_uncompressed',
  'merged_cell',
  'formula_cached',
  'formula_without_value',
  // the same file sent before: what it changes now
  'file_sent_before_unchanged',
  'file_sent_before_changes',
  'changes_back',
  // the row's cells
  'required',
  'note_without_value',
  'nul_character',
  'not_a_number',
  'number_with_wan',
  'excel_date_serial',
  'period_from_date',
  'invalid_period',
  'invalid_value_type',
  'value_type_required',
  'value_type_not_allowed',
  // the catalogue and who may report
  'unknown_indicator',
  'unknown_region',
  'region_not_broken_down',
  'outside_assignment',
  'plan_not_open',
  // the calendar
  'period_outside_plan',
  'period_future',
  'period_not_quarter_end',
  'period_not_year_end',
  'late_without_reason',
  'late',
  // approval: a period the bureau approved is locked for the unit
  'locked_without_reason',
  'reopens_approved',
  // the figure itself
  'negative_count',
  'fractional_count',
  'percent_out_of_range',
  'value_out_of_range',
  'value_implausible',
  'numerator_without_denominator',
  'denominator_not_positive',
  'numerator_negative',
  'numerator_exceeds_denominator',
  'ratio_mismatch',
  'duplicate_row',
  'ytd_decrease',
  'ytd_decrease_corrected',
  'wan_slip',
  'outlier',
  'province_mismatch',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** One thing wrong with (or worth a second look in) what was sent. */
export interface Finding {
  /** The spreadsheet row (header = 1), the item's position (1-based) in a JSON request, or null. */
  row: number | null;
  /** A FigureColumn, or null for the file as a whole. */
  column: string | null;
  code: FindingCode;
  severity: FindingSeverity;
  /** Fill the message's placeholders. */
  values: Record<string, string | number>;
}
