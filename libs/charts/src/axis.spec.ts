import { describe, expect, it } from 'vitest';
import { formatAxisValue } from './axis.js';

describe(formatAxisValue.name, () => {
  it('writes counts from ten thousand in 万 and 亿, without the unit', () => {
    expect(formatAxisValue(36_000, '个')).toBe('3.6万');
    expect(formatAxisValue(40_000, '个')).toBe('4万');
    expect(formatAxisValue(150_000_000, '元')).toBe('1.5亿');
    expect(formatAxisValue(4_120, '个')).toBe('4120');
    expect(formatAxisValue(0, '个')).toBe('0');
  });

  it('writes percentages with their sign', () => {
    expect(formatAxisValue(85.5, '%')).toBe('85.5%');
    expect(formatAxisValue(100, '%')).toBe('100%');
  });
});

describe('formatAxisValue in English', () => {
  it('uses k and M instead of 万 and 亿', () => {
    expect(formatAxisValue(36000, '个', 'en')).toBe('36k');
    expect(formatAxisValue(150_000_000, '亿元', 'en')).toBe('150M');
    expect(formatAxisValue(85.5, '%', 'en')).toBe('85.5%');
    expect(formatAxisValue(4120, '个', 'en')).toBe('4.1k');
  });
});
