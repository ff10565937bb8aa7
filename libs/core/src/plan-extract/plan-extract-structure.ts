// A plan's title, year and outline: 一、 sections, (一) tasks (or 1. items where a section has no (一)).

/** A heading's place in the text: `end` is where its title ends (its first 。 or the line's end). */
export interface Heading {
  level: 'section' | 'task' | 'item';
  numeral: string;
  start: number;
  markerEnd: number;
  titleEnd: number;
}

export interface Outline {
  headings: Heading[];
  sections: { numeral: string; title: string; tasks: { numeral: string; title: string }[] }[];
  /** The section and task numerals at a position. */
  locate(pos: number): { section: string | null; task: string | null };
}

const SECTION =
  /^\s*(?:([一二三四五六七八九十]{1,3})、|第([一二三四五六七八九十]{1,3})(?:章|部分)\s*)/;
const TASK = /^\s*\(([一二三四五六七八九十]{1,3})\)\s*/;
const ITEM = /^\s*(\d{1,2})[.、](?!\d)\s*/;

function titleEnd(work: string, from: number, lineEnd: number): number {
  const stop = work.indexOf('。', from);
  return stop >= 0 && stop < lineEnd ? stop : lineEnd;
}

/** Reads the outline; titles are cut from `simplified` (same offsets as `work`). */
export function readOutline(work: string, simplified: string): Outline {
  const headings: Heading[] = [];
  const sections: Outline['sections'] = [];
  let sectionHasTasks = false;
  let lineStart = 0;
  for (const line of work.split('\n')) {
    const lineEnd = lineStart + line.length;
    const trimmedEnd = lineStart + line.trimEnd().length;
    const section = SECTION.exec(line);
    const task = section ? null : TASK.exec(line);
    const item = section || task ? null : ITEM.exec(line);
    const m = section ?? task ?? item;
    if (m) {
      const markerEnd = lineStart + m[0].length;
      const end = titleEnd(work, markerEnd, trimmedEnd);
      const title = simplified.slice(markerEnd, end).trim();
      if (section) {
        const numeral = section[1] ?? section[2] ?? '';
        headings.push({ level: 'section', numeral, start: lineStart, markerEnd, titleEnd: end });
        sections.push({ numeral, title, tasks: [] });
        sectionHasTasks = false;
      } else if (task) {
        const numeral = `(${task[1] ?? ''})`;
        headings.push({ level: 'task', numeral, start: lineStart, markerEnd, titleEnd: end });
        sections[sections.length - 1]?.tasks.push({ numeral, title });
        sectionHasTasks = true;
      } else if (item) {
        const numeral = `${item[1] ?? ''}.`;
        // 1. items are the tasks of a section without (一) tasks, and measures inside a task otherwise.
        const level = sectionHasTasks || sections.length === 0 ? 'item' : 'task';
        headings.push({ level, numeral, start: lineStart, markerEnd, titleEnd: end });
        if (level === 'task') sections[sections.length - 1]?.tasks.push({ numeral, title });
      }
    }
    lineStart = lineEnd + 1;
  }
  // The section and task in force after each structural heading, for lookups by position.
  const starts: number[] = [];
  const states: { section: string | null; task: string | null }[] = [];
  let state: { section: string | null; task: string | null } = { section: null, task: null };
  for (const h of headings) {
    if (h.level === 'item') continue;
    state =
      h.level === 'section'
        ? { section: h.numeral, task: null }
        : { section: state.section, task: h.numeral };
    starts.push(h.start);
    states.push(state);
  }
  return {
    headings,
    sections,
    locate(pos) {
      const i = firstAfter(starts, pos) - 1;
      return states[i] ?? { section: null, task: null };
    },
  };
}

/** Index of the first value greater than `pos` in ascending `values`. */
export function firstAfter(values: readonly number[], pos: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] ?? 0) <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const TITLE_END = /(方案|计划|规划|要点|意见|措施|纲要|细则)(\([^()]*\))?$/;

/** The plan's title: a short line ending in 方案/计划/要点… (not the covering notice), or the first
 * 《…》 with such an ending. */
export function readTitle(
  work: string,
  simplified: string,
): { title: string | null; start: number; end: number } {
  let lineStart = 0;
  let quotedTitle: { title: string; start: number; end: number } | null = null;
  let seen = 0;
  for (const line of work.split('\n')) {
    const trimmed = line.trim();
    if (trimmed !== '' && seen++ < 30) {
      const start = lineStart + line.indexOf(trimmed);
      if (
        trimmed.length >= 4 &&
        trimmed.length <= 60 &&
        !/[,。:;]|通知|关于/.test(trimmed) &&
        TITLE_END.test(trimmed) &&
        !SECTION.test(trimmed) &&
        !TASK.test(trimmed)
      ) {
        return {
          title: simplified.slice(start, start + trimmed.length),
          start,
          end: start + trimmed.length,
        };
      }
      if (!quotedTitle) {
        // The notice that covers the plan: 《…》已经省政府同意 / 关于印发《…》的通知.
        const q = /(?:^|印发)《([^》]{4,60})》/.exec(trimmed);
        if (q && TITLE_END.test(q[1] ?? '')) {
          const s = start + q.index + q[0].indexOf('《') + 1;
          quotedTitle = {
            title: simplified.slice(s, s + (q[1] ?? '').length),
            start: s,
            end: s + (q[1] ?? '').length,
          };
        }
      }
    }
    lineStart += line.length + 1;
  }
  return quotedTitle ?? { title: null, start: 0, end: 0 };
}

/** The years a title names: 2020 → 2020–2020, （2021—2023年） → 2021–2023. */
export function titleYears(title: string | null): { start: number; end: number } | null {
  if (title === null) return null;
  const range = /((?:19|20)\d\d)\s*[—–\-~至到]\s*((?:19|20)\d\d)/.exec(title);
  if (range) return { start: Number(range[1]), end: Number(range[2]) };
  const single = /(?:19|20)\d\d/.exec(title);
  return single ? { start: Number(single[0]), end: Number(single[0]) } : null;
}

/** The year of the date the plan was issued (a line that is only a date). */
export function issueYear(work: string): number | null {
  const m = /^\s*((?:19|20)\d\d)年\d{1,2}月\d{1,2}日\s*$/m.exec(work);
  return m ? Number(m[1]) : null;
}
