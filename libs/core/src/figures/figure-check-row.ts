import {
  MAX_FIGURE_MAGNITUDE,
  periodEnd,
  periodState,
  plausibleCeiling,
  PLAUSIBILITY_FACTOR,
  withinFigureRange,
} from './figure-checks.js';
import {
  cellText,
  NUMBER_COLUMNS,
  parseNumberCell,
  parsePeriodCell,
  VALUE_TYPE_WORDS,
} from './figure-check-cells.js';
import { error, shown, type CheckContext, type RowDraft } from './figure-check-context.js';
import type { Finding, RawFigureRow } from './figure-rows.js';
import type { ValueType } from './series.js';
import { isCountUnit, noiseAllowance, shownFigure } from '../targets/target.js';
import type { Period } from '../time/time.js';

// The checks a row faces on its own: the catalogue, the reporter's assignment, the figure and its
// value type, a ratio's parts, the calendar.

/** A ratio's value may be rounded to a whole percent: 85 for 171/200 = 85.5% is accepted. */
export const RATIO_TOLERANCE = 0.5;

/**
 * Whether `value` is a whole number of what `unit` counts (个, 名, 项 … see isCountUnit), counted in
 * units of one: 0.46 万人次 is 4,600 person-times and whole, 4.8 个 is not. Any number of a unit that
 * counts nothing is whole for this purpose.
 */
export function isWholeCount(value: number, unit: string): boolean {
  if (!isCountUnit(unit)) return true;
  return Math.abs(shownFigure(value, unit) - value) <= noiseAllowance(value);
}

