import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computed } from 'vue';
import type { VueWrapper } from '@vue/test-utils';
import type { User } from '@zhibiao/contracts';
import { api } from '../api/client.js';
import { noticeOf } from '../testing/factories.js';
import { mountApp, router, settle } from '../testing/mount.js';
import type { Option } from '../lib/options.js';
import NoticeView from './NoticeView.vue';

// The page reads the notice's id from its route.
router.addRoute({ path: '/notices/:id', component: { render: () => null } });

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: { getNotice: vi.fn(), replyNotice: vi.fn(), closeNotice: vi.fn(), reopenNotice: vi.fn() },
}));
const signedIn = vi.hoisted(() => ({ user: null as User | null }));
vi.mock('../composables/use-session.js', () => ({
  useSession: () => ({ user: computed(() => signedIn.user) }),
}));
vi.mock('../composables/use-today.js', async (original) => ({
  ...(await original<typeof import('../composables/use-today.js')>()),
  useToday: () => ({ today: computed(() => '2020-11-12'), clock: computed(() => null) }),
}));

const as = (roles: string[], department: string | null) =>
  ({ roles, department: department ? { code: department, name: department } : null }) as User;

describe('NoticeView', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => vi.mocked(api.getNotice).mockResolvedValue(noticeOf()));
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.clearAllMocks();
  });
  async function openAs(user: User) {
    signedIn.user = user;
    await router.push('/notices/501');
    wrapper = mountApp(NoticeView);
    await settle();
    return wrapper;
  }
  const has = (w: VueWrapper, testid: string) => w.find(`[data-testid="${testid}"]`).exists();

  it('shows the notice: number, subject, unit, deadline, problem, requirement, history', async () => {
    const w = await openAs(as(['leader'], null));
    expect(api.getNotice).toHaveBeenCalledWith('501');
    expect(w.find('[data-testid="notice-number"]').text()).toBe('DB-2020-007');
    expect(w.find('[data-testid="notice-subject"]').attributes('href')).toBe(
      '/measures/DS2020-1.1-1',
    );
    expect(w.find('[data-testid="notice-unit"]').text()).toBe('省大数据局');
    expect(w.find('[data-testid="notice-reply-by"]').text()).toBe('2020-11-20');
    expect(w.find('[data-testid="notice-requirement"]').text()).toBe('11月20日前报送整改计划');
    expect(w.findAll('[data-testid="notice-event"]').map((e) => e.attributes('data-kind'))).toEqual(
      ['raised'],
    );
  });

  it('gives the reply form to the addressed unit’s reporters only, and close to the bureau', async () => {
    let w = await openAs(as(['reporter'], 'dsj'));
    expect(has(w, 'notice-reply-form')).toBe(true);
    expect(has(w, 'notice-close')).toBe(false);
    for (const user of [as(['reporter'], 'gxt'), as(['leader'], 'dsj')]) {
      w.unmount();
      w = await openAs(user);
      expect(has(w, 'notice-reply-form')).toBe(false);
      expect(has(w, 'notice-close')).toBe(false);
    }
    w.unmount();
    w = await openAs(as(['analyst'], null));
    expect(has(w, 'notice-reply-form')).toBe(false);
    expect(has(w, 'notice-close')).toBe(true);
    // An open notice waits for the unit: nothing to reopen yet.
    expect(has(w, 'notice-reopen')).toBe(false);
  });

  it('sends the unit’s reply with the causes of an alert acknowledgement', async () => {
    const w = await openAs(as(['reporter'], 'dsj'));
    const causeSelect: VueWrapper = w.findComponent({ name: 'OptionSelect' });
    const causes = (causeSelect.props() as { options: Option[] }).options.map((o) => o.label);
    expect(causes).toContain('资金未到位');
    // The select and the date picker, as Element Plus renders them, told the user picked a value.
    const select: VueWrapper | undefined = w
      .findAllComponents({ name: 'ElSelect' })
      .find((s: VueWrapper) => s.attributes('data-testid') === 'reply-cause');
    select!.vm.$emit('update:modelValue', 'funding');
    const picker: VueWrapper = w.findComponent({ name: 'ElDatePicker' });
    picker.vm.$emit('update:modelValue', '2020-12-15');
    await w.find('textarea[data-testid="reply-comment"]').setValue('资金 11 月到位');
    await w.find('textarea[data-testid="reply-plan"]').setValue('12 月完成招标');
    const replied = noticeOf({ state: 'replied' });
    vi.mocked(api.replyNotice).mockResolvedValue(replied);
    await w.find('[data-testid="reply-submit"]').trigger('click');
    await settle();
    expect(api.replyNotice).toHaveBeenCalledWith('501', {
      cause: 'funding',
      comment: '资金 11 月到位',
      plan: '12 月完成招标',
      catchUpDate: '2020-12-15',
      evidence: [],
    });
    expect(w.find('[data-testid="notice-head"]').attributes('data-state')).toBe('replied');
  });

  it('lets the bureau close a replied notice with a comment, then reopen it', async () => {
    vi.mocked(api.getNotice).mockResolvedValue(noticeOf({ state: 'replied' }));
    const w = await openAs(as(['admin'], null));
    expect(has(w, 'notice-reopen')).toBe(true);
    vi.mocked(api.closeNotice).mockResolvedValue(noticeOf({ state: 'closed' }));
    await w.find('[data-testid="notice-close"]').trigger('click');
    await settle();
    const dialog = document.body.querySelector('.el-dialog')!;
    const comment = dialog.querySelector<HTMLTextAreaElement>(
      'textarea[data-testid="notice-decision-comment"]',
    )!;
    comment.value = '整改到位';
    comment.dispatchEvent(new Event('input'));
    await settle();
    (dialog.querySelector('[data-testid="notice-decision-save"]') as HTMLElement).click();
    await settle();
    expect(api.closeNotice).toHaveBeenCalledWith('501', { comment: '整改到位' });
    expect(has(w, 'notice-close')).toBe(false);
    expect(has(w, 'notice-reopen')).toBe(true);
  });
});
