// Targets and milestones, clause by clause: explicit quantities, the 100% that 全覆盖/全面实现 state, and
// the concrete deliverables (建成、出台、启动…) that are milestones.
import type { Comparator } from '../targets/target.js';
import { Break, isHan, spanAt, trimSpan } from './plan-extract-text.js';
import { findValues, type ValueHit } from './plan-extract-values.js';

/** A target or milestone as read, before deadlines and departments are attached. */
export interface Finding {
  name: string;
  /** Span of the source text in the working text. */
  start: number;
  end: number;
  /** Where its deadline is looked up from. */
  anchor: number;
}

export interface TargetFinding extends Finding {
  value: number;
  unit: string;
  comparator: Comparator;
  kind: 'level' | 'change';
  direction: 'increase' | 'decrease';
}

export interface ScanInput {
  work: string;
  simplified: string;
  levels: Uint8Array;
  /** Department lists and heading markers. */
  excluded: Uint8Array;
  quoted: Uint8Array;
  /** Heading titles: milestones are not read from them. */
  titles: Uint8Array;
  /** Deadline phrases, removed from names. */
  deadlines: Uint8Array;
}

// A coverage stated in words: the number is 100%. The last group is the suffix of the target's name.
const COVERAGE: readonly { re: RegExp; suffix: string }[] = [
  { re: /全覆盖/, suffix: '覆盖率' },
  { re: /全面实现/, suffix: '实现率' },
  { re: /(?:覆盖|惠及)全部/, suffix: '覆盖率' },
  { re: /全部(?=接入|纳入|配备|上线|联网|开通|实现|建成|完成|达标)/, suffix: '比例' },
  { re: /按标准配备/, suffix: '配备率' },
];
const SERVICE_COVERAGE = /^实现(.+?)的?“(全省通办|跨省通办|全城通办|一网通办|全程网办|一次办好)”$/;

const LEADING_WORDS =
  /^(力争|争取|确保|努力|支持|全省|全市|全区|全县|其中|同时|并且|并|以及|及|和|另外|持续|累计达到|实现|推动|推进)+/;
const TRAILING_WORDS = /(的|达|共|约|近|各|平均|累计|总计|合计|实现|达到|将|要)+$/;

const MILESTONE_START =
  /^(在[^,;。]{1,20}?)?(建成|基本建成|全面建成|完成|基本完成|全面完成|编制|制定|出台|印发|发布|启动|开通|上线|全面推行)/;
const MILESTONE_TRIAL = /^(在[^,;。]{1,20}?)?开展(.{5,}?)(试点|评估)(工作)?$/;
const MILESTONE_BUILD = /^建设.{2,}(平台|系统|园区|资源库|数据库|中心|基地|地图|专网)$/;

// Text of `simplified` in [start, end) without deadline phrases.
function cut(input: ScanInput, start: number, end: number): string {
  let out = '';
  for (let i = Math.max(0, start); i < end; i++) {
    if (input.deadlines[i] !== 1) out += input.simplified[i] ?? '';
  }
  return out;
}

function tidy(name: string): string {
  let s = name
    .replace(/[「『]/g, (q) => (q === '「' ? '“' : '‘'))
    .replace(/[」』]/g, (q) => (q === '」' ? '”' : '’'))
    .replace(/^[\s、,，;；:：。]+|[\s、,，;；:：。]+$/g, '');
  for (let i = 0; i < 3; i++) {
    s = s
      .replace(LEADING_WORDS, '')
      .replace(TRAILING_WORDS, '')
      .replace(/^(比|较)(\d{4}年|上年|去年|上一年)(同期)?/, '')
      .replace(/^[\s、,，]+|[\s、,，]+$/g, '');
  }
  return s;
}

interface Clause {
  start: number;
  end: number;
}

// The clauses of the body: between , ; : 。 and line ends, outside department lists.
function clauses(input: ScanInput): Clause[] {
  const out: Clause[] = [];
  const { work, levels, excluded } = input;
  let pos = 0;
  while (pos < work.length) {
    if (excluded[pos] === 1 || (levels[pos] ?? 0) > Break.None) {
      pos++;
      continue;
    }
    const span = spanAt(levels, pos, Break.Clause);
    // A department list ends the clause before it.
    let end = span.end;
    for (let i = pos; i < span.end; i++) {
      if (excluded[i] === 1) {
        end = i;
        break;
      }
    }
    const t = trimSpan(work, pos, end);
    if (t.end > t.start) out.push(t);
    pos = end;
  }
  return out;
}

// Explicit quantities of one clause, with the numbers that sit inside a subject dropped.
function clauseValues(input: ScanInput, c: Clause): ValueHit[] {
  const { work } = input;
  const skip = (pos: number) => input.excluded[pos] === 1 || input.quoted[pos] === 1;
  // 对…的10个市予以表扬: the object of an action, not a quantity to reach.
  if (work[c.start] === '对') return [];
  const hits = findValues(work, c.start, c.end, skip);
  return hits.filter((h, i) => {
    // 实现20户以上自然村…全覆盖: the number qualifies what is covered.
    const rest = work.slice(h.modEnd, c.end);
    if (isHan(work[h.modEnd]) && COVERAGE.slice(0, 4).some(({ re }) => re.test(rest))) return false;
    // 营业收入超过100亿元的软件企业达到10家: the first number qualifies the subject of the second.
    const next = hits[i + 1];
    if (
      next &&
      next.stated &&
      (work[h.modEnd - 1] === '的' || isHan(work[h.modEnd])) &&
      !work.slice(h.modEnd, next.start).includes('、') &&
      !/和|及|与/.test(work.slice(h.modEnd, next.cmpStart))
    )
      return false;
    return true;
  });
}

