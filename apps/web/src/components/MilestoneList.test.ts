import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computed } from 'vue';
import type { VueWrapper } from '@vue/test-utils';
import type { Milestone, User } from '@zhibiao/contracts';
import { api } from '../api/client.js';
import { completionOf } from '../testing/factories.js';
import { mountApp, settle } from '../testing/mount.js';
import MilestoneList from './MilestoneList.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: { claimCompletion: vi.fn(), listCompletions: vi.fn() },
}));
const signedIn = vi.hoisted(() => ({ user: null as User | null }));
vi.mock('../composables/use-session.js', () => ({
  useSession: () => ({ user: computed(() => signedIn.user) }),
}));
vi.mock('../composables/use-access.js', () => ({
  useIsAdmin: () => computed(() => signedIn.user?.roles.includes('admin') ?? false),
}));
vi.mock('../composables/use-today.js', async (original) => ({
  ...(await original<typeof import('../composables/use-today.js')>()),
  useToday: () => ({ today: computed(() => '2020-11-12'), clock: computed(() => null) }),
}));

const milestone = {
  code: 'DS2020-M01',
  plan: 'DS2020',
  section: 'DS2020-1',
  task: 'DS2020-1.1',
  name: '建成省级数据共享平台',
  nameEn: null,
  deadline: '2020-12-31',
  status: 'pending',
  doneOn: null,
  leadDepartments: [{ code: 'dsj', name: '省大数据局' }],
  supportDepartments: [{ code: 'gxt', name: '省工业和信息化厅' }],
  sourceText: '',
} satisfies Milestone;
const as = (roles: string[], department: string | null) =>
  ({ roles, department: department ? { code: department, name: department } : null }) as User;

describe('MilestoneList', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => vi.mocked(api.listCompletions).mockResolvedValue([]));
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.clearAllMocks();
  });
  const mountAs = async (user: User) => {
    signedIn.user = user;
    wrapper = mountApp(MilestoneList, { props: { milestones: [milestone] } });
    await settle();
    return wrapper;
  };
  const dialog = () => document.body.querySelector('.el-dialog')!;

  it('offers “report done” to a lead or support unit’s reporter only', async () => {
    expect(
      (await mountAs(as(['reporter'], 'gxt')))
        .find('[data-testid="milestone-report-done"]')
        .exists(),
    ).toBe(true);
    for (const user of [as(['reporter'], 'edu'), as(['analyst'], null), as(['leader'], 'dsj')]) {
      wrapper?.unmount();
      const w = await mountAs(user);
      expect(w.find('[data-testid="milestone-report-done"]').exists()).toBe(false);
    }
  });

  it('asks for evidence, sends the claim and shows it waiting', async () => {
    const w = await mountAs(as(['reporter'], 'dsj'));
    vi.mocked(api.claimCompletion).mockResolvedValue(completionOf());
    await w.find('[data-testid="milestone-report-done"]').trigger('click');
    await settle();
    const note = dialog().querySelector<HTMLTextAreaElement>(
      'textarea[data-testid="completion-note"]',
    )!;
    note.value = '平台已上线';
    note.dispatchEvent(new Event('input'));
    (dialog().querySelector('[data-testid="completion-save"]') as HTMLElement).click();
    await settle();
    expect(api.claimCompletion).not.toHaveBeenCalled();
    expect(dialog().querySelector('[data-testid="evidence-error"]')!.textContent).toContain(
      '至少附一项佐证材料',
    );
    (
      dialog().querySelector('[data-testid="completion-evidence"] .add .el-button') as HTMLElement
    ).click();
    await settle();
    for (const [testid, value] of [
      ['evidence-title', '上线通知'],
      ['evidence-url', 'https://example.org/n'],
    ]) {
      const input = dialog().querySelector<HTMLInputElement>(
        `input[data-testid="${testid}"], [data-testid="${testid}"] input`,
      )!;
      input.value = value!;
      input.dispatchEvent(new Event('input'));
    }
    await settle();
    (dialog().querySelector('[data-testid="completion-save"]') as HTMLElement).click();
    await settle();
    expect(api.claimCompletion).toHaveBeenCalledWith('DS2020-M01', {
      doneOn: '2020-11-12',
      note: '平台已上线',
      evidence: [{ kind: 'link', title: '上线通知', url: 'https://example.org/n' }],
    });
    expect(w.find('[data-testid="milestone-claimed"]').text()).toBe('待确认');
    const button = w.find('[data-testid="milestone-report-done"]');
    expect(button.text()).toBe('已报告完成，等待确认');
    expect(button.attributes('disabled')).toBeDefined();
  });

  it('reads a node task’s claims on demand', async () => {
    vi.mocked(api.listCompletions).mockResolvedValue([completionOf()]);
    const w = await mountAs(as(['analyst'], null));
    await w.find('[data-testid="milestone-claims"]').trigger('click');
    await settle();
    expect(api.listCompletions).toHaveBeenCalledWith('DS2020-M01');
    expect(w.find('[data-testid="completion"]').attributes('data-state')).toBe('claimed');
    expect(w.find('[data-testid="milestone-claimed"]').exists()).toBe(true);
  });
});
