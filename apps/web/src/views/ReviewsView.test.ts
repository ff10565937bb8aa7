import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { api } from '../api/client.js';
import { completionOf, measureReportOf } from '../testing/factories.js';
import { mountApp, router, settle } from '../testing/mount.js';
import ReviewsView from './ReviewsView.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: {
    listPlans: vi.fn(),
    listReportQueue: vi.fn(),
    listCompletionQueue: vi.fn(),
    reviewMeasureReport: vi.fn(),
    reviewCompletion: vi.fn(),
  },
}));

const review = (decision: 'confirm' | 'return', comment = '') => ({
  decision,
  comment,
  by: '省大数据局 督查处',
  at: '2020-11-06T02:00:00Z',
});

describe('ReviewsView', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    vi.mocked(api.listPlans).mockResolvedValue([{ code: 'DS2020', title: '方案' }] as never);
    vi.mocked(api.listReportQueue).mockResolvedValue([
      measureReportOf({ id: '101' }),
      measureReportOf({ id: '102', measureName: '建设一体化大数据平台' }),
    ]);
    vi.mocked(api.listCompletionQueue).mockResolvedValue([completionOf()]);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.clearAllMocks();
  });

  async function open(path = '/reviews') {
    await router.push(path);
    wrapper = mountApp(ReviewsView);
    await settle();
    return wrapper;
  }
  const item = (w: VueWrapper, id: string) =>
    w.find(`[data-testid="review-report"][data-id="${id}"]`);
  const dialog = () => document.body.querySelector('.el-dialog')!;

  it('lists the submitted reports and confirms one, which stays in the list confirmed', async () => {
    const w = await open();
    expect(api.listReportQueue).toHaveBeenCalledWith({ plan: 'DS2020', state: 'submitted' });
    expect(w.findAll('[data-testid="review-report"]')).toHaveLength(2);
    vi.mocked(api.reviewMeasureReport).mockResolvedValue(
      measureReportOf({ id: '101', state: 'confirmed', review: review('confirm') }),
    );
    await item(w, '101').find('[data-testid="review-confirm"]').trigger('click');
    await settle();
    expect(api.reviewMeasureReport).toHaveBeenCalledWith('101', { decision: 'confirm' });
    expect(item(w, '101').find('[data-testid="report-state"]').text()).toBe('已确认');
    expect(item(w, '101').find('[data-testid="review-confirm"]').exists()).toBe(false);
    expect(item(w, '102').find('[data-testid="review-confirm"]').exists()).toBe(true);
  });

  it('returns a report only with a comment, and shows it returned', async () => {
    const w = await open();
    await item(w, '102').find('[data-testid="review-return"]').trigger('click');
    await settle();
    expect(dialog().textContent).toContain('退回：建设一体化大数据平台');
    (dialog().querySelector('[data-testid="return-save"]') as HTMLElement).click();
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(api.reviewMeasureReport).not.toHaveBeenCalled();
    expect(dialog().querySelector('.el-form-item__error')!.textContent).toContain(
      '退回需要填写意见',
    );

    vi.mocked(api.reviewMeasureReport).mockResolvedValue(
      measureReportOf({ id: '102', state: 'returned', review: review('return', '请补充佐证') }),
    );
    const comment = dialog().querySelector<HTMLTextAreaElement>(
      'textarea[data-testid="return-comment"]',
    )!;
    comment.value = ' 请补充佐证 ';
    comment.dispatchEvent(new Event('input'));
    await settle();
    (dialog().querySelector('[data-testid="return-save"]') as HTMLElement).click();
    await settle();
    expect(api.reviewMeasureReport).toHaveBeenCalledWith('102', {
      decision: 'return',
      comment: '请补充佐证',
    });
    expect(item(w, '102').find('[data-testid="report-state"]').text()).toBe('已退回');
    expect(item(w, '102').find('[data-testid="report-review"]').text()).toContain('请补充佐证');
  });

  it('confirms a node task reported done', async () => {
    const w = await open('/reviews?tab=completions');
    expect(api.listCompletionQueue).toHaveBeenCalledWith({ plan: 'DS2020', state: 'claimed' });
    vi.mocked(api.reviewCompletion).mockResolvedValue(
      completionOf({ state: 'confirmed', review: review('confirm') }),
    );
    const claim = () => w.find('[data-testid="review-completion"]');
    await claim().find('[data-testid="review-confirm"]').trigger('click');
    await settle();
    expect(api.reviewCompletion).toHaveBeenCalledWith('301', { decision: 'confirm' });
    expect(claim().find('[data-testid="report-state"]').text()).toBe('已确认');
    expect(claim().find('[data-testid="review-confirm"]').exists()).toBe(false);
  });
});
