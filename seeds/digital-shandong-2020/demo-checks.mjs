// Pure helpers of make-demo-figures.mjs: a seeded PRNG, a stable string hash, and the checks the product
// applies to a reported series (so the generator stops before writing a figure the product would refuse).

const sum = (values) => values.reduce((total, v) => total + v, 0);
export const round1 = (x) => Math.round(x * 10) / 10;
export const percent = (numerator, denominator) => round1((100 * numerator) / denominator);

export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: a stable number for a string (used for office times). */
export function fnv1a(text) {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Modified z-scores (Iglewicz & Hoaglin), as libs/core/src/figures/figure-checks.ts computes them. */
export function modifiedZScores(values) {
  const median = (sorted) => {
    const m = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  };
  const sorted = [...values].sort((a, b) => a - b);
  const m = median(sorted);
  const mad = median(values.map((v) => Math.abs(v - m)).sort((a, b) => a - b));
  if (mad > 0) return values.map((v) => (0.6745 * (v - m)) / mad);
  const meanAbsolute = sum(values.map((v) => Math.abs(v - m))) / values.length;
  if (meanAbsolute === 0) return values.map(() => 0);
  return values.map((v) => (v - m) / (1.253314 * meanAbsolute));
}

/** Problems of a monthly series of increments (counts) or levels; [] when it is fine. */
export function seriesProblems(values, { jumps = true } = {}) {
  const problems = [];
  if (values.some((v) => !Number.isFinite(v) || v < 0)) problems.push('negative or not a number');
  // The product scores a new figure within the series as it then stands (from six figures on), so
  // each month is scored within the months up to it, and every month within the whole series.
  const worst = Math.max(0, ...modifiedZScores(values).map(Math.abs));
  if (worst > 3.5) problems.push(`modified z-score ${worst.toFixed(2)}`);
  for (let k = 6; k < values.length; k++) {
    const score = Math.abs(modifiedZScores(values.slice(0, k))[k - 1]);
    if (score > 3.5) problems.push(`modified z-score ${score.toFixed(2)} when month ${k} came in`);
  }
  const typical = [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  for (const v of values) {
    const ratio = v === 0 || typical === 0 ? 1 : typical / v;
    if (ratio >= 2000 || ratio <= 1 / 2000) problems.push(`${v} is about 10,000× off ${typical}`);
  }
  // Month to month within ±60 % from April on (the first quarter's COVID slow start is deliberate).
  if (jumps) {
    for (let i = 4; i < values.length; i++) {
      const [before, now] = [values[i - 1], values[i]];
      if (before > 0 && (now / before > 1.6 || now / before < 0.4)) {
        problems.push(`jump ${before} → ${now}`);
      }
    }
  }
  return problems;
}

/** Draws `make()` until its series passes the checks (deterministic: the PRNG is seeded). */
export function drawUntilFine(label, make, check) {
  for (let attempt = 0; attempt < 500; attempt++) {
    const result = make();
    if (check(result).length === 0) return result;
  }
  throw new Error(`${label}: no series passes the checks`);
}

/**
 * What in the whole file breaks the product's checks, per indicator and region: levels within 0–100 and
 * equal to their ratio, whole non-negative counts, a year to date that never falls, and each series'
 * outliers and jumps. `figure(indicator, region, period)` is the figure in force.
 */
export function demoProblems(indicators, figure, { months, quarterEnds, cities, province }) {
  const problems = [];
  for (const indicator of indicators) {
    if (indicator.frequency === 'annual') continue;
    const periods = indicator.frequency === 'quarterly' ? quarterEnds : months;
    const regions = indicator.regions === 'cities' ? [...cities] : [province];
    if (indicator.code === 'DS2020-DIGITAL-CAMPUS') regions.unshift(province);
    for (const region of regions) {
      const items = periods.map((p) => figure(indicator.code, region, p)).filter(Boolean);
      const say = (text) => problems.push(`${indicator.code} ${region}: ${text}`);
      for (const item of items) {
        if (item.valueType === 'level') {
          if (!(item.value >= 0 && item.value <= 100)) say(`${item.period} level ${item.value}`);
          if (item.numerator !== undefined) {
            if (item.numerator > item.denominator) say(`${item.period} numerator > denominator`);
            if (item.value !== percent(item.numerator, item.denominator))
              say(`${item.period} value`);
          }
          if (indicator.target.value === 100 && item.value >= 100)
            say(`${item.period} reaches 100`);
        } else if (!Number.isInteger(item.value) || item.value < 0) {
          say(`${item.period} count ${item.value}`);
        }
      }
      let increments = items.map((i) => i.value);
      if (items[0]?.valueType === 'cumulative') {
        increments = increments.map((v, i) => v - (i === 0 ? 0 : increments[i - 1]));
        if (increments.some((d) => d < 0)) say('year to date decreases');
      }
      const sparse = indicator.code === 'DS2020-SMART-AGRI';
      const jumps = !sparse && periods === months && items.length === periods.length;
      for (const p of seriesProblems(increments, { jumps })) say(p);
    }
  }
  return problems;
}
