import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { TargetValue } from '@zhibiao/contracts';
import {
  BUSINESS_TIME_ZONE,
  DEFAULT_TOLERANCE,
  describeTarget,
  formatQuantity,
  type Locale,
} from '@zhibiao/core';

/** Formatting that follows the UI language: names, goals, quantities, instants. */
export function useFormat() {
  const { t, locale } = useI18n();
  const language = computed<Locale>(() => (locale.value === 'en' ? 'en' : 'zh-CN'));

  /** The English text in English when there is one, else the Chinese. */
  const pick = (zh: string, en: string | null | undefined) =>
    language.value === 'en' && en ? en : zh;
  const goal = (target: TargetValue, unit: string) => describeTarget(target, unit, language.value);
  const quantity = (value: number, unit: string) => formatQuantity(value, unit, language.value);
  const aboutHint = (target: { tolerance?: number | null | undefined }) =>
    t('indicators.aboutHint', {
      low: Math.round((1 - (target.tolerance ?? DEFAULT_TOLERANCE)) * 100),
    });
  const instantFormat = computed(
    () =>
      new Intl.DateTimeFormat(language.value === 'en' ? 'en-CA' : 'zh-CN', {
        timeZone: BUSINESS_TIME_ZONE,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hour12: false,
      }),
  );
  /** An instant as a Shanghai date and time: 2020-07-01 09:30. */
  const instant = (iso: string) => {
    const parts = Object.fromEntries(
      instantFormat.value.formatToParts(new Date(iso)).map((p) => [p.type, p.value]),
    );
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
  };

  return { t, language, pick, goal, quantity, aboutHint, instant };
}
