import type { FigureColumn, Finding, RawFigureRow } from '@zhibiao/core';

/** Limits a file must stay within; the API's config sets them (UPLOAD_MAX_* settings). */
export interface UploadLimits {
  /** Data rows (not counting the header). */
  maxRows: number;
  /** Cells of the worksheets read (XLSX), counted as they are read. */
  maxCells: number;
  /** Total uncompressed size of the XLSX package's parts, in bytes. */
  maxUncompressedBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxRows: 200_000,
  maxCells: 4_000_000,
  maxUncompressedBytes: 200 * 1024 * 1024,
};

/** What reading a file produced: its rows as raw cells, and what is wrong with the file itself. */
export interface ParsedUpload {
  format: 'csv' | 'xlsx' | 'unknown';
  /** CSV only: how the text was decoded. */
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | null;
  /** XLSX only: the worksheet read. */
  sheet: string | null;
  /** 0-based column position of each recognised column, to name cells (D5) in findings. */
  columns: Partial<Record<FigureColumn, number>>;
  /** Data rows in file order, blank rows left out; `row` is the spreadsheet row (header = 1). */
  rows: RawFigureRow[];
  /** File-level and cell-level findings (missing columns, merged cells, formulas, limits …). */
  findings: Finding[];
  /** True when the file cannot be used at all (no rows are checked further). */
  fatal: boolean;
}
