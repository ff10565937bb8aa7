import {
  FIGURE_COLUMNS,
  FIGURE_COLUMN_HEADERS,
  INFORMATIONAL_HEADERS,
  REQUIRED_FIGURE_COLUMNS,
  type CellValue,
  type FigureColumn,
  type Finding,
} from '@zhibiao/core';

/** What the header row of a file says: where each column is, and what is wrong with it. */
export interface HeaderMatch {
  /** 0-based position of each recognised column. */
  columns: Partial<Record<FigureColumn, number>>;
  findings: Finding[];
  /** Missing, unknown or repeated columns: the rows cannot be read safely. */
  fatal: boolean;
}

/** No header is longer; the cap keeps a pathological cell from costing real time. */
const MAX_HEADER_LENGTH = 256;

/**
 * A header cell reduced to what identifies it: the first line only, without anything in brackets
 * (the template writes units and hints there), without spaces, in lower case.
 */
export function normaliseHeader(text: string): string {
  const firstLine =
    text
      .trim()
      .slice(0, MAX_HEADER_LENGTH)
      .split(/\r\n|\r|\n/, 1)[0] ?? '';
  return removeBrackets(firstLine).replace(/\s+/g, '').toLowerCase();
}

function removeBrackets(text: string): string {
  let result = text;
  // Innermost pairs first, so nested brackets go too.
  for (let previous = ''; previous !== result;) {
    previous = result;
    result = result.replace(/[（(][^（）()]*[）)]/g, '');
  }
  // An opening bracket never closed hides the rest of the cell; a stray closing one is noise.
  return result.replace(/[（(].*$/, '').replace(/[）)]/g, '');
}

/** A header as quoted in a message: long texts are cut. */
function quoted(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

const COLUMN_BY_HEADER: ReadonlyMap<string, FigureColumn> = new Map(
  FIGURE_COLUMNS.flatMap((column) =>
    FIGURE_COLUMN_HEADERS[column].map((alias) => [normaliseHeader(alias), column] as const),
  ),
);

const INFORMATIONAL: ReadonlySet<string> = new Set(INFORMATIONAL_HEADERS.map(normaliseHeader));

/** The Chinese header (first alias that is not the API name) of a column. */
function chineseHeader(column: FigureColumn): string {
  return FIGURE_COLUMN_HEADERS[column].find((alias) => alias !== column) ?? column;
}

/** Every header a file may use, for messages: Chinese names, then the API names. */
export const EXPECTED_HEADERS_TEXT = `${FIGURE_COLUMNS.map(chineseHeader).join('、')}（${FIGURE_COLUMNS.join(', ')}）`;

/** The column a header cell names, or null. */
export function recogniseHeader(cell: CellValue): FigureColumn | null {
  return COLUMN_BY_HEADER.get(normaliseHeader(headerText(cell))) ?? null;
}

/** True when a row looks like the header row: at least one cell names a figure column. */
export function hasRecognisedHeader(cells: readonly CellValue[]): boolean {
  return cells.some((cell) => recogniseHeader(cell) !== null);
}

/** A header cell as text (headers are text; numbers or dates there are simply unknown headers). */
export function headerText(cell: CellValue): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

function headerFinding(
  code: 'missing_column' | 'extra_column' | 'duplicate_column',
  row: number,
  column: FigureColumn | null,
  values: Record<string, string | number>,
): Finding {
  return { row, column, code, severity: 'error', values };
}

/**
 * Matches the header row (`row` = its spreadsheet row number) against the known columns.
 * Informational columns (names, units) are accepted and ignored; empty cells after the last
 * header are ignored, while an empty header between others is reported as an unknown column,
 * because values under it would otherwise be dropped without a word.
 */
export function matchHeaders(cells: readonly CellValue[], row: number): HeaderMatch {
  const texts = cells.map(headerText);
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();

  const columns: Partial<Record<FigureColumn, number>> = {};
  const findings: Finding[] = [];
  texts.forEach((text, index) => {
    const finding = placeHeader(text, index, row, columns);
    if (finding) findings.push(finding);
  });
  for (const column of REQUIRED_FIGURE_COLUMNS) {
    if (columns[column] !== undefined) continue;
    findings.push(
      headerFinding('missing_column', row, column, {
        expected: `${chineseHeader(column)} / ${column}`,
        headers: EXPECTED_HEADERS_TEXT,
      }),
    );
  }
  return { columns, findings, fatal: findings.length > 0 };
}

/** Records one header cell in `columns`; returns the finding if it cannot be placed. */
function placeHeader(
  text: string,
  index: number,
  row: number,
  columns: Partial<Record<FigureColumn, number>>,
): Finding | null {
  const normalised = normaliseHeader(text);
  if (normalised !== '' && INFORMATIONAL.has(normalised)) return null;
  const column = COLUMN_BY_HEADER.get(normalised);
  if (column === undefined) {
    return headerFinding('extra_column', row, null, {
      header: quoted(text),
      position: index + 1,
      headers: EXPECTED_HEADERS_TEXT,
    });
  }
  const first = columns[column];
  if (first !== undefined) {
    return headerFinding('duplicate_column', row, column, {
      header: quoted(text),
      first: first + 1,
      position: index + 1,
    });
  }
  columns[column] = index;
  return null;
}
