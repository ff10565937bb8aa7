// noiseAllowance stays inside the library: meetsTarget and the probability of meeting share it.
export {
  COMPARATORS,
  comparatorSymbol,
  DEFAULT_TOLERANCE,
  describeTarget,
  differenceUnit,
  englishQuantity,
  formatQuantity,
  isCountUnit,
  meetsTarget,
  shownFigure,
  type Comparator,
  type Direction,
  type Locale,
  type Target,
} from './target.js';
