import { chineseQuantity } from '@zhibiao/core';

// Axes and labels of the charts: compact numbers, nice round ranges, text safe in a tooltip.

/**
 * An axis label, compact: 36000 → '3.6万', 1.5e8 → '1.5亿', 4120 → '4120', 85.5 with '%' → '85.5%';
 * in English 36000 → '36k', 1.5e8 → '150M'.
 */
export function formatAxisValue(
  value: number,
  unit: string,
  language: 'zh-CN' | 'en' = 'zh-CN',
): string {
  // Other units (个, 亿元 …) are named by the page; on the axis they would only crowd the numbers.
  const suffix = unit === '%' ? '%' : '';
  if (language === 'zh-CN') return chineseQuantity(value, suffix);
  const text = new Intl.NumberFormat('en-US', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
  return `${text.replace('K', 'k')}${suffix}`;
}

/** A quantity in the tooltip: 3.6万个 in Chinese, 36,000 个 in English. */
export function tooltipQuantity(value: number, unit: string, language: 'zh-CN' | 'en'): string {
  if (language === 'zh-CN') return chineseQuantity(value, unit);
  const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(value);
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

export interface AxisRange {
  min: number;
  max: number;
  interval: number;
}

/**
 * A range from nice round numbers that holds every value (the target too, so its line shows), with a
 * little headroom; from zero for counts; a percentage that stays within 0–100 keeps within it.
 */
export function valueAxisRange(
  values: readonly number[],
  fromZero: boolean,
  percent: boolean,
  ticks: number,
  whole = false,
): AxisRange | null {
  if (values.length === 0) return null;
  let low = Math.min(...values);
  let high = Math.max(...values);
  if (fromZero) {
    low = Math.min(0, low);
    high = Math.max(0, high);
  }
  const span = high - low || Math.abs(high) || 1;
  const paddedLow = fromZero && low >= 0 ? low : low - span * 0.05;
  const paddedHigh = high + span * 0.05;
  // Counts step by whole things: no tick at 0.5 of a base station.
  const step = niceStep((paddedHigh - paddedLow) / ticks);
  const interval = whole ? Math.max(1, step) : step;
  let min = multipleOf(interval, Math.floor(paddedLow / interval));
  let max = multipleOf(interval, Math.ceil(paddedHigh / interval));
  if (percent && high <= 100 && max > 100) max = 100;
  if (percent && low >= 0 && min < 0) min = 0;
  return { min, max, interval };
}

/** 1, 2 or 5 times a power of ten, near `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * power;
}

// k × step without binary noise (3 × 0.1 is 0.30000000000000004).
function multipleOf(step: number, k: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Number((k * step).toFixed(decimals)) + 0;
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
