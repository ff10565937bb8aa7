import { afterEach, describe, expect, it } from 'vitest';
import { h } from 'vue';
import type { VueWrapper } from '@vue/test-utils';
import { mountApp } from '../testing/mount.js';
import PageState from './PageState.vue';

describe('PageState', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => wrapper?.unmount());

  const mountWith = (props: Record<string, unknown>) =>
    (wrapper = mountApp(PageState, {
      props: { testid: 'x', ...props },
      slots: {
        default: () => h('p', { class: 'content' }, 'loaded'),
        'not-found': () => h('a', { class: 'back' }, 'back'),
        empty: () => h('button', { class: 'import' }, 'import'),
      },
    }));

  it('stands a skeleton in while loading, before anything else', () => {
    const w = mountWith({ loading: true, error: 'boom', empty: 'nothing' });
    expect(w.find('[data-testid="x-loading"]').exists()).toBe(true);
    expect(w.find('.content').exists()).toBe(false);
  });

  it('says what was not found, with the way back', () => {
    const w = mountWith({ notFound: true, notFoundTitle: '未找到指标 X' });
    expect(w.find('[data-testid="x-not-found"]').text()).toContain('未找到指标 X');
    expect(w.find('.back').exists()).toBe(true);
  });

  it('leads back with a button of its own when given where to', () => {
    wrapper = mountApp(PageState, {
      props: { testid: 'x', notFound: true, backTo: '/indicators', backLabel: '返回指标列表' },
    });
    const back = wrapper.find('[data-testid="x-not-found"] a');
    expect(back.attributes('href')).toBe('/indicators');
    expect(back.find('.el-button').text()).toBe('返回指标列表');
  });

  it('shows a failure with its message and retries on request', async () => {
    const w = mountWith({ error: 'network down' });
    expect(w.find('[data-testid="x-error"]').text()).toContain('network down');
    expect(w.find('[data-testid="x-error"]').text()).toContain('数据加载失败');
    await w.find('[data-testid="x-retry"]').trigger('click');
    expect(w.emitted('retry')).toHaveLength(1);
  });

  it('shows a failure inside a page as an alert when inline', async () => {
    const w = mountWith({ error: 'network down', inline: true, errorTitle: '各市进度加载失败' });
    expect(w.find('.el-alert').text()).toContain('各市进度加载失败');
    await w.find('[data-testid="x-retry"]').trigger('click');
    expect(w.emitted('retry')).toHaveLength(1);
  });

  it('says when there is nothing, with what the page offers instead', () => {
    const w = mountWith({ empty: '还没有行动方案' });
    expect(w.find('[data-testid="x-empty"]').text()).toContain('还没有行动方案');
    expect(w.find('.import').exists()).toBe(true);
  });

  it('shows what was loaded otherwise', () => {
    const w = mountWith({ empty: false });
    expect(w.find('.content').text()).toBe('loaded');
  });
});
