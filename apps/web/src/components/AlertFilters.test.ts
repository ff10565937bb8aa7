import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { NO_ALERT_FILTERS } from '../lib/alerts.js';
import { mountApp } from '../testing/mount.js';
import AlertFilters from './AlertFilters.vue';

describe('AlertFilters', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => wrapper?.unmount());
  const mountWith = (filters = NO_ALERT_FILTERS) =>
    (wrapper = mountApp(AlertFilters, {
      props: {
        filters,
        indicatorOptions: [{ value: 'DS2020-5G', label: '新开通5G基站' }],
        regionOptions: [],
        departmentOptions: [],
      },
    }));
  // A select of the filters, as Element Plus renders it, told the user picked `value`.
  const pick = (w: VueWrapper, key: string, value: unknown): void => {
    const found: VueWrapper | undefined = w
      .findAllComponents({ name: 'ElSelect' })
      .find((s: VueWrapper) => s.attributes('data-testid') === key);
    if (!found) throw new Error(`no select ${key}`);
    found.vm.$emit('update:modelValue', value);
  };

  it('offers a reset only when something is filtered', () => {
    expect(mountWith().find('[data-testid="filter-reset"]').exists()).toBe(false);
    const w = mountWith({ ...NO_ALERT_FILTERS, severity: 'critical' });
    expect(w.find('[data-testid="filter-reset"]').exists()).toBe(true);
  });

  it('changes one filter and keeps the others', () => {
    const w = mountWith({ ...NO_ALERT_FILTERS, severity: 'critical' });
    pick(w, 'filter-indicator', 'DS2020-5G');
    expect(w.emitted('change')?.at(-1)).toEqual([
      { ...NO_ALERT_FILTERS, severity: 'critical', indicator: 'DS2020-5G' },
    ]);
  });

  it('clears a filter to none, and a cleared status back to the open alerts', () => {
    const w = mountWith({ ...NO_ALERT_FILTERS, status: 'resolved', severity: 'critical' });
    pick(w, 'filter-severity', '');
    expect(w.emitted('change')?.at(-1)).toEqual([
      { ...NO_ALERT_FILTERS, status: 'resolved', severity: null },
    ]);
    pick(w, 'filter-status', undefined);
    expect(w.emitted('change')?.at(-1)).toEqual([
      { ...NO_ALERT_FILTERS, status: 'open', severity: 'critical' },
    ]);
  });

  it('resets every filter', async () => {
    const w = mountWith({ ...NO_ALERT_FILTERS, rule: 'stalled' });
    await w.find('[data-testid="filter-reset"]').trigger('click');
    expect(w.emitted('change')?.at(-1)).toEqual([NO_ALERT_FILTERS]);
  });
});
