// Reads an action plan's text into a draft: outline, quantitative targets, milestones, who leads.
// Pure and deterministic; the Traditional→Simplified converter is passed in (the API wires opencc-js).
import { DEFAULT_TOLERANCE, type Comparator } from '../targets/target.js';
import { Break, breakLevels, prepareText, quotedMask, spanAt } from './plan-extract-text.js';
import { deadlineAt, findDeadlineMentions } from './plan-extract-deadlines.js';
import {
  departmentMatcher,
  findDepartmentSpecs,
  type DepartmentSpec,
  type KnownDepartment,
} from './plan-extract-departments.js';
import {
  firstAfter,
  issueYear,
  readOutline,
  readTitle,
  titleYears,
} from './plan-extract-structure.js';
import { scan, type Finding } from './plan-extract-targets.js';
import { findMeasureSpans, headingTextStart } from './plan-extract-measures.js';

export type { KnownDepartment } from './plan-extract-departments.js';

export interface PlanExtractionOptions {
  /** The plan's (first) year; read from the title, else the issue date, when not given. */
  year?: number | undefined;
  /** Traditional (or mixed) to Simplified Chinese, e.g. opencc-js `Converter({ from: 'tw', to: 'cn' })`. */
  toSimplified: (s: string) => string;
  /** Known departments: names found are also returned as codes where they match. */
  departments?: readonly KnownDepartment[] | undefined;
}

interface Responsibility {
  /** Department names in Simplified Chinese, as the plan writes them. */
  leadDepartments: string[];
  supportDepartments: string[];
  /** Codes of the names that match `options.departments` (present only when it was given). */
  leadDepartmentCodes?: string[];
  supportDepartmentCodes?: string[];
}

interface Cited {
  /** The sentence or clause, verbatim from the original text. */
  sourceText: string;
  /** Offsets of `sourceText` in the original text. */
  start: number;
  end: number;
  section: string | null;
  task: string | null;
}

export interface ExtractedTarget extends Responsibility, Cited {
  /** What is counted, in Simplified Chinese: 新开通5G基站, “一链办理”集成服务. */
  name: string;
  value: number;
  unit: string;
  comparator: Comparator;
  /** Relative tolerance of a `~` (左右) target. */
  tolerance?: number;
  /** `change`: the value is a growth or a fall (增长15%, 下降10%), not a level. */
  kind: 'level' | 'change';
  /** How the figure should move: `decrease` for 控制在…以内, 压缩至, 下降. */
  direction: 'increase' | 'decrease';
  /** YYYY-MM-DD, or null when the plan's year is unknown. */
  deadline: string | null;
}

export interface ExtractedMilestone extends Responsibility, Cited {
  name: string;
  deadline: string | null;
}

/**
 * A group of measures (举措): the text of a task that ends in a bracket of responsible units, from
 * after the previous bracket (or the task's title) up to and including its own bracket.
 */
export interface ExtractedMeasure extends Responsibility {
  section: string | null;
  /** Null for a group in a section without tasks (then `start`/`end` are in the section's text). */
  task: string | null;
  /** 1-based place among the groups of its task (or section). */
  position: number;
  /** The group verbatim from the original text, its bracket included. */
  sourceText: string;
  /** Offsets of `sourceText` in the task's text, which starts at the task's numeral ((一)…). */
  start: number;
  end: number;
  /** The plan's year end for 年底前/年内 (or the date a phrase in the group names), else null. */
  deadline: string | null;
}

export interface PlanExtraction {
  plan: { title: string | null; year: number | null };
  sections: { numeral: string; title: string; tasks: { numeral: string; title: string }[] }[];
  targets: ExtractedTarget[];
  milestones: ExtractedMilestone[];
  /** Every group of measures with its responsible units, in text order. */
  measures: ExtractedMeasure[];
  /** Things a reviewer should check, in Simplified Chinese. */
  warnings: string[];
}

// The department list that closes the measure ending at `end`: the next list, unless a heading
// comes first. `specStarts` and `headingStarts` are ascending.
function specAfter(
  specs: readonly DepartmentSpec[],
  specStarts: readonly number[],
  headingStarts: readonly number[],
  end: number,
): DepartmentSpec | undefined {
  const spec = specs[firstAfter(specStarts, end - 1)];
  if (!spec) return undefined;
  const heading = headingStarts[firstAfter(headingStarts, end - 1)];
  return heading !== undefined && heading < spec.start ? undefined : spec;
}

/**
 * Reads a plan (Simplified or Traditional) into a draft for a person to review: sections and tasks,
 * quantitative targets (value, unit, comparator, deadline, departments, the sentence it came from) and
 * milestones. Never throws on odd input: text that is not a plan gives no targets and a warning.
 */
