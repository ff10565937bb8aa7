import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '../../auth/principal.js';
import { Clock } from '../../common/clock.js';
import { Database } from '../../database/database.js';
import { addDays, startOfBusinessDay, type IsoDate } from '@zhibiao/core';
import type { Notice, ReportingMessage } from '@zhibiao/contracts';
import type { RouteOut } from '../../common/contract.js';
import { AlertsService } from '../lifecycle/alerts.service.js';
import { InboxRepository } from './inbox.repository.js';
import { routes, type Routed } from './routing.js';
import { SubscriptionsRepository } from './subscriptions.repository.js';

/** Supervision notices by id, as the API shows them: supervision registers it (no import cycle). */
export type NoticePresenter = (ids: readonly string[]) => Promise<Map<string, Notice>>;

/** Reporting messages by id, as the API shows them: the reporting module registers it. */
export type MessagePresenter = (ids: readonly string[]) => Promise<Map<string, ReportingMessage>>;

/** A history run leaves the inbox items of its last this-many days unread. */
export const HISTORY_UNREAD_DAYS = 14;

/** Routing alerts' events to the inboxes their subscriptions name, and reading the inbox. */
@Injectable()
export class InboxService {
  private presentNotices: NoticePresenter = () => Promise.resolve(new Map<string, Notice>());
  private presentMessages: MessagePresenter = () =>
    Promise.resolve(new Map<string, ReportingMessage>());

  constructor(
    private readonly database: Database,
    private readonly repository: InboxRepository,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
  ) {}

  /** How the inbox shows a notice's items (supervision's NoticesService registers itself). */
  useNoticePresenter(presenter: NoticePresenter): void {
    this.presentNotices = presenter;
  }

  /** How the inbox shows reporting messages (the reporting module registers itself). */
  useMessagePresenter(presenter: MessagePresenter): void {
    this.presentMessages = presenter;
  }

  /**
   * Puts a reporting message (a reminder, a returned period, a failing source) addressed to a unit in
   * the inboxes of that unit's people whom the routing table sends its events to (an event of the
   * unit at this severity), and answers who they are.
   */
  async deliverUnitMessage(
    db: EntityManager,
    message: { id: string; department: string; severity: Routed['severity']; at: Date },
  ): Promise<string[]> {
    const subscriptions = (await this.subscriptions.subscriptions(db)).filter(
      (s) => s.channel === 'inbox',
    );
    const routed: Routed = {
      alertId: '',
      eventId: '',
      severity: message.severity,
      departments: [message.department],
      section: null,
      escalation: false,
    };
    const users = (await this.subscriptions.recipients(db)).filter(
      (user) =>
        user.department === message.department &&
        subscriptions.some((s) => routes(s, user, routed)),
    );
    const ids = users.map((u) => u.id);
    await this.repository.deliverMessage(db, ids, message.id, message.at);
    return ids;
  }

  /** Puts a supervision notice's event in these users' inboxes. */
  async deliverNoticeEvent(
    db: EntityManager,
    userIds: readonly string[],
    noticeEventId: string,
    at: Date,
    readAt: Date | null = null,
  ): Promise<void> {
    await this.repository.deliverNoticeEvent(db, userIds, noticeEventId, at, readAt);
  }

  /** Puts each event in the inbox of everyone a subscription routes it to. */
  async deliver(db: EntityManager, routed: readonly Routed[], at: Date): Promise<void> {
    if (routed.length === 0) return;
    const subscriptions = (await this.subscriptions.subscriptions(db)).filter(
      (s) => s.channel === 'inbox',
    );
    const users = await this.subscriptions.recipients(db);
    const items: { userId: string; alertId: string; eventId: string; at: Date }[] = [];
    for (const event of routed) {
      for (const user of users) {
        if (subscriptions.some((s) => routes(s, user, event))) {
          items.push({ userId: user.id, alertId: event.alertId, eventId: event.eventId, at });
        }
      }
    }
    await this.repository.deliver(db, items);
  }

  /**
   * The demo's inbox for users created after its history run (demo users added on a later start): every
   * event of the demo plans' alerts that the subscriptions route to them, as the history run would have
   * delivered it — at the moment of its evaluation, read when older than the history run's last fortnight.
   */
  async deliverDemoInbox(
    userIds: readonly string[],
    plans: readonly { plan: string; day: IsoDate }[],
  ): Promise<number> {
    if (userIds.length === 0 || plans.length === 0) return 0;
    return this.database.transaction(async (db) => {
      const subscriptions = (await this.subscriptions.subscriptions(db)).filter(
        (s) => s.channel === 'inbox',
      );
      const users = (await this.subscriptions.recipients(db)).filter((u) => userIds.includes(u.id));
      const items: {
        userId: string;
        alertId: string;
        eventId: string;
        at: Date;
        readAt: Date | null;
      }[] = [];
      for (const { plan, day } of plans) {
        const readBefore = startOfBusinessDay(addDays(day, -HISTORY_UNREAD_DAYS));
        for (const event of await this.repository.routedEvents(db, plan)) {
          for (const user of users) {
            if (!subscriptions.some((s) => routes(s, user, event))) continue;
            items.push({
              userId: user.id,
              alertId: event.alertId,
              eventId: event.eventId,
              at: event.at,
              readAt: event.at < readBefore ? this.clock.now() : null,
            });
          }
        }
      }
      await this.repository.deliver(db, items);
      return items.length;
    });
  }

  /** A year of replayed alerts would bury the inbox: what came before the last fortnight is read. */
  async markHistoryRead(last: IsoDate): Promise<void> {
    await this.repository.markReadBefore(
      startOfBusinessDay(addDays(last, -HISTORY_UNREAD_DAYS)),
      this.clock.now(),
    );
  }

  async inbox(
    principal: Principal,
    unreadOnly: boolean,
    limit: number,
  ): Promise<RouteOut<'getInbox'>> {
    if (principal.kind !== 'user') return { unread: 0, items: [] };
    const items = await this.repository.items(principal.id, unreadOnly, limit);
    const alerts = await this.alerts.byIds([
      ...new Set(items.flatMap((i) => (i.kind === 'alert' ? [i.alertId] : []))),
    ]);
    const notices = await this.presentNotices([
      ...new Set(items.flatMap((i) => (i.kind === 'notice' ? [i.noticeId] : []))),
    ]);
    const messages = await this.presentMessages([
      ...new Set(items.flatMap((i) => (i.kind === 'message' ? [i.messageId] : []))),
    ]);
    return {
      unread: await this.repository.unreadCount(principal.id),
      items: items.flatMap((i): RouteOut<'getInbox'>['items'] => {
        const base = { id: i.id, at: i.createdAt.toISOString(), read: i.readAt !== null };
        if (i.kind === 'message') {
          const message = messages.get(i.messageId);
          return message ? [{ ...base, event: i.event, alert: null, notice: null, message }] : [];
        }
        if (i.kind === 'notice') {
          const notice = notices.get(i.noticeId);
          return notice ? [{ ...base, event: i.event, alert: null, notice, message: null }] : [];
        }
        const alert = alerts.get(i.alertId);
        return alert ? [{ ...base, event: i.event, alert, notice: null, message: null }] : [];
      }),
    };
  }

  async markRead(principal: Principal, id: string | null): Promise<void> {
    if (principal.kind !== 'user') return;
    await this.repository.markRead(principal.id, id, this.clock.now());
  }
}
