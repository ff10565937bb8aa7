// Quantities in a plan's sentences: the number, its 万/亿 multiplier, unit and comparator words.
import type { Comparator } from '../targets/target.js';
import { isHan, parseChineseNumber } from './plan-extract-text.js';

/** What the words before a number say about it. */
type Before = 'ge' | 'le' | 'gt' | 'lt' | 'eq' | 'inc' | 'dec' | 'about' | 'none';
type After = 'ge' | 'le' | 'about' | 'none';

/** A quantity found in the text; offsets are into the working text. */
export interface ValueHit {
  /** Start of the number. */
  start: number;
  /** End of number, multiplier and unit. */
  end: number;
  /** End of the words that qualify it (以上, 左右, (套), 的). */
  modEnd: number;
  /** Start of the comparator word before the number, or `start` when there is none. */
  cmpStart: number;
  value: number;
  unit: string;
  comparator: Comparator;
  /** A change (增长/下降…%) rather than a level. */
  kind: 'level' | 'change';
  /** The way the measured figure should move. */
  direction: 'increase' | 'decrease';
  /** Whether a comparator word (not just 以上/左右 after) preceded the number. */
  stated: boolean;
}

const BEFORE_WORDS: readonly (readonly [string, Before])[] = (
  [
    ['不少于', 'ge'],
    ['不低于', 'ge'],
    ['不小于', 'ge'],
    ['不下于', 'ge'],
    ['至少', 'ge'],
    ['不超过', 'le'],
    ['不高于', 'le'],
    ['不多于', 'le'],
    ['不大于', 'le'],
    ['最多', 'le'],
    ['控制在', 'le'],
    ['控制到', 'le'],
    ['压缩到', 'le'],
    ['压缩至', 'le'],
    ['压减到', 'le'],
    ['压减至', 'le'],
    ['缩短到', 'le'],
    ['缩短至', 'le'],
    ['缩减到', 'le'],
    ['缩减至', 'le'],
    ['降低到', 'le'],
    ['降低至', 'le'],
    ['下降到', 'le'],
    ['下降至', 'le'],
    ['减少到', 'le'],
    ['减少至', 'le'],
    ['降到', 'le'],
    ['降至', 'le'],
    ['减至', 'le'],
    ['超过', 'gt'],
    ['突破', 'gt'],
    ['高于', 'gt'],
    ['大于', 'gt'],
    ['多于', 'gt'],
    ['超', 'gt'],
    ['逾', 'gt'],
    ['低于', 'lt'],
    ['少于', 'lt'],
    ['小于', 'lt'],
    ['达到', 'eq'],
    ['提高到', 'eq'],
    ['提高至', 'eq'],
    ['提升到', 'eq'],
    ['提升至', 'eq'],
    ['增加到', 'eq'],
    ['增加至', 'eq'],
    ['增长到', 'eq'],
    ['增长至', 'eq'],
    ['上升到', 'eq'],
    ['上升至', 'eq'],
    ['扩大到', 'eq'],
    ['扩大至', 'eq'],
    ['增至', 'eq'],
    ['升至', 'eq'],
    ['保持在', 'eq'],
    ['稳定在', 'eq'],
    ['保持', 'eq'],
    ['实现', 'eq'],
    ['达', 'eq'],
    ['增长', 'inc'],
    ['提高', 'inc'],
    ['提升', 'inc'],
    ['增加', 'inc'],
    ['上升', 'inc'],
    ['增幅', 'inc'],
    ['增速', 'inc'],
    ['下降', 'dec'],
    ['降低', 'dec'],
    ['减少', 'dec'],
    ['压缩', 'dec'],
    ['压减', 'dec'],
    ['缩短', 'dec'],
    ['缩减', 'dec'],
    ['降幅', 'dec'],
    ['大约', 'about'],
    ['约', 'about'],
    ['近', 'about'],
  ] as const
)
  .slice()
  .sort((a, b) => b[0].length - a[0].length);

const AFTER_WORDS: readonly (readonly [string, After])[] = [
  ['及以上', 'ge'],
  ['以上', 'ge'],
  ['以下', 'le'],
  ['以内', 'le'],
  ['之内', 'le'],
  ['左右', 'about'],
  ['上下', 'about'],
];

