import { describe, expect, it } from 'vitest';
import { describeRefused, sniffEvidenceType } from './evidence-type.js';

const zip = (...names: string[]) =>
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), ...names.map((n) => Buffer.from(n))]);

describe('sniffEvidenceType', () => {
  it('knows PDF, PNG and JPEG by their first bytes', () => {
    expect(sniffEvidenceType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(
      sniffEvidenceType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0])),
    ).toBe('image/png');
    expect(sniffEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
  });

  it('knows DOCX and XLSX by the parts of the zip', () => {
    expect(sniffEvidenceType(zip('[Content_Types].xml', 'word/document.xml'))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(sniffEvidenceType(zip('[Content_Types].xml', 'xl/workbook.xml'))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('refuses a plain zip, HTML, an executable and an empty file', () => {
    expect(sniffEvidenceType(zip('readme.txt'))).toBeUndefined();
    expect(sniffEvidenceType(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffEvidenceType(Buffer.from([0x4d, 0x5a, 0x90, 0]))).toBeUndefined();
    expect(sniffEvidenceType(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('describeRefused', () => {
  it('names the extension', () => {
    expect(describeRefused('通知.EXE')).toBe('.exe');
    expect(describeRefused('noext')).toBe('noext');
  });
});
