import {
  MAX_FIGURE_MAGNITUDE,
  modifiedZScores,
  OUTLIER_THRESHOLD,
  periodEnd,
  periodState,
  plausibleCeiling,
  PLAUSIBILITY_FACTOR,
  wanSlip,
  withinFigureRange,
} from './figure-checks.js';
import type { CellValue, FigureColumn, Finding, FindingCode, RawFigureRow } from './figure-rows.js';
import {
  deriveSeries,
  monthsPerPeriod,
  previousPeriod,
  type Revision,
  type SeriesPoint,
  type ValueType,
} from './series.js';
import { isCountUnit, shownFigure } from '../targets/target.js';
import { addDays, type IsoDate, type Period } from '../time/time.js';

// The checks every figure faces before it is stored, whichever way it came in. Pure: the API runs them
// inside the transaction that stores the figures, the entry form can run them as the user types.

export type IndicatorKindName = 'cumulative' | 'level' | 'ratio';
export type FrequencyName = 'monthly' | 'quarterly' | 'annual';

/** What the checks need to know of an indicator. */
export interface IndicatorFacts {
  code: string;
  kind: IndicatorKindName;
  unit: string;
  frequency: FrequencyName;
  dueDay: number;
  plan: { code: string; status: string; firstPeriod: Period; lastPeriod: Period };
  /** Regions the indicator is reported for. */
  regions: readonly string[];
  /** The province region when the indicator is broken down by city (its figure is their sum). */
  province: string | null;
  /**
   * The largest magnitude among its target values (every version, every region) and its baseline:
   * what a plausible figure is measured against. Null when it has none.
   */
  targetMagnitude: number | null;
}

/** A stored revision in force, as the series checks see it. */
export interface StoredFigure extends Revision {
  numerator: number | null;
  denominator: number | null;
}

export interface CheckContext {
  today: IsoDate;
  /** Days after the due day a period stays open. */
  graceDays: number;
  /** The department reporting, for messages. */
  reporter: string;
  indicator(code: string): IndicatorFacts | undefined;
  regionExists(code: string): boolean;
  mayReport(indicator: string, region: string): boolean;
  /** The figures in force now for a series (any order). */
  inForce(indicator: string, region: string): readonly StoredFigure[];
}

/** A row that passed: the figure to store, normalised. */
export interface CheckedFigure {
  row: number;
  indicator: string;
  region: string;
  period: Period;
  value: number;
  valueType: ValueType;
  numerator: number | null;
  denominator: number | null;
  note: string;
  late: boolean;
  /** New period, a correction of a figure in force, or equal to it (nothing to store). */
  change: 'new' | 'correction' | 'unchanged';
}

export interface CheckResult {
  /** Rows without errors, in row order. */
  figures: CheckedFigure[];
  /** Rows with at least one error. */
  rejectedRows: number[];
  /** Rows left blank (no value, numerator or denominator): not reported this time, not checked. */
  blankRows: number[];
  findings: Finding[];
}

/** A ratio's value may be rounded to a whole percent: 85 for 171/200 = 85.5% is accepted. */
export const RATIO_TOLERANCE = 0.5;

/** Rows a duplicate-free, stored-in-one-go batch keeps apart: indicator, region, period. */
function seriesKey(indicator: string, region: string): string {
  return `${indicator}\u0000${region}`;
}

// ─── reading cells ──────────────────────────────────────────────────────────────────────────────

function cellText(cell: CellValue | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}

const FULL_WIDTH = /[\uFF10-\uFF19\uFF0E\uFF0D\uFF0B]/g;

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const NUMBER_COLUMNS = ['value', 'numerator', 'denominator'] as const;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

type Parsed<T> =
  | { ok: true; value: T; finding?: Omit<Finding, 'row'> }
  | { ok: false; finding: Omit<Finding, 'row'> };

/** A number as people type it: 40,000 / ４００００ / 4.0万 / 85.5% (for a percentage). */
export function parseNumberCell(
  cell: CellValue | undefined,
  column: FigureColumn,
  percent: boolean,
): Parsed<number | null> {
  if (cell === null || cell === undefined || cell === '') return { ok: true, value: null };
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? { ok: true, value: cell }
      : { ok: false, finding: error(column, 'not_a_number', { text: String(cell) }) };
  }
  const text = cellText(cell);
  if (text === '') return { ok: true, value: null };
  if (cell instanceof Date) return { ok: false, finding: error(column, 'not_a_number', { text }) };
  let plain = halfWidth(text).replace(/[,，\s_]/g, '');
  if (percent && plain.endsWith('%')) plain = plain.slice(0, -1);
  let multiplier = 1;
  if (plain.endsWith('万')) {
    multiplier = 10_000;
    plain = plain.slice(0, -1);
  }
  if (!NUMBER.test(plain)) return { ok: false, finding: error(column, 'not_a_number', { text }) };
  const value = Number(plain) * multiplier;
  if (!Number.isFinite(value))
    return { ok: false, finding: error(column, 'not_a_number', { text }) };
  return multiplier === 1
    ? { ok: true, value }
    : { ok: true, value, finding: warning(column, 'number_with_wan', { text, value }) };
}

