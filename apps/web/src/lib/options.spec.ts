import { COMPARATORS } from '@zhibiao/core';
import { describe, expect, it } from 'vitest';
import { COMPARATOR_KEYS, labelled } from './options.js';

describe(labelled.name, () => {
  it('labels each value, in order', () => {
    expect(labelled(['b', 'a'], (v) => `label ${v}`)).toEqual([
      { value: 'b', label: 'label b' },
      { value: 'a', label: 'label a' },
    ]);
  });

  it('gives no options for no values', () => {
    expect(labelled([], (v) => v)).toEqual([]);
  });
});

describe('COMPARATOR_KEYS', () => {
  it('names every comparator, each with its own key', () => {
    const keys = COMPARATORS.map((c) => COMPARATOR_KEYS[c]);
    expect(keys.every((k) => typeof k === 'string' && k.length > 0)).toBe(true);
    expect(new Set(keys).size).toBe(COMPARATORS.length);
  });
});
