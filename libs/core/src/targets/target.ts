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
 * How far from `value` a figure may lie and still count as equal to it: floating-point noise, not a
 * real shortfall. `meetsTarget` allows it; the probability of meeting a target allows the same.
 */
export function noiseAllowance(value: number): number {
  return EPSILON * Math.max(1, Math.abs(value));
}

/**
 * Whether `actual` meets `target`. For `~` the band is one-sided in the good direction: an increase
 * target of about 100 is met from 90 upwards (exceeding it is fine), a decrease target up to 110.
 */
export function meetsTarget(actual: number, target: Target, direction: Direction): boolean {
  const { value } = target;
  const slack = noiseAllowance(value);
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
  '=': { zh: '等于', en: 'exactly' },
  '<=': { zh: '不超过', en: 'at most' },
  '<': { zh: '低于', en: 'less than' },
  '~': { zh: '左右', en: 'about' },
};

export type Locale = 'zh-CN' | 'en';

/**
 * A number as the locale writes it. Chinese: 40,000个, 85%, the unit as given. English: the unit in
 * English (`englishQuantity`): 40,000, 85%, 2,000 people, CNY 500 billion.
 */
export function formatQuantity(value: number, unit: string, locale: Locale): string {
  if (locale === 'en') return englishQuantity(value, unit);
  const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(
    shownFigure(value, unit),
  );
  if (unit === '%') return `${number}%`;
  return /^[\u3400-\u9fff]/.test(unit) || unit === '' ? `${number}${unit}` : `${number} ${unit}`;
}

// Measure words count things; English counts them bare ("40,000 个" is "40,000").
const MEASURE_WORDS = new Set<string>([...'个项家座所条台套块处件张批款部只棵头辆艘间栋幢份门']);
const ENGLISH_UNITS: Record<string, string> = {
  名: 'people',
  人: 'people',
  位: 'people',
  人次: 'person-times',
  户: 'households',
  次: 'times',
  倍: 'times',
  个百分点: 'percentage points',
  百分点: 'percentage points',
  小时: 'hours',
  分钟: 'minutes',
  天: 'days',
  日: 'days',
  个工作日: 'working days',
  工作日: 'working days',
  年: 'years',
  月: 'months',
  公里: 'km',
  千米: 'km',
  米: 'm',
  平方公里: 'km²',
  平方米: 'm²',
  亩: 'mu',
  吨: 'tonnes',
  千瓦: 'kW',
  兆瓦: 'MW',
  千瓦时: 'kWh',
};
const SCALES: readonly [string, number][] = [
  ['万亿', 1e12],
  ['亿', 1e8],
  ['万', 1e4],
];
/** Units that count people or times: whole numbers, like the things measure words count. */
const COUNTED_UNITS = new Set(['名', '人', '位', '户', '人次', '次']);

/** The unit without a leading 万/亿 (万人次 → 人次), and the factor that prefix stands for. */
function unscaled(unit: string): { scale: number; rest: string } {
  for (const [prefix, factor] of SCALES) {
    if (unit.startsWith(prefix) && unit.length > prefix.length) {
      return { scale: factor, rest: unit.slice(prefix.length) };
    }
  }
  return { scale: 1, rest: unit };
}

/**
 * Whether a unit counts whole things (个 项 家 … and people, households, times): such figures are
 * never shown with a fraction (a plan line at 41.53个 is shown as 42个). 万人次 counts too.
 */
export function isCountUnit(unit: string): boolean {
  const { rest } = unscaled(unit);
  return MEASURE_WORDS.has(rest) || COUNTED_UNITS.has(rest);
}

/**
 * The unit of a difference of two figures in `unit`: percentage points for a percentage (90% − 88.4%
 * is 1.6 个百分点, not 1.6%), the unit itself otherwise.
 */
export function differenceUnit(unit: string): string {
  return unit === '%' ? '个百分点' : unit;
}

/** A figure as shown: a count rounded to a whole number (in its own unit: 0.46 万人次 stays). */
export function shownFigure(value: number, unit: string): number {
  if (!isCountUnit(unit)) return value;
  const { scale } = unscaled(unit);
  const whole = Math.round(value * scale) / scale;
  return whole === 0 ? 0 : whole;
}

/**
 * A quantity in English with its Chinese unit put into English: measure words (个 项 家 …) drop,
 * 名/人 are people, money is in CNY, a 万/亿 in the unit scales the number (2 万人次 is 20,000
 * person-times, 5000 亿元 is CNY 500 billion). A unit it does not know stays as given.
 */
export function englishQuantity(raw: number, unit: string, fractionDigits = 2): string {
  const value = shownFigure(raw, unit);
  const number = (n: number) =>
    new Intl.NumberFormat('en-US', { maximumFractionDigits: fractionDigits }).format(n);
  if (unit === '%') return `${number(value)}%`;
  if (unit === '') return number(value);
  const { scale, rest } = unscaled(unit);
  if (rest === '元') {
    const money = value * scale;
    const text = new Intl.NumberFormat('en-US', {
      notation: Math.abs(money) >= 1e6 ? 'compact' : 'standard',
      compactDisplay: 'long',
      maximumFractionDigits: fractionDigits,
    }).format(money);
    return `CNY ${text}`;
  }
  if (MEASURE_WORDS.has(rest)) return number(value * scale);
  const english = ENGLISH_UNITS[rest];
  if (english) return `${number(value * scale)} ${english}`;
  return `${number(value)} ${unit}`;
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