/** Excel's day 0 of the 1900 date system, as Excel counts (with its 1900 leap-year bug). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const PERIOD_TEXT =
  /^(\d{4})\s*(?:[-/.年]\s*(\d{1,2})\s*(?:[-/.月]\s*(\d{1,2})\s*日?)?\s*月?|(\d{2}))$/;
const QUARTER_TEXT = /^(\d{4})\s*[-/年]?\s*(?:Q|q|第)\s*([1-4])\s*(?:季度?)?$/;

function period(year: number, month: number): Period {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** A period as people write it: 2020-03, 2020/3, 2020年3月, 202003, 2020Q1; a date cell gives its month. */
export function parsePeriodCell(cell: CellValue | undefined): Parsed<Period | null> {
  if (cell === null || cell === undefined || cell === '') return { ok: true, value: null };
  if (cell instanceof Date) {
    const value = period(cell.getUTCFullYear(), cell.getUTCMonth() + 1);
    const date = cell.toISOString().slice(0, 10);
    return {
      ok: true,
      value,
      finding: warning('period', 'period_from_date', { date, period: value }),
    };
  }
  const text = halfWidth(cellText(cell));
  if (text === '') return { ok: true, value: null };
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const serial = Math.floor(Number(text));
    if (serial >= 20_000 && serial <= 80_000) {
      const date = new Date(EXCEL_EPOCH_MS + serial * 86_400_000).toISOString().slice(0, 10);
      return {
        ok: false,
        finding: error('period', 'excel_date_serial', { text, date, period: date.slice(0, 7) }),
      };
    }
  }
  const quarter = QUARTER_TEXT.exec(text);
  if (quarter) return { ok: true, value: period(Number(quarter[1]), Number(quarter[2]) * 3) };
  const match = PERIOD_TEXT.exec(text);
  if (match) {
    const year = Number(match[1]);
    const month = Number(match[2] ?? match[4]);
    if (month >= 1 && month <= 12) {
      const value = period(year, month);
      if (match[3] !== undefined) {
        return {
          ok: true,
          value,
          finding: warning('period', 'period_from_date', { date: text, period: value }),
        };
      }
      return { ok: true, value };
    }
  }
  return { ok: false, finding: error('period', 'invalid_period', { text }) };
}

/**
 * The words a value-type cell may hold, in English or Chinese. The template writes 新增/累计 for
 * counts and 比率/水平 for rates and levels; each must be here.
 */
export const VALUE_TYPE_WORDS: Readonly<Record<string, ValueType>> = {
  increment: 'increment',
  新增: 'increment',
  当月新增: 'increment',
  本期新增: 'increment',
  增量: 'increment',
  cumulative: 'cumulative',
  累计: 'cumulative',
  年累计: 'cumulative',
  累计值: 'cumulative',
  年初至今累计: 'cumulative',
  level: 'level',
  水平: 'level',
  当期水平: 'level',
  比率: 'level',
  存量: 'level',
  当期值: 'level',
};

function error(
  column: FigureColumn | null,
  code: FindingCode,
  values: Finding['values'] = {},
): Omit<Finding, 'row'> {
  return { column, code, severity: 'error', values };
}

function warning(
  column: FigureColumn | null,
  code: FindingCode,
  values: Finding['values'] = {},
): Omit<Finding, 'row'> {
  return { column, code, severity: 'warning', values };
}

/** Numbers in messages: no float noise (0.1 + 0.2), at most 4 decimals. */
function shown(value: number): number {
  return Number(value.toFixed(4));
}

// ─── the row on its own ─────────────────────────────────────────────────────────────────────────

/**
 * Whether a row reports nothing this time: its value, numerator and denominator are all empty
 * (whatever its other cells say, a note included). Such a row is neither checked nor stored.
 */
export function isBlankRow(raw: RawFigureRow): boolean {
  return NUMBER_COLUMNS.every((column) => cellText(raw.cells[column]) === '');
}

