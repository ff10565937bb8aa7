import { extname } from 'node:path';
import { parseCsv } from './csv.js';
import { bilingual, fatalUpload, fileFinding } from './rows.js';
import type { ParsedUpload, UploadLimits } from './types.js';
import { parseXlsx } from './xlsx.js';

/** Every XLSX is a ZIP package: a local file header comes first. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** The OLE compound file of Excel 97–2003 (.xls). */
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const CSV_EXTENSIONS = ['.csv', '.txt'];

function startsWith(content: Buffer, magic: readonly number[]): boolean {
  return content.length >= magic.length && magic.every((byte, index) => content[index] === byte);
}

const UNKNOWN = { format: 'unknown', encoding: null, sheet: null } as const;

/**
 * Reads an uploaded figure file into raw rows and file-level findings. The content decides
 * first (an XLSX is recognised whatever its name; an old .xls is refused with a hint), then the
 * name: .csv and .txt are read as CSV. Anything else is refused.
 */
export async function parseUpload(
  content: Buffer,
  fileName: string,
  limits: UploadLimits,
): Promise<ParsedUpload> {
  if (content.length === 0) return fatalUpload(UNKNOWN, [fileFinding('empty_file', {})]);
  if (startsWith(content, ZIP_MAGIC)) return parseXlsx(content, limits);
  if (startsWith(content, OLE_MAGIC)) {
    // The message has one slot, {name}: the hint to save as .xlsx travels with the name.
    const name = `${fileName}（${bilingual('Excel 97-2003 格式，请另存为 .xlsx', 'Excel 97-2003 format: save it as .xlsx')}）`;
    return fatalUpload(UNKNOWN, [fileFinding('unsupported_file', { name })]);
  }
  if (CSV_EXTENSIONS.includes(extname(fileName).toLowerCase())) return parseCsv(content, limits);
  return fatalUpload(UNKNOWN, [fileFinding('unsupported_file', { name: fileName })]);
}
