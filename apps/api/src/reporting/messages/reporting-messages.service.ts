import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReportingMessage, ReportingMessageKind } from '@zhibiao/contracts';
import type { AlertSeverity } from '@zhibiao/core';
import { InboxService } from '../../alerts/routing/inbox.service.js';
import {
  ReportingMessagesRepository,
  type MessageFilter,
  type NewReportingMessage,
} from './reporting-messages.repository.js';

/** How urgent each kind of message is, for the routing table (as an alert of that severity). */
const SEVERITY: Record<ReportingMessageKind, AlertSeverity> = {
  reminder_before_due: 'info',
  reminder_overdue: 'warning',
  reminder_manual: 'warning',
  approval_returned: 'warning',
  pull_failing: 'warning',
};

/**
 * Messages to a unit's reporters — reminders of what it still owes, a period returned, a pull source
 * failing — recorded once and delivered to the inboxes of the unit's people whom the routing table
 * (alert subscriptions, channel inbox) sends such events to. E-mail and group robots join through the
 * same table when the notifications issue lands.
 */
@Injectable()
export class ReportingMessagesService implements OnModuleInit {
  constructor(
    private readonly repository: ReportingMessagesRepository,
    private readonly inbox: InboxService,
  ) {}

  onModuleInit(): void {
    this.inbox.useMessagePresenter(async (ids) => {
      const messages = await this.repository.byIds(ids);
      return new Map(messages.map((m) => [m.id, m]));
    });
  }

  /**
   * Records the message and delivers it, in the caller's transaction. A reminder to a unit already
   * reminded that business day is neither recorded nor delivered: null.
   */
  async send(db: EntityManager, message: NewReportingMessage): Promise<ReportingMessage | null> {
    const id = await this.repository.insert(db, message);
    if (id === null) return null;
    await this.inbox.deliverUnitMessage(db, {
      id,
      department: message.department,
      severity: SEVERITY[message.kind],
      at: message.at,
    });
    const [sent] = await this.repository.byIds([id], db);
    return sent ?? null;
  }

  /** Whether the unit was reminded on that day. */
  async remindedOn(db: EntityManager, department: string, day: string): Promise<boolean> {
    return (await this.repository.reminderOn(db, department, day)) !== null;
  }

  list(filter: MessageFilter): Promise<ReportingMessage[]> {
    return this.repository.list(filter);
  }
}