const UNITS = [
  '个百分点',
  '百分点',
  '个工作日',
  '工作日',
  '个月',
  '平方公里',
  '平方米',
  '千瓦时',
  '千瓦',
  '兆瓦',
  '千米',
  '公里',
  '小时',
  '分钟',
  '人次',
  '户次',
  '件次',
  '批次',
  '亿元',
  '万元',
  '公顷',
  '%',
  '‰',
  ...'个项家名人户所座条台套件次宗张份部处栋辆架艘颗枚类期起场亩吨倍分秒天周款本册株头只块间组支篇门米元',
].sort((a, b) => b.length - a.length);
const TIME_UNITS = new Set(['个工作日', '工作日', '个月', '小时', '分钟', '秒', '天', '周']);
const ASCII_UNITS = [
  'EFLOPS',
  'PFLOPS',
  'TFLOPS',
  'Tbps',
  'Gbps',
  'Mbps',
  'kWh',
  'EB',
  'PB',
  'TB',
  'GB',
  'GW',
  'MW',
  'kW',
];
// Units that name a count only after a comparator word: 达到4级 (but 五级网络), 达到200P (but 5G).
const CONDITIONAL_UNITS = ['级', 'P', 'E', 'T'];
// Counting words after a Chinese numeral, and the verbs that make it a quantity (培训万名, not 第二批).
const CN_UNITS = ['人次', '亿元', '万元', ...'个项家名人户所座条台套件次张处辆类期场'].sort(
  (a, b) => b.length - a.length,
);
const CN_VERB =
  /(培训|培育|孵化|新增|新建|建设|建成|打造|引进|认定|开通|招聘|吸纳|带动|扶持|遴选|培养|推广|组织|举办|创建|布局|部署|推出|上线|发放|完成|覆盖|服务|惠及|达到|超过|突破|不少于|不低于|新开通)$/;
