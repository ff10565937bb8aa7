import { toValue, type MaybeRefOrGetter } from 'vue';
import { useI18n } from 'vue-i18n';
import type { AlertRuleKind } from '@zhibiao/core';
import { alertValueKind } from '../lib/alerts.js';
import { useFormat } from './use-format.js';
import { useProgressFormat } from './use-progress-format.js';

// Codes among the values (a method, a cause, why it escalated) read as words.
const CODED: Record<string, string> = {
  method: 'progress.methods',
  cause: 'alerts.causes',
  reason: 'alerts.escalationReasons',
};
// Differences of a rate are percentage points, not percent.
const DIFFERENCES = new Set(['gap', 'shortfall', 'change']);

/**
 * How the numbers of an alert's condition read: its name, and its value as a share, a quantity in
 * the indicator's unit (whole from 100 up, as the progress panel shows them), points ahead of or
 * behind the plan line, a plain number, or a code in words.
 */
export function useAlertValues(
  rule: MaybeRefOrGetter<AlertRuleKind | null>,
  unit: MaybeRefOrGetter<string>,
) {
  const { t, language, quantity } = useFormat();
  const i18n = useI18n();
  const te = (key: string) => i18n.te(key);
  const { percent } = useProgressFormat(unit);

  const number = (value: number) =>
    new Intl.NumberFormat(language.value === 'en' ? 'en-US' : 'zh-CN', {
      maximumFractionDigits: 2,
    }).format(value);

  function formatValue(key: string, value: number | string | null): string {
    const kind = toValue(rule);
    if (value === null) return '—';
    if (!kind) return String(value);
    const coded = CODED[key];
    if (coded && typeof value === 'string' && te(`${coded}.${value}`)) {
      return t(`${coded}.${value}`);
    }
    switch (alertValueKind(kind, key, value)) {
      case 'share':
        return percent(value as number);
      case 'quantity': {
        const n = value as number;
        const rounded = Math.abs(n) >= 100 ? Math.round(n) : Number(n.toFixed(2));
        return toValue(unit) === '%' && DIFFERENCES.has(key)
          ? t('progress.points', { value: quantity(rounded, '') })
          : quantity(rounded, toValue(unit));
      }
      case 'points': {
        const points = Number((value as number).toFixed(1));
        return t(points < 0 ? 'progress.scheduleBehind' : 'progress.scheduleAhead', {
          value: Math.abs(points),
        });
      }
      case 'number':
        return number(value as number);
      case 'text':
        return String(value);
    }
  }
  const valueName = (key: string) =>
    te(`alerts.valueNames.${key}`) ? t(`alerts.valueNames.${key}`) : key;

  return { formatValue, valueName };
}
