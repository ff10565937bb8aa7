import { toValue, type MaybeRefOrGetter } from 'vue';
import { useFormat } from './use-format.js';

/**
 * How progress figures read in an indicator's unit: quantities whole from 100 up, shares as
 * percentages, differences of a rate in percentage points, the pace against the plan line in words.
 */
export function useProgressFormat(unit: MaybeRefOrGetter<string>) {
  const { t, quantity } = useFormat();
  const rounded = (value: number) => (Math.abs(value) >= 100 ? Math.round(value) : value);
  /** A quantity in the indicator's unit, whole numbers from 100 up. */
  const amount = (value: number) => quantity(rounded(value), toValue(unit));
  const bare = (value: number) => quantity(rounded(value), '');
  /** A share (0.5) as a percentage (50%). */
  const percent = (share: number) => quantity(Number((share * 100).toFixed(1)), '%');
  /** A difference of a rate (its change per month, a gap) is in percentage points. */
  const rate = (value: number) =>
    toValue(unit) === '%' ? t('progress.points', { value: bare(value) }) : amount(value);
  const signedRate = (value: number) => `${value > 0 ? '+' : ''}${rate(value)}`;
  /** Ahead of or behind the plan line (序时进度), in percentage points of the way to the target. */
  const schedule = (points: number) => {
    const shown = Number(Math.abs(points).toFixed(1));
    if (shown === 0) return t('progress.scheduleLevel');
    return t(points > 0 ? 'progress.scheduleAhead' : 'progress.scheduleBehind', { value: shown });
  };
  return { amount, bare, percent, rate, signedRate, schedule };
}

/** A value formatted, or a dash when there is none. */
export function orDash<T>(value: T | null | undefined, format: (v: T) => string): string {
  return value === null || value === undefined ? '—' : format(value);
}
