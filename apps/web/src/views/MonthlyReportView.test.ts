import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { computed } from 'vue';
import type { VueWrapper } from '@vue/test-utils';
import type { User } from '@zhibiao/contracts';
import { ApiError, api } from '../api/client.js';
import { currentLanguage } from '../i18n/index.js';
import { measureOf, measureReportOf } from '../testing/factories.js';
import { mountApp, router, settle } from '../testing/mount.js';
import MonthlyReportView from './MonthlyReportView.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: {
    listPlans: vi.fn(),
    listMeasures: vi.fn(),
    listReportQueue: vi.fn(),
    fileMeasureReport: vi.fn(),
    listDepartments: vi.fn(),
  },
}));
const signedIn = vi.hoisted(() => ({ user: null as User | null }));
vi.mock('../composables/use-session.js', () => ({
  useSession: () => ({
    user: computed(() => signedIn.user),
    hasRole: (role: string) => signedIn.user?.roles.includes(role as never) ?? false,
  }),
}));
vi.mock('../composables/use-today.js', async (original) => ({
  ...(await original<typeof import('../composables/use-today.js')>()),
  useToday: () => ({ today: computed(() => '2020-11-12'), clock: computed(() => null) }),
}));

const reporter = {
  roles: ['reporter'],
  department: { code: 'dsj', name: '省大数据局' },
} as unknown as User;
const measures = [
  measureOf(),
  measureOf({
    code: 'DS2020-2.1-1',
    name: '推进工业互联网',
    leadDepartments: [{ code: 'gxt', name: '省工业和信息化厅' }],
    supportDepartments: [{ code: 'dsj', name: '省大数据局' }],
  }),
  measureOf({
    code: 'DS2020-3.1-1',
    name: '别人的举措',
    leadDepartments: [],
    supportDepartments: [],
  }),
];

