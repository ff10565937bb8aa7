import { SaxesParser, type SaxesTagNS } from 'saxes';
import { bilingual } from './rows.js';
import { RESAVE_HINT, UnreadablePackage } from './xlsx-package.js';

// A namespace-aware SAX pass over a part's text: elements are known by namespace and local name,
// so `<x:row>` bound to SpreadsheetML is a row and needs no rewriting.

/** SpreadsheetML, transitional (what Excel saves) and strict (ISO/IEC 29500 Strict). */
export const SPREADSHEET_NAMESPACES: ReadonlySet<string> = new Set([
  'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  'http://purl.oclc.org/ooxml/spreadsheetml/main',
]);
/** Relationship ids on elements (`r:id`), transitional and strict. */
export const RELATIONSHIP_ID_NAMESPACES: ReadonlySet<string> = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  'http://purl.oclc.org/ooxml/officeDocument/relationships',
]);
export const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

export type XmlTag = SaxesTagNS;

/** What a pass over a part does with its elements; `done` stops the pass. */
export interface XmlVisitor {
  open(tag: XmlTag): void;
  text(text: string): void;
  close(tag: XmlTag): void;
  readonly done: boolean;
}

/** An attribute without a prefix (as SpreadsheetML's are), or undefined. */
export function attribute(tag: XmlTag, name: string): string | undefined {
  const found = tag.attributes[name];
  return found !== undefined && found.uri === '' ? found.value : undefined;
}

/** An attribute in one of `namespaces` (such as `r:id`, whatever its prefix), or undefined. */
export function namespacedAttribute(
  tag: XmlTag,
  namespaces: ReadonlySet<string>,
  local: string,
): string | undefined {
  for (const found of Object.values(tag.attributes)) {
    if (found.local === local && namespaces.has(found.uri)) return found.value;
  }
  return undefined;
}

export function isSpreadsheet(tag: XmlTag, local: string): boolean {
  return tag.local === local && SPREADSHEET_NAMESPACES.has(tag.uri);
}

/**
 * Feeds `text` (slices of one part) to a namespace-aware SAX parser until the part ends or the
 * visitor is done. Malformed XML makes the package unreadable, naming the part.
 */
export async function visitXml(
  part: string,
  text: AsyncIterable<string>,
  visitor: XmlVisitor,
): Promise<void> {
  const parser = new SaxesParser({ xmlns: true, position: false });
  // The parser reports its errors here (instead of throwing), so they are told apart from the
  // visitor's; nothing after the first one reaches the visitor.
  let malformed: Error | null = null;
  const live = () => malformed === null && !visitor.done;
  parser.on('error', (error) => {
    malformed ??= error;
  });
  parser.on('opentag', (tag) => {
    if (live()) visitor.open(tag);
  });
  parser.on('closetag', (tag) => {
    if (live()) visitor.close(tag);
  });
  parser.on('text', (value) => {
    if (live()) visitor.text(value);
  });
  parser.on('cdata', (value) => {
    if (live()) visitor.text(value);
  });
  const check = () => {
    if (malformed === null) return;
    throw new UnreadablePackage(
      `${bilingual(`${part} 不是格式正确的 XML（${malformed.message}）`, `${part} is not well-formed XML (${malformed.message})`)}; ${RESAVE_HINT}`,
    );
  };
  for await (const slice of text) {
    parser.write(slice);
    check();
    // Leaving the loop ends the part's stream: nothing more is inflated.
    if (visitor.done) return;
  }
  parser.close();
  check();
}
