/** Comparators a plan's target can state. `~` is "about" (左右): a band with a relative tolerance. */
export const COMPARATORS = ['>=', '>', '=', '<=', '<', '~'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** "About" targets are met within 10% unless the plan says otherwise. */
export const DEFAULT_TOLERANCE = 0.1;

export type Direction = 'increase' | 'decrease';

export interface Target {
  comparator: Comparator;
  value: number;
  /** Relative tolerance for `~`; ignored by the other comparators. */
  tolerance?: number | undefined;
}

// Equality on measured figures tolerates floating-point noise, not real shortfalls.
const EPSILON = 1e-9;

/**
 * Whether `actual` meets `target`. For `~` the band is one-sided in the good direction: an increase
 * target of about 100 is met from 90 upwards (exceeding it is fine), a decrease target up to 110.
 */
export function meetsTarget(actual: number, target: Target, direction: Direction): boolean {
  const { value } = target;
  const slack = EPSILON * Math.max(1, Math.abs(value));
  switch (target.comparator) {
    case '>=':
      return actual >= value - slack;
    case '>':
      return actual > value + slack;
    case '=':
      return Math.abs(actual - value) <= slack;
    case '<=':
      return actual <= value + slack;
    case '<':
      return actual < value - slack;
    case '~': {
      const band = Math.abs(value) * (target.tolerance ?? DEFAULT_TOLERANCE);
      return direction === 'increase'
        ? actual >= value - band - slack
        : actual <= value + band + slack;
    }
  }
}

const COMPARATOR_SYMBOL: Record<Comparator, string> = {
  '>=': '≥',
  '>': '>',
  '=': '=',
  '<=': '≤',
  '<': '<',
  '~': '≈',
};

const COMPARATOR_WORDS: Record<Comparator, { zh: string; en: string }> = {
  '>=': { zh: '不少于', en: 'at least' },
  '>': { zh: '超过', en: 'more than' },
  '=': { zh: '达到', en: 'reach' },
  '<=': { zh: '不超过', en: 'at most' },
  '<': { zh: '低于', en: 'less than' },
  '~': { zh: '左右', en: 'about' },
};

export type Locale = 'zh-CN' | 'en';

/** A number as the locale writes it: 40,000 / 40,000; `%` and CJK units follow without a space. */
export function formatQuantity(value: number, unit: string, locale: Locale): string {
  const number = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'zh-CN', {
    maximumFractionDigits: 2,
  }).format(value);
  if (unit === '%') return `${number}%`;
  const cjkUnit = /^[\u3400-\u9fff]/.test(unit);
  return cjkUnit || unit === ''
    ? `${number}${locale === 'en' && cjkUnit ? ' ' : ''}${unit}`
    : `${number} ${unit}`;
}

/** A target in words: "不少于 40,000个", "100个左右（±10%）", "more than 90%". */
export function describeTarget(target: Target, unit: string, locale: Locale): string {
  const quantity = formatQuantity(target.value, unit, locale);
  const words = COMPARATOR_WORDS[target.comparator];
  if (target.comparator === '~') {
    const pct = Math.round((target.tolerance ?? DEFAULT_TOLERANCE) * 100);
    return locale === 'en' ? `about ${quantity} (±${pct}%)` : `${quantity}左右（±${pct}%）`;
  }
  return locale === 'en' ? `${words.en} ${quantity}` : `${words.zh} ${quantity}`;
}

/** The comparator as a mathematical symbol, for compact tables. */
export function comparatorSymbol(comparator: Comparator): string {
  return COMPARATOR_SYMBOL[comparator];
}
