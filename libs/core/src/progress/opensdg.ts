// The Open SDG / Statistics Canada progress measure for multi-year indicators.
// Method: open-sdg/open-sdg `docs/progress-methodology.md` ("Methodology", "Aggregated progress status",
// "Considerations and Exceptions"). Where that text is silent or shows a formula only as an image, the
// reference implementation decides: open-sdg/sdg-build `sdg/ProgressMeasure.py` (SeriesProgress,
// IndicatorProgress; the version with mean aggregation and the 0.001 replacement of a zero base value).
import type { Direction } from '../targets/target.js';

/** Progress categories, as Open SDG names them (sdg-build status values). */
export const OPENSDG_STATUSES = [
  'target_achieved',
  'substantial_progress',
  'moderate_progress',
  'limited_progress',
  'deterioration',
  // The methodology's "Unable to assess" (minimum data requirements unmet); sdg-build reports it so.
  'not_available',
] as const;
export type OpenSdgStatus = (typeof OPENSDG_STATUSES)[number];

/**
 * Thresholds of the measure. `ratio*` apply to R (series with a quantitative target), `growth*` to the
 * direction-adjusted CAGR (series without one). sdg-build calls them high / med / low per method.
 */
export interface OpenSdgConfig {
  /** R at or above this is "On track" (substantial_progress). */
  readonly ratioSubstantial: number;
  /** R at or above this is "Progress made but acceleration needed" (moderate_progress). */
  readonly ratioModerate: number;
  /** R at or above this is "Limited progress"; below it "Deterioration". */
  readonly ratioLimited: number;
  /** CAGR at or above this (times the limit factor C) is "On track". */
  readonly growthSubstantial: number;
  /** CAGR at or above this (times C) is "Progress made but acceleration needed". */
  readonly growthModerate: number;
  /** CAGR at or above this (times C) is "Limited progress"; below it "Deterioration". */
  readonly growthLimited: number;
  /** Stands in for a base value or target of zero, which the exponential model cannot handle. */
  readonly zeroReplacement: number;
}

/**
 * The published defaults: "Indicators with quantitative targets" (R ≥ 95% / 60% / 0%), "Indicators
 * without quantitative targets" (CAGR ≥ 1.5% / 0.5% / 0%), and "Special considerations for the base
 * value and the target value" (zero is replaced by 0.001 "unless otherwise specified").
 */
export const OPENSDG_DEFAULT_CONFIG: Readonly<OpenSdgConfig> = Object.freeze({
  ratioSubstantial: 0.95,
  ratioModerate: 0.6,
  ratioLimited: 0,
  growthSubstantial: 0.015,
  growthModerate: 0.005,
  growthLimited: 0,
  zeroReplacement: 0.001,
});

// Exponent of the scaling factor C near a natural limit (the `coeff.svg` formula; sdg-build `a = 4.44`).
const LIMIT_EXPONENT = 4.44;

// "Aggregated progress status": scores run from −5 to +5, split equally between the four categories.
const SCORE_MIN = -5;
const SCORE_MAX = 5;
const SCORE_SUBSTANTIAL = 2.5;
const SCORE_MODERATE = 0;
const SCORE_LIMITED = -2.5;
// "Any series that achieves its target is automatically assigned a progress score of +5."
const TARGET_ACHIEVED_SCORE = SCORE_MAX;

// Figure 1 (no target), as straight lines through its published points: score −5 at CAGR −2%, −2.5 at
// 0%, 0 at 0.5%·C, 2.5 at 1.5%·C, 5 at 2%·C. Below 0% the CAGR is not divided by C ("the scaling
// factor is not applied to thresholds ≤ 0%"); above it, CAGR/C is placed on the unscaled axis.
const GROWTH_LINE_BELOW_ZERO = { slope: 125, intercept: -2.5 }; // (−2%, −5) to (0%, −2.5)
const GROWTH_LINE_LIMITED = { slope: 500, intercept: -2.5 }; // (0%, −2.5) to (0.5%, 0)
const GROWTH_LINE_MODERATE = { slope: 250, intercept: -1.25 }; // (0.5%, 0) to (1.5%, 2.5)
const GROWTH_LINE_SUBSTANTIAL = { slope: 500, intercept: -5 }; // (1.5%, 2.5) to (2%, 5)

