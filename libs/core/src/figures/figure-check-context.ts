import type { FigureColumn, Finding, FindingCode } from './figure-rows.js';
import type { Revision, ValueType } from './series.js';
import type { IsoDate, Period } from '../time/time.js';

// What the parts of the figure checks share: what they are told of an indicator and its figures, what
// they give back, and how they word a finding.

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
  /**
   * When the reporting unit's figures of a plan's period were approved, if that period is locked for
   * it (approved and unchanged since); absent: nothing is locked.
   */
  lockedSince?(plan: string, period: Period): IsoDate | null;
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

/** A row that passed its own checks, before the series checks. */
export type RowDraft = Omit<CheckedFigure, 'indicator' | 'late' | 'change'> & {
  indicator: IndicatorFacts;
};

/** Rows a duplicate-free, stored-in-one-go batch keeps apart: indicator, region, period. */
export function seriesKey(indicator: string, region: string): string {
  return `${indicator}\u0000${region}`;
}

// A batch's rows are newer than any figure in force: they are recorded last.
export const BATCH = Number.MAX_SAFE_INTEGER;

export function error(
  column: FigureColumn | null,
  code: FindingCode,
  values: Finding['values'] = {},
): Omit<Finding, 'row'> {
  return { column, code, severity: 'error', values };
}

export function warning(
  column: FigureColumn | null,
  code: FindingCode,
  values: Finding['values'] = {},
): Omit<Finding, 'row'> {
  return { column, code, severity: 'warning', values };
}

/** Numbers in messages: no float noise (0.1 + 0.2), at most 4 decimals. */
export function shown(value: number): number {
  return Number(value.toFixed(4));
}
