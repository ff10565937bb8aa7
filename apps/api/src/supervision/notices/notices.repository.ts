import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { NOTICE_EVENT_KINDS, NOTICE_SUBJECTS, ROLES, type Role } from '@zhibiao/contracts';
import type { NoticeEventKind } from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';
import type { StoredEvidence } from '../evidence.js';

export type NoticeSubjectKind = (typeof NOTICE_SUBJECTS)[number];

/** A measure, node task or indicator a notice may be about, with its units. */
export interface NoticeSubject {
  kind: NoticeSubjectKind;
  code: string;
  name: string;
  plan: string;
  lead: string[];
  support: string[];
}

/** A reply as stored: the cause, the catch-up plan and date, the evidence as given. */
export interface StoredReply {
  cause: string;
  plan: string;
  catchUpDate: string;
  evidence: StoredEvidence[];
}

export interface NoticeRecord {
  id: string;
  number: string;
  plan: string;
  subject: { kind: NoticeSubjectKind; code: string; name: string };
  department: { code: string; name: string };
  problem: string;
  requirement: string;
  replyBy: string;
  alertId: string | null;
  raisedBy: string;
  raisedAt: Date;
}

export interface NoticeEventRecord {
  id: string;
  noticeId: string;
  kind: NoticeEventKind;
  comment: string | null;
  reply: StoredReply | null;
  replyBy: string | null;
  actor: string | null;
  at: Date;
}

interface NoticeRow {
  id: string;
  number: string;
  plan_code: string;
  subject_kind: string;
  subject_code: string;
  subject_name: string | null;
  department_code: string;
  department_name: string;
  problem: string;
  requirement: string;
  reply_by: string;
  alert_id: string | null;
  raised_by: string;
  raised_at: Date;
}

const NOTICES_SQL = `
SELECT n.id, n.number, n.plan_code, n.subject_kind, n.subject_code,
       CASE n.subject_kind
         WHEN 'measure' THEN (SELECT x.name FROM measure x WHERE x.code = n.subject_code)
         WHEN 'milestone' THEN (SELECT x.name FROM milestone x WHERE x.code = n.subject_code)
         ELSE (SELECT x.name FROM indicator x WHERE x.code = n.subject_code) END AS subject_name,
       n.department_code, d.name AS department_name, n.problem, n.requirement,
       to_char(n.reply_by, 'YYYY-MM-DD') AS reply_by, n.alert_id, n.raised_by, n.raised_at
  FROM supervision_notice n JOIN department d ON d.code = n.department_code`;

const SUBJECT_TABLES = {
  measure: { table: 'measure', roles: 'measure_department', key: 'measure_code' },
  milestone: { table: 'milestone', roles: 'milestone_department', key: 'milestone_code' },
  indicator: { table: 'indicator', roles: 'indicator_department', key: 'indicator_code' },
} as const;

/** SQL of supervision notices (督办), their events and who they reach. */
@Injectable()
export class NoticesRepository {
  constructor(private readonly database: Database) {}

  async subject(
    kind: NoticeSubjectKind,
    code: string,
    db: EntityManager = this.database.db,
  ): Promise<NoticeSubject | undefined> {
    const { table, roles, key } = SUBJECT_TABLES[kind];
    const rows: {
      code: string;
      name: string;
      plan_code: string;
      lead: string[];
      support: string[];
    }[] = await db.query(
      `SELECT s.code, s.name, s.plan_code,
                ARRAY(SELECT r.department_code::text FROM ${roles} r
                       WHERE r.${key} = s.code AND r.role = 'lead' ORDER BY r.position) AS lead,
                ARRAY(SELECT r.department_code::text FROM ${roles} r
                       WHERE r.${key} = s.code AND r.role = 'support' ORDER BY r.position) AS support
           FROM ${table} s WHERE s.code = $1`,
      [code],
    );
    const row = rows[0];
    return (
      row && {
        kind,
        code: row.code,
        name: row.name,
        plan: row.plan_code,
        lead: row.lead,
        support: row.support,
      }
    );
  }

