import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './types.js';
import {
  PackageTooLarge,
  UnreadablePackage,
  XlsxPackage,
  relationshipsPart,
  resolveTarget,
} from './xlsx-package.js';

async function opened(
  files: Record<string, string | Buffer>,
  limits: Partial<UploadLimits> = {},
): Promise<XlsxPackage> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const pkg = await XlsxPackage.open(content, { ...DEFAULT_UPLOAD_LIMITS, ...limits });
  if (!(pkg instanceof XlsxPackage)) throw new Error(`not opened: ${JSON.stringify(pkg)}`);
  return pkg;
}

async function textOf(pkg: XlsxPackage, part: string): Promise<string[]> {
  const slices: string[] = [];
  for await (const slice of pkg.text(part)) slices.push(slice);
  return slices;
}

describe(XlsxPackage.name, () => {
  it('finds parts without regard to case or a leading slash', async () => {
    const pkg = await opened({ 'xl/Workbook.xml': '<workbook/>' });
    expect(pkg.has('/xl/workbook.xml')).toBe(true);
    expect(pkg.has('xl/sheet1.xml')).toBe(false);
    expect((await textOf(pkg, 'XL/WORKBOOK.XML')).join('')).toBe('<workbook/>');
  });

  it('hands out a part in slices of at most 64 K characters, multi-byte characters intact', async () => {
    const text = '数据来源于省大数据局；'.repeat(30_000);
    const pkg = await opened({ 'a.xml': text });
    const slices = await textOf(pkg, 'a.xml');
    expect(slices.length).toBeGreaterThan(1);
    expect(Math.max(...slices.map((slice) => slice.length))).toBeLessThanOrEqual(64 * 1024);
    expect(slices.join('')).toBe(text);
  });

  it('reads UTF-16 by its byte order mark and refuses text that is not UTF-8', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<a>甲</a>', 'utf16le')]);
    const latin1 = Buffer.from('<a>caf\xe9</a>', 'latin1');
    const pkg = await opened({ 'utf16.xml': utf16, 'latin1.xml': latin1 });
    expect((await textOf(pkg, 'utf16.xml')).join('')).toBe('<a>甲</a>');
    await expect(textOf(pkg, 'latin1.xml')).rejects.toThrow(/not valid UTF-8/);
  });

  it('counts every byte inflated against the limit, whatever the ZIP declares', async () => {
    const pkg = await opened(
      { 'a.xml': 'a'.repeat(600_000), 'b.xml': 'b' },
      { maxUncompressedBytes: 1_000_000 },
    );
    await textOf(pkg, 'a.xml');
    // Read again, the part counts again: 1.2 MB inflated in all.
    await expect(textOf(pkg, 'a.xml')).rejects.toBeInstanceOf(PackageTooLarge);
  });

  it('names a missing part', async () => {
    const pkg = await opened({ 'a.xml': '<a/>' });
    const missing = textOf(pkg, 'xl/styles.xml');
    await expect(missing).rejects.toBeInstanceOf(UnreadablePackage);
    await expect(missing).rejects.toThrow(/xl\/styles\.xml/);
  });

  it('stops inflating when the reader stops', async () => {
    const pkg = await opened(
      { 'a.xml': 'a'.repeat(3_000_000) },
      { maxUncompressedBytes: 3_100_000 },
    );
    for await (const slice of pkg.text('a.xml')) {
      expect(slice.length).toBeGreaterThan(0);
      break;
    }
    // What was not inflated is still in the budget for another read of the part.
    expect((await textOf(pkg, 'a.xml')).join('')).toHaveLength(3_000_000);
  });
});

describe(resolveTarget.name, () => {
  it('resolves a relationship target against the folder of its source part', () => {
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet1.xml')).toBe(
      'xl/worksheets/sheet1.xml',
    );
    expect(resolveTarget('xl/workbook.xml', '/xl/worksheets/sheet1.xml')).toBe(
      'xl/worksheets/sheet1.xml',
    );
    expect(resolveTarget('xl/workbook.xml', '../customXml/item1.xml')).toBe('customXml/item1.xml');
    expect(resolveTarget('', 'xl/workbook.xml')).toBe('xl/workbook.xml');
    expect(resolveTarget('xl/workbook.xml', 'worksheets/sheet%201.xml')).toBe(
      'xl/worksheets/sheet 1.xml',
    );
  });
});

describe(relationshipsPart.name, () => {
  it('names the relationships part of a part', () => {
    expect(relationshipsPart('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relationshipsPart('book.xml')).toBe('_rels/book.xml.rels');
  });
});