// The span of each hit inside its clause: clauses with several quantities split at 、.
function segments(work: string, c: Clause, hits: readonly ValueHit[]): Clause[] {
  const bounds: number[] = [c.start];
  for (let i = 1; i < hits.length; i++) {
    const prev = hits[i - 1];
    const cur = hits[i];
    if (!prev || !cur) continue;
    const between = work.slice(prev.modEnd, cur.cmpStart);
    const comma = between.indexOf('、');
    bounds.push(comma >= 0 ? prev.modEnd + comma + 1 : prev.modEnd);
  }
  bounds.push(c.end);
  const out: Clause[] = [];
  for (let i = 0; i < hits.length; i++) {
    let end = bounds[i + 1] ?? c.end;
    if (work[end - 1] === '、') end--;
    out.push(trimSpan(work, bounds[i] ?? c.start, end));
  }
  return out;
}

function targetName(
  input: ScanInput,
  seg: Clause,
  hit: ValueHit,
  previous: string | undefined,
): string {
  const pre = cut(input, seg.start, hit.cmpStart);
  const objectStart = hit.modEnd;
  const post = objectStart < seg.end ? cut(input, objectStart, seg.end) : '';
  let name = tidy(pre + post);
  // “一链办理”主题服务新增200项 → 新增“一链办理”主题服务
  const verb = /^(.+?)(新增|新建|新开通|新推出)$/.exec(name);
  if (verb && post.trim() === '') name = `${verb[2] ?? ''}${verb[1] ?? ''}`;
  if (hit.kind === 'change') {
    // 年均增长20%以上 / 比2021年增长12%: the change of the figure named just before.
    const word = input.simplified.slice(hit.cmpStart, hit.start);
    const own = tidy(pre);
    name = own + word;
    if (previous && (own === '' || /^(年均|同比|年|平均)+$/.test(own))) name = previous + name;
  }
  return name === '' ? tidy(cut(input, seg.start, seg.end)) : name;
}

function coverageTarget(input: ScanInput, c: Clause): TargetFinding | null {
  const { work } = input;
  const text = work.slice(c.start, c.end);
  const full = {
    value: 100,
    unit: '%',
    comparator: '>=',
    kind: 'level',
    direction: 'increase',
  } as const;
  for (const { re, suffix } of COVERAGE) {
    const m = re.exec(text);
    if (!m || input.quoted[c.start + m.index] === 1) continue;
    const cueStart = c.start + m.index;
    const cueEnd = cueStart + m[0].length;
    const subject = tidy(cut(input, c.start, cueStart));
    let object = tidy(cut(input, cueEnd, c.end));
    if (suffix === '配备率') object = object.replace(/^.*的/, '');
    if (subject === '' && object === '') continue;
    return {
      name: `${subject}${object}${suffix}`,
      start: c.start,
      end: c.end,
      anchor: cueStart,
      ...full,
    };
  }
  // 实现养老保险…可异地经办业务的“全省通办”: every such service, i.e. 100%.
  const plain = cut(input, c.start, c.end)
    .replace(/[「」]/g, (q) => (q === '「' ? '“' : '”'))
    .replace(/^(力争|确保)/, '');
  const service = SERVICE_COVERAGE.exec(plain);
  if (!service) return null;
  const name = `${tidy(service[1] ?? '')}“${service[2] ?? ''}”比例`;
  return { name, start: c.start, end: c.end, anchor: c.start, ...full };
}

function milestone(input: ScanInput, c: Clause): Finding | null {
  const { work } = input;
  let s = c.start;
  // Skip the deadline and the words that only urge (力争年底前…).
  for (;;) {
    while (s < c.end && input.deadlines[s] === 1) s++;
    const lead = /^(力争|争取|确保|同时|并)/.exec(work.slice(s, c.end));
    if (!lead) break;
    s += lead[0].length;
  }
  if (input.titles[s] === 1) return null;
  const text = work.slice(s, c.end).replace(/。$/, '');
  // 制定本行动方案: the plan speaking of itself.
  if (/^.{2}本/.test(text)) return null;
  if (!MILESTONE_START.test(text) && !MILESTONE_TRIAL.test(text) && !MILESTONE_BUILD.test(text))
    return null;
  return { name: tidy(cut(input, s, c.end)), start: c.start, end: c.end, anchor: s };
}

/** Targets and milestones of the whole text. */
export function scan(input: ScanInput): { targets: TargetFinding[]; milestones: Finding[] } {
  const targets: TargetFinding[] = [];
  const milestones: Finding[] = [];
  let previousName: string | undefined;
  let previousSentence = -1;
  for (const c of clauses(input)) {
    const sentence = spanAt(input.levels, c.start, Break.Sentence).start;
    if (sentence !== previousSentence) previousName = undefined;
    previousSentence = sentence;
    const hits = clauseValues(input, c);
    if (hits.length > 0) {
      const segs = segments(input.work, c, hits);
      hits.forEach((hit, i) => {
        const seg = segs[i] ?? c;
        const name = targetName(input, seg, hit, previousName);
        previousName = name;
        targets.push({
          name,
          start: seg.start,
          end: seg.end,
          anchor: hit.start,
          value: hit.value,
          unit: hit.unit,
          comparator: hit.comparator,
          kind: hit.kind,
          direction: hit.direction,
        });
      });
      continue;
    }
    if (input.titles[c.start] === 1) continue;
    const coverage = coverageTarget(input, c);
    if (coverage) {
      targets.push(coverage);
      continue;
    }
    const m = milestone(input, c);
    if (m) milestones.push(m);
  }
  return { targets, milestones };
}
