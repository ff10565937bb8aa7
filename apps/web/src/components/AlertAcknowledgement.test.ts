import { afterEach, describe, expect, it, vi } from 'vitest';
import { computed } from 'vue';
import type { VueWrapper } from '@vue/test-utils';
import type { User } from '@zhibiao/contracts';
import { alertOf } from '../testing/factories.js';
import { mountApp } from '../testing/mount.js';
import AlertAcknowledgement from './AlertAcknowledgement.vue';

const signedIn = vi.hoisted(() => ({ user: null as User | null }));
vi.mock('../composables/use-session.js', () => ({
  useSession: () => ({ user: computed(() => signedIn.user) }),
}));
vi.mock('../composables/use-today.js', async (original) => ({
  ...(await original<typeof import('../composables/use-today.js')>()),
  useToday: () => ({ today: computed(() => '2020-11-12'), clock: computed(() => null) }),
}));

const user = (roles: string[], department: string | null) =>
  ({
    roles,
    department: department ? { code: department, name: department } : null,
  }) as unknown as User;

describe('AlertAcknowledgement', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => wrapper?.unmount());
  const mountAs = (who: User, overrides: Parameters<typeof alertOf>[0] = {}) => {
    signedIn.user = who;
    return (wrapper = mountApp(AlertAcknowledgement, { props: { alert: alertOf(overrides) } }));
  };
  const acknowledgement = {
    at: '2020-11-13T02:00:00Z',
    by: '省工信厅 张三',
    cause: 'funding',
    comment: '资金晚到',
    plan: '加快建设',
    catchUpDate: '2020-12-15',
  };

  it('gives a reporter of the lead department the form for a firing alert', () => {
    const w = mountAs(user(['reporter'], 'gxt'));
    expect(w.find('[data-testid="ack-form"]').exists()).toBe(true);
  });

  it('leaves leaders and other departments to read who answers', () => {
    for (const who of [user(['leader'], null), user(['reporter'], 'edu')]) {
      const w = mountAs(who);
      expect(w.find('[data-testid="ack-form"]').exists()).toBe(false);
      expect(w.find('[data-testid="ack-none"]').text()).toContain('由牵头单位、分析员或管理员确认');
    }
  });

  it('shows the answer given, and lets those who may revise it', async () => {
    const w = mountAs(user(['analyst'], null), {
      status: 'acknowledged',
      acknowledgement,
    } as never);
    expect(w.find('[data-testid="ack-view-date"]').text()).toBe('2020-12-15');
    expect(w.find('[data-testid="ack-form"]').exists()).toBe(false);
    await w.find('[data-testid="ack-revise"]').trigger('click');
    expect(w.find('[data-testid="ack-form"]').exists()).toBe(true);
  });

  it('offers nothing to do once the alert is resolved', () => {
    const w = mountAs(user(['admin'], null), { status: 'resolved' });
    expect(w.find('[data-testid="ack-form"]').exists()).toBe(false);
    expect(w.find('[data-testid="ack-none"]').text()).toBe('—');
  });
});
