export * from './series.js';
export * from './figure-rows.js';
// median stays inside the library: the outlier scores and the series checks share it.
export {
  MAX_FIGURE_MAGNITUDE,
  modifiedZScores,
  OUTLIER_THRESHOLD,
  periodClosesOn,
  periodEnd,
  periodState,
  plausibleCeiling,
  PLAUSIBILITY_FACTOR,
  wanSlip,
  withinFigureRange,
  type PeriodState,
} from './figure-checks.js';
// The checks of a batch, in parts; the helpers the parts share stay inside the folder.
export type {
  CheckContext,
  CheckedFigure,
  CheckResult,
  FrequencyName,
  IndicatorFacts,
  IndicatorKindName,
  StoredFigure,
} from './figure-check-context.js';
export {
  isBlankRow,
  parseNumberCell,
  parsePeriodCell,
  VALUE_TYPE_WORDS,
} from './figure-check-cells.js';
export { isWholeCount, RATIO_TOLERANCE } from './figure-check-row.js';
export { checkFigures } from './figure-check.js';