const MULTIPLIERS: readonly (readonly [string, number])[] = [
  ['万亿', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
];
// A number here counts a period's meetings, not a target (每季度召开1次).
const PER_PERIOD = /每(半年|季度|季|个月|月|周|旬|天|日)/;

function startsWithAny(s: string, pos: number, words: readonly string[]): string | undefined {
  for (const w of words) if (s.startsWith(w, pos)) return w;
  return undefined;
}

// The comparator word that ends at or shortly before `pos` (up to 8 characters of gap, no digits).
function wordBefore(work: string, pos: number, from: number): { start: number; category: Before } {
  for (let end = pos; end >= Math.max(from, pos - 8); end--) {
    if (end < pos && /[\d、]/.test(work[end] ?? '')) break;
    for (const [word, category] of BEFORE_WORDS) {
      const start = end - word.length;
      if (start >= from && work.startsWith(word, start)) {
        // 为小微企业 is not 为 a number; a gap is allowed only after words that reach for a value.
        if (end < pos && (category === 'inc' || category === 'dec' || category === 'about'))
          continue;
        return { start, category };
      }
    }
  }
  return { start: pos, category: 'none' };
}

interface Unit {
  unit: string;
  length: number;
  scale: number;
}

function readUnit(work: string, pos: number, factor: number): Unit | null {
  if (work.startsWith('元', pos) && factor > 1) {
    // Money keeps its 亿元/万元 unit: 3.5万亿元 is 35000 亿元, 300万元 is 300 万元.
    if (factor >= 1e8) return { unit: '亿元', length: 1, scale: factor / 1e8 };
    return { unit: '万元', length: 1, scale: factor / 1e4 };
  }
  const cjk = startsWithAny(work, pos, UNITS);
  if (cjk !== undefined) return { unit: cjk, length: cjk.length, scale: factor };
  const ascii = startsWithAny(work, pos, ASCII_UNITS);
  if (ascii !== undefined && !/[A-Za-z]/.test(work[pos + ascii.length] ?? '')) {
    return { unit: ascii, length: ascii.length, scale: factor };
  }
  return null;
}

function combine(
  before: Before,
  after: After,
): Pick<ValueHit, 'comparator' | 'kind' | 'direction'> {
  const kind = before === 'inc' || before === 'dec' ? 'change' : 'level';
  let comparator: Comparator;
  if (after === 'about' || before === 'about') comparator = '~';
  else if (after === 'ge') comparator = before === 'gt' ? '>' : '>=';
  else if (after === 'le') comparator = before === 'lt' ? '<' : '<=';
  else if (before === 'le') comparator = '<=';
  else if (before === 'gt') comparator = '>';
  else if (before === 'lt') comparator = '<';
  // 达到/提高到/实现/保持 N is met at N or above (an increase target): never exact equality, which no
  // plan phrase asks for. A share stated bare (覆盖率100%) and a bare count (4万个) alike.
  else comparator = '>=';
  const direction =
    before === 'dec' || (kind === 'level' && (comparator === '<=' || comparator === '<'))
      ? 'decrease'
      : 'increase';
  return { comparator, kind, direction };
}

function readAfter(
  work: string,
  pos: number,
  unit: string,
): { after: After; end: number; nextHan: boolean } {
  let p = pos;
  // 1000万台（套）
  const paren = /^\([^()\n]{1,4}\)/.exec(work.slice(p, p + 8));
  if (paren) p += paren[0].length;
  let after: After = 'none';
  const word = AFTER_WORDS.find(([w]) => work.startsWith(w, p));
  if (word) {
    after = word[1];
    p += word[0].length;
  } else if (TIME_UNITS.has(unit) && work.startsWith('内', p)) {
    after = 'le';
    p += 1;
  }
  const nextHan = isHan(work[p]) && work[p] !== '的';
  if (work[p] === '的') p += 1;
  return { after, end: p, nextHan };
}

/** Every quantity in `[from, to)` of the working text that can be a target. */
export function findValues(
  work: string,
  clauseStart: number,
  clauseEnd: number,
  skip: (pos: number) => boolean,
): ValueHit[] {
  const hits: ValueHit[] = [];
  const clause = work.slice(clauseStart, clauseEnd);
  for (const m of clause.matchAll(/\d+(?:,\d{3}(?!\d))*(?:\.\d+)?/g)) {
    const start = clauseStart + m.index;
    if (skip(start)) continue;
    const prev = work[start - 1] ?? '';
    if (/[A-Za-z0-9.×xX*\-/_~—–第每前后年月日号]/.test(prev)) continue;
    let p = start + m[0].length;
    const number = Number(m[0].replace(/,/g, ''));
    let factor = 1;
    if (!startsWithAny(work, p, ['千瓦', '千米'])) {
      const mult = MULTIPLIERS.find(([w]) => work.startsWith(w, p));
      if (mult) {
        factor = mult[1];
        p += mult[0].length;
      }
    }
    if (work[p] === '余' || work[p] === '多') p += 1;
    const { start: cmpStart, category: before } = wordBefore(work, start, clauseStart);
    let unit = readUnit(work, p, factor);
    if (!unit) {
      const conditional = startsWithAny(work, p, CONDITIONAL_UNITS);
      const stated = before !== 'none' && before !== 'about';
      if (conditional !== undefined && stated && !/[A-Za-z]/.test(work[p + 1] ?? '')) {
        unit = { unit: conditional, length: conditional.length, scale: factor };
      } else if (/[A-Za-z]/.test(work[p] ?? '')) {
        continue;
      } else if (factor > 1 || (stated && !isHan(work[p]))) {
        unit = { unit: '', length: 0, scale: factor };
      } else if (stated && AFTER_WORDS.some(([w]) => work.startsWith(w, p))) {
        unit = { unit: '', length: 0, scale: factor };
      } else {
        continue;
      }
    }
    const end = p + unit.length;
    const { after, end: modEnd, nextHan } = readAfter(work, end, unit.unit);
    // 15分钟健身圈, 24小时自助: a duration that names something.
    if (
      TIME_UNITS.has(unit.unit) &&
      after === 'none' &&
      nextHan &&
      !/^[办完]/.test(work[end] ?? '')
    )
      continue;
    if (PER_PERIOD.test(work.slice(clauseStart, start))) continue;
    const value = Math.round(number * unit.scale * 1e6) / 1e6;
    hits.push({
      start,
      end,
      modEnd,
      cmpStart,
      value,
      unit: unit.unit,
      ...combine(before, after),
      stated: before !== 'none',
    });
  }
  for (const m of clause.matchAll(/[零〇一二两三四五六七八九十百千万亿]+/g)) {
    const start = clauseStart + m.index;
    if (skip(start) || /[第每前]/.test(work[start - 1] ?? '')) continue;
    const value = parseChineseNumber(m[0]);
    const p = start + m[0].length;
    const unit = startsWithAny(work, p, CN_UNITS);
    if (value === null || value < 2 || unit === undefined) continue;
    const end = p + unit.length;
    const { after, end: modEnd, nextHan } = readAfter(work, end, unit);
    // 培训万名技术人员 (after a verb), 培育领军企业两万家 (a digit and a magnitude closing the clause);
    // not 二期, 万企万项, 实施百项工程.
    const afterVerb = CN_VERB.test(work.slice(Math.max(clauseStart, start - 4), start));
    const closing = /[两二三四五六七八九][十百千万亿]/.test(m[0]) && !nextHan;
    if (!afterVerb && !closing) continue;
    const { start: cmpStart, category: before } = wordBefore(work, start, clauseStart);
    hits.push({
      start,
      end,
      modEnd,
      cmpStart,
      value,
      unit,
      ...combine(before, after),
      stated: before !== 'none',
    });
  }
  // 重大事故为零, 安全事件控制在零: none at all.
  const zero = /(为|控制在|保持|实现)零(?=[。,;]|$)/.exec(clause);
  if (zero && !skip(clauseStart + zero.index)) {
    const start = clauseStart + zero.index + zero[0].length - 1;
    hits.push({
      start,
      end: start + 1,
      modEnd: start + 1,
      cmpStart: clauseStart + zero.index,
      value: 0,
      unit: '',
      comparator: '<=',
      kind: 'level',
      direction: 'decrease',
      stated: true,
    });
  }
  return hits.sort((a, b) => a.start - b.start);
}
