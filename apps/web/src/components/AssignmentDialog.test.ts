import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import type { Assignment, IndicatorSummary, Region } from '@zhibiao/contracts';
import { api } from '../api/client.js';
import { mountApp, settle } from '../testing/mount.js';
import AssignmentDialog from './AssignmentDialog.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: { setAssignment: vi.fn() },
}));

const regions = [
  { code: '370000', name: '山东省', nameEn: 'Shandong', level: 'province' },
  { code: '370100', name: '济南市', nameEn: 'Jinan', level: 'city' },
  { code: '370200', name: '青岛市', nameEn: 'Qingdao', level: 'city' },
] as Region[];
const indicator = {
  code: 'DS2020-5G',
  name: '新开通5G基站',
  nameEn: null,
  regions: ['370200', '370100', '370000'],
  leadDepartments: [{ code: 'gxt', name: '省工业和信息化厅' }],
} as unknown as IndicatorSummary;
const assignments = [
  {
    indicator: 'DS2020-5G',
    department: { code: 'jinan', name: '济南市政府' },
    regions: ['370100'],
  },
] as Assignment[];
const departments = [
  { code: 'jinan', name: '济南市政府', kind: 'city' },
  { code: 'qingdao', name: '青岛市政府', kind: 'city' },
] as never;

describe('AssignmentDialog', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => vi.mocked(api.setAssignment).mockReset());
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  async function open(department: string) {
    wrapper = mountApp(AssignmentDialog, {
      props: { modelValue: true, indicator, department, departments, regions, assignments },
    });
    await settle();
    return wrapper;
  }
  const dialog = () => document.body.querySelector('[data-testid="assignment-dialog"]')!;
  const ticked = () =>
    [...dialog().querySelectorAll('.el-checkbox.is-checked')].map((c) =>
      c.getAttribute('data-region'),
    );
  const save = async () => {
    (dialog().querySelector('[data-testid="assignment-save"]') as HTMLElement).click();
    await settle();
  };

  it('offers the indicator’s regions, the province first, with the department’s own ticked', async () => {
    await open('jinan');
    const offered = [...dialog().querySelectorAll('.el-checkbox')].map((c) =>
      c.getAttribute('data-region'),
    );
    expect(offered).toEqual(['370000', '370100', '370200']);
    expect(ticked()).toEqual(['370100']);
    expect(dialog().textContent).toContain('牵头单位：省工业和信息化厅');
  });

  it('asks for a department before anything is sent', async () => {
    const w = await open('');
    await save();
    expect(api.setAssignment).not.toHaveBeenCalled();
    // The field's error appears once Element Plus has re-rendered the item.
    await vi.waitFor(() => expect(dialog().textContent).toContain('请先选择部门'));
    expect(w.emitted('saved')).toBeUndefined();
  });

  it('sends the regions in reading order and says whether the assignment went', async () => {
    vi.mocked(api.setAssignment).mockResolvedValue(undefined as never);
    const w = await open('jinan');
    (dialog().querySelector('[data-testid="assignment-select-all"]') as HTMLElement).click();
    await settle();
    await save();
    expect(api.setAssignment).toHaveBeenCalledWith({
      department: 'jinan',
      indicator: 'DS2020-5G',
      regions: ['370000', '370100', '370200'],
    });
    expect(w.emitted('saved')).toEqual([[{ department: 'jinan', removed: false }]]);
  });

  it('warns that clearing every box takes the assignment away, and does so', async () => {
    vi.mocked(api.setAssignment).mockResolvedValue(undefined as never);
    const w = await open('jinan');
    (dialog().querySelector('[data-testid="assignment-select-none"]') as HTMLElement).click();
    await settle();
    expect(dialog().querySelector('[data-testid="assignment-remove-hint"]')?.textContent).toContain(
      '将取消济南市政府对本指标的填报分工',
    );
    await save();
    expect(w.emitted('saved')).toEqual([[{ department: 'jinan', removed: true }]]);
  });
});
