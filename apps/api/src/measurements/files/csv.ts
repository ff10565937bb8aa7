import { finished } from 'node:stream/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { CellValue, Finding, RawFigureRow } from '@zhibiao/core';
import { matchHeaders, type HeaderMatch } from './headers.js';
import { bilingual, fatalUpload, figureRow, fileFinding, textCell } from './rows.js';
import type { ParsedUpload, UploadLimits } from './types.js';

export type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/** The text of a CSV file, or why it cannot be decoded. */
export type DecodedCsv = { text: string; encoding: CsvEncoding } | { problem: string };

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16_BOMS = [
  [0xff, 0xfe],
  [0xfe, 0xff],
];
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u;
// eslint-disable-next-line no-control-regex -- the test is for anything outside ASCII
const NON_ASCII = /[^\x00-\x7f]/;
const REPLACEMENT_CHARACTER = '\ufffd';

const DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof DELIMITERS)[number];
/** How far to look for the header line when guessing the delimiter. */
const HEADER_SCAN_LIMIT = 64 * 1024;
/** Text is handed to the parser in slices of this size, so records stream out as they parse. */
const CHUNK_SIZE = 16 * 1024;

function startsWith(content: Buffer, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => content[index] === byte);
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    // ignoreBOM: a BOM was already taken off; another one would be content.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Decodes CSV bytes as Chinese Excel and other tools write them: UTF-8 with a BOM, UTF-8, or
 * GBK (read as gb18030, its superset). Statistical guessing mislabels short Chinese text, so the
 * rule is: a BOM decides; else strict UTF-8 wins; else gb18030. One tie-break: bytes that are
 * valid UTF-8 but give no Chinese characters, while gb18030 gives Chinese cleanly, are GBK.
 */
export function decodeCsv(content: Buffer): DecodedCsv {
  if (startsWith(content, UTF8_BOM)) {
    const text = strictUtf8(content.subarray(UTF8_BOM.length));
    if (text !== null) return { text, encoding: 'utf-8-bom' };
    return {
      problem: bilingual(
        '文件以 UTF-8 标记开头，但内容不是有效的 UTF-8',
        'the file starts with a UTF-8 mark but is not valid UTF-8',
      ),
    };
  }
  if (UTF16_BOMS.some((bom) => startsWith(content, bom))) {
    return {
      problem: bilingual(
        '文件是 UTF-16（“Unicode 文本”），请另存为“CSV UTF-8”',
        'the file is UTF-16 ("Unicode text"); save it as "CSV UTF-8"',
      ),
    };
  }
  const utf8 = strictUtf8(content);
  if (utf8 === null) return decodeGb18030(content);
  if (NON_ASCII.test(utf8) && !CJK.test(utf8)) {
    const gb = iconv.decode(content, 'gb18030');
    if (CJK.test(gb) && !gb.includes(REPLACEMENT_CHARACTER)) {
      return { text: gb, encoding: 'gb18030' };
    }
  }
  return { text: utf8, encoding: 'utf-8' };
}

function decodeGb18030(content: Buffer): DecodedCsv {
  const text = iconv.decode(content, 'gb18030');
  // A replacement character means bytes that are neither UTF-8 nor GBK: reading on would turn
  // them into wrong text without a word.
  if (text.includes(REPLACEMENT_CHARACTER)) {
    return {
      problem: bilingual(
        '无法识别文本编码（既不是 UTF-8 也不是 GBK）',
        'the text is neither UTF-8 nor GBK',
      ),
    };
  }
  return { text, encoding: 'gb18030' };
}

