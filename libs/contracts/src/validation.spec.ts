import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { fieldMessage, summarizeIssues, validate } from './validation.js';

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
