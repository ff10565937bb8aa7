// Who is responsible for a measure: the parenthesis after it — (A牵头,B配合,各有关部门、各市政府按职责分工
// 负责) — or a 责任单位：/牵头单位： line. 牵头 = lead, 配合 = support; a list with no 牵头 that ends in
// (按职责)分工负责 names leads, and after a 牵头 it names supporters; general clauses are no department.

/** A department list and the span of text it occupies. */
export interface DepartmentSpec {
  start: number;
  end: number;
  lead: string[];
  support: string[];
}

/** A department the caller knows, to match names against. */
export interface KnownDepartment {
  readonly code: string;
  readonly name: string;
  readonly aliases?: readonly string[] | undefined;
}

type Role = 'lead' | 'support' | 'responsible' | 'pending';

const LABEL =
  /^(牵头单位|牵头部门|责任单位|责任部门|主责单位|主责部门|配合单位|配合部门|参与单位|协办单位|协同单位)\s*:?\s*/;
const ROLE_WORD =
  /(分别牵头|共同牵头|牵头负责|牵头|配合|参与|协助|协办|按职责分工负责|按职责负责|分工负责|负责|落实)$/;
const SPEC_WORD = /牵头|配合|负责|责任单位|责任部门|参与单位|协办/;
const DEPARTMENT_END =
  /(厅|局|委|办|部|院|馆|行|会|中心|政府|办公室|公司|集团|热线|管委会|银行|小组|指挥部|队)$/;
const GENERAL = /^(各|有关|相关|其他|其它)|有关部门|有关单位|相关部门|相关单位|省直|市直|有关市/;
const LINE_LABEL = /(责任单位|牵头单位|责任部门|牵头部门)\s*:/;

function labelRole(label: string): Role {
  if (label.startsWith('牵头')) return 'lead';
  if (label.startsWith('责任') || label.startsWith('主责')) return 'responsible';
  return 'support';
}

function wordRole(word: string): Role {
  if (word.includes('牵头')) return 'lead';
  if (word === '配合' || word === '参与' || word === '协助' || word === '协办') return 'support';
  return 'responsible';
}

// Splits at top-level separators (not inside nested parentheses).
function splitTop(s: string, separators: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] ?? '';
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0 && separators.includes(ch)) {
      parts.push(s.slice(from, i));
      from = i + 1;
    }
  }
  parts.push(s.slice(from));
  return parts;
}

function cleanName(raw: string): string | null {
  const name = raw
    .trim()
    .replace(/^(由|请)/, '')
    .replace(/(等有关部门|等有关单位|等相关部门|等相关单位|等部门|等单位|等)$/, '')
    .trim();
  if (name === '' || GENERAL.test(name)) return null;
  return name;
}

/** Reads a department list (the inside of the parenthesis, or a 责任单位 line). */
export function parseDepartmentList(content: string): { lead: string[]; support: string[] } {
  const clauses: { role: Role; names: string[] }[] = [];
  for (const rawClause of splitTop(content, ',;。')) {
    let clause = rawClause.trim();
    let role: Role = 'pending';
    const label = LABEL.exec(clause);
    if (label) {
      role = labelRole(label[1] ?? '');
      clause = clause.slice(label[0].length);
    }
    const word = ROLE_WORD.exec(clause);
    if (word) {
      role = wordRole(word[1] ?? '');
      clause = clause.slice(0, word.index);
    }
    const names = splitTop(clause, '、')
      .map(cleanName)
      .filter((n): n is string => n !== null);
    clauses.push({ role, names });
  }
  // A clause without a role word takes the role of the next one: (省卫生健康委,济南市政府按职责分工负责).
  for (let i = clauses.length - 1, next: Role = 'responsible'; i >= 0; i--) {
    const c = clauses[i];
    if (!c) continue;
    if (c.role === 'pending') c.role = next;
    else next = c.role;
  }
  const hasLead = clauses.some((c) => c.role === 'lead' && c.names.length > 0);
  const lead: string[] = [];
  const support: string[] = [];
  for (const c of clauses) {
    const target = c.role === 'lead' || (c.role === 'responsible' && !hasLead) ? lead : support;
    for (const n of c.names) if (!lead.includes(n) && !support.includes(n)) target.push(n);
  }
  return { lead, support };
}

function looksLikeList(content: string): boolean {
  if (SPEC_WORD.test(content)) return true;
  const items = content.split(/[、,]/).map((s) => s.trim());
  return items.every((s) => s.length >= 3 && s.length <= 20 && DEPARTMENT_END.test(s));
}

/** Every department list in the text: parentheses that name departments, and 责任单位 lines. */
export function findDepartmentSpecs(work: string, quoted: Uint8Array): DepartmentSpec[] {
  const specs: DepartmentSpec[] = [];
  const stack: number[] = [];
  for (let i = 0; i < work.length; i++) {
    const ch = work[i];
    if (quoted[i] === 1) continue;
    if (ch === '\n') stack.length = 0;
    else if (ch === '(') stack.push(i);
    else if (ch === ')') {
      const open = stack.pop();
      if (open === undefined || stack.length > 0) continue;
      const content = work.slice(open + 1, i);
      if (!looksLikeList(content)) continue;
      const { lead, support } = parseDepartmentList(content);
      if (lead.length + support.length === 0 && !SPEC_WORD.test(content)) continue;
      specs.push({ start: open, end: i + 1, lead, support });
    }
  }
  // 责任单位：… to the end of its line, outside any parenthesis already read.
  let lineStart = 0;
  for (const line of work.split('\n')) {
    const m = LINE_LABEL.exec(line);
    if (m) {
      const start = lineStart + m.index;
      const end = lineStart + line.trimEnd().length;
      if (!specs.some((s) => s.start <= start && start < s.end) && quoted[start] !== 1) {
        const { lead, support } = parseDepartmentList(work.slice(start, end));
        specs.push({ start, end, lead, support });
      }
    }
    lineStart += line.length + 1;
  }
  specs.sort((a, b) => a.start - b.start);
  // A 牵头单位 line followed by a 配合单位 line is one list.
  const merged: DepartmentSpec[] = [];
  for (const s of specs) {
    const last = merged[merged.length - 1];
    if (last && last.end <= s.start && /^\s*$/.test(work.slice(last.end, s.start))) {
      last.end = s.end;
      for (const n of s.lead) if (!last.lead.includes(n)) last.lead.push(n);
      for (const n of s.support) if (!last.support.includes(n)) last.support.push(n);
    } else {
      merged.push({ ...s, lead: [...s.lead], support: [...s.support] });
    }
  }
  return merged;
}

const normalizeName = (s: string): string =>
  s
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/人民政府$/, '政府');

/** Looks names up among known departments (by name or alias; 山东省X as 省X, X人民政府 as X政府). */
export function departmentMatcher(
  known: readonly KnownDepartment[],
  toSimplified: (s: string) => string,
): (name: string) => string | undefined {
  const byName = new Map<string, string>();
  for (const d of known) {
    for (const n of [d.name, ...(d.aliases ?? [])]) {
      const key = normalizeName(toSimplified(n));
      if (!byName.has(key)) byName.set(key, d.code);
    }
  }
  return (name) => {
    const key = normalizeName(name);
    return byName.get(key) ?? byName.get(key.replace(/^山东省/, '省'));
  };
}
