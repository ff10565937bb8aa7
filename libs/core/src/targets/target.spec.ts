import { describe, expect, it } from 'vitest';
import { describeTarget, englishQuantity, formatQuantity, meetsTarget } from './target.js';

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
    expect(describeTarget({ comparator: '>=', value: 40000 }, '个', 'en')).toBe('at least 40,000');
    expect(describeTarget({ comparator: '>', value: 90 }, '%', 'zh-CN')).toBe('超过 90%');
    expect(describeTarget({ comparator: '~', value: 100 }, '个', 'zh-CN')).toBe(
      '100个左右（±10%）',
    );
    expect(describeTarget({ comparator: '~', value: 50, tolerance: 0.2 }, '个', 'en')).toBe(
      'about 50 (±20%)',
    );
  });

  it('writes latin units with a space', () => {
    expect(formatQuantity(1.5, 'km', 'en')).toBe('1.5 km');
  });
});

describe(englishQuantity.name, () => {
  it('counts bare where Chinese uses a measure word', () => {
    expect(englishQuantity(40000, '个')).toBe('40,000');
    expect(englishQuantity(100, '项')).toBe('100');
    expect(englishQuantity(12, '家')).toBe('12');
  });

  it('puts units with a meaning into English', () => {
    expect(englishQuantity(2000, '名')).toBe('2,000 people');
    expect(englishQuantity(3.5, '小时')).toBe('3.5 hours');
    expect(englishQuantity(1.6, '个百分点')).toBe('1.6 percentage points');
    expect(englishQuantity(85.25, '%')).toBe('85.25%');
    expect(englishQuantity(12.5, '')).toBe('12.5');
  });

  it('scales 万 and 亿 into the number, and writes money in CNY', () => {
    expect(englishQuantity(2, '万人次')).toBe('20,000 person-times');
    expect(englishQuantity(1.5, '万户')).toBe('15,000 households');
    expect(englishQuantity(5000, '亿元')).toBe('CNY 500 billion');
    expect(englishQuantity(3.5, '万亿元')).toBe('CNY 3.5 trillion');
    expect(englishQuantity(800, '万元')).toBe('CNY 8 million');
    expect(englishQuantity(5000, '元')).toBe('CNY 5,000');
  });

  it('keeps a unit it does not know as given, unscaled', () => {
    expect(englishQuantity(3, '万标准箱')).toBe('3 万标准箱');
    expect(englishQuantity(1.5, 'km')).toBe('1.5 km');
    expect(englishQuantity(10, '万')).toBe('10 万');
  });

  it('rounds to the digits asked for', () => {
    expect(englishQuantity(1234.5678, 'km', 1)).toBe('1,234.6 km');
    // People are counted in whole numbers.
    expect(englishQuantity(1234.5678, '名', 1)).toBe('1,235 people');
    expect(englishQuantity(1.2345e9, '元', 1)).toBe('CNY 1.2 billion');
  });
});