// Figure 2 (with a target), through its published points: score −5 at R = −60%, 0 at 60%, 5 at 130%.
// sdg-build computes these lines with 4-decimal coefficients, and published Open SDG sites show its
// scores: the same coefficients here, so a score matches theirs to the last digit (the exact lines,
// 50/7·R − 30/7 and 25/6·R − 2.5, differ from them in the fifth).
const RATIO_LINE_UPPER = { slope: 7.1429, intercept: -4.2857 }; // (60%, 0) to (130%, 5)
const RATIO_LINE_LOWER = { slope: 4.1667, intercept: -2.5 }; // (−60%, −5) to (60%, 0)

interface Line {
  readonly slope: number;
  readonly intercept: number;
}

function onLine(line: Line, x: number): number {
  return line.slope * x + line.intercept;
}

function clampScore(score: number): number {
  return Math.min(SCORE_MAX, Math.max(SCORE_MIN, score));
}

function requireFinite(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number: ${value}`);
}

const CONFIG_KEYS = Object.keys(OPENSDG_DEFAULT_CONFIG) as (keyof OpenSdgConfig)[];

function resolveConfig(overrides: Partial<OpenSdgConfig> | undefined): OpenSdgConfig {
  const config: OpenSdgConfig = { ...OPENSDG_DEFAULT_CONFIG, ...overrides };
  for (const name of CONFIG_KEYS) requireFinite(`config.${name}`, config[name]);
  if (config.zeroReplacement === 0) throw new RangeError('config.zeroReplacement must not be zero');
  if (
    config.ratioSubstantial < config.ratioModerate ||
    config.ratioModerate < config.ratioLimited ||
    config.growthSubstantial < config.growthModerate ||
    config.growthModerate < config.growthLimited
  ) {
    throw new RangeError('config thresholds must not decrease from limited to substantial');
  }
  return config;
}

/**
 * Compound annual growth rate from (`fromYear`, `fromValue`) to (`toYear`, `toValue`):
 * (toValue / fromValue)^(1 / (toYear − fromYear)) − 1 ("Methodology", CAGR_i and CAGR_T).
 * NaN for values of opposite signs, except over a single year.
 */
export function opensdgGrowthRate(
  fromYear: number,
  fromValue: number,
  toYear: number,
  toValue: number,
): number {
  return Math.pow(toValue / fromValue, 1 / (toYear - fromYear)) - 1;
}

/**
 * The scaling factor C for an indicator with a natural limit and no target ("Indicators without
 * quantitative targets"): 1 − (y0/ylim)^4.44 up to the limit, 1 − ((2·ylim − y0)/ylim)^4.44 beyond it up
 * to twice the limit, 1 from there on (also when base and limit are both zero), on absolute values.
 * C is 0 at the limit and equal at equal relative distances either side of it.
 */
export function opensdgLimitCoefficient(baseValue: number, limit: number): number {
  requireFinite('baseValue', baseValue);
  requireFinite('limit', limit);
  const base = Math.abs(baseValue);
  const bound = Math.abs(limit);
  // Checked first so that a zero base at a zero limit keeps the thresholds whole (as sdg-build does).
  if (base >= 2 * bound) return 1;
  if (base <= bound) return 1 - Math.pow(base / bound, LIMIT_EXPONENT);
  return 1 - Math.pow((2 * bound - base) / bound, LIMIT_EXPONENT);
}

export interface OpenSdgInput {
  /** t0: the base year (Open SDG uses 2015, or the first year with data after it). */
  baseYear: number;
  /** y0: the value in the base year. Zero is replaced by `config.zeroReplacement`. */
  baseValue: number;
  /** ti: the most recent year with data. */
  currentYear: number;
  /** yi: the value in that year. */
  currentValue: number;
  /** yT: the quantitative target; absent or null for a series assessed on its trend. Zero is replaced. */
  target?: number | null | undefined;
  /** tT: the year the target is due (Open SDG default 2030); unused without a target. */
  targetYear: number;
  /** d: the desired direction of progress. */
  direction: Direction;
  /** ylim: the natural ceiling (increase) or floor (decrease); only used without a target. */
  limit?: number | null | undefined;
  config?: Partial<OpenSdgConfig> | undefined;
}

export interface OpenSdgAssessment {
  status: OpenSdgStatus;
  /** R with a target, the direction-adjusted CAGR without; null when the series cannot be assessed. */
  progressValue: number | null;
  /** −5…5 (5 when the target is achieved); null when the series cannot be assessed. */
  score: number | null;
}

const REQUIRED_NUMBERS = [
  'baseYear',
  'baseValue',
  'currentYear',
  'currentValue',
  'targetYear',
] as const satisfies readonly (keyof OpenSdgInput)[];

interface Thresholds {
  readonly substantial: number;
  readonly moderate: number;
  readonly limited: number;
}

function statusFromProgress(value: number, thresholds: Thresholds): OpenSdgStatus {
  if (value >= thresholds.substantial) return 'substantial_progress';
  if (value >= thresholds.moderate) return 'moderate_progress';
  if (value >= thresholds.limited) return 'limited_progress';
  return 'deterioration';
}

// Figure 2. As in sdg-build the line is chosen by the configured moderate threshold, which is where
// the published lines meet when the defaults are in force.
function scoreWithTarget(ratio: number, thresholds: Thresholds): number {
  const line = ratio >= thresholds.moderate ? RATIO_LINE_UPPER : RATIO_LINE_LOWER;
  return clampScore(onLine(line, ratio));
}

// Figure 1 with the thresholds already scaled by C. With custom thresholds the segments follow the
// configured (scaled) thresholds while the lines stay the published ones, as in sdg-build.
function scoreWithoutTarget(growth: number, thresholds: Thresholds, coefficient: number): number {
  if (growth < thresholds.limited) return clampScore(onLine(GROWTH_LINE_BELOW_ZERO, growth));
  // "Special considerations": a base value at the limit (C = 0) maintained or exceeded scores +5.
  if (coefficient === 0) return SCORE_MAX;
  const unscaled = growth / coefficient;
  if (growth >= thresholds.substantial) {
    return clampScore(onLine(GROWTH_LINE_SUBSTANTIAL, unscaled));
  }
  if (growth >= thresholds.moderate) return clampScore(onLine(GROWTH_LINE_MODERATE, unscaled));
  return clampScore(onLine(GROWTH_LINE_LIMITED, unscaled));
}

// "Minimum data requirements": two years of data, and values all positive or all negative. Also null
// where the published formulas are undefined (sdg-build raises there): a target year not after the base
// year, a target of the other sign than the base value, or a target equal to the base value (CAGR_T = 0).
function progressValue(
  input: OpenSdgInput,
  base: number,
  target: number | null,
  sign: number,
  direction: number,
): number | null {
  const { baseYear, currentYear, currentValue, targetYear } = input;
  if ((base > 0 && currentValue < 0) || (base < 0 && currentValue > 0)) return null;
  if (currentYear - baseYear < 1) return null;
  const observed = opensdgGrowthRate(baseYear, base, currentYear, currentValue);
  if (target === null) return sign * direction * observed;
  if (targetYear <= baseYear || Math.sign(target) !== Math.sign(base)) return null;
  const required = opensdgGrowthRate(baseYear, base, targetYear, target);
  if (required === 0) return null;
  // The magnitude of CAGR_T keeps the sign of R on the desired direction even when the base value is
  // already past the target ("Indicators with quantitative targets").
  return (sign * direction * observed) / Math.abs(required);
}

/**
 * Assesses one series with the Open SDG / Statistics Canada progress measure
 * (open-sdg `docs/progress-methodology.md`, as implemented by sdg-build `SeriesProgress`).
 *
 * With a target, R = s·d·CAGR_i / |CAGR_T| against 95% / 60% / 0%; without one, s·d·CAGR_i against
 * 1.5% / 0.5% / 0%, positive thresholds scaled by C near a natural `limit`. s is −1 for a negative base
 * value (the direction flips), d is +1 for increase and −1 for decrease. A current value at or past the
 * target is `target_achieved` with score 5 before anything else is checked, even when the series could
 * not otherwise be assessed. Otherwise the status is `not_available` (progress value and score null)
 * with fewer than two years, a base year after the current year, values of opposite signs, or a target
 * the formulas cannot reach. Throws a RangeError on non-finite numbers or inconsistent thresholds.
 */
export function opensdgAssessment(input: OpenSdgInput): OpenSdgAssessment {
  const config = resolveConfig(input.config);
  for (const name of REQUIRED_NUMBERS) requireFinite(name, input[name]);
  const rawTarget = input.target ?? null;
  const limit = input.limit ?? null;
  if (rawTarget !== null) requireFinite('target', rawTarget);
  if (limit !== null) requireFinite('limit', limit);

  const direction = input.direction === 'increase' ? 1 : -1;
  const target = rawTarget === 0 ? config.zeroReplacement : rawTarget;
  // Sign and C come from the base value as given; only the growth rates see the zero replacement.
  const sign = input.baseValue < 0 ? -1 : 1;
  const base = input.baseValue === 0 ? config.zeroReplacement : input.baseValue;

  let thresholds: Thresholds;
  let coefficient = 1;
  if (target !== null) {
    // A limit is ignored once there is a target.
    thresholds = {
      substantial: config.ratioSubstantial,
      moderate: config.ratioModerate,
      limited: config.ratioLimited,
    };
  } else {
    if (limit !== null) coefficient = opensdgLimitCoefficient(input.baseValue, limit);
    thresholds = {
      substantial: config.growthSubstantial * coefficient,
      moderate: config.growthModerate * coefficient,
      limited: config.growthLimited * coefficient,
    };
  }

  const achieved =
    target !== null &&
    (direction === 1 ? input.currentValue >= target : input.currentValue <= target);
  const value = progressValue(input, base, target, sign, direction);

  if (achieved) {
    return { status: 'target_achieved', progressValue: value, score: TARGET_ACHIEVED_SCORE };
  }
  if (value === null) return { status: 'not_available', progressValue: null, score: null };
  return {
    status: statusFromProgress(value, thresholds),
    progressValue: value,
    score:
      target !== null
        ? scoreWithTarget(value, thresholds)
        : scoreWithoutTarget(value, thresholds, coefficient),
  };
}

export interface OpenSdgAggregateInput {
  /** Scores (−5…5) of the series that could be assessed; leave out the not_available ones. */
  scores: readonly number[];
  /** Whether every one of those series achieved its target. */
  allTargetsAchieved: boolean;
}

export interface OpenSdgAggregate {
  status: OpenSdgStatus;
  /** The mean score; null when there is no score to aggregate. */
  score: number | null;
}

/**
 * The indicator's status from its series' scores ("Aggregated progress status"): the mean score, placed
 * in the bands [2.5, 5] substantial, [0, 2.5[ moderate, [−2.5, 0[ limited, [−5, −2.5[ deterioration;
 * `target_achieved` only when every series achieved its target. For "Sub-indicator grouping", aggregate
 * each group first and pass its mean score on as one score. No scores: `not_available` with a null score.
 */
export function opensdgAggregate(input: OpenSdgAggregateInput): OpenSdgAggregate {
  const { scores } = input;
  if (scores.length === 0) return { status: 'not_available', score: null };
  for (const score of scores) {
    if (!Number.isFinite(score) || score < SCORE_MIN || score > SCORE_MAX) {
      throw new RangeError(`a score must lie between ${SCORE_MIN} and ${SCORE_MAX}: ${score}`);
    }
  }
  const mean = scores.reduce((sum, score) => sum + score, 0) / scores.length;
  if (input.allTargetsAchieved) return { status: 'target_achieved', score: mean };
  const status: OpenSdgStatus =
    mean >= SCORE_SUBSTANTIAL
      ? 'substantial_progress'
      : mean >= SCORE_MODERATE
        ? 'moderate_progress'
        : mean >= SCORE_LIMITED
          ? 'limited_progress'
          : 'deterioration';
  return { status, score: mean };
}
