import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TextDecoder } from 'node:util';
import JSZip from 'jszip';
import type { Finding } from '@zhibiao/core';
import { bilingual, fileFinding, humanSize } from './rows.js';
import type { UploadLimits } from './types.js';

// The XLSX package (a ZIP of XML parts) read part by part, as text streamed out of the inflater:
// nothing is inflated before it is needed, and every byte inflated counts against the limit of
// uncompressed bytes, whatever the ZIP's headers claim.

/** A problem that makes the package unusable; its message is the bilingual reason. */
export class UnreadablePackage extends Error {}
/** The package inflates to more than the limit (checked while reading, not only declared). */
export class PackageTooLarge extends Error {}

export const RESAVE_HINT = bilingual(
  '请在 Excel 或 WPS 中打开并另存为 .xlsx 后再上传',
  'open it in Excel or WPS and save it as .xlsx again',
);

/** Largest piece of text handed on at once, so no single step of the reader takes long. */
const SLICE = 64 * 1024;

function unreadable(reason: string): Finding {
  return fileFinding('unreadable_file', { reason });
}

/** The finding for a package past the limit of uncompressed bytes. */
export function tooLarge(limits: UploadLimits): Finding {
  return fileFinding('too_large_uncompressed', { limit: humanSize(limits.maxUncompressedBytes) });
}

/** The uncompressed size the ZIP's central directory declares for a part, where JSZip has it. */
function declaredSize(entry: JSZip.JSZipObject): number {
  // JSZip keeps the central directory's numbers on a private field (its typings say so);
  // read it defensively, and rely on the count while reading when it is not there.
  const data: unknown = Reflect.get(entry, '_data');
  if (typeof data === 'object' && data !== null && 'uncompressedSize' in data) {
    const size = data.uncompressedSize;
    if (typeof size === 'number' && size >= 0) return size;
  }
  return 0;
}

/**
 * Part names compare without case (Open Packaging Conventions, part II 9.1.1.1) and without a
 * leading slash.
 */
function partKey(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

/** An XLSX package opened for reading, with the budget of uncompressed bytes it may still use. */
export class XlsxPackage {
  private inflated = 0;

  private constructor(
    private readonly parts: ReadonlyMap<string, JSZip.JSZipObject>,
    private readonly budget: number,
  ) {}

  /**
   * Opens the ZIP (reading only its directory) and checks the declared uncompressed size
   * against the limit before anything is inflated. A finding when it cannot be used.
   */
  static async open(content: Buffer, limits: UploadLimits): Promise<XlsxPackage | Finding> {
    let zip: JSZip;
    try {
      zip = await JSZip.loadAsync(content);
    } catch {
      return unreadable(
        bilingual('文件不是有效的 XLSX（ZIP 结构损坏）', 'not a valid XLSX (damaged ZIP)'),
      );
    }
    const entries = Object.values(zip.files).filter((entry) => !entry.dir);
    const declared = entries.reduce((sum, entry) => sum + declaredSize(entry), 0);
    if (declared > limits.maxUncompressedBytes) return tooLarge(limits);
    return new XlsxPackage(
      new Map(entries.map((entry) => [partKey(entry.name), entry])),
      limits.maxUncompressedBytes,
    );
  }

  has(part: string): boolean {
    return this.parts.has(partKey(part));
  }

  /**
   * The text of a part, inflated and decoded as it is read, in slices of at most 64 K characters;
   * between slices the event loop gets a turn. Stopping early (leaving the loop) stops the
   * inflater. Throws PackageTooLarge past the budget, UnreadablePackage for a missing part,
   * damaged data or text that is not UTF-8 (or UTF-16 with a byte order mark).
   */
  async *text(part: string): AsyncGenerator<string, void, undefined> {
    const entry = this.parts.get(partKey(part));
    if (entry === undefined) {
      throw new UnreadablePackage(
        `${bilingual(`缺少部件 ${part}`, `part ${part} is missing`)}; ${RESAVE_HINT}`,
      );
    }
    // JSZip's stream is an old readable-stream: wrapped, it can be iterated and destroyed.
    const stream = new Readable({ highWaterMark: SLICE }).wrap(entry.nodeStream('nodebuffer'));
    let decoder: TextDecoder | null = null;
    try {
      for await (const chunk of inflated(stream, entry.name)) {
        this.inflated += chunk.length;
        if (this.inflated > this.budget) throw new PackageTooLarge();
        decoder ??= decoderFor(chunk);
        const text = decode(decoder, chunk, part, true);
        for (let at = 0; at < text.length; at += SLICE) {
          yield text.slice(at, at + SLICE);
          await nextTurn();
        }
      }
      const rest = decoder === null ? '' : decode(decoder, new Uint8Array(0), part, false);
      if (rest !== '') yield rest;
    } finally {
      stream.destroy();
    }
  }
}

async function* inflated(stream: Readable, name: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    if (error instanceof PackageTooLarge) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new UnreadablePackage(
      bilingual(`ZIP 内容损坏：${name}（${message}）`, `damaged ZIP: ${name} (${message})`),
    );
  }
}

/** XML parts are UTF-8, or UTF-16 with a byte order mark (XML 1.0, 4.3.3). */
function decoderFor(first: Uint8Array): TextDecoder {
  if (first[0] === 0xff && first[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (first[0] === 0xfe && first[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true });
}

function decode(decoder: TextDecoder, bytes: Uint8Array, part: string, stream: boolean): string {
  try {
    return decoder.decode(bytes, { stream });
  } catch {
    throw new UnreadablePackage(
      `${bilingual(`${part} 的文字编码无效（不是 UTF-8）`, `the text of ${part} is not valid UTF-8`)}; ${RESAVE_HINT}`,
    );
  }
}

/**
 * The part a relationship points to: `Target` resolved against the folder of the part that
 * holds the relationship (or the package root for `/…`), percent-escapes decoded.
 */
export function resolveTarget(source: string, target: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(target.trim());
  } catch {
    decoded = target.trim();
  }
  const base = decoded.startsWith('/') ? [] : source.split('/').slice(0, -1);
  const segments = [...base];
  for (const segment of decoded.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}

/** The relationships part of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`. */
export function relationshipsPart(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}
