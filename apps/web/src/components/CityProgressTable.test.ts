import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { api } from '../api/client.js';
import { indicatorOf, progressOf } from '../testing/factories.js';
import { mountApp, settle } from '../testing/mount.js';
import CityProgressTable from './CityProgressTable.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: { getRegionsProgress: vi.fn(), listRegions: vi.fn() },
}));

describe('CityProgressTable', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    vi.mocked(api.listRegions).mockResolvedValue([
      { code: '370100', name: '济南市', nameEn: 'Jinan', level: 'city' },
      { code: '370200', name: '青岛市', nameEn: 'Qingdao', level: 'city' },
    ] as never);
    vi.mocked(api.getRegionsProgress).mockResolvedValue([
      progressOf({ region: '370000', schedulePoints: 1 }),
      progressOf({ region: '370200', schedulePoints: 3.04 }),
      progressOf({ region: '370100', schedulePoints: -2.5 }),
      progressOf({ region: '370300', schedulePoints: null, target: null }),
    ]);
  });
  afterEach(() => wrapper?.unmount());

  async function mountTable() {
    wrapper = mountApp(CityProgressTable, {
      props: { indicator: indicatorOf(), day: '2020-11-12', current: '370200' },
    });
    await settle();
    return wrapper;
  }
  const regions = (w: VueWrapper) =>
    w.findAll('tbody tr').map((tr) => tr.attributes('data-region'));

  it('lists the cities as the API orders them, the province below them, the current one marked', async () => {
    const w = await mountTable();
    expect(api.getRegionsProgress).toHaveBeenCalledWith('DS2020-5G', '2020-11-12');
    expect(regions(w)).toEqual(['370200', '370100', '370300', '370000']);
    expect(w.find('[data-testid="province-row"]').text()).toContain('全省');
    expect(w.find('tr.current').attributes('data-region')).toBe('370200');
    expect(w.find('[data-region="370200"]').text()).toContain('青岛市');
    expect(w.find('[data-region="370200"]').text()).toContain('+3');
    expect(w.find('[data-region="370100"]').text()).toContain('−2.5');
  });

  it('sorts by pace, slowest first, then fastest, then back, the cities without one last', async () => {
    const w = await mountTable();
    const sort = w.find('[data-testid="progress-sort-pace"]');
    await sort.trigger('click');
    expect(regions(w)).toEqual(['370100', '370200', '370300', '370000']);
    await sort.trigger('click');
    expect(regions(w)).toEqual(['370200', '370100', '370300', '370000']);
    expect(w.find('th[aria-sort]').attributes('aria-sort')).toBe('descending');
    await sort.trigger('click');
    expect(regions(w)).toEqual(['370200', '370100', '370300', '370000']);
  });

  it('opens a city by click or Enter', async () => {
    const w = await mountTable();
    await w.find('[data-region="370100"]').trigger('click');
    await w.find('[data-testid="province-row"]').trigger('keydown', { key: 'Enter' });
    expect(w.emitted('select')).toEqual([['370100'], ['370000']]);
  });

  it('says when the cities could not be loaded, and loads them again on request', async () => {
    vi.mocked(api.getRegionsProgress).mockRejectedValueOnce(new Error('down'));
    const w = await mountTable();
    expect(w.find('[data-testid="progress-cities-error"]').text()).toContain('各市进度加载失败');
    await w.find('[data-testid="progress-cities-retry"]').trigger('click');
    await settle();
    expect(regions(w)).toHaveLength(4);
  });
});
