// Deadlines as plans write them: 到2022年底, 2021年底前, 年底前/年内/全年, 6月底前, 第三季度末前, 上半年.
import { parseChineseNumber } from './plan-extract-text.js';

/** A deadline phrase in the text. `date` is null when it is relative and the plan's year is unknown. */
export interface DeadlineMention {
  start: number;
  end: number;
  date: string | null;
  /** A year that opens a clause ("到2023年，…"): it then also dates the rest of its paragraph. */
  leading: boolean;
}

const ABSOLUTE =
  /(到|至|截至|截止到|截止|在|于)?((?:19|20)\d\d)年(?:(\d{1,2}|[一二三四五六七八九十]{1,3})月(?:(\d{1,2})日)?|(上半年|下半年|年中|第?[一二三四1-4]季度))?(底|末)?(前|以前|之前|内)?/g;
const RELATIVE =
  /(年底前|年底|年末|年内|全年|本年度|今年|当年|上半年|下半年|年中)|(\d{1,2}|[一二三四五六七八九十]{1,3})月(底|末)?(前|以前|之前)?|第?([一二三四1-4])季度(末|底)?(前|以前)?|“?(十三五|十四五|十五五)”?(期末|末)/g;
// What may follow "2021年" at the start of a clause when it is not a deadline (2021年是…, 2021年版).
const NOT_AFTER_YEAR = /^[度版是的为以起来比同相至—-]/;

function lastDay(year: number, month: number): string {
  const day = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(s: string): number | null {
  const n = /^\d+$/.test(s) ? Number(s) : parseChineseNumber(s);
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

function periodEnd(year: number, period: string): string {
  if (period === '上半年' || period === '年中') return lastDay(year, 6);
  if (period === '下半年') return lastDay(year, 12);
  const q = monthNumber(period.replace(/^第/, '').replace(/季度$/, ''));
  return lastDay(year, q === null ? 12 : Math.min(q, 4) * 3);
}

function opensClause(work: string, pos: number): boolean {
  let i = pos - 1;
  while (i >= 0 && work[i] === ' ') i--;
  return i < 0 || /[\n。;:,!?(]/.test(work[i] ?? '');
}

/** Every deadline phrase outside quotes, in order. Relative phrases resolve against `year`. */
export function findDeadlineMentions(
  work: string,
  quoted: Uint8Array,
  year: number | null,
): DeadlineMention[] {
  const mentions: DeadlineMention[] = [];
  const taken = new Uint8Array(work.length);
  for (const m of work.matchAll(ABSOLUTE)) {
    const start = m.index;
    const end = start + m[0].length;
    const [, prefix, y, month, day, period, tail, before] = m;
    const yearStart = start + (prefix?.length ?? 0);
    if (quoted[yearStart] === 1) continue;
    const prev = work[yearStart - 1] ?? '';
    // A range (2021—2023年), a base year (比2021年) or part of a longer number.
    if (!prefix && /[\d—–\-~比较与同从自对]/.test(prev)) continue;
    const leading = opensClause(work, start);
    const explicit = prefix !== undefined || tail !== undefined || before !== undefined;
    if (!explicit) {
      if (day !== undefined || !leading || NOT_AFTER_YEAR.test(work.slice(end))) continue;
    }
    const yy = Number(y);
    let date: string;
    const mm = month === undefined ? null : monthNumber(month);
    if (mm !== null) {
      date =
        day !== undefined && Number(day) >= 1 && Number(day) <= 31
          ? `${yy}-${String(mm).padStart(2, '0')}-${String(Number(day)).padStart(2, '0')}`
          : lastDay(yy, mm);
    } else if (period !== undefined) {
      date = periodEnd(yy, period);
    } else {
      date = lastDay(yy, 12);
    }
    mentions.push({ start, end, date, leading });
    taken.fill(1, start, end);
  }
  for (const m of work.matchAll(RELATIVE)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken[start] === 1 || quoted[start] === 1) continue;
    const [, yearWord, month, monthTail, monthBefore, quarter, quarterTail, quarterBefore, fyp] = m;
    const prev = work[start - 1] ?? '';
    let date: string | null = null;
    if (yearWord !== undefined) {
      // 三年内 is a duration, 每年 a frequency.
      if (/[\d一二三四五六七八九十两每近]/.test(prev)) continue;
      date = year === null ? null : periodEnd(year, yearWord);
    } else if (month !== undefined) {
      if (monthTail === undefined && monthBefore === undefined) continue;
      if (/[\d年]/.test(prev)) continue;
      const mm = monthNumber(month);
      if (mm === null) continue;
      date = year === null ? null : lastDay(year, mm);
    } else if (quarter !== undefined) {
      if (quarterTail === undefined && quarterBefore === undefined) continue;
      date = year === null ? null : periodEnd(year, `${quarter}季度`);
    } else if (fyp !== undefined) {
      date = lastDay(fyp === '十三五' ? 2020 : fyp === '十四五' ? 2025 : 2030, 12);
    }
    // Only a dated year carries over to later sentences; 6月底前 dates its own sentence.
    mentions.push({ start, end, date, leading: false });
  }
  return mentions.sort((a, b) => a.start - b.start);
}

/** The deadline that governs `pos`: the last phrase before it in its sentence, else a dated year that
 * opened a sentence earlier in its paragraph ("到2023年，…"), else `fallback`. */
export function deadlineAt(
  mentions: readonly DeadlineMention[],
  pos: number,
  sentenceStart: number,
  paragraphStart: number,
  fallback: string | null,
): string | null {
  // The last mention that ends by `pos` (mentions are sorted and do not overlap).
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid]?.end ?? 0) <= pos) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    const m = mentions[i];
    if (!m || m.start < paragraphStart) break;
    if (m.start >= sentenceStart) return m.date;
    if (m.leading) return m.date;
  }
  return fallback;
}
