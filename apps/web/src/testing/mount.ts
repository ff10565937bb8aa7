import { mount, type ComponentMountingOptions } from '@vue/test-utils';
import type { Component } from 'vue';
import { createMemoryHistory, createRouter } from 'vue-router';
import { i18n, setLanguage } from '../i18n/index.js';

// Component tests mount a piece of the app as the app runs it: Element Plus, the UI's messages
// (Chinese unless a test switches) and a router whose pages render nothing.

export const router = createRouter({
  history: createMemoryHistory(),
  routes: [{ path: '/:any(.*)*', component: { render: () => null } }],
});

/** Mounts `component` with the app's i18n and a router; `language` sets the UI language first. */
export function mountApp<C extends Component>(
  component: C,
  options: ComponentMountingOptions<C> & { language?: 'zh-CN' | 'en' } = {},
) {
  setLanguage(options.language ?? 'zh-CN');
  const { language: _, ...rest } = options;
  return mount(component, {
    attachTo: document.body,
    ...rest,
    global: { plugins: [i18n, router], ...rest.global },
  });
}

/** Lets pending promises and Vue's updates run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 0));
}
