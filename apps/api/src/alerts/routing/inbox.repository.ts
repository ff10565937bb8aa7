import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ALERT_EVENT_KINDS,
  NOTICE_EVENT_KINDS,
  REPORTING_MESSAGE_KINDS,
  type ReportingMessageKind,
} from '@zhibiao/contracts';
import { ALERT_SEVERITIES } from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';
import type { AlertEventKind } from '../lifecycle/alert.js';
import type { Routed } from './routing.js';

/** An item of a user's inbox: an alert's event, a supervision notice's, or a reporting message. */
export type InboxItem = {
  id: string;
  createdAt: Date;
  readAt: Date | null;
} & (
  | { kind: 'alert'; event: AlertEventKind; alertId: string }
  | { kind: 'notice'; event: (typeof NOTICE_EVENT_KINDS)[number]; noticeId: string }
  | { kind: 'message'; event: ReportingMessageKind; messageId: string }
);

/** SQL of the inbox: what routing delivered to whom, and what they have read. */
@Injectable()
export class InboxRepository {
  constructor(private readonly database: Database) {}

  async deliver(
    db: EntityManager,
    items: readonly {
      userId: string;
      alertId: string;
      eventId: string;
      at: Date;
      /** Delivered as already read (old news), at this moment. */
      readAt?: Date | null;
    }[],
  ): Promise<void> {
    if (items.length === 0) return;
    await db.query(
      `INSERT INTO inbox_item (user_id, alert_id, event_id, created_at, read_at)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::timestamptz[],
                            $5::timestamptz[])
       ON CONFLICT (user_id, event_id) DO NOTHING`,
      [
        items.map((i) => i.userId),
        items.map((i) => i.alertId),
        items.map((i) => i.eventId),
        items.map((i) => i.at),
        items.map((i) => i.readAt ?? null),
      ],
    );
  }

  /** Puts a notice's event in these users' inboxes (once per user). */
  async deliverNoticeEvent(
    db: EntityManager,
    userIds: readonly string[],
    noticeEventId: string,
    at: Date,
    readAt: Date | null = null,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db.query(
      `INSERT INTO inbox_item (user_id, notice_event_id, created_at, read_at)
       SELECT u, $2::bigint, $3::timestamptz, $4::timestamptz FROM unnest($1::bigint[]) AS u
       ON CONFLICT (user_id, notice_event_id) DO NOTHING`,
      [userIds, noticeEventId, at, readAt],
    );
  }

  /** Puts a reporting message in these users' inboxes (once per user). */
  async deliverMessage(
    db: EntityManager,
    userIds: readonly string[],
    messageId: string,
    at: Date,
  ): Promise<void> {
    if (userIds.length === 0) return;
    await db.query(
      `INSERT INTO inbox_item (user_id, reporting_message_id, created_at)
       SELECT u, $2::bigint, $3::timestamptz FROM unnest($1::bigint[]) AS u
       ON CONFLICT (user_id, reporting_message_id) DO NOTHING`,
      [userIds, messageId, at],
    );
  }

  /**
   * Every event of a plan's alerts that evaluations route (not acknowledgements, nothing of an alert
   * that fired silenced), oldest first, with the lead departments and section of its subject.
   */
  async routedEvents(db: EntityManager, plan: string): Promise<(Routed & { at: Date })[]> {
    const rows: {
      event_id: string;
      alert_id: string;
      at: Date;
      kind: string;
      severity: string;
      section_code: string | null;
      departments: string[];
    }[] = await db.query(
      `SELECT e.id AS event_id, e.alert_id, e.at, e.kind, e.severity,
              COALESCE(i.section_code, m.section_code) AS section_code,
              ARRAY(SELECT d.department_code::text FROM indicator_department d
                     WHERE d.indicator_code = a.indicator_code AND d.role = 'lead'
                    UNION ALL
                    SELECT d.department_code::text FROM milestone_department d
                     WHERE d.milestone_code = a.milestone_code AND d.role = 'lead') AS departments
         FROM alert_event e
         JOIN alert a ON a.id = e.alert_id
         LEFT JOIN indicator i ON i.code = a.indicator_code
         LEFT JOIN milestone m ON m.code = a.milestone_code
        WHERE a.plan_code = $1 AND a.silence_id IS NULL AND e.kind <> 'acknowledged'
        ORDER BY e.id`,
      [plan],
    );
    return rows.map((row) => ({
      alertId: row.alert_id,
      eventId: row.event_id,
      at: row.at,
      severity: oneOf(ALERT_SEVERITIES, row.severity, 'alert_event.severity'),
      departments: row.departments,
      section: row.section_code,
      escalation: row.kind === 'escalated',
    }));
  }

  async items(userId: string, unreadOnly: boolean, limit: number): Promise<InboxItem[]> {
    const rows: {
      id: string;
      created_at: Date;
      read_at: Date | null;
      alert_kind: string | null;
      alert_id: string | null;
      notice_kind: string | null;
      notice_id: string | null;
      message_kind: string | null;
      message_id: string | null;
    }[] = await this.database.db.query(
      `SELECT b.id, b.created_at, b.read_at, e.kind AS alert_kind, b.alert_id,
              ne.kind AS notice_kind, ne.notice_id, rm.kind AS message_kind,
              b.reporting_message_id AS message_id
         FROM inbox_item b
         LEFT JOIN alert_event e ON e.id = b.event_id
         LEFT JOIN supervision_notice_event ne ON ne.id = b.notice_event_id
         LEFT JOIN reporting_message rm ON rm.id = b.reporting_message_id
        WHERE b.user_id = $1 AND (NOT $2 OR b.read_at IS NULL)
        ORDER BY b.created_at DESC, b.id DESC LIMIT $3`,
      [userId, unreadOnly, limit],
    );
    return rows.map((row): InboxItem => {
      const base = { id: row.id, createdAt: row.created_at, readAt: row.read_at };
      if (row.notice_id !== null && row.notice_kind !== null) {
        return {
          ...base,
          kind: 'notice',
          event: oneOf(NOTICE_EVENT_KINDS, row.notice_kind, 'supervision_notice_event.kind'),
          noticeId: row.notice_id,
        };
      }
      if (row.message_id !== null && row.message_kind !== null) {
        return {
          ...base,
          kind: 'message',
          event: oneOf(REPORTING_MESSAGE_KINDS, row.message_kind, 'reporting_message.kind'),
          messageId: row.message_id,
        };
      }
      return {
        ...base,
        kind: 'alert',
        event: oneOf(ALERT_EVENT_KINDS, row.alert_kind ?? '', 'alert_event.kind'),
        alertId: row.alert_id ?? '',
      };
    });
  }

  async unreadCount(userId: string): Promise<number> {
    const rows: { n: number }[] = await this.database.db.query(
      `SELECT count(*)::int AS n FROM inbox_item WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Marks read every inbox item delivered before `before` (a history run's old news). */
  async markReadBefore(before: Date, at: Date): Promise<void> {
    await this.database.db.query(
      `UPDATE inbox_item SET read_at = $2 WHERE created_at < $1 AND read_at IS NULL`,
      [before, at],
    );
  }

  async markRead(userId: string, id: string | null, at: Date): Promise<number> {
    const rows: unknown[] = await this.database.db.query(
      `WITH read AS (
         UPDATE inbox_item SET read_at = $3
          WHERE user_id = $1 AND ($2::bigint IS NULL OR id = $2::bigint) AND read_at IS NULL
          RETURNING id)
       SELECT id FROM read`,
      [userId, id, at],
    );
    return rows.length;
  }
}
