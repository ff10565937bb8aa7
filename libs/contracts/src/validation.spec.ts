import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { CursorSchema, fieldMessage, nulPaths, summarizeIssues, validate } from './validation.js';

const Schema = z.strictObject({
  code: z.string().regex(/^[A-Z]+$/, fieldMessage('plan_code')),
  items: z.array(z.strictObject({ value: z.number() })),
});

describe(validate.name, () => {
  it('names the path of every problem, in the language asked for', () => {
    const input = { code: 'x', items: [{ value: 1 }, { value: 'two' }], extra: true };
    const zh = validate(Schema, input, 'zh-CN');
    const en = validate(Schema, input, 'en');
    if (zh.ok || en.ok) throw new Error('expected failures');
    expect(en.issues.map((i) => i.path)).toEqual(['code', 'items.1.value', '(root)']);
    expect(en.issues[0]?.message).toContain('plan code');
    expect(zh.issues[0]?.message).toContain('规划编码');
    expect(en.issues[1]?.message).toMatch(/expected number/i);
    expect(zh.issues[1]?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(en.issues[2]?.message).toContain('extra');
  });

  it('returns the parsed value when the input is valid', () => {
    expect(validate(Schema, { code: 'AB', items: [] }, 'en')).toEqual({
      ok: true,
      data: { code: 'AB', items: [] },
    });
  });
});

describe(summarizeIssues.name, () => {
  it('shows the first problems and counts the rest', () => {
    const issues = [1, 2, 3, 4, 5].map((n) => ({ path: `p${n}`, code: 'c', message: `m${n}` }));
    expect(summarizeIssues(issues)).toBe('p1: m1; p2: m2; p3: m3 (+2)');
  });
});

describe(nulPaths.name, () => {
  it('finds U+0000 in texts and keys at any depth, without recursion', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(nulPaths({ a: 'ok', b: ['x', 'y\u0000'], c: { 'k\u0000': 1 } })).toEqual([
      'b.1',
      'c.k\u0000',
    ]);
    expect(nulPaths(deep)).toHaveLength(1);
    expect(nulPaths('\u0000')).toEqual(['(root)']);
    expect(nulPaths({ a: 1, b: null, c: 'plain' })).toEqual([]);
  });
});

describe('validate and U+0000', () => {
  it('refuses a text with U+0000 that the schema alone would take, naming the field', () => {
    const result = validate(
      z.strictObject({ note: z.string(), items: z.array(z.string()) }),
      { note: 'a\u0000b', items: ['ok', '\u0000'] },
      'en',
    );
    if (result.ok) throw new Error('expected a failure');
    expect(result.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['items.1', 'nul_character'],
      ['note', 'nul_character'],
    ]);
    expect(result.issues[0]?.message).toBe('must not contain the NUL character (U+0000)');
  });

  it('lists it beside the schema’s own issues, in Chinese too', () => {
    const result = validate(Schema, { code: 'A\u0000', items: [] }, 'zh-CN');
    if (result.ok) throw new Error('expected a failure');
    expect(result.issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['code', 'nul_character'],
      ['code', 'invalid_format'],
    ]);
    expect(result.issues[0]?.message).toContain('空字符');
  });
});

describe('CursorSchema', () => {
  it('takes an id and refuses what is not one, or too large for a bigint', () => {
    expect(CursorSchema.safeParse('123456789012345678').success).toBe(true);
    for (const bad of ['abc', '99999999999999999999', '-1', '1.5', '1e3', '', ' 1']) {
      expect(CursorSchema.safeParse(bad).success, bad).toBe(false);
    }
  });
});
