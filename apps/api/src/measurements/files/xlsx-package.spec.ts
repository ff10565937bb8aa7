import { describe, expect, it } from 'vitest';
import {
  columnLetters,
  columnNumber,
  fillReferences,
  mergedRanges,
  removeNamespacePrefixes,
  scanSheetData,
} from './xlsx-package.js';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

describe(removeNamespacePrefixes.name, () => {
  it('moves SpreadsheetML elements from a prefix to the default namespace', () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="${MAIN}" xmlns:r="r-ns"><x:sheetData><x:row r="1"><x:c r="A1" r:id="rId1"/></x:row></x:sheetData></x:worksheet>`;
    expect(removeNamespacePrefixes(xml, 'sheet1.xml')).toBe(
      `<?xml version="1.0"?><worksheet xmlns="${MAIN}" xmlns:r="r-ns"><sheetData><row r="1"><c r="A1" r:id="rId1"/></row></sheetData></worksheet>`,
    );
  });

  it('leaves unprefixed parts and other namespaces alone', () => {
    const plain = `<worksheet xmlns="${MAIN}"><sheetData/></worksheet>`;
    expect(removeNamespacePrefixes(plain, 'sheet1.xml')).toBe(plain);
    const drawing = '<xdr:wsDr xmlns:xdr="drawing-ns"><xdr:pic/></xdr:wsDr>';
    expect(removeNamespacePrefixes(drawing, 'drawing1.xml')).toBe(drawing);
  });

  it('refuses what it cannot rewrite without changing the meaning', () => {
    // The prefix bound to two namespaces.
    expect(() =>
      removeNamespacePrefixes(`<x:a xmlns:x="${MAIN}"><x:b xmlns:x="other"/></x:a>`, 'p'),
    ).toThrow();
    // A default namespace that differs from the prefix's.
    expect(() =>
      removeNamespacePrefixes(`<x:a xmlns:x="${MAIN}"><b xmlns="other"/></x:a>`, 'p'),
    ).toThrow();
    // An attribute in that namespace.
    expect(() => removeNamespacePrefixes(`<x:a xmlns:x="${MAIN}" x:r="1"/>`, 'p')).toThrow();
  });
});

describe(scanSheetData.name, () => {
  it('counts cells and notices a missing reference', () => {
    expect(
      scanSheetData(
        '<sheetData><row r="1"><c r="A1"/><c r="B1"><v>1</v></c></row></sheetData><cols><col/></cols>',
      ),
    ).toEqual({
      cells: 2,
      missingReferences: false,
    });
    expect(scanSheetData('<sheetData><row><c r="A1"/></row></sheetData>').missingReferences).toBe(
      true,
    );
    expect(scanSheetData('<sheetData><row r="1"><c/></row></sheetData>').missingReferences).toBe(
      true,
    );
  });
});

describe(fillReferences.name, () => {
  it('numbers rows after the previous one and cells after the previous cell', () => {
    const xml =
      '<worksheet><sheetData><row><c t="s"><v>0</v></c><c/></row><row r="5"><c r="C5"/><c s="1"/></row><row><c/></row></sheetData></worksheet>';
    expect(fillReferences(xml)).toBe(
      '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"/></row><row r="5"><c r="C5"/><c r="D5" s="1"/></row><row r="6"><c r="A6"/></row></sheetData></worksheet>',
    );
  });
});

describe(mergedRanges.name, () => {
  it('lists the merged ranges of a worksheet', () => {
    expect(
      mergedRanges(
        '<mergeCells count="2"><mergeCell ref="A3:A5"/><mergeCell ref="$b$2:$c$2"/></mergeCells>',
      ),
    ).toEqual(['A3:A5', 'B2:C2']);
  });
});

describe(columnLetters.name, () => {
  it('converts column numbers to letters and back', () => {
    for (const [number, letters] of [
      [1, 'A'],
      [26, 'Z'],
      [27, 'AA'],
      [16384, 'XFD'],
    ] as const) {
      expect(columnLetters(number)).toBe(letters);
      expect(columnNumber(letters)).toBe(number);
    }
  });
});