describe('MonthlyReportView', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    signedIn.user = reporter;
    vi.mocked(api.listPlans).mockResolvedValue([{ code: 'DS2020', title: '方案' }] as never);
    vi.mocked(api.listMeasures).mockResolvedValue(measures);
    vi.mocked(api.listReportQueue).mockResolvedValue([]);
  });
  afterEach(() => {
    wrapper?.unmount();
    vi.clearAllMocks();
  });

  async function open(language: 'zh-CN' | 'en' = 'zh-CN', path = '/reports') {
    await router.push(path);
    wrapper = mountApp(MonthlyReportView, { language });
    await settle();
    return wrapper;
  }
  const card = (w: VueWrapper, code = 'DS2020-1.1-1') =>
    w.find(`[data-testid="report-form"][data-code="${code}"]`);
  const textarea = (w: VueWrapper, testid: string, code?: string) =>
    card(w, code).find(`textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`);
  // Element Plus shows a field's error 100 ms after it is set.
  const shown = () => new Promise((resolve) => setTimeout(resolve, 150));
  const fieldError = (w: VueWrapper, testid: string) =>
    textarea(w, testid)
      .element.closest('.el-form-item')!
      .querySelector('.el-form-item__error')
      ?.textContent?.trim();

  it('asks for last month of the unit, one card per measure it leads or supports', async () => {
    const w = await open();
    expect(api.listReportQueue).toHaveBeenCalledWith({
      plan: 'DS2020',
      period: '2020-10',
      department: 'dsj',
    });
    const cards = w.findAll('[data-testid="report-form"]');
    expect(cards.map((c) => c.attributes('data-code'))).toEqual(['DS2020-1.1-1', 'DS2020-2.1-1']);
    expect(cards[1]!.text()).toContain('配合');
  });

  it('starts from the unit’s latest revision of the month', async () => {
    vi.mocked(api.listReportQueue).mockResolvedValue([
      measureReportOf({ id: '1', revision: 1, progress: '旧的', state: 'draft' }),
      measureReportOf({
        id: '2',
        revision: 2,
        state: 'draft',
        status: 'behind',
        progress: '平台改造完成一半',
        problems: '资金未到位',
        evidence: [{ kind: 'link', title: '通报', url: 'https://example.org/a' }],
      }),
    ]);
    const w = await open();
    expect((textarea(w, 'report-progress').element as HTMLTextAreaElement).value).toBe(
      '平台改造完成一半',
    );
    expect((textarea(w, 'report-problems').element as HTMLTextAreaElement).value).toBe(
      '资金未到位',
    );
    expect(card(w).find('.el-radio-button.is-active').attributes('data-value')).toBe('behind');
    expect(
      (
        card(w).find('input[data-testid="evidence-title"], [data-testid="evidence-title"] input')
          .element as HTMLInputElement
      ).value,
    ).toBe('通报');
    expect(card(w).find('[data-testid="report-state"]').text()).toBe('草稿');
  });

  it('saves a draft, then submits, and shows the new state', async () => {
    vi.mocked(api.listReportQueue).mockResolvedValue([
      measureReportOf({ state: 'draft', progress: '', status: 'on_track' }),
    ]);
    vi.mocked(api.fileMeasureReport).mockImplementation((_code, body) =>
      Promise.resolve(
        measureReportOf({
          id: body.submit ? '12' : '11',
          revision: body.submit ? 3 : 2,
          state: body.submit ? 'submitted' : 'draft',
          progress: body.progress,
        }),
      ),
    );
    const w = await open();
    await textarea(w, 'report-progress').setValue('已完成省级平台改造');
    await card(w).find('[data-testid="report-save-draft"]').trigger('click');
    await settle();
    expect(api.fileMeasureReport).toHaveBeenLastCalledWith('DS2020-1.1-1', {
      period: '2020-10',
      status: 'on_track',
      progress: '已完成省级平台改造',
      problems: '',
      nextSteps: '推进市级接入',
      evidence: [],
      submit: false,
    });
    await card(w).find('[data-testid="report-submit"]').trigger('click');
    await settle();
    expect(vi.mocked(api.fileMeasureReport).mock.calls.at(-1)![1].submit).toBe(true);
    expect(card(w).attributes('data-state')).toBe('submitted');
    expect(card(w).find('[data-testid="report-state"]').text()).toBe('待审核');
  });

  it('asks for the progress before submitting, in the UI’s language', async () => {
    for (const [language, message] of [
      ['zh-CN', '提交前请填写进展情况'],
      ['en', 'Fill in the progress before submitting'],
    ] as const) {
      const w = await open(language);
      await card(w).find('.el-radio-button[data-value="on_track"] input').setValue(true);
      await card(w).find('[data-testid="report-submit"]').trigger('click');
      await settle();
      await shown();
      expect(api.fileMeasureReport).not.toHaveBeenCalled();
      expect(fieldError(w, 'report-progress')).toBe(message);
      w.unmount();
    }
    wrapper = undefined;
  });

  it('shows the API’s field problems under their fields, in the language asked for', async () => {
    // The API answers in the request's Accept-Language.
    vi.mocked(api.fileMeasureReport).mockImplementation(() => {
      const en = currentLanguage() === 'en';
      return Promise.reject(
        new ApiError('invalid', 'validation_failed', 400, 'c1', {
          issues: [
            {
              path: 'body.nextSteps',
              code: 'too_long',
              message: en ? 'At most 4000 characters' : '最多 4000 个字符',
            },
            {
              path: 'body.evidence.0.url',
              code: 'invalid_format',
              message: en ? 'Not an http(s) URL' : '不是 http(s) 网址',
            },
          ],
        }),
      );
    });
    vi.mocked(api.listReportQueue).mockResolvedValue([
      measureReportOf({
        state: 'draft',
        evidence: [{ kind: 'link', title: '通报', url: 'ftp://x' }],
      }),
    ]);
    for (const [language, nextSteps, url] of [
      ['zh-CN', '最多 4000 个字符', '不是 http(s) 网址'],
      ['en', 'At most 4000 characters', 'Not an http(s) URL'],
    ] as const) {
      const w = await open(language);
      await card(w).find('[data-testid="report-save-draft"]').trigger('click');
      await settle();
      await shown();
      expect(fieldError(w, 'report-next-steps')).toBe(nextSteps);
      expect(card(w).find('[data-testid="evidence-row-error"]').text()).toBe(url);
      w.unmount();
    }
    wrapper = undefined;
  });

  it('puts the bureau’s comment on a returned report first', async () => {
    vi.mocked(api.listReportQueue).mockResolvedValue([
      measureReportOf({
        state: 'returned',
        review: {
          decision: 'return',
          comment: '请补充市级接入的佐证材料',
          by: '省大数据局 督查处',
          at: '2020-11-05T02:00:00Z',
        },
      }),
    ]);
    const w = await open();
    const returned = card(w).find('[data-testid="report-returned"]');
    expect(returned.text()).toContain('省大数据局退回了本月报送');
    expect(returned.text()).toContain('请补充市级接入的佐证材料');
    expect(card(w).find('[data-testid="report-submit"]').text()).toBe('重新提交');
  });

  it('lets an administrator pick the unit, and names it when reporting', async () => {
    signedIn.user = { roles: ['admin'], department: null } as unknown as User;
    vi.mocked(api.listDepartments).mockResolvedValue([]);
    const w = await open('zh-CN', '/reports?department=gxt&period=2020-09');
    expect(api.listReportQueue).toHaveBeenCalledWith({
      plan: 'DS2020',
      period: '2020-09',
      department: 'gxt',
    });
    // 省工业和信息化厅 supports the first measure and leads the second.
    expect(w.findAll('[data-testid="report-form"]')).toHaveLength(2);
    vi.mocked(api.fileMeasureReport).mockResolvedValue(measureReportOf({ state: 'draft' }));
    const only = w.find('[data-testid="report-form"]');
    await only.find('.el-radio-button[data-value="done"] input').setValue(true);
    await only.find('[data-testid="report-save-draft"]').trigger('click');
    await settle();
    expect(vi.mocked(api.fileMeasureReport).mock.calls[0]![1]).toMatchObject({
      department: 'gxt',
      period: '2020-09',
      status: 'done',
    });
  });
});
