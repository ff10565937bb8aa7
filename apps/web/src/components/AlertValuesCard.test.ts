import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { alertOf } from '../testing/factories.js';
import { mountApp } from '../testing/mount.js';
import AlertValuesCard from './AlertValuesCard.vue';

describe('AlertValuesCard', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => wrapper?.unmount());
  // Each value shown, by its key.
  const values = (w: VueWrapper): Record<string, string> => {
    const shown: Record<string, string> = {};
    for (const item of w.findAll('.value')) {
      shown[item.attributes('data-key') ?? ''] = item.find('dd').text();
    }
    return shown;
  };

  it('puts the verdict first and reads each value in its own terms', () => {
    wrapper = mountApp(AlertValuesCard, {
      props: {
        unit: '个',
        alert: alertOf({
          rule: 'projection_shortfall',
          values: {
            target: 40000,
            projection: 35210.4,
            probability: 0.234,
            threshold: 0.5,
            method: 'holt',
            schedulePoints: -3.26,
            periods: 3,
          },
        }),
      },
    });
    const shown = values(wrapper);
    expect(Object.keys(shown)[0]).toBe('schedulePoints');
    expect(shown).toMatchObject({
      schedulePoints: '落后序时进度 3.3 个百分点',
      probability: '23.4%',
      threshold: '50%',
      projection: '35,210个',
      method: 'Holt 指数平滑',
      periods: '3',
    });
  });

  it('says a gap of a rate in percentage points, in English too', () => {
    wrapper = mountApp(AlertValuesCard, {
      language: 'en',
      props: { unit: '%', alert: alertOf({ rule: 'behind_pace', values: { gap: -2.5 } }) },
    });
    expect(values(wrapper).gap).toBe('-2.5 pts');
  });
});