export function checkRow(
  raw: RawFigureRow,
  context: CheckContext,
  report: (f: Omit<Finding, 'row'>) => void,
): RowDraft | null {
  const { cells } = raw;
  let ok = true;
  const fail = (finding: Omit<Finding, 'row'>) => {
    ok = false;
    report(finding);
  };
  const note = cellText(cells.note);

  const indicatorCode = cellText(cells.indicator).toUpperCase();
  const regionCode = cellText(cells.region).replace(/\.0+$/, '');
  if (indicatorCode === '') fail(error('indicator', 'required'));
  if (regionCode === '') fail(error('region', 'required'));
  const indicator = indicatorCode === '' ? undefined : context.indicator(indicatorCode);
  if (indicatorCode !== '' && !indicator)
    fail(error('indicator', 'unknown_indicator', { code: indicatorCode }));
  if (regionCode !== '' && !context.regionExists(regionCode)) {
    fail(error('region', 'unknown_region', { code: regionCode }));
  } else if (indicator && regionCode !== '') {
    if (!indicator.regions.includes(regionCode)) {
      fail(
        error('region', 'region_not_broken_down', {
          indicator: indicator.code,
          region: regionCode,
          regions: indicator.regions.join(', '),
        }),
      );
    } else if (!context.mayReport(indicator.code, regionCode)) {
      fail(
        error('region', 'outside_assignment', {
          department: context.reporter,
          indicator: indicator.code,
          region: regionCode,
        }),
      );
    }
  }
  if (indicator && indicator.plan.status !== 'published') {
    fail(
      error('indicator', 'plan_not_open', {
        plan: indicator.plan.code,
        status: indicator.plan.status,
      }),
    );
  }

  const parsedPeriod = parsePeriodCell(cells.period);
  let periodValue: Period | null = null;
  if (!parsedPeriod.ok) fail(parsedPeriod.finding);
  else {
    if (parsedPeriod.finding) report(parsedPeriod.finding);
    periodValue = parsedPeriod.value;
    if (periodValue === null) fail(error('period', 'required'));
  }

  const percent = indicator?.unit === '%';
  const parsedNumbers = NUMBER_COLUMNS.map((column) => {
    const parsed = parseNumberCell(cells[column], column, percent);
    if (!parsed.ok) {
      fail(parsed.finding);
      return undefined;
    }
    if (parsed.finding) report(parsed.finding);
    return parsed.value;
  });
  // Any number beyond MAX_FIGURE_MAGNITUDE is refused before it is computed with.
  const numbers = parsedNumbers.map((parsed, index) => {
    if (typeof parsed !== 'number' || withinFigureRange(parsed)) return parsed;
    fail(
      error(NUMBER_COLUMNS[index]!, 'value_out_of_range', {
        value: parsed,
        limit: MAX_FIGURE_MAGNITUDE,
      }),
    );
    return undefined;
  });
  // What a unit counts (个, 名, 项 …) comes in whole numbers, parts of a ratio included.
  if (indicator && isCountUnit(indicator.unit)) {
    numbers.forEach((number, index) => {
      if (typeof number === 'number' && !isWholeCount(number, indicator.unit)) {
        fail(
          error(NUMBER_COLUMNS[index]!, 'fractional_count', {
            value: shown(number),
            unit: indicator.unit,
          }),
        );
        numbers[index] = undefined;
      }
    });
  }
  const [, numerator, denominator] = numbers;
  let value = numbers[0];

  // Value type: counts say which form; rates and levels are levels.
  let valueType: ValueType | null = null;
  const typeText = cellText(cells.valueType);
  const typeWord =
    typeText === ''
      ? undefined
      : (VALUE_TYPE_WORDS[typeText.toLowerCase()] ?? VALUE_TYPE_WORDS[typeText]);
  if (typeText !== '' && typeWord === undefined)
    fail(error('valueType', 'invalid_value_type', { text: typeText }));
  else if (indicator) {
    if (indicator.kind === 'cumulative') {
      if (typeWord === undefined) fail(error('valueType', 'value_type_required'));
      else if (typeWord === 'level')
        fail(error('valueType', 'invalid_value_type', { text: typeText }));
      else valueType = typeWord;
    } else if (typeWord === 'increment') {
      fail(error('valueType', 'value_type_not_allowed', { indicator: indicator.code }));
    } else valueType = 'level';
  }

  // Ratios: numerator and denominator together, consistent with the value.
  if (
    numerator !== undefined &&
    denominator !== undefined &&
    (numerator !== null || denominator !== null)
  ) {
    if (numerator === null || denominator === null) {
      fail(
        error(numerator === null ? 'numerator' : 'denominator', 'numerator_without_denominator'),
      );
    } else if (denominator <= 0) {
      fail(error('denominator', 'denominator_not_positive', { value: denominator }));
    } else if (numerator < 0) {
      fail(error('numerator', 'numerator_negative', { value: numerator }));
    } else if (numerator > denominator) {
      fail(error('numerator', 'numerator_exceeds_denominator', { numerator, denominator }));
    } else if (percent) {
      const ratio = (100 * numerator) / denominator;
      if (value === null) value = Number(ratio.toFixed(6));
      else if (value !== undefined && Math.abs(value - ratio) > RATIO_TOLERANCE + 1e-9) {
        fail(
          error('value', 'ratio_mismatch', {
            value,
            numerator,
            denominator,
            ratio: shown(Number(ratio.toFixed(2))),
          }),
        );
      }
    }
  }
  // A value left to be derived from a numerator or denominator that failed is not also "required".
  if (value === null && numerator !== undefined && denominator !== undefined)
    fail(error('value', 'required'));
  if (typeof value === 'number' && indicator) {
    if (indicator.kind === 'cumulative' && value < 0)
      fail(error('value', 'negative_count', { value }));
    if (percent && (value < 0 || value > 100))
      fail(error('value', 'percent_out_of_range', { value }));
    const ceiling = percent ? null : plausibleCeiling(indicator.targetMagnitude);
    if (ceiling !== null && Math.abs(value) > ceiling) {
      fail(
        error('value', 'value_implausible', {
          value,
          ceiling,
          factor: PLAUSIBILITY_FACTOR,
          reference: indicator.targetMagnitude ?? 0,
        }),
      );
    }
  }

  // The calendar: inside the plan, over already, the right month of a quarter or a year.
  if (indicator && periodValue !== null) {
    const { firstPeriod, lastPeriod } = indicator.plan;
    if (periodValue < firstPeriod || periodValue > lastPeriod) {
      fail(
        error('period', 'period_outside_plan', {
          period: periodValue,
          from: firstPeriod,
          to: lastPeriod,
        }),
      );
    } else if (
      periodState(periodValue, context.today, indicator.dueDay, context.graceDays) === 'future'
    ) {
      fail(error('period', 'period_future', { period: periodValue, end: periodEnd(periodValue) }));
    }
    const month = Number(periodValue.slice(5, 7));
    if (indicator.frequency === 'quarterly' && month % 3 !== 0) {
      fail(
        error('period', 'period_not_quarter_end', {
          indicator: indicator.code,
          period: periodValue,
        }),
      );
    }
    if (indicator.frequency === 'annual' && month !== 12) {
      fail(
        error('period', 'period_not_year_end', { indicator: indicator.code, period: periodValue }),
      );
    }
  }

  if (!ok || !indicator || periodValue === null || valueType === null || typeof value !== 'number')
    return null;
  return {
    row: raw.row,
    indicator,
    region: regionCode,
    period: periodValue,
    value,
    valueType,
    numerator: numerator ?? null,
    denominator: denominator ?? null,
    note,
  };
}
