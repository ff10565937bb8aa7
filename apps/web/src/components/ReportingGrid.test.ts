import { afterEach, describe, expect, it } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { ReportingRates, ReportingStatusRow } from '@zhibiao/contracts';
import type { UnitRow } from '../lib/reporting-cycle.js';
import { mountApp } from '../testing/mount.js';
import ReportingGrid from './ReportingGrid.vue';

const rates: ReportingRates = {
  expected: 2,
  reported: 1,
  onTime: 1,
  completeness: 0.5,
  timeliness: 0.5,
};
const row = (overrides: Partial<ReportingStatusRow>): ReportingStatusRow => ({
  plan: 'DS2020',
  department: { code: 'finance', name: '省财政厅' },
  kind: 'figure',
  indicator: { code: 'DS2020-01', name: '数字经济增加值', frequency: 'monthly' },
  measure: null,
  region: { code: '370100', name: '济南市' },
  due: '2020-11-10',
  closesOn: '2020-11-13',
  status: 'submitted',
  submittedAt: '2020-11-09T02:00:00.000Z',
  lastRevisionAt: null,
  reference: '1',
  approval: null,
  returnComment: null,
  source: null,
  ...overrides,
});
const units: UnitRow[] = [
  {
    department: { code: 'finance', name: '省财政厅' },
    rates,
    items: [
      row({}),
      row({ region: { code: '370200', name: '青岛市' }, status: 'missing', submittedAt: null }),
    ],
    owes: true,
  },
  {
    department: { code: 'dsj', name: '省大数据局' },
    rates: { ...rates, reported: 2, onTime: 2, completeness: 1, timeliness: 1 },
    items: [row({ department: { code: 'dsj', name: '省大数据局' } })],
    owes: false,
  },
];

describe('ReportingGrid', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => wrapper?.unmount());
  const mountWith = (
    props: Partial<{
      canRemind: boolean;
      remindResults: Record<string, { ok: boolean; text: string }>;
    }> = {},
    language: 'zh-CN' | 'en' = 'zh-CN',
  ) =>
    (wrapper = mountApp(ReportingGrid, {
      language,
      props: { units, canRemind: true, reminding: null, remindResults: {}, ...props },
    }));

  it('marks each cell by glyph and title as well as colour', () => {
    const cells = mountWith().findAll('[data-testid="reporting-cell"]');
    expect(cells.map((c) => c.attributes('data-status'))).toEqual([
      'submitted',
      'missing',
      'submitted',
    ]);
    expect(cells[1]!.text()).toBe('✕');
    const title = cells[1]!.attributes('title')!;
    expect(title).toContain('数字经济增加值 · 青岛市');
    expect(title).toContain('未报送');
    expect(title).toContain('2020-11-10');
    expect(title).toContain('尚未报送');
    expect(cells[0]!.attributes('title')).toContain('报送于 2020-11-09 10:00');
  });

  it("offers 催报 to the bureau for a unit that owes something, and says the API's answer", async () => {
    const w = mountWith({ remindResults: { finance: { ok: false, text: '今天已发送过' } } });
    const buttons = w.findAll('[data-testid="reporting-remind"]');
    expect(buttons).toHaveLength(1);
    expect(buttons[0]!.text()).toBe('催报');
    await buttons[0]!.trigger('click');
    expect(w.emitted('remind')).toEqual([['finance']]);
    const result = w.find('[data-testid="reporting-remind-result"]');
    expect(result.text()).toBe('今天已发送过');
    expect(result.classes()).toContain('failed');
    expect(
      mountWith({ canRemind: false }).findAll('[data-testid="reporting-remind"]'),
    ).toHaveLength(0);
  });

  it('speaks English', () => {
    const w = mountWith({}, 'en');
    expect(w.find('[data-testid="reporting-remind"]').text()).toBe('Remind now');
    expect(w.find('[data-testid="reporting-legend"]').text()).toContain('Missing');
    expect(w.find('[data-testid="reporting-unit-rates"]').text()).toBe(
      'completeness 50% · timeliness 50%',
    );
  });
});
