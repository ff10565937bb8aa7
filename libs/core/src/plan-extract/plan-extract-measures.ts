// Groups of measures (举措): inside a task paragraph, each stretch of text that ends in a bracket of
// responsible units — from after the previous bracket (or the task's title) up to and including its
// own bracket.
import type { DeadlineMention } from './plan-extract-deadlines.js';
import type { DepartmentSpec } from './plan-extract-departments.js';
import type { Heading } from './plan-extract-structure.js';

/** A group of measures as found in the prepared text (offsets in `work`). */
export interface MeasureSpan {
  /** The section or task heading the group sits under. */
  container: Heading;
  /** 1-based place of the group among the groups under its heading. */
  position: number;
  /** Start of the group's first measure, and the end of its bracket. */
  start: number;
  end: number;
  spec: DepartmentSpec;
  /** The latest date a deadline phrase inside the group names, else null. */
  deadline: string | null;
}

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/.test(ch);

/**
 * Every group of measures under a section or task heading: each department bracket closes one. A
 * bracket before the first heading (the covering notice) or with nothing before it closes none.
 * `specs`, `headings` and `mentions` are in text order.
 */
export function findMeasureSpans(
  work: string,
  specs: readonly DepartmentSpec[],
  headings: readonly Heading[],
  mentions: readonly DeadlineMention[],
): MeasureSpan[] {
  const containers = headings.filter((h) => h.level !== 'item');
  const out: MeasureSpan[] = [];
  let previous: { container: Heading; end: number } | null = null;
  let position = 0;
  for (const spec of specs) {
    let container: Heading | undefined;
    for (const h of containers) {
      if (h.start > spec.start) break;
      container = h;
    }
    if (!container) continue;
    const afterTitle =
      work[container.titleEnd] === '。' ? container.titleEnd + 1 : container.titleEnd;
    const same = previous !== null && previous.container === container;
    if (!same) position = 0;
    let start = Math.max(afterTitle, same && previous ? previous.end : 0);
    while (start < spec.start && isSpace(work[start])) start++;
    previous = { container, end: spec.end };
    if (start >= spec.start) continue;
    let deadline: string | null = null;
    for (const m of mentions) {
      if (m.start < start || m.end > spec.start || m.date === null) continue;
      if (deadline === null || m.date > deadline) deadline = m.date;
    }
    position++;
    out.push({ container, position, start, end: spec.end, spec, deadline });
  }
  return out;
}

/** Where a heading's text starts: its first character that is not white space. */
export function headingTextStart(work: string, heading: Heading): number {
  let i = heading.start;
  while (i < heading.markerEnd && isSpace(work[i])) i++;
  return i;
}
