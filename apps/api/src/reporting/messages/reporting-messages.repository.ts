import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  REPORTING_MESSAGE_KINDS,
  type ReportingMessage,
  type ReportingMessageItem,
  type ReportingMessageKind,
} from '@zhibiao/contracts';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';

/** A message about to be sent to a unit. */
export interface NewReportingMessage {
  kind: ReportingMessageKind;
  plan: string | null;
  department: string;
  /** The business day it is sent on: at most one reminder per unit and day. */
  sentOn: string;
  items: readonly ReportingMessageItem[];
  comment: string | null;
  actor: string | null;
  at: Date;
}

export interface MessageFilter {
  department?: string;
  plan?: string;
  kind?: ReportingMessageKind;
  from?: string;
  to?: string;
  limit: number;
}

interface MessageRow {
  id: string;
  kind: string;
  plan_code: string | null;
  department_code: string;
  department_name: string;
  sent_on: string;
  items: ReportingMessageItem[];
  comment: string | null;
  actor: string | null;
  at: Date;
  recipients: number;
}

const SELECT_MESSAGE = `SELECT m.id, m.kind, m.plan_code, m.department_code, d.name AS department_name,
        to_char(m.sent_on, 'YYYY-MM-DD') AS sent_on, m.items, m.comment, m.actor, m.at,
        (SELECT count(*)::int FROM inbox_item b WHERE b.reporting_message_id = m.id) AS recipients
   FROM reporting_message m JOIN department d ON d.code = m.department_code`;

function toMessage(row: MessageRow): ReportingMessage {
  return {
    id: row.id,
    kind: oneOf(REPORTING_MESSAGE_KINDS, row.kind, 'reporting_message.kind'),
    plan: row.plan_code,
    department: { code: row.department_code, name: row.department_name },
    sentOn: row.sent_on,
    at: row.at.toISOString(),
    actor: row.actor,
    comment: row.comment,
    items: row.items,
    recipients: row.recipients,
  };
}

/** SQL of the messages sent to units' reporters. */
@Injectable()
export class ReportingMessagesRepository {
  constructor(private readonly database: Database) {}

  /**
   * Records a message; a reminder to a unit already reminded that day is not recorded (null): the
   * partial unique index decides, so two processes racing send one.
   */
  async insert(db: EntityManager, message: NewReportingMessage): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO reporting_message (kind, plan_code, department_code, sent_on, items, comment, actor, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (department_code, sent_on)
         WHERE kind IN ('reminder_before_due', 'reminder_overdue', 'reminder_manual')
       DO NOTHING
       RETURNING id`,
      [
        message.kind,
        message.plan,
        message.department,
        message.sentOn,
        JSON.stringify(message.items),
        message.comment,
        message.actor,
        message.at,
      ],
    );
    return rows[0]?.id ?? null;
  }

  /** The reminder a unit got on a day, if any. */
  async reminderOn(db: EntityManager, department: string, day: string): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM reporting_message
        WHERE department_code = $1 AND sent_on = $2::date
          AND kind IN ('reminder_before_due', 'reminder_overdue', 'reminder_manual')`,
      [department, day],
    );
    return rows[0]?.id ?? null;
  }

  async byIds(
    ids: readonly string[],
    db: EntityManager = this.database.db,
  ): Promise<ReportingMessage[]> {
    if (ids.length === 0) return [];
    const rows: MessageRow[] = await db.query(
      `${SELECT_MESSAGE} WHERE m.id = ANY($1::bigint[]) ORDER BY m.at DESC, m.id DESC`,
      [ids],
    );
    return rows.map(toMessage);
  }

  /** Messages newest first, filtered. */
  async list(filter: MessageFilter): Promise<ReportingMessage[]> {
    const rows: MessageRow[] = await this.database.db.query(
      `${SELECT_MESSAGE}
        WHERE ($1::text IS NULL OR m.department_code = $1)
          AND ($2::text IS NULL OR m.plan_code = $2 OR m.plan_code IS NULL)
          AND ($3::text IS NULL OR m.kind = $3)
          AND ($4::date IS NULL OR m.sent_on >= $4::date)
          AND ($5::date IS NULL OR m.sent_on <= $5::date)
        ORDER BY m.at DESC, m.id DESC
        LIMIT $6`,
      [
        filter.department ?? null,
        filter.plan ?? null,
        filter.kind ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.limit,
      ],
    );
    return rows.map(toMessage);
  }
}