export function extractPlan(text: string, options: PlanExtractionOptions): PlanExtraction {
  if (text.trim() === '') {
    return {
      plan: { title: null, year: options.year ?? null },
      sections: [],
      targets: [],
      milestones: [],
      measures: [],
      warnings: ['文本为空，没有可提取的内容。'],
    };
  }
  const warnings: string[] = [];
  const { work, simplified, toOriginal } = prepareText(text, options.toSimplified);
  const quoted = quotedMask(work);
  const title = readTitle(work, simplified);
  const years = titleYears(title.title);
  const year = options.year ?? years?.start ?? issueYear(work);
  // A multi-year plan's undated goals fall due at the end of its last year.
  const lastYear =
    years !== null && year !== null && years.start <= year && year < years.end ? years.end : year;
  const fallback = lastYear === null ? null : `${lastYear}-12-31`;

  const outline = readOutline(work, simplified);
  const specs = findDepartmentSpecs(work, quoted);
  const excluded = new Uint8Array(work.length);
  const titles = new Uint8Array(work.length);
  excluded.fill(1, title.start, title.end);
  for (const s of specs) excluded.fill(1, s.start, s.end);
  for (const h of outline.headings) {
    excluded.fill(1, h.start, h.markerEnd);
    titles.fill(1, h.markerEnd, h.titleEnd);
  }
  const levels = breakLevels(work, simplified, quoted);
  // A department list closes its measure like a full stop.
  for (const s of specs) {
    for (let i = s.start; i < s.end; i++) levels[i] = Math.max(levels[i] ?? 0, Break.Sentence);
  }
  const mentions = findDeadlineMentions(work, quoted, year);
  const deadlines = new Uint8Array(work.length);
  for (const m of mentions) deadlines.fill(1, m.start, m.end);

  const specStarts = specs.map((s) => s.start);
  const headingStarts = outline.headings.map((h) => h.start);
  const found = scan({ work, simplified, levels, excluded, quoted, titles, deadlines });

  const match = options.departments
    ? departmentMatcher(options.departments, options.toSimplified)
    : undefined;
  const unmatched = new Set<string>();
  const codes = (names: readonly string[]): string[] => {
    const out: string[] = [];
    for (const n of names) {
      const code = match?.(n);
      if (code === undefined) unmatched.add(n);
      else if (!out.includes(code)) out.push(code);
    }
    return out;
  };
  const responsibility = (lead: readonly string[], support: readonly string[]): Responsibility => ({
    leadDepartments: [...lead],
    supportDepartments: [...support],
    ...(match ? { leadDepartmentCodes: codes(lead), supportDepartmentCodes: codes(support) } : {}),
  });
  const common = (f: Finding): Responsibility & Cited & { deadline: string | null } => {
    const spec = specAfter(specs, specStarts, headingStarts, f.end);
    const start = toOriginal[f.start] ?? 0;
    const end = toOriginal[f.end] ?? text.length;
    const sentence = spanAt(levels, f.anchor, Break.Sentence).start;
    const paragraph = spanAt(levels, f.anchor, Break.Line).start;
    return {
      ...responsibility(spec?.lead ?? [], spec?.support ?? []),
      sourceText: text.slice(start, end),
      start,
      end,
      ...outline.locate(f.start),
      deadline: deadlineAt(mentions, f.anchor, sentence, paragraph, fallback),
    };
  };

  const targets: ExtractedTarget[] = found.targets.map((t) => ({
    name: t.name,
    value: t.value,
    unit: t.unit,
    comparator: t.comparator,
    ...(t.comparator === '~' ? { tolerance: DEFAULT_TOLERANCE } : {}),
    kind: t.kind,
    direction: t.direction,
    ...common(t),
  }));
  const milestones: ExtractedMilestone[] = found.milestones.map((m) => ({
    name: m.name,
    ...common(m),
  }));
  const measures: ExtractedMeasure[] = findMeasureSpans(
    work,
    specs,
    outline.headings,
    mentions,
  ).map((g) => {
    const base = toOriginal[headingTextStart(work, g.container)] ?? 0;
    const start = toOriginal[g.start] ?? 0;
    const end = toOriginal[g.end] ?? text.length;
    return {
      ...outline.locate(g.container.start),
      position: g.position,
      sourceText: text.slice(start, end),
      start: start - base,
      end: end - base,
      ...responsibility(g.spec.lead, g.spec.support),
      deadline: g.deadline,
    };
  });

  if (year === null) warnings.push('未能确定方案年份，未写明年份的期限无法推算，请补充年份。');
  if (outline.sections.length === 0) warnings.push('未识别出“一、”“（一）”式的章节结构。');
  if (targets.length === 0 && milestones.length === 0) {
    warnings.push('未识别出量化目标或里程碑，这段文字可能不是行动方案正文。');
  }
  const withoutLead = targets.filter((t) => t.leadDepartments.length === 0).length;
  if (withoutLead > 0) warnings.push(`${withoutLead}项指标未注明牵头单位，请补充。`);
  if (match && unmatched.size > 0) {
    warnings.push(`以下部门未能与已知部门对应：${[...unmatched].join('、')}。`);
  }
  return {
    plan: { title: title.title, year },
    sections: outline.sections,
    targets,
    milestones,
    measures,
    warnings,
  };
}
