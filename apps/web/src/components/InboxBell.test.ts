import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { VueWrapper } from '@vue/test-utils';
import { api } from '../api/client.js';
import { alertOf, noticeOf } from '../testing/factories.js';
import { mountApp, router, settle } from '../testing/mount.js';
import InboxBell from './InboxBell.vue';

vi.mock('../api/client.js', async (original) => ({
  ...(await original<typeof import('../api/client.js')>()),
  api: { getInbox: vi.fn(), readInboxItem: vi.fn(), listRegions: vi.fn() },
}));

const { events: _, ...notice } = noticeOf({ overdue: true });
const alertItem = {
  id: '1',
  at: '2020-11-12T01:00:00Z',
  read: true,
  event: 'fired' as const,
  alert: alertOf(),
};
// The item as the extended inbox answers it: a notice, no alert.
const noticeItem = {
  id: '2',
  at: '2020-11-13T01:00:00Z',
  read: false,
  event: 'fired' as const,
  alert: null,
  notice,
};

// A reminder (催报) to a unit: a reporting message, no alert nor notice.
const reminderItem = {
  id: '3',
  at: '2020-11-08T00:47:00Z',
  read: false,
  event: 'reminder_manual' as const,
  alert: null,
  notice: null,
  message: {
    id: '9',
    kind: 'reminder_manual' as const,
    plan: 'DS2020',
    department: { code: 'general-office', name: '省政府办公厅' },
    sentOn: '2020-11-08',
    at: '2020-11-08T00:47:00Z',
    actor: 'analyst',
    comment: null,
    recipients: 1,
    items: ['依申请类政务服务事项“一网通办”实现率', '“一链办理”集成服务'].map((name, i) => ({
      kind: 'figure' as const,
      plan: 'DS2020',
      period: '2020-10',
      indicator: { code: `DS2020-0${i}`, name },
      measure: null,
      region: { code: '370000', name: '山东省' },
      source: null,
      due: '2020-11-05',
      status: 'due' as const,
      detail: null,
    })),
  },
};

describe('InboxBell', () => {
  let wrapper: VueWrapper | undefined;
  beforeEach(() => {
    vi.mocked(api.listRegions).mockResolvedValue([]);
    vi.mocked(api.readInboxItem).mockResolvedValue(undefined);
  });
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.clearAllMocks();
  });

  async function open(items: unknown[]) {
    vi.mocked(api.getInbox).mockResolvedValue({ unread: 1, items } as never);
    wrapper = mountApp(InboxBell);
    await settle();
    await wrapper.find('[data-testid="inbox-bell"]').trigger('click');
    await settle();
    return wrapper;
  }
  const items = () => [...document.body.querySelectorAll('[data-testid="inbox-item"]')];

  it('shows a notice item with its number, subject, unit, reply deadline and state', async () => {
    await open([noticeItem, alertItem]);
    const [first, second] = items();
    expect(first!.getAttribute('data-kind')).toBe('notice');
    expect(first!.getAttribute('href')).toBe('/notices/501');
    const text = first!.textContent ?? '';
    for (const part of ['督办 DB-2020-007', '推进政务服务“一网通办”', '省大数据局', '2020-11-20'])
      expect(text).toContain(part);
    expect(first!.querySelector('[data-testid="notice-state"]')!.textContent.trim()).toBe('待回复');
    expect(text).toContain('已逾期');
    // The alert items of today's inbox look as before.
    expect(second!.getAttribute('data-kind')).toBe('alert');
    expect(second!.getAttribute('href')).toBe('/alerts/7');
  });

  it('opens the notice and marks it read', async () => {
    await open([noticeItem]);
    const push = vi.spyOn(router, 'push');
    (items()[0] as HTMLElement).click();
    await settle();
    expect(api.readInboxItem).toHaveBeenCalledWith('2');
    expect(push).toHaveBeenCalledWith('/notices/501');
    push.mockRestore();
  });

  it('shows a reminder with its kind, unit and first item, and leads to the calendar', async () => {
    await open([reminderItem]);
    const [item] = items();
    expect(item!.getAttribute('data-kind')).toBe('reporting');
    expect(item!.getAttribute('href')).toBe('/reporting/calendar');
    const text = item!.textContent ?? '';
    for (const part of [
      '催报',
      '省政府办公厅',
      '依申请类政务服务事项“一网通办”实现率 · 山东省',
      '等 2 项',
    ])
      expect(text).toContain(part);
  });
});
