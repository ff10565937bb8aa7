import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { indicatorOf } from '../testing/factories.js';
import { mountApp } from '../testing/mount.js';
import SubTargetsCard from './SubTargetsCard.vue';

const cities = [
  { code: '370100', name: '济南市' },
  { code: '370200', name: '青岛市' },
];

describe('SubTargetsCard', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => wrapper?.unmount());
  const mountWith = (overrides: Parameters<typeof indicatorOf>[0], list = cities) =>
    (wrapper = mountApp(SubTargetsCard, {
      props: { indicator: indicatorOf(overrides), cities: list, asOf: '2020-11-12' },
    }));

  it('says why there are no sub-targets', () => {
    expect(mountWith({}, []).find('[data-testid="no-sub-targets"]').text()).toContain(
      '没有分解到各市',
    );
    expect(mountWith({ hasSubTargets: false }).text()).toContain('尚未设置各市分解目标');
    expect(mountWith({ hasSubTargets: true, subTargets: [] }).text()).toContain(
      '2020-11-12 时没有执行中的分解目标',
    );
  });

  it('shows each city’s share and that the total matches the province target', () => {
    const w = mountWith({
      hasSubTargets: true,
      subTargets: [
        { region: '370100', value: 30000 },
        { region: '370200', value: 10000 },
      ] as never,
    });
    expect(w.find('[data-region="370100"]').text()).toContain('75.0%');
    const total = w.find('[data-testid="sub-target-total"]');
    expect(total.attributes('data-match')).toBe('true');
    expect(w.find('[data-testid="sub-target-verdict"]').text()).toContain('与全省目标值');
  });

  it('says by how much a total misses, and leaves shares out for a ratio', () => {
    const w = mountWith({
      hasSubTargets: true,
      subTargets: [{ region: '370100', value: 39000 }] as never,
    });
    expect(w.find('[data-testid="sub-target-total"]').attributes('data-match')).toBe('false');
    expect(w.find('[data-testid="sub-target-verdict"]').text()).toContain('相差 -1,000个');
    const ratio = mountWith({
      kind: 'ratio',
      hasSubTargets: true,
      subTargets: [{ region: '370100', value: 90 }] as never,
    });
    expect(ratio.find('[data-testid="sub-target-total"]').exists()).toBe(false);
  });
});
