import type { ValidationIssue } from '@zhibiao/contracts';

/** A stretch of the plan's text that a draft row was read from. */
export interface TextMark {
  key: string;
  start: number;
  end: number;
}

/** A run of the text covered by the same marks; `keys` innermost (shortest mark) first. */
export interface TextSegment {
  start: number;
  text: string;
  keys: string[];
}

/**
 * Cuts `text` into runs at every mark's start and end, so that overlapping marks (a milestone
 * sentence that holds a target) both show. Marks outside the text or empty are left out.
 */
export function markSegments(text: string, marks: readonly TextMark[]): TextSegment[] {
  const valid = marks.filter(
    (m) =>
      Number.isInteger(m.start) && Number.isInteger(m.end) && m.start >= 0 && m.end <= text.length,
  );
  const usable = valid.filter((m) => m.start < m.end);
  const cuts = [...new Set([0, text.length, ...usable.flatMap((m) => [m.start, m.end])])].sort(
    (a, b) => a - b,
  );
  const segments: TextSegment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const start = cuts[i]!;
    const end = cuts[i + 1]!;
    const keys = usable
      .filter((m) => m.start <= start && m.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start))
      .map((m) => m.key);
    const last = segments.at(-1);
    // Neighbouring runs under the same marks stay one run.
    if (last && last.keys.join() === keys.join()) last.text += text.slice(start, end);
    else segments.push({ start, text: text.slice(start, end), keys });
  }
  return segments;
}

export const DRAFT_LISTS = ['targets', 'milestones'] as const;
export type DraftList = (typeof DRAFT_LISTS)[number];

/** What the API said about one row of a draft; `field` is null when it names the row itself. */
export interface RowIssue {
  list: DraftList;
  index: number;
  field: string | null;
  message: string;
}

export interface DraftIssues {
  rows: RowIssue[];
  /** Issues of no row (the title, the plan's code), shown as they came. */
  other: ValidationIssue[];
}

export const NO_DRAFT_ISSUES: DraftIssues = { rows: [], other: [] };

/**
 * Sorts the issues of a refused save or publish (paths `body.targets.3.leadDepartments`,
 * `targets.3.value`, `milestones.0.deadline`) onto the rows of the draft, by index and field.
 */
export function sortDraftIssues(issues: readonly ValidationIssue[]): DraftIssues {
  const sorted: DraftIssues = { rows: [], other: [] };
  for (const issue of issues) {
    const [list, index, field] = issue.path.replace(/^body\.?/, '').split('.');
    const row = Number(index);
    if ((DRAFT_LISTS as readonly string[]).includes(list ?? '') && Number.isInteger(row)) {
      sorted.rows.push({
        list: list as DraftList,
        index: row,
        field: field || null,
        message: issue.message,
      });
    } else {
      sorted.other.push(issue);
    }
  }
  return sorted;
}

/** The issues of one list by row index, then by field ('' for the row itself). */
export function issuesByRow(
  issues: DraftIssues,
  list: DraftList,
): Map<number, Record<string, string>> {
  const rows = new Map<number, Record<string, string>>();
  for (const issue of issues.rows) {
    if (issue.list !== list) continue;
    const fields = rows.get(issue.index) ?? {};
    const field = issue.field ?? '';
    fields[field] = fields[field] ? `${fields[field]}；${issue.message}` : issue.message;
    rows.set(issue.index, fields);
  }
  return rows;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/**
 * The text of a plan file: UTF-8 (with or without a BOM), else GBK/GB18030 as Chinese Windows
 * writes it. A strict UTF-8 reading that has non-ASCII but no Chinese, while the GB18030 reading
 * has Chinese and no replacement characters, is taken as GB18030.
 */
export function decodePlanText(bytes: Uint8Array): string {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) {
    return new TextDecoder('utf-8').decode(bytes.subarray(3));
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  let utf8: string;
  try {
    utf8 = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gbk').decode(bytes);
  }
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(utf8) && !CJK.test(utf8)) {
    const gbk = new TextDecoder('gbk').decode(bytes);
    if (CJK.test(gbk) && !gbk.includes('\ufffd')) return gbk;
  }
  return utf8;
}

/** A title to start from: the file's name without its extension. */
export function titleFromFileName(name: string): string {
  return name.replace(/\.[^.]*$/, '').trim();
}

/** The first year 2000–2099 written in `text` (数字山东2020行动方案 → 2020), or null. */
export function yearIn(text: string): number | null {
  const match = /(?:^|\D)(20\d\d)(?!\d)/.exec(text);
  return match ? Number(match[1]) : null;
}

/** The size of `text` in bytes of UTF-8, as the API counts it against its limit. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
