import { EVIDENCE_FILE_TYPES } from '@zhibiao/contracts';

export type EvidenceContentType = keyof typeof EVIDENCE_FILE_TYPES;

/** What the refusal names as accepted: PDF, PNG, JPEG, DOCX, XLSX. */
export const EVIDENCE_TYPES_TEXT = 'PDF, PNG, JPEG, DOCX, XLSX';

const starts = (bytes: Buffer, signature: number[]) =>
  bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);

/** Whether a zip archive holds an entry of this name (names are stored in clear in a zip). */
const holdsEntry = (bytes: Buffer, name: string) => bytes.includes(Buffer.from(name, 'latin1'));

/**
 * The type of an evidence file by its bytes, not by what the uploader claimed: %PDF, PNG, JPEG, or an
 * Office Open XML zip ([Content_Types].xml with word/ or xl/ parts). Anything else — an executable,
 * an HTML page, a plain zip, a legacy .doc — is undefined, and refused.
 */
export function sniffEvidenceType(bytes: Buffer): EvidenceContentType | undefined {
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04]) && holdsEntry(bytes, '[Content_Types].xml')) {
    if (holdsEntry(bytes, 'word/document.xml')) {
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
    }
    if (holdsEntry(bytes, 'xl/workbook.xml')) {
      return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    }
  }
  return undefined;
}

/** How a refused file is named in the message: its extension, else the first bytes' kind. */
export function describeRefused(name: string): string {
  const extension = /\.([^.]{1,16})$/.exec(name)?.[1];
  return extension ? `.${extension.toLowerCase()}` : name || '?';
}
