import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computed } from 'vue';
import type { VueWrapper } from '@vue/test-utils';
import type { User } from '@zhibiao/contracts';
import { api } from '../api/client.js';
import { measureOf, measureReportOf, noticeOf } from '../testing/factories.js';
import { mountApp, router, settle } from '../testing/mount.js';
import MeasureView from './MeasureView.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: {
    getMeasure: vi.fn(),
    listMeasureReports: vi.fn(),
    listNotices: vi.fn(),
    getPlan: vi.fn(),
    listPlanIndicators: vi.fn(),
    raiseNotice: vi.fn(),
  },
}));
const signedIn = vi.hoisted(() => ({ user: null as User | null }));
vi.mock('../composables/use-session.js', () => ({
  useSession: () => ({ user: computed(() => signedIn.user) }),
}));
vi.mock('../composables/use-today.js', async (original) => ({
  ...(await original<typeof import('../composables/use-today.js')>()),
  useToday: () => ({ today: computed(() => '2020-11-12'), clock: computed(() => null) }),
}));

// The page reads the measure's code from its route.
router.addRoute({ path: '/measures/:code', component: { render: () => null } });
const as = (roles: string[], department: string | null) =>
  ({ roles, department: department ? { code: department, name: department } : null }) as User;

describe('MeasureView', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    vi.mocked(api.getMeasure).mockResolvedValue(measureOf());
    vi.mocked(api.listMeasureReports).mockResolvedValue([
      measureReportOf({ id: '1', period: '2020-09', state: 'confirmed' }),
      measureReportOf({
        id: '2',
        period: '2020-10',
        revision: 1,
        state: 'returned',
        recordedAt: '2020-11-02T02:00:00Z',
        review: {
          decision: 'return',
          comment: '请补充佐证',
          by: '督查处',
          at: '2020-11-03T02:00:00Z',
        },
      }),
      measureReportOf({
        id: '3',
        period: '2020-10',
        revision: 2,
        state: 'submitted',
        recordedAt: '2020-11-04T02:00:00Z',
        evidence: [
          {
            kind: 'file',
            id: '9',
            name: '验收报告.pdf',
            size: 20480,
            contentType: 'application/pdf',
            url: '/api/v1/evidence/9',
          },
        ],
      }),
    ]);
    vi.mocked(api.listNotices).mockResolvedValue([noticeOf()]);
    vi.mocked(api.getPlan).mockRejectedValue(new Error('offline'));
    vi.mocked(api.listPlanIndicators).mockResolvedValue([]);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.clearAllMocks();
  });
  async function openAs(user: User) {
    signedIn.user = user;
    await router.push('/measures/DS2020-1.1-1');
    wrapper = mountApp(MeasureView);
    await settle();
    return wrapper;
  }

  it('shows the sentence, units, links, reports by month and notices', async () => {
    const w = await openAs(as(['leader'], null));
    expect(api.listMeasureReports).toHaveBeenCalledWith('DS2020-1.1-1', { history: 'true' });
    expect(api.listNotices).toHaveBeenCalledWith({ subject: 'DS2020-1.1-1' });
    expect(w.find('[data-testid="measure-source"]').text()).toContain('省大数据局牵头');
    expect(w.find('[data-testid="measure-indicator"]').attributes('href')).toBe(
      '/indicators/DS2020-5G',
    );
    const months = w.findAll('[data-testid="report-month"]');
    expect(months.map((m) => m.attributes('data-period'))).toEqual(['2020-10', '2020-09']);
    expect(
      months[0]!.findAll('[data-testid="measure-report"]').map((r) => r.attributes('data-id')),
    ).toEqual(['3', '2']);
    expect(months[0]!.find('[data-testid="evidence-file"]').attributes('href')).toBe(
      '/api/v1/evidence/9',
    );
    expect(months[0]!.find('[data-testid="report-review"]').text()).toContain('请补充佐证');
    expect(w.find('[data-testid="notice-row"]').text()).toContain('DB-2020-007');
    expect(w.find('[data-testid="measure-raise-notice"]').exists()).toBe(false);
  });

  it('lets an analyst raise a 督办 to the lead unit', async () => {
    const w = await openAs(as(['analyst'], null));
    await w.find('[data-testid="measure-raise-notice"]').trigger('click');
    await settle();
    const dialog = document.body.querySelector('.el-dialog')!;
    for (const [testid, value] of [
      ['notice-problem', '进展滞后'],
      ['notice-requirement', '报送整改计划'],
    ]) {
      const area = dialog.querySelector<HTMLTextAreaElement>(`textarea[data-testid="${testid}"]`)!;
      area.value = value!;
      area.dispatchEvent(new Event('input'));
    }
    const picker: VueWrapper = w.findComponent({ name: 'NoticeRaiseDialog' }).findComponent({
      name: 'ElDatePicker',
    });
    picker.vm.$emit('update:modelValue', '2020-11-20');
    await settle();
    vi.mocked(api.raiseNotice).mockResolvedValue(noticeOf());
    (dialog.querySelector('[data-testid="notice-raise-save"]') as HTMLElement).click();
    await settle();
    expect(api.raiseNotice).toHaveBeenCalledWith({
      subject: { kind: 'measure', code: 'DS2020-1.1-1' },
      department: 'dsj',
      problem: '进展滞后',
      requirement: '报送整改计划',
      replyBy: '2020-11-20',
    });
    expect(api.listNotices).toHaveBeenCalledTimes(2);
  });
});
