import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { ApiError, api } from '../api/client.js';
import { reportingApi } from '../api/reporting.js';
import { mountApp, settle } from '../testing/mount.js';
import PullSourceDialog from './PullSourceDialog.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: { listAssignments: vi.fn() },
}));
vi.mock('../api/reporting.js', () => ({
  reportingApi: { createSource: vi.fn(), updateSource: vi.fn() },
}));

const departments = [{ code: 'general-office', name: '省政府办公厅', kind: 'provincial' }] as never;

describe('PullSourceDialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.clearAllMocks();
  });

  it("shows the API's field problems under their fields, and saves nothing", async () => {
    vi.mocked(api.listAssignments).mockResolvedValue([]);
    vi.mocked(reportingApi.createSource).mockRejectedValue(
      new ApiError('请求参数无效', 'validation_failed', 400, 'c1', {
        issues: [
          { path: 'body.cron', code: 'cron_invalid', message: '定时表达式“every month”无法解析' },
          {
            path: 'body.indicators.1',
            code: 'indicator_not_assigned',
            message: '指标 DS2020-X 未分配给 省政府办公厅 填报',
          },
        ],
      }),
    );
    wrapper = mountApp(PullSourceDialog, {
      props: { modelValue: false, source: null, departments },
    });
    await wrapper.setProps({ modelValue: true });
    await settle();
    // Without a unit and a name the form stops before the request.
    (document.querySelector('[data-testid="source-save"]') as HTMLElement).click();
    await shown();
    expect(reportingApi.createSource).not.toHaveBeenCalled();
    expect(errors()).toEqual(['必填', '必填']);

    const fill = async (testid: string, value: string) => {
      const input = document.querySelector(`input[data-testid="${testid}"]`) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await settle();
    };
    const select: VueWrapper | undefined = wrapper
      .findAllComponents({ name: 'ElSelect' })
      .find((s: VueWrapper) => s.attributes('data-testid') === 'source-department');
    select!.vm.$emit('update:modelValue', 'general-office');
    await fill('source-name', '政务服务平台接口');
    await fill('source-url', 'http://example.gov.cn/figures?period={period}');
    await fill('source-cron', 'every month');
    (document.querySelector('[data-testid="source-save"]') as HTMLElement).click();
    await shown();
    expect(reportingApi.createSource).toHaveBeenCalledWith(
      expect.objectContaining({ department: 'general-office', cron: 'every month' }),
    );
    expect(errors()).toEqual([
      '定时表达式“every month”无法解析',
      '指标 DS2020-X 未分配给 省政府办公厅 填报',
    ]);
    // Each under its own field.
    const itemOf = (testid: string) =>
      document.querySelector(`[data-testid="${testid}"]`)!.closest('.el-form-item')!;
    expect(itemOf('source-cron').querySelector('.el-form-item__error')!.textContent).toContain(
      'every month',
    );
    expect(wrapper.emitted('saved')).toBeUndefined();
  });
});

// Errors come in with a short transition.
async function shown(): Promise<void> {
  await settle();
  await new Promise((resolve) => setTimeout(resolve, 150));
}

function errors(): string[] {
  return [...document.querySelectorAll('.el-form-item__error')].map((e) => e.textContent.trim());
}
