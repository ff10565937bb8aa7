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
// A region's series from the figures in force; how a province's sum over its cities is formed
// (citySum) stays inside.
export {
  deriveRegion,
  groupFigures,
  regionPoints,
  regionValues,
  type DerivedRegion,
  type FigureInForce,
  type RegionPoint,
  type RegionSeriesFacts,
} from './region-series.js';
// What a checked batch comes to; what a file sent again is said to change stays inside.
export {
  columnLetter,
  submissionOutcome,
  type SubmissionInput,
  type SubmissionOutcome,
  type SubmissionOutcomeStatus,
} from './submission-outcome.js';