/**
 * The delimiter of the header line (the first line with text): comma, semicolon (European Excel)
 * or tab, whichever occurs most outside quotes; comma when none does.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = headerDelimiterCounts(text);
  let best: CsvDelimiter = ',';
  for (const delimiter of DELIMITERS) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

function headerDelimiterCounts(text: string): Map<string, number> {
  let counts = new Map<string, number>();
  let quoted = false;
  let lineHasText = false;
  const end = Math.min(text.length, HEADER_SCAN_LIMIT);
  for (let index = 0; index < end; index++) {
    const char = text.charAt(index);
    if (char === '"') {
      quoted = !quoted;
      lineHasText = true;
    } else if (quoted) {
      continue;
    } else if (char === '\n' || char === '\r') {
      if (lineHasText) break;
      // A blank line (or one of delimiters only) is not the header: start again.
      counts = new Map();
    } else if ((DELIMITERS as readonly string[]).includes(char)) {
      counts.set(char, (counts.get(char) ?? 0) + 1);
    } else if (char.trim() !== '') {
      lineHasText = true;
    }
  }
  return counts;
}

/** The text in slices that never split a surrogate pair (the parser re-encodes each slice). */
function* slices(text: string): Generator<string> {
  for (let start = 0; start < text.length;) {
    let end = Math.min(start + CHUNK_SIZE, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    yield text.slice(start, end);
    start = end;
  }
}

function isRecord(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function recordCell(record: readonly unknown[], position: number): CellValue {
  const item = record[position];
  return typeof item === 'string' ? textCell(item) : null;
}

function isBlankRecord(record: readonly unknown[]): boolean {
  return record.every((_, position) => recordCell(record, position) === null);
}

/**
 * Reads a CSV upload: decodes it, takes the first line with text as the header and every
 * further record as a row. Row numbers count records (a quoted line break stays inside its
 * record), as a spreadsheet program shows them; blank records keep their number but give no row.
 */
export async function parseCsv(content: Buffer, limits: UploadLimits): Promise<ParsedUpload> {
  const decoded = decodeCsv(content);
  if ('problem' in decoded) {
    return fatalUpload({ format: 'csv', encoding: null, sheet: null }, [
      fileFinding('unreadable_file', { reason: decoded.problem }),
    ]);
  }
  const base = { format: 'csv', encoding: decoded.encoding, sheet: null } as const;
  try {
    return await readRecords(decoded.text, limits, base);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return fatalUpload(base, [
      fileFinding('unreadable_file', {
        reason: `${bilingual('CSV 格式有误', 'malformed CSV')}: ${error.message}`,
      }),
    ]);
  }
}

/** The parser is destroyed with this to stop reading once the outcome is known. */
const STOP = new Error('stop reading');

/**
 * Takes the records one by one as the parser produces them: the first one with text is the
 * header, the others become rows, until the file is known to be unusable.
 */
class RecordReader {
  private recordNumber = 0;
  private header: HeaderMatch | null = null;
  private readonly rows: RawFigureRow[] = [];
  private fatal: ParsedUpload | null = null;

  constructor(
    private readonly base: Pick<ParsedUpload, 'format' | 'encoding' | 'sheet'>,
    private readonly limits: UploadLimits,
  ) {}

  /** False once reading should stop. */
  take(record: unknown): boolean {
    if (this.fatal !== null) return false;
    this.recordNumber += 1;
    if (!isRecord(record)) return true;
    if (this.header === null) return this.takeHeader(record);
    const row = figureRow(this.recordNumber, this.header.columns, (position) =>
      recordCell(record, position),
    );
    if (row === null) return true;
    if (this.rows.length >= this.limits.maxRows) {
      return this.stop([fileFinding('too_many_rows', { limit: this.limits.maxRows })]);
    }
    this.rows.push(row);
    return true;
  }

  private takeHeader(record: readonly unknown[]): boolean {
    if (isBlankRecord(record)) return true;
    const cells = record.map((_, position) => recordCell(record, position));
    this.header = matchHeaders(cells, this.recordNumber);
    return this.header.fatal ? this.stop(this.header.findings, this.header.columns) : true;
  }

  private stop(findings: Finding[], columns?: ParsedUpload['columns']): false {
    this.fatal = fatalUpload(this.base, findings, columns);
    return false;
  }

  result(): ParsedUpload {
    if (this.fatal !== null) return this.fatal;
    if (this.header === null || this.rows.length === 0) {
      return fatalUpload(this.base, [fileFinding('empty_file', {})], this.header?.columns);
    }
    return {
      ...this.base,
      columns: this.header.columns,
      rows: this.rows,
      findings: [],
      fatal: false,
    };
  }
}

async function readRecords(
  text: string,
  limits: UploadLimits,
  base: Pick<ParsedUpload, 'format' | 'encoding' | 'sheet'>,
): Promise<ParsedUpload> {
  const reader = new RecordReader(base, limits);
  const parser = parse({
    delimiter: detectDelimiter(text),
    trim: true,
    relax_column_count: true,
    // A stray quote inside a field is kept as written rather than failing the whole file.
    relax_quotes: true,
    // Blank lines are rows in a spreadsheet: they are read (and then skipped) to keep the count.
    skip_empty_lines: false,
  });
  let stopped = false;
  // Records are taken in a data handler: an async iterator would cost a promise per record.
  parser.on('data', (record: unknown) => {
    if (!stopped && !reader.take(record)) stopped = true;
  });
  const ended = finished(parser);
  // One slice at a time, with a turn of the event loop between slices (other requests are
  // answered meanwhile), and no further once the outcome is known.
  for (const slice of slices(text)) {
    if (stopped || parser.destroyed) break;
    parser.write(slice);
    await nextTurn();
  }
  if (stopped) parser.destroy(STOP);
  else parser.end();
  try {
    await ended;
  } catch (error) {
    if (error !== STOP) throw error;
  }
  return reader.result();
}