  /** Numbers of a year's notices, taken under a lock so that two raised at once get two numbers. */
  async numbersOfYear(db: EntityManager, year: number): Promise<string[]> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('supervision_notice_number'))`);
    const rows: { number: string }[] = await db.query(
      `SELECT number FROM supervision_notice WHERE number LIKE $1`,
      [`DB-${year}-%`],
    );
    return rows.map((r) => r.number);
  }

  async insert(
    db: EntityManager,
    notice: Omit<NoticeRecord, 'id' | 'subject' | 'department'> & {
      subjectKind: NoticeSubjectKind;
      subjectCode: string;
      department: string;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO supervision_notice (number, plan_code, subject_kind, subject_code, department_code,
                                       problem, requirement, reply_by, alert_id, raised_by, raised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        notice.number,
        notice.plan,
        notice.subjectKind,
        notice.subjectCode,
        notice.department,
        notice.problem,
        notice.requirement,
        notice.replyBy,
        notice.alertId,
        notice.raisedBy,
        notice.raisedAt,
      ],
    );
    return rows[0]!.id;
  }

  async insertEvent(db: EntityManager, event: Omit<NoticeEventRecord, 'id'>): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO supervision_notice_event (notice_id, kind, comment, reply, reply_by, actor, at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7) RETURNING id`,
      [
        event.noticeId,
        event.kind,
        event.comment,
        event.reply === null ? null : JSON.stringify(event.reply),
        event.replyBy,
        event.actor,
        event.at,
      ],
    );
    return rows[0]!.id;
  }

  /** The notice, locked so that changes to it take turns. */
  async lock(db: EntityManager, id: string): Promise<NoticeRecord | undefined> {
    const rows: unknown[] = await db.query(
      `SELECT id FROM supervision_notice WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (rows.length === 0) return undefined;
    return this.find(id, db);
  }

  async find(id: string, db: EntityManager = this.database.db): Promise<NoticeRecord | undefined> {
    const rows: NoticeRow[] = await db.query(`${NOTICES_SQL} WHERE n.id = $1`, [id]);
    return rows[0] && toNotice(rows[0]);
  }

  /** Notices raised before `before`, newest first, narrowed by plan, department and subject. */
  async list(filter: {
    plan: string | null;
    department: string | null;
    subject: string | null;
    before: Date;
  }): Promise<NoticeRecord[]> {
    const rows: NoticeRow[] = await this.database.db.query(
      `${NOTICES_SQL}
        WHERE ($1::text IS NULL OR n.plan_code = $1::text)
          AND ($2::text IS NULL OR n.department_code = $2::text)
          AND ($3::text IS NULL OR n.subject_code = $3::text)
          AND n.raised_at < $4
        ORDER BY n.raised_at DESC, n.id DESC`,
      [filter.plan, filter.department, filter.subject, filter.before],
    );
    return rows.map(toNotice);
  }

  /** Notices raised before `before` whose last raise, reply, close or reopen by then is no close. */
  async notClosedIds(db: EntityManager, before: Date): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT n.id FROM supervision_notice n
        WHERE n.raised_at < $1
          AND (SELECT e.kind FROM supervision_notice_event e
                WHERE e.notice_id = n.id AND e.at < $1
                  AND e.kind IN ('raised', 'replied', 'closed', 'reopened')
                ORDER BY e.at DESC, e.id DESC LIMIT 1) <> 'closed'
        ORDER BY n.id`,
      [before],
    );
    return rows.map((r) => r.id);
  }

  /** Events of these notices recorded before `before`, oldest first. */
  async events(
    ids: readonly string[],
    before: Date,
    db: EntityManager = this.database.db,
  ): Promise<NoticeEventRecord[]> {
    if (ids.length === 0) return [];
    const rows: {
      id: string;
      notice_id: string;
      kind: string;
      comment: string | null;
      reply: StoredReply | null;
      reply_by: string | null;
      actor: string | null;
      at: Date;
    }[] = await db.query(
      `SELECT id, notice_id, kind, comment, reply, to_char(reply_by, 'YYYY-MM-DD') AS reply_by, actor, at
         FROM supervision_notice_event
        WHERE notice_id = ANY($1::bigint[]) AND at < $2
        ORDER BY at, id`,
      [ids, before],
    );
    return rows.map((r) => ({
      id: r.id,
      noticeId: r.notice_id,
      kind: oneOf(NOTICE_EVENT_KINDS, r.kind, 'supervision_notice_event.kind'),
      comment: r.comment,
      reply: r.reply,
      replyBy: r.reply_by,
      actor: r.actor,
      at: r.at,
    }));
  }

  /** Enabled users who may hear of notices: their roles and unit. */
  async recipients(
    db: EntityManager,
  ): Promise<{ id: string; username: string; roles: Role[]; department: string | null }[]> {
    const rows: {
      id: string;
      username: string;
      roles: string[];
      department_code: string | null;
    }[] = await db.query(
      `SELECT id, username, roles, department_code FROM app_user WHERE NOT disabled ORDER BY id`,
    );
    return rows.map((row) => ({
      id: row.id,
      username: row.username,
      roles: row.roles.map((role) => oneOf(ROLES, role, 'app_user.roles')),
      department: row.department_code,
    }));
  }
}

function toNotice(row: NoticeRow): NoticeRecord {
  return {
    id: row.id,
    number: row.number,
    plan: row.plan_code,
    subject: {
      kind: oneOf(NOTICE_SUBJECTS, row.subject_kind, 'supervision_notice.subject_kind'),
      code: row.subject_code,
      name: row.subject_name ?? row.subject_code,
    },
    department: { code: row.department_code, name: row.department_name },
    problem: row.problem,
    requirement: row.requirement,
    replyBy: row.reply_by,
    alertId: row.alert_id,
    raisedBy: row.raised_by,
    raisedAt: row.raised_at,
  };
}
