import JSZip from 'jszip';
import type { Finding } from '@zhibiao/core';
import { bilingual, fileFinding, humanSize } from './rows.js';
import type { UploadLimits } from './types.js';

// The XLSX package before exceljs reads it. exceljs trusts the file: it inflates every part in
// full, expands merged ranges cell by cell, and throws on XML it does not expect. Here the
// package is measured, read part by part within the size limit, and rewritten where other
// writers differ from Excel in ways exceljs 4.4.0 cannot read; exceljs then gets that copy (or
// the original, when nothing needed rewriting).

/** A worksheet of the package, by the name the workbook gives it. */
export interface PackageSheet {
  name: string;
  /** Merged ranges as written (A3:A5). exceljs is told to ignore them: see `prepareXlsx`. */
  merges: string[];
}

export interface PreparedXlsx {
  /** The package for exceljs: the original, or a stored copy with the rewritten parts. */
  content: ArrayBuffer;
  sheets: PackageSheet[];
}

export type PrepareOutcome = { ok: true; xlsx: PreparedXlsx } | { ok: false; finding: Finding };

/** Namespaces whose elements exceljs expects without a prefix (`<worksheet>`, `<Relationships>`). */
const UNPREFIXED_NAMESPACES = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://schemas.openxmlformats.org/package/2006/relationships',
  'http://schemas.openxmlformats.org/package/2006/content-types',
]);
/** exceljs finds the workbook and the worksheets by these exact part names. */
const WORKBOOK_PART = 'xl/workbook.xml';
const WORKBOOK_RELS_PART = 'xl/_rels/workbook.xml.rels';
const WORKSHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;
const OFFICE_DOCUMENT_TYPE = /\/officeDocument$/;
const WORKSHEET_TYPE = /\/worksheet$/;

/** A problem that makes the package unusable, carried up to one `unreadable_file` finding. */
class UnreadablePackage extends Error {}
/** The package inflates to more than the limit (checked while reading, not only declared). */
class PackageTooLarge extends Error {}
/** More cells than the limit across the worksheets exceljs would load. */
class TooManyCells extends Error {}

function unreadable(reason: string): Finding {
  return fileFinding('unreadable_file', { reason });
}

function tooLarge(limits: UploadLimits): Finding {
  return fileFinding('too_large_uncompressed', { limit: humanSize(limits.maxUncompressedBytes) });
}

const RESAVE_HINT = bilingual(
  '请在 Excel 或 WPS 中打开并另存为 .xlsx 后再上传',
  'open it in Excel or WPS and save it as .xlsx again',
);

/**
 * Checks an XLSX package and prepares it for exceljs: the declared uncompressed size against
 * the limit (before anything is inflated), the actual size while reading, the cell count, and
 * the part names exceljs relies on; rewrites namespace-prefixed XML and rows or cells without
 * an `r` reference; collects merged ranges.
 */
export async function prepareXlsx(content: Buffer, limits: UploadLimits): Promise<PrepareOutcome> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(content);
  } catch {
    return {
      ok: false,
      finding: unreadable(
        bilingual('文件不是有效的 XLSX（ZIP 结构损坏）', 'not a valid XLSX (damaged ZIP)'),
      ),
    };
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (declaredTotal(entries) > limits.maxUncompressedBytes) {
    return { ok: false, finding: tooLarge(limits) };
  }
  try {
    const parts = await readParts(entries, limits.maxUncompressedBytes);
    const { sheets, changed } = normaliseParts(parts, limits);
    // Unchanged, the original is as safe as a copy: every part was just inflated within the
    // limit. A copy would cost a CRC and a concatenation of everything.
    const prepared = changed ? await repack(parts) : new Uint8Array(content).buffer;
    return { ok: true, xlsx: { content: prepared, sheets } };
  } catch (error) {
    if (error instanceof PackageTooLarge) return { ok: false, finding: tooLarge(limits) };
    if (error instanceof TooManyCells) {
      return { ok: false, finding: fileFinding('too_many_cells', { limit: limits.maxCells }) };
    }
    if (error instanceof UnreadablePackage) {
      return { ok: false, finding: unreadable(error.message) };
    }
    throw error;
  }
}

/** The uncompressed size the ZIP's central directory declares for a part, where JSZip has it. */
function declaredSize(entry: JSZip.JSZipObject): number {
  // JSZip keeps the central directory's numbers on a private field (its typings say so);
  // read it defensively, and rely on the check while reading when it is not there.
  const data: unknown = Reflect.get(entry, '_data');
  if (typeof data === 'object' && data !== null && 'uncompressedSize' in data) {
    const size = data.uncompressedSize;
    if (typeof size === 'number' && size >= 0) return size;
  }
  return 0;
}

