import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import type { VueWrapper } from '@vue/test-utils';
import { mountApp, settle } from '../testing/mount.js';
import FormDialog from './FormDialog.vue';

describe('FormDialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  async function open(props: Record<string, unknown> = {}) {
    wrapper = mountApp(FormDialog, {
      props: { modelValue: true, title: '新建用户', saveTestid: 'save', ...props },
      slots: { default: () => h('input', { class: 'field' }) },
    });
    await settle();
    return wrapper;
  }
  const dialog = () => document.body.querySelector('.el-dialog')!;
  const button = (text: string) =>
    [...dialog().querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;

  it('saves on Save and on Enter in a field', async () => {
    const w = await open();
    (dialog().querySelector('[data-testid="save"]') as HTMLButtonElement).click();
    dialog()
      .querySelector('form')!
      .dispatchEvent(new Event('submit', { cancelable: true }));
    await settle();
    expect(w.emitted('save')).toHaveLength(2);
  });

  it('keeps Enter from saving when asked (a form of many number fields)', async () => {
    await open({ enterSaves: false });
    expect(dialog().querySelector('button[type="submit"]')).toBeNull();
  });

  it('closes on Cancel without saving', async () => {
    const w = await open();
    button('取消').click();
    await settle();
    expect(w.emitted('update:modelValue')?.at(-1)).toEqual([false]);
    expect(w.emitted('save')).toBeUndefined();
  });

  it('shows a failure no field shows above the form, and the issues of other paths', async () => {
    await open({
      message: null,
      issues: [{ path: 'body.x', code: 'custom', message: '不认识的字段' }],
    });
    expect(dialog().querySelector('[data-testid="form-issues"]')?.textContent).toContain(
      '不认识的字段',
    );
  });

  it('names the action on its button and waits while saving', async () => {
    await open({ saveText: '标记完成', saving: true });
    const save = dialog().querySelector('[data-testid="save"]')!;
    expect(save.textContent).toContain('标记完成');
    expect(save.classList.contains('is-loading')).toBe(true);
  });
});