/**
 * Whether `value` is a whole number of what `unit` counts (个, 名, 项 … see isCountUnit), counted in
 * units of one: 0.46 万人次 is 4,600 person-times and whole, 4.8 个 is not. Any number of a unit that
 * counts nothing is whole for this purpose.
 */
export function isWholeCount(value: number, unit: string): boolean {
  if (!isCountUnit(unit)) return true;
  return Math.abs(shownFigure(value, unit) - value) <= 1e-9 * Math.max(1, Math.abs(value));
}

/** A row that passed its own checks, before the series checks. */
type RowDraft = Omit<CheckedFigure, 'indicator' | 'late' | 'change'> & {
  indicator: IndicatorFacts;
};

function checkRow(
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

/** The last day a period takes figures without a reason: its due day next month plus the grace. */
export function periodClosesOn(periodValue: Period, dueDay: number, graceDays: number): IsoDate {
  return addDays(addDays(periodEnd(periodValue), dueDay), graceDays);
}

// ─── rows against their series ──────────────────────────────────────────────────────────────────

function sameFigure(draft: RowDraft, stored: StoredFigure): boolean {
  return (
    draft.value === stored.value &&
    draft.valueType === stored.valueType &&
    draft.numerator === stored.numerator &&
    draft.denominator === stored.denominator
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const BATCH = Number.MAX_SAFE_INTEGER;

/**
 * Checks the rows of one series against the figures in force: what changes, late figures, year-to-date
 * decreases, 万 slips and outliers. Adds its findings and returns the rows that pass.
 */
function checkSeries(
  drafts: readonly RowDraft[],
  inForce: readonly StoredFigure[],
  context: CheckContext,
  report: (row: number, finding: Omit<Finding, 'row'>) => void,
): CheckedFigure[] {
  const indicator = drafts[0]!.indicator;
  const months = monthsPerPeriod(indicator.frequency);
  const stored = new Map(inForce.map((figure) => [figure.period, figure]));
  const checked: CheckedFigure[] = [];
  const failed = new Set<number>();
  const byPeriod = new Map<Period, RowDraft>();

  for (const draft of drafts) {
    byPeriod.set(draft.period, draft);
    const current = stored.get(draft.period);
    const change = !current ? 'new' : sameFigure(draft, current) ? 'unchanged' : 'correction';
    let late = false;
    if (
      change !== 'unchanged' &&
      periodState(draft.period, context.today, indicator.dueDay, context.graceDays) === 'late'
    ) {
      const closed = periodClosesOn(draft.period, indicator.dueDay, context.graceDays);
      if (draft.note === '') {
        report(draft.row, error('note', 'late_without_reason', { period: draft.period, closed }));
        failed.add(draft.row);
      } else {
        report(draft.row, warning('period', 'late', { period: draft.period, closed }));
        late = true;
      }
    }
    checked.push({ ...draft, indicator: indicator.code, late, change });
  }

  // The series as it would stand: the figures in force with the batch's rows over them.
  const merged: Revision[] = [...inForce.filter((f) => !byPeriod.has(f.period))];
  for (const draft of drafts) {
    merged.push({
      period: draft.period,
      value: draft.value,
      valueType: draft.valueType,
      recordedAt: BATCH,
      sequence: draft.row,
    });
  }
  const points = deriveSeries(merged, months);
  const pointOf = new Map(points.map((p) => [p.period, p]));

  if (indicator.kind === 'cumulative') {
    // Year to date never falls within a year, unless a correction says why.
    for (const point of points) {
      const firstOfYear = Number(point.period.slice(5, 7)) <= months;
      if (firstOfYear || point.cumulative === null) continue;
      const previous = pointOf.get(previousPeriod(point.period, months));
      if (!previous || previous.cumulative === null || point.cumulative >= previous.cumulative)
        continue;
      const draft = byPeriod.get(point.period) ?? byPeriod.get(previous.period);
      if (!draft) continue;
      const values = {
        cumulative: shown(point.cumulative),
        previous: previous.period,
        previousValue: shown(previous.cumulative),
      };
      if (draft.note === '') {
        report(draft.row, error('value', 'ytd_decrease', values));
        failed.add(draft.row);
      } else {
        report(
          draft.row,
          warning('value', 'ytd_decrease_corrected', { ...values, note: draft.note }),
        );
      }
    }
  }

  // 万 slips and outliers, on the increments of a count or the values of a level.
  const increments = indicator.kind === 'cumulative';
  const seriesValues = points
    .map((p) => ({ period: p.period, x: increments ? p.increment : p.reported.value }))
    .filter((p): p is { period: Period; x: number } => p.x !== null);
  // Computed once per series: a batch may carry ten years of one series.
  const indexOf = new Map(seriesValues.map((p, i) => [p.period, i]));
  const scores =
    increments && seriesValues.length >= 6 ? modifiedZScores(seriesValues.map((p) => p.x)) : [];
  const seriesMedian = seriesValues.length > 0 ? median(seriesValues.map((p) => p.x)) : 0;
  const nonZero = seriesValues.filter((p) => p.x !== 0);
  const typicalOfAll = nonZero.length > 0 ? median(nonZero.map((p) => Math.abs(p.x))) : null;
  for (const draft of drafts) {
    if (failed.has(draft.row)) continue;
    const index = indexOf.get(draft.period);
    const own = index === undefined ? undefined : seriesValues[index];
    // The typical figure of the rest of the series: in a long series one value hardly moves the
    // median, so it is left in; in a short one it is taken out.
    const others = nonZero.filter((p) => p.period !== draft.period);
    let typical =
      others.length < 2
        ? null
        : others.length >= 24
          ? typicalOfAll
          : median(others.map((p) => Math.abs(p.x)));
    // The figure compared is the one typed: an increment with increments, a year-to-date total with
    // the total before it, a level with the levels.
    const typed = draft.value;
    if (draft.valueType === 'cumulative') {
      const previous = pointOf.get(previousPeriod(draft.period, months));
      typical = previous?.cumulative ? previous.cumulative : null;
    }
    const likely = typical === null ? null : wanSlip(typed, typical);
    if (likely !== null) {
      report(
        draft.row,
        warning('value', 'wan_slip', {
          value: typed,
          typical: shown(typical!),
          likely: shown(likely),
        }),
      );
      continue;
    }
    const score = index === undefined ? undefined : scores[index];
    if (own && score !== undefined && Math.abs(score) > OUTLIER_THRESHOLD) {
      report(
        draft.row,
        warning('value', 'outlier', {
          increment: shown(own.x),
          score: Number(score.toFixed(1)),
          median: shown(seriesMedian),
        }),
      );
    }
  }
  return checked.filter((figure) => !failed.has(figure.row));
}

/** Where the province is reported itself, it counts; a difference from the cities' sum is a warning. */
function checkProvinceSums(
  indicator: IndicatorFacts,
  figures: readonly CheckedFigure[],
  bySeries: ReadonlyMap<string, readonly CheckedFigure[]>,
  context: CheckContext,
  report: (row: number, finding: Omit<Finding, 'row'>) => void,
): void {
  const province = indicator.province;
  if (!province) return;
  const months = monthsPerPeriod(indicator.frequency);
  const cities = indicator.regions.filter((r) => r !== province);
  const touched = new Map<Period, CheckedFigure>();
  for (const figure of figures) {
    const first = touched.get(figure.period);
    if (!first || figure.region === province) touched.set(figure.period, figure);
  }
  if (touched.size === 0) return;
  const seriesOf = (region: string) => {
    const batch = bySeries.get(seriesKey(indicator.code, region)) ?? [];
    const batchPeriods = new Set(batch.map((b) => b.period));
    const merged: Revision[] = context
      .inForce(indicator.code, region)
      .filter((f) => !batchPeriods.has(f.period));
    for (const b of batch)
      merged.push({
        period: b.period,
        value: b.value,
        valueType: b.valueType,
        recordedAt: BATCH,
        sequence: b.row,
      });
    const ratios = new Map<Period, { numerator: number | null; denominator: number | null }>();
    for (const f of context.inForce(indicator.code, region)) ratios.set(f.period, f);
    for (const b of batch) ratios.set(b.period, b);
    return { points: new Map(deriveSeries(merged, months).map((p) => [p.period, p])), ratios };
  };
  const provinceSeries = seriesOf(province);
  const citySeries = cities.map(seriesOf);
  for (const [periodValue, figure] of touched) {
    const reported = provinceSeries.points.get(periodValue);
    if (!reported) continue;
    let provinceFigure: number | null;
    let sum = 0;
    if (indicator.kind === 'ratio') {
      const own = provinceSeries.ratios.get(periodValue);
      let numerator = 0;
      let denominator = 0;
      for (const city of citySeries) {
        const r = city.ratios.get(periodValue);
        if (r?.numerator == null || r.denominator == null) {
          denominator = Number.NaN;
          break;
        }
        numerator += r.numerator;
        denominator += r.denominator;
      }
      if (!Number.isFinite(denominator) || denominator === 0) continue;
      sum = (100 * numerator) / denominator;
      provinceFigure =
        own?.numerator != null && own.denominator
          ? (100 * own.numerator) / own.denominator
          : reported.reported.value;
      if (Math.abs(provinceFigure - sum) <= 0.05) continue;
    } else {
      // Counts compare year-to-date totals where every one is known, else the period's increments.
      const pick = (point: SeriesPoint | undefined, field: 'cumulative' | 'increment' | 'value') =>
        !point ? null : field === 'value' ? point.reported.value : point[field];
      const fields =
        indicator.kind === 'cumulative'
          ? (['cumulative', 'increment'] as const)
          : (['value'] as const);
      provinceFigure = null;
      for (const field of fields) {
        const own = pick(reported, field);
        const parts = citySeries.map((city) => pick(city.points.get(periodValue), field));
        if (own === null || parts.some((x) => x === null)) continue;
        provinceFigure = own;
        sum = parts.reduce<number>((total, x) => total + (x ?? 0), 0);
        break;
      }
      if (provinceFigure === null) continue;
      if (Math.abs(provinceFigure - sum) <= 1e-6 * Math.max(1, Math.abs(sum))) continue;
    }
    report(
      figure.row,
      warning('value', 'province_mismatch', {
        province: shown(Number(provinceFigure.toFixed(2))),
        sum: shown(Number(sum.toFixed(2))),
        difference: shown(Number((provinceFigure - sum).toFixed(2))),
      }),
    );
  }
}

/**
 * Checks a batch of rows: each on its own (catalogue, assignment, calendar, the figure), duplicates
 * within the batch, then each series with the batch's rows over the figures in force. Every finding
 * names its row and column.
 */
export function checkFigures(rows: readonly RawFigureRow[], context: CheckContext): CheckResult {
  const findings: Finding[] = [];
  const rejected = new Set<number>();
  const report = (row: number, finding: Omit<Finding, 'row'>) => {
    findings.push({ row, ...finding });
    if (finding.severity === 'error') rejected.add(row);
  };

  const drafts: RowDraft[] = [];
  const blankRows: number[] = [];
  const firstRowOf = new Map<string, number>();
  for (const raw of rows) {
    if (isBlankRow(raw)) {
      // Not reported this time (a template's row left empty): never an error. A note on it has
      // nothing to explain and is not stored, which the sender is told.
      blankRows.push(raw.row);
      const note = cellText(raw.cells.note);
      if (note !== '') report(raw.row, warning('note', 'note_without_value', { note }));
      continue;
    }
    const draft = checkRow(raw, context, (finding) => report(raw.row, finding));
    if (!draft) continue;
    const key = `${seriesKey(draft.indicator.code, draft.region)}\u0000${draft.period}`;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      report(raw.row, error('period', 'duplicate_row', { first }));
      continue;
    }
    firstRowOf.set(key, raw.row);
    drafts.push(draft);
  }

  const bySeries = new Map<string, RowDraft[]>();
  for (const draft of drafts) {
    const key = seriesKey(draft.indicator.code, draft.region);
    const list = bySeries.get(key);
    if (list) list.push(draft);
    else bySeries.set(key, [draft]);
  }
  const figures: CheckedFigure[] = [];
  for (const list of bySeries.values()) {
    const first = list[0]!;
    figures.push(
      ...checkSeries(list, context.inForce(first.indicator.code, first.region), context, report),
    );
  }
  const indicators = new Map(drafts.map((d) => [d.indicator.code, d.indicator]));
  const figuresOf = new Map<string, CheckedFigure[]>();
  const checkedBySeries = new Map<string, CheckedFigure[]>();
  const add = (map: Map<string, CheckedFigure[]>, key: string, figure: CheckedFigure) => {
    const list = map.get(key);
    if (list) list.push(figure);
    else map.set(key, [figure]);
  };
  for (const figure of figures) {
    add(figuresOf, figure.indicator, figure);
    add(checkedBySeries, seriesKey(figure.indicator, figure.region), figure);
  }
  for (const indicator of indicators.values()) {
    const own = figuresOf.get(indicator.code) ?? [];
    checkProvinceSums(indicator, own, checkedBySeries, context, report);
  }

  findings.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return {
    figures: figures.filter((f) => !rejected.has(f.row)).sort((a, b) => a.row - b.row),
    rejectedRows: [...rejected].sort((a, b) => a - b),
    blankRows,
    findings,
  };
}
