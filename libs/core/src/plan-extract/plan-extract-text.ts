// Text preparation for plan extraction: Simplified characters, folded punctuation, and a map back to
// the original offsets so that every span can be cited verbatim.

/** The plan's text in three aligned forms. */
export interface PreparedText {
  readonly original: string;
  /** As the converter wrote it: names and titles are cut from here, keeping the plan's punctuation. */
  readonly simplified: string;
  /** `simplified` with full-width forms folded to ASCII and 「」 to “”, same length: patterns run here. */
  readonly work: string;
  /** Offset in `original` of each offset in `simplified` (one entry more than its length). */
  readonly toOriginal: Int32Array;
}

/** Converts to Simplified, falling back to line-by-line and then character-by-character conversion
 * where the converter changes the length, so that offsets stay exact. */
export function prepareText(original: string, toSimplified: (s: string) => string): PreparedText {
  let simplified = toSimplified(original);
  let toOriginal: Int32Array;
  if (simplified.length === original.length) {
    toOriginal = new Int32Array(original.length + 1);
    for (let i = 0; i <= original.length; i++) toOriginal[i] = i;
  } else {
    const parts: string[] = [];
    const map: number[] = [];
    let offset = 0;
    for (const line of original.split(/(?<=\n)/)) {
      const converted = toSimplified(line);
      if (converted.length === line.length) {
        parts.push(converted);
        for (let i = 0; i < line.length; i++) map.push(offset + i);
      } else {
        let i = 0;
        for (const ch of line) {
          const c = toSimplified(ch);
          parts.push(c);
          for (let k = 0; k < c.length; k++) map.push(offset + i);
          i += ch.length;
        }
      }
      offset += line.length;
    }
    map.push(original.length);
    simplified = parts.join('');
    toOriginal = Int32Array.from(map);
  }
  return { original, simplified, work: fold(simplified), toOriginal };
}

function fold(s: string): string {
  const out = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) out[i] = String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out[i] = ' ';
    else if (c === 0x300c || c === 0x300e) out[i] = '“';
    else if (c === 0x300d || c === 0x300f) out[i] = '”';
    else out[i] = s[i] ?? '';
  }
  return out.join('');
}

/** Marks the inside of “…” and 《…》 (not the marks themselves): numbers there are names, not targets.
 * A mark with no partner within 60 characters on its line is a stray (garbled text), not a quote. */
export function quotedMask(work: string): Uint8Array {
  const mask = new Uint8Array(work.length);
  for (let i = 0; i < work.length; i++) {
    const ch = work[i];
    const close = ch === '“' ? '”' : ch === '《' ? '》' : '';
    if (close === '') continue;
    let j = i + 1;
    while (j < work.length && j - i <= 60 && work[j] !== close && work[j] !== '\n') j++;
    if (work[j] !== close) continue;
    mask.fill(1, i + 1, j);
    i = j;
  }
  return mask;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十五 → 15, 两万 → 20000, 万 → 10000; null when the string is not a Chinese numeral. */
export function parseChineseNumber(s: string): number | null {
  if (s === '') return null;
  let total = 0;
  let section = 0;
  let digit = -1;
  for (const ch of s) {
    const d = CN_DIGITS[ch];
    const small = CN_SMALL[ch];
    if (d !== undefined) {
      digit = d;
    } else if (small !== undefined) {
      section += (digit < 0 ? 1 : digit) * small;
      digit = -1;
    } else if (ch === '万' || ch === '亿') {
      section += Math.max(digit, 0);
      if (section === 0 && total === 0) section = 1;
      total = ch === '万' ? total + section * 1e4 : (total + section) * 1e8;
      section = 0;
      digit = -1;
    } else {
      return null;
    }
  }
  return total + section + Math.max(digit, 0);
}

/** Where clauses, sentences and lines end. */
export const Break = { None: 0, Clause: 1, Sentence: 2, Line: 3 } as const;
export type Break = (typeof Break)[keyof typeof Break];

// 1,500: an ASCII comma between digits that groups thousands (a folded full-width comma does not).
function thousands(simplified: string, i: number): boolean {
  return (
    simplified[i] === ',' &&
    /\d/.test(simplified[i - 1] ?? '') &&
    /^\d{3}(?!\d)/.test(simplified.slice(i + 1, i + 5))
  );
}

/** One break level per character: `,;:` end clauses, `。!?` sentences; quoted text never breaks. */
export function breakLevels(work: string, simplified: string, quoted: Uint8Array): Uint8Array {
  const levels = new Uint8Array(work.length);
  for (let i = 0; i < work.length; i++) {
    const ch = work[i];
    if (ch === '\n') levels[i] = Break.Line;
    else if (quoted[i] === 1) continue;
    else if (ch === '。' || ch === '!' || ch === '?') levels[i] = Break.Sentence;
    else if (ch === ';' || ch === ':') levels[i] = Break.Clause;
    else if (ch === ',' && !thousands(simplified, i)) levels[i] = Break.Clause;
  }
  return levels;
}

/** The span around `pos` up to the nearest breaks of at least `level`. */
export function spanAt(
  levels: Uint8Array,
  pos: number,
  level: Break,
): { start: number; end: number } {
  let start = pos;
  while (start > 0 && (levels[start - 1] ?? 0) < level) start--;
  let end = pos;
  while (end < levels.length && (levels[end] ?? 0) < level) end++;
  return { start, end };
}

/** Trims white space (and a leading enumeration comma) off a span of `work`. */
export function trimSpan(work: string, start: number, end: number): { start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /[\s、]/.test(work[s] ?? '')) s++;
  while (e > s && /\s/.test(work[e - 1] ?? '')) e--;
  return { start: s, end: e };
}

export const isHan = (ch: string | undefined): boolean =>
  ch !== undefined && ch >= '\u3400' && ch <= '\u9fff';
