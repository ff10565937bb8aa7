import { describe, expect, it } from 'vitest';
import { sortIssues } from './issues.js';

const issue = (path: string, message = path) => ({ path, code: 'x', message });

describe(sortIssues.name, () => {
  it('puts schema issues (body.…) and rule issues (no prefix) on the same fields', () => {
    const sorted = sortIssues(
      [issue('body.note', 'a'), issue('note', 'b'), issue('value')],
      ['note', 'value'],
    );
    expect(sorted.fields).toEqual({ note: 'a；b', value: 'value' });
    expect(sorted.other).toEqual([]);
  });

  it('gives a list row what is said about it or its fields, and the list what is said about all of it', () => {
    const sorted = sortIssues(
      [
        issue('body.items.3.value', 'negative'),
        issue('items.3', 'duplicate'),
        issue('items', 'sum'),
      ],
      ['note'],
      ['items'],
    );
    expect(sorted.rows).toEqual({ items: { 3: 'negative；duplicate' } });
    expect(sorted.lists).toEqual({ items: 'sum' });
  });

  it('keeps issues of paths the form does not show for the alert', () => {
    const sorted = sortIssues([issue('(root)'), issue('body.unknownKey')], ['note'], ['items']);
    expect(sorted.other.map((i) => i.path)).toEqual(['(root)', 'body.unknownKey']);
  });
});