function declaredTotal(entries: readonly JSZip.JSZipObject[]): number {
  return entries.reduce((sum, entry) => sum + declaredSize(entry), 0);
}

/** Part names as exceljs sees them (without a leading slash). */
function partName(entry: JSZip.JSZipObject): string {
  return entry.name.replace(/^\/+/, '');
}

/**
 * Inflates the parts one by one, counting the bytes as they come: a part whose header lies
 * about its size is stopped as soon as the total passes the limit, not after it filled memory.
 */
async function readParts(
  entries: readonly JSZip.JSZipObject[],
  limit: number,
): Promise<Map<string, Buffer>> {
  const parts = new Map<string, Buffer>();
  let total = 0;
  for (const entry of entries) {
    const part = await readPart(entry, limit - total);
    total += part.length;
    parts.set(partName(entry), part);
  }
  return parts;
}

/**
 * One part, inflated in chunks; rejects with PackageTooLarge past `budget` bytes, and as
 * unreadable when the data does not inflate (or not to the size its header gives).
 */
function readPart(entry: JSZip.JSZipObject, budget: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // JSZip's stream is an old readable-stream (no async iteration): events it is.
    const stream = entry.nodeStream('nodebuffer');
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= budget) {
        chunks.push(chunk);
        return;
      }
      // Pausing stops the inflater upstream; nothing more is produced or kept.
      stream.pause();
      stream.removeAllListeners('data');
      reject(new PackageTooLarge());
    });
    stream.on('error', (error: Error) => {
      const reason = `${bilingual('ZIP 内容损坏', 'damaged ZIP')}: ${entry.name}: ${error.message}`;
      reject(new UnreadablePackage(reason));
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/**
 * Rewrites the parts in place where exceljs needs it; returns the worksheets with their merged
 * ranges, and whether any part changed. Each XML part is decoded once, and encoded again only
 * when it changed.
 */
function normaliseParts(
  parts: Map<string, Buffer>,
  limits: UploadLimits,
): { sheets: PackageSheet[]; changed: boolean } {
  let changed = false;
  const texts = new Map<string, string>();
  for (const [name, bytes] of parts) {
    if (!/\.(xml|rels)$/i.test(name)) continue;
    const text = bytes.toString('utf8');
    const unprefixed = removeNamespacePrefixes(text, name);
    texts.set(name, unprefixed);
    if (unprefixed === text) continue;
    parts.set(name, Buffer.from(unprefixed, 'utf8'));
    changed = true;
  }
  let cells = 0;
  const sheets: PackageSheet[] = [];
  for (const { name, part } of worksheetParts(texts)) {
    const text = partText(texts, part);
    const scan = scanSheetData(text);
    cells += scan.cells;
    // exceljs loads every worksheet, so the limit counts them all, before any is loaded.
    if (cells > limits.maxCells) throw new TooManyCells();
    if (scan.missingReferences) {
      parts.set(part, Buffer.from(fillReferences(text), 'utf8'));
      changed = true;
    }
    sheets.push({ name, merges: mergedRanges(text) });
  }
  return { sheets, changed };
}

function partText(texts: ReadonlyMap<string, string>, name: string): string {
  const text = texts.get(name);
  if (text === undefined) {
    throw new UnreadablePackage(
      `${bilingual(`缺少部件 ${name}`, `part ${name} is missing`)}; ${RESAVE_HINT}`,
    );
  }
  return text;
}

// ---------------------------------------------------------------- namespace prefixes

// Quantifiers over the file's text are bounded, so an unclosed quote or tag repeated many times
// cannot make a scan quadratic. Real namespace URIs and start tags are far shorter.
const DECLARATION = /\sxmlns:([A-Za-z_][\w.-]{0,64})\s*=\s*(["'])([^"'<>]{0,2048})\2/g;
const DEFAULT_DECLARATION = /\sxmlns\s*=\s*(["'])([^"'<>]{0,2048})\1/g;
/** Longest start tag looked at (attributes of rows, cells, sheets, relationships). */
const TAG = '[^>]{0,8192}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `<x:worksheet xmlns:x="…/main">` (written by some .NET tools) as `<worksheet xmlns="…/main">`.
 * Only prefixes bound to the namespaces exceljs reads unprefixed are removed, and only when the
 * result means the same: one binding per prefix, no attributes in that prefix, and no default
 * namespace elsewhere that would change the meaning of the unprefixed elements.
 */
export function removeNamespacePrefixes(text: string, part: string): string {
  const bindings = new Map<string, Set<string>>();
  for (const [, prefix = '', , uri = ''] of text.matchAll(DECLARATION)) {
    bindings.set(prefix, (bindings.get(prefix) ?? new Set()).add(uri));
  }
  const prefixes = [...bindings].filter(([, uris]) =>
    [...uris].some((uri) => UNPREFIXED_NAMESPACES.has(uri)),
  );
  if (prefixes.length === 0) return text;
  const uris = new Set(prefixes.flatMap(([, bound]) => [...bound]));
  const [uri] = uris;
  // One prefix bound to two namespaces, or two such namespaces in one part: no safe rewrite.
  if (uris.size > 1 || uri === undefined) throw ambiguousPrefixes(part);
  for (const [, , defaultUri] of text.matchAll(DEFAULT_DECLARATION)) {
    if (defaultUri !== uri) throw ambiguousPrefixes(part);
  }
  const names = prefixes.map(([prefix]) => escapeRegExp(prefix)).join('|');
  if (new RegExp(`\\s(?:${names}):[\\w.-]+\\s*=`).test(text)) throw ambiguousPrefixes(part);
  const result = text
    .replace(new RegExp(`<(/?)(?:${names}):`, 'g'), '<$1')
    .replace(new RegExp(`\\sxmlns:(?:${names})\\s*=\\s*(["'])[^"']*\\1`, 'g'), '');
  return ensureDefaultNamespace(result, uri, part);
}

function ambiguousPrefixes(part: string): UnreadablePackage {
  return new UnreadablePackage(
    `${bilingual(`${part} 的 XML 命名空间写法无法可靠转换`, `the XML namespaces of ${part} cannot be converted reliably`)}; ${RESAVE_HINT}`,
  );
}

/** Puts `xmlns="uri"` on the root element when it has no default namespace yet. */
function ensureDefaultNamespace(text: string, uri: string, part: string): string {
  // The first start tag is the root: declarations and comments do not start with a letter.
  const root = new RegExp(`<([A-Za-z_][\\w.-]*)(?=[\\s/>])(${TAG})>`).exec(text);
  if (root === null)
    throw new UnreadablePackage(bilingual(`${part} 不是 XML`, `${part} is not XML`));
  if (/\sxmlns\s*=/.test(root[2] ?? '')) return text;
  const insertAt = root.index + 1 + (root[1] ?? '').length;
  return `${text.slice(0, insertAt)} xmlns="${uri}"${text.slice(insertAt)}`;
}

// ---------------------------------------------------------------- workbook structure

const XML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) {
      return String.fromCodePoint(parseInt(entity.slice(2), 16));
    }
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return XML_ENTITIES[entity] ?? whole;
  });
}

/** The value of attribute `name` in a start tag's attribute text; `name` may be `*:id`. */
function attribute(attributes: string, name: string): string | null {
  const pattern = name.startsWith('*:')
    ? `[\\w.-]+:${escapeRegExp(name.slice(2))}`
    : escapeRegExp(name);
  const match = new RegExp(`(?:^|\\s)${pattern}\\s*=\\s*(["'])(.*?)\\1`).exec(attributes);
  return match ? decodeXmlText(match[2] ?? '') : null;
}

function* startTags(text: string, element: string): Generator<string> {
  const tags = new RegExp(`<${escapeRegExp(element)}(?=[\\s/>])(${TAG})>`, 'g');
  for (const match of text.matchAll(tags)) yield match[1] ?? '';
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

function relationships(text: string): Relationship[] {
  return [...startTags(text, 'Relationship')].map((attributes) => ({
    id: attribute(attributes, 'Id') ?? '',
    type: attribute(attributes, 'Type') ?? '',
    target: attribute(attributes, 'Target') ?? '',
  }));
}

function unusualNames(detail: string): UnreadablePackage {
  return new UnreadablePackage(
    `${bilingual(`工作簿的部件命名方式不受支持（${detail}）`, `the workbook's parts have unsupported names (${detail})`)}; ${RESAVE_HINT}`,
  );
}

/** The worksheets in workbook order, with the part each is stored in. */
function worksheetParts(texts: ReadonlyMap<string, string>): { name: string; part: string }[] {
  const office = relationships(partText(texts, '_rels/.rels')).find((rel) =>
    OFFICE_DOCUMENT_TYPE.test(rel.type),
  );
  const workbookPart = office?.target.replace(/^\/+/, '');
  if (workbookPart !== WORKBOOK_PART) throw unusualNames(workbookPart ?? '—');
  const rels = new Map(relationships(partText(texts, WORKBOOK_RELS_PART)).map((r) => [r.id, r]));
  const sheets: { name: string; part: string }[] = [];
  for (const attributes of startTags(partText(texts, WORKBOOK_PART), 'sheet')) {
    const rel = rels.get(attribute(attributes, '*:id') ?? '');
    // Chart sheets hold no cells; exceljs skips them too.
    if (rel === undefined || !WORKSHEET_TYPE.test(rel.type)) continue;
    // exceljs resolves the target this way and keys worksheets by the result.
    const part = `xl/${rel.target.replace(/^(\s|\/xl\/)+/, '')}`;
    if (!WORKSHEET_PART.test(part) || !texts.has(part)) throw unusualNames(rel.target);
    sheets.push({ name: attribute(attributes, 'name') ?? '', part });
  }
  return sheets;
}

// ---------------------------------------------------------------- sheet data

/** `<row …>` and `<c …>` start tags (their attributes hold only names, numbers and references). */
const ROW_OR_CELL = new RegExp(`<(row|c)(?=[\\s/>])(${TAG})>`, 'g');
const REFERENCE = /(?:^|\s)r\s*=\s*["']([^"']*)["']/;

function sheetDataBounds(text: string): [number, number] {
  const start = text.indexOf('<sheetData');
  if (start < 0) return [0, 0];
  const end = text.indexOf('</sheetData>', start);
  return [start, end < 0 ? text.length : end];
}

/** Counts the cells, and finds whether any row or cell lacks its `r` reference. */
export function scanSheetData(text: string): { cells: number; missingReferences: boolean } {
  const [start, end] = sheetDataBounds(text);
  const region = text.slice(start, end);
  let cells = 0;
  let missingReferences = false;
  for (const match of region.matchAll(ROW_OR_CELL)) {
    if (match[1] === 'c') cells += 1;
    if (!missingReferences && !REFERENCE.test(match[2] ?? '')) missingReferences = true;
  }
  return { cells, missingReferences };
}

export function columnLetters(column: number): string {
  let letters = '';
  for (let rest = column; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

export function columnNumber(letters: string): number {
  let column = 0;
  for (const letter of letters.toUpperCase()) column = column * 26 + letter.charCodeAt(0) - 64;
  return column;
}

/**
 * Writes the `r` references exceljs needs and the spec lets writers leave out: a row without
 * one follows the row before, a cell without one follows the cell before in its row.
 */
export function fillReferences(text: string): string {
  const [start, end] = sheetDataBounds(text);
  let row = 0;
  let column = 0;
  const region = text
    .slice(start, end)
    .replace(ROW_OR_CELL, (tag, element: string, attributes: string) => {
      const reference = REFERENCE.exec(attributes)?.[1];
      if (element === 'row') {
        row = reference === undefined ? row + 1 : Number.parseInt(reference, 10);
        column = 0;
        return reference === undefined ? `<row r="${row}"${attributes}>` : tag;
      }
      if (reference === undefined) {
        column += 1;
        return `<c r="${columnLetters(column)}${row}"${attributes}>`;
      }
      column = columnNumber(/^[A-Za-z]+/.exec(reference)?.[0] ?? '');
      return tag;
    });
  return text.slice(0, start) + region + text.slice(end);
}

/** The merged ranges of a worksheet, as written in its `<mergeCell ref="A3:A5"/>` elements. */
export function mergedRanges(text: string): string[] {
  const ranges: string[] = [];
  for (const attributes of startTags(text, 'mergeCell')) {
    const ref = attribute(attributes, 'ref');
    if (ref) ranges.push(ref.toUpperCase().replace(/\$/g, ''));
  }
  return ranges;
}

// ---------------------------------------------------------------- repacking

/** The parts as a new package, stored (exceljs only has to read it back). */
async function repack(parts: ReadonlyMap<string, Buffer>): Promise<ArrayBuffer> {
  const zip = new JSZip();
  for (const [name, bytes] of parts) zip.file(name, bytes);
  // An ArrayBuffer is what exceljs's typings take (it hands the data to JSZip as is).
  return zip.generateAsync({ type: 'arraybuffer', compression: 'STORE' });
}
