import { describe, expect, it } from 'vitest';
import { chineseQuantity } from './sentence.js';

describe(chineseQuantity.name, () => {
  it('writes large counts in 万 and 亿', () => {
    expect(chineseQuantity(36_000, '个')).toBe('3.6万个');
    expect(chineseQuantity(4120, '个')).toBe('4120个');
    expect(chineseQuantity(85.5, '%')).toBe('85.5%');
    expect(chineseQuantity(500_000_000_000, '元')).toBe('5000亿元');
  });
});
