import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { api } from '../api/client.js';
import { ledgerOf, ledgerRowOf } from '../testing/factories.js';
import { mountApp, router, settle } from '../testing/mount.js';
import LedgerView from './LedgerView.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: {
    listPlans: vi.fn(),
    getLedger: vi.fn(),
    getPlan: vi.fn(),
    listDepartments: vi.fn(),
    listRegions: vi.fn(),
  },
}));

const rows = [
  ledgerRowOf(),
  ledgerRowOf({
    no: 2,
    code: 'DS2020-1.1-2',
    name: '建设省级一体化大数据平台',
    status: 'behind',
    report: null,
    openNotices: 2,
  }),
  ledgerRowOf({
    no: 3,
    kind: 'milestone',
    code: 'DS2020-M01',
    name: '建成省级数据共享平台',
    status: 'done',
    report: null,
    completion: { id: '301', state: 'confirmed', doneOn: '2020-10-28' },
  }),
];

describe('LedgerView', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    vi.mocked(api.listPlans).mockResolvedValue([
      { code: 'DS2020', title: '2020年行动方案' },
    ] as never);
    vi.mocked(api.getLedger).mockResolvedValue(ledgerOf(rows));
    vi.mocked(api.getPlan).mockResolvedValue({ code: 'DS2020', sections: [] } as never);
    vi.mocked(api.listDepartments).mockResolvedValue([]);
    vi.mocked(api.listRegions).mockResolvedValue([]);
  });
  afterEach(() => {
    wrapper?.unmount();
    vi.clearAllMocks();
  });

  async function open(path: string, language: 'zh-CN' | 'en' = 'zh-CN') {
    await router.push(path);
    wrapper = mountApp(LedgerView, { language });
    await settle();
    return wrapper;
  }
  const counts = (w: VueWrapper) =>
    Object.fromEntries(
      w
        .findAll('[data-testid="ledger-count"]')
        .map((c): [string, string] => [
          c.attributes('data-status') ?? '',
          c.find('.count-n').text(),
        ]),
    );

  it('shows the counts by status and a row per measure and node task with its columns', async () => {
    const w = await open('/ledger');
    expect(api.getLedger).toHaveBeenLastCalledWith({ plan: 'DS2020' });
    expect(counts(w)).toEqual({
      done: '1',
      on_track: '1',
      behind: '1',
      not_started: '0',
      not_reported: '0',
    });
    const head = w.findAll('[data-testid="ledger-table"] th').map((th) => th.text());
    expect(head).toEqual([
      '序号',
      '任务举措',
      '牵头单位',
      '配合单位',
      '完成时限',
      '进展情况',
      '存在问题',
      '下步计划',
      '状态',
      '督办',
    ]);
    const found = w.findAll('[data-testid="ledger-row"]');
    expect(found.map((r) => r.attributes('data-code'))).toEqual([
      'DS2020-1.1-1',
      'DS2020-1.1-2',
      'DS2020-M01',
    ]);
    expect(found[0]!.text()).toContain('市级接入慢');
    expect(found[0]!.find('[data-testid="supervision-status"]').text()).toBe('按序时推进');
    expect(found[1]!.find('[data-testid="ledger-progress"]').text()).toBe('本月未报送');
    expect(found[1]!.find('[data-testid="ledger-notices"]').text()).toBe('2');
    // A measure opens its page, a node task its place on the plan's page.
    const links = w.findAll('[data-testid="ledger-link"]').map((a) => a.attributes('href'));
    expect(links).toEqual([
      '/measures/DS2020-1.1-1',
      '/measures/DS2020-1.1-2',
      '/plans/DS2020#milestone-DS2020-M01',
    ]);
  });

  it('asks for the filters the URL names, and the export link carries the same query', async () => {
    const w = await open('/ledger?plan=DS2020&period=2020-09&status=behind&city=370200');
    expect(api.getLedger).toHaveBeenLastCalledWith({
      plan: 'DS2020',
      period: '2020-09',
      status: 'behind',
      city: '370200',
    });
    const href = w.find('[data-testid="ledger-export"]').attributes('href')!;
    expect(href.startsWith('/api/v1/ledger.xlsx?')).toBe(true);
    expect(Object.fromEntries(new URL(href, 'http://x').searchParams)).toEqual({
      plan: 'DS2020',
      period: '2020-09',
      status: 'behind',
      city: '370200',
      lang: 'zh',
    });
  });

  it('keeps a status picked from the counts in the URL, and a second click clears it', async () => {
    const w = await open('/ledger?plan=DS2020&asOf=2020-11-12');
    await w.find('[data-testid="ledger-count"][data-status="behind"]').trigger('click');
    await settle();
    expect(router.currentRoute.value.query).toEqual({
      plan: 'DS2020',
      asOf: '2020-11-12',
      status: 'behind',
    });
    expect(api.getLedger).toHaveBeenLastCalledWith({
      plan: 'DS2020',
      asOf: '2020-11-12',
      status: 'behind',
    });
    await w.find('[data-testid="ledger-count"][data-status="behind"]').trigger('click');
    await settle();
    expect(router.currentRoute.value.query).toEqual({ plan: 'DS2020', asOf: '2020-11-12' });
  });

  it('speaks English with English headings in the export', async () => {
    const w = await open('/ledger', 'en');
    expect(w.find('[data-testid="ledger-table"] th').text()).toBe('No.');
    expect(w.find('[data-testid="ledger-export"]').attributes('href')).toContain('lang=en');
  });

  it('shows cards on a phone', async () => {
    const phone = vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({
          matches: query.includes('max-width'),
          media: query,
          addEventListener: () => undefined,
          removeEventListener: () => undefined,
        }) as unknown as MediaQueryList,
    );
    try {
      const w = await open('/ledger');
      expect(w.find('[data-testid="ledger-table"]').exists()).toBe(false);
      const cards = w.findAll('[data-testid="ledger-cards"] [data-testid="ledger-row"]');
      expect(cards).toHaveLength(3);
      expect(cards[1]!.text()).toContain('督办 2 件');
    } finally {
      phone.mockRestore();
    }
  });
});
