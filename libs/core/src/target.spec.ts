import { describe, expect, it } from 'vitest';
import { describeTarget, formatQuantity, meetsTarget } from './target.js';

describe(meetsTarget.name, () => {
  it('treats >= as met at the value and > only above it', () => {
    expect(meetsTarget(40000, { comparator: '>=', value: 40000 }, 'increase')).toBe(true);
    expect(meetsTarget(39999, { comparator: '>=', value: 40000 }, 'increase')).toBe(false);
    expect(meetsTarget(90, { comparator: '>', value: 90 }, 'increase')).toBe(false);
    expect(meetsTarget(90.1, { comparator: '>', value: 90 }, 'increase')).toBe(true);
  });

  it('meets = within floating-point noise only', () => {
    expect(meetsTarget(0.1 + 0.2, { comparator: '=', value: 0.3 }, 'increase')).toBe(true);
    expect(meetsTarget(99.9, { comparator: '=', value: 100 }, 'increase')).toBe(false);
  });

  it('handles the upper-bound comparators', () => {
    expect(meetsTarget(5, { comparator: '<=', value: 5 }, 'decrease')).toBe(true);
    expect(meetsTarget(5, { comparator: '<', value: 5 }, 'decrease')).toBe(false);
    expect(meetsTarget(4.9, { comparator: '<', value: 5 }, 'decrease')).toBe(true);
  });

  it('meets an "about" increase target from 90% upward, exceeding it is fine', () => {
    const about100 = { comparator: '~', value: 100 } as const;
    expect(meetsTarget(90, about100, 'increase')).toBe(true);
    expect(meetsTarget(89, about100, 'increase')).toBe(false);
    expect(meetsTarget(140, about100, 'increase')).toBe(true);
    expect(meetsTarget(94, { ...about100, tolerance: 0.05 }, 'increase')).toBe(false);
  });

  it('meets an "about" decrease target up to 110%', () => {
    expect(meetsTarget(110, { comparator: '~', value: 100 }, 'decrease')).toBe(true);
    expect(meetsTarget(111, { comparator: '~', value: 100 }, 'decrease')).toBe(false);
  });
});

describe(describeTarget.name, () => {
  it('says the target in Chinese and English', () => {
    expect(describeTarget({ comparator: '>=', value: 40000 }, '个', 'zh-CN')).toBe(
      '不少于 40,000个',
    );
    expect(describeTarget({ comparator: '>=', value: 40000 }, '个', 'en')).toBe(
      'at least 40,000 个',
    );
    expect(describeTarget({ comparator: '>', value: 90 }, '%', 'zh-CN')).toBe('超过 90%');
    expect(describeTarget({ comparator: '~', value: 100 }, '个', 'zh-CN')).toBe(
      '100个左右（±10%）',
    );
    expect(describeTarget({ comparator: '~', value: 50, tolerance: 0.2 }, '个', 'en')).toBe(
      'about 50 个 (±20%)',
    );
  });

  it('writes latin units with a space', () => {
    expect(formatQuantity(1.5, 'km', 'en')).toBe('1.5 km');
  });
});
