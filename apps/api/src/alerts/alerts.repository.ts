import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AlertRuleParams } from '@zhibiao/core';
import { Database } from '../database/database.js';

export interface AlertRuleRow {
  id: string;
  kind: string;
  indicator_code: string | null;
  params: AlertRuleParams;
  enabled: boolean;
  updated_at: Date;
  updated_by: string | null;
}

export interface AlertTrackRow {
  kind: string;
  subject: string;
  region_code: string;
  streak: number;
  last_held_at: Date | null;
  last_held_as_of: string | null;
  cleared_at: Date | null;
  last_as_of: string;
}

export interface AlertRow {
  id: string;
  kind: string;
  subject: string;
  indicator_code: string | null;
  milestone_code: string | null;
  region_code: string;
  plan_code: string;
  severity: string;
  status: string;
  fired_at: Date;
  fired_as_of: string;
  evaluated_as_of: string;
  resolved_at: Date | null;
  previous_id: string | null;
  values: Record<string, number | string | null>;
  message: { zh: string; en: string };
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  comment: string | null;
  cause: string | null;
  catch_up_plan: string | null;
  catch_up_date: string | null;
  escalated_at: Date | null;
  escalation_reason: string | null;
  silence_id: string | null;
  /** Joined for reads. */
  subject_name?: string;
  region_name?: string;
  departments?: { code: string; name: string }[];
}

export interface AlertEventRow {
  id: string;
  alert_id: string;
  at: Date;
  as_of: string;
  kind: string;
  status: string;
  severity: string;
  values: Record<string, number | string | null>;
  actor: string | null;
  note: string | null;
}

export interface SilenceRow {
  id: string;
  indicator_code: string | null;
  department_code: string | null;
  kind: string | null;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_by: string;
}

export interface SubscriptionRow {
  id: string;
  role: string | null;
  user_id: string | null;
  department_code: string | null;
  own_department: boolean;
  section_code: string | null;
  min_severity: string;
  channel: string;
}

export interface RecipientRow {
  id: string;
  roles: string[];
  department_code: string | null;
}

/** An event as routing sees it (`routedEvents`). */
export interface RoutedEventRow {
  event_id: string;
  alert_id: string;
  at: Date;
  kind: string;
  severity: string;
  section_code: string | null;
  departments: string[];
}

const ALERT_COLUMNS = `a.id, a.kind, a.subject, a.indicator_code, a.milestone_code, a.region_code, a.plan_code,
  a.severity, a.status, a.fired_at, to_char(a.fired_as_of, 'YYYY-MM-DD') AS fired_as_of,
  to_char(a.evaluated_as_of, 'YYYY-MM-DD') AS evaluated_as_of, a.resolved_at,
  a.previous_id, a.values, a.message, a.acknowledged_at, a.acknowledged_by, a.comment, a.cause,
  a.catch_up_plan, to_char(a.catch_up_date, 'YYYY-MM-DD') AS catch_up_date, a.escalated_at,
  a.escalation_reason, a.silence_id`;

/** An alert with the names a reader needs: its subject's, its region's, its lead departments. */
const ALERT_READ = `SELECT ${ALERT_COLUMNS},
       COALESCE(i.name, m.name, a.subject) AS subject_name,
       COALESCE(r.name, a.region_code) AS region_name,
       COALESCE((SELECT json_agg(json_build_object('code', d.code, 'name', d.name) ORDER BY x.position)
                   FROM (SELECT department_code, position FROM indicator_department
                          WHERE indicator_code = a.indicator_code AND role = 'lead'
                         UNION ALL
                         SELECT department_code, position FROM milestone_department
                          WHERE milestone_code = a.milestone_code AND role = 'lead') x
                   JOIN department d ON d.code = x.department_code), '[]'::json) AS departments
  FROM alert a
  LEFT JOIN indicator i ON i.code = a.indicator_code
  LEFT JOIN milestone m ON m.code = a.milestone_code
  LEFT JOIN region r ON r.code = a.region_code`;

export interface AlertFilter {
  status?: string | undefined;
  severity?: string | undefined;
  rule?: string | undefined;
  indicator?: string | undefined;
  region?: string | undefined;
  department?: string | undefined;
  plan?: string | undefined;
  before?: string | undefined;
  limit: number;
}

/** SQL of alerts, their rules, tracks, events, silences and routing. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly database: Database) {}

  async rules(db: EntityManager = this.database.db, indicator?: string): Promise<AlertRuleRow[]> {
    return db.query(
      `SELECT id, kind, indicator_code, params, enabled, updated_at, updated_by FROM alert_rule
        WHERE $1::text IS NULL OR indicator_code IS NULL OR indicator_code = $1
        ORDER BY indicator_code NULLS FIRST, kind`,
      [indicator ?? null],
    );
  }

  async upsertRule(
    db: EntityManager,
    rule: {
      kind: string;
      indicator: string | null;
      params: AlertRuleParams;
      enabled: boolean;
      by: string;
    },
  ): Promise<void> {
    // UPDATE … RETURNING answers [rows, count] through TypeORM: a CTE makes it a plain SELECT.
    const updated: unknown[] = await db.query(
      `WITH changed AS (
         UPDATE alert_rule SET params = $3, enabled = $4, updated_at = now(), updated_by = $5
          WHERE kind = $1 AND indicator_code IS NOT DISTINCT FROM $2 RETURNING id)
       SELECT id FROM changed`,
      [rule.kind, rule.indicator, JSON.stringify(rule.params), rule.enabled, rule.by],
    );
    if (updated.length > 0) return;
    await db.query(
      `INSERT INTO alert_rule (kind, indicator_code, params, enabled, updated_by)
       VALUES ($1, $2, $3, $4, $5)`,
      [rule.kind, rule.indicator, JSON.stringify(rule.params), rule.enabled, rule.by],
    );
  }

  async deleteRule(db: EntityManager, kind: string, indicator: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH gone AS (DELETE FROM alert_rule WHERE kind = $1 AND indicator_code = $2 RETURNING id)
       SELECT id FROM gone`,
      [kind, indicator],
    );
    return rows.length > 0;
  }

  async tracks(db: EntityManager, subjects: readonly string[]): Promise<AlertTrackRow[]> {
    return db.query(
      `SELECT kind, subject, region_code, streak, last_held_at,
              to_char(last_held_as_of, 'YYYY-MM-DD') AS last_held_as_of, cleared_at,
              to_char(last_as_of, 'YYYY-MM-DD') AS last_as_of
         FROM alert_track WHERE subject = ANY($1::text[])`,
      [subjects],
    );
  }

  /** Writes tracks in one statement per thousand. */
  async saveTracks(db: EntityManager, tracks: readonly AlertTrackRow[]): Promise<void> {
    for (let start = 0; start < tracks.length; start += 1000) {
      const chunk = tracks.slice(start, start + 1000);
      await db.query(
        `INSERT INTO alert_track (kind, subject, region_code, streak, last_held_at, last_held_as_of,
                                  cleared_at, last_as_of)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[],
                              $6::date[], $7::timestamptz[], $8::date[])
         ON CONFLICT (kind, subject, region_code) DO UPDATE SET
           streak = EXCLUDED.streak, last_held_at = EXCLUDED.last_held_at,
           last_held_as_of = EXCLUDED.last_held_as_of, cleared_at = EXCLUDED.cleared_at,
           last_as_of = EXCLUDED.last_as_of`,
        [
          chunk.map((t) => t.kind),
          chunk.map((t) => t.subject),
          chunk.map((t) => t.region_code),
          chunk.map((t) => t.streak),
          chunk.map((t) => t.last_held_at),
          chunk.map((t) => t.last_held_as_of),
          chunk.map((t) => t.cleared_at),
          chunk.map((t) => t.last_as_of),
        ],
      );
    }
  }

  /** The latest as-of day any of these subjects was evaluated on. */
  async lastEvaluated(db: EntityManager, subjects: readonly string[]): Promise<string | null> {
    const rows: { last: string | null }[] = await db.query(
      `SELECT to_char(max(last_as_of), 'YYYY-MM-DD') AS last FROM alert_track
        WHERE subject = ANY($1::text[])`,
      [subjects],
    );
    return rows[0]?.last ?? null;
  }

  async openAlerts(db: EntityManager, subjects: readonly string[]): Promise<AlertRow[]> {
    return db.query(
      `SELECT ${ALERT_COLUMNS} FROM alert a
        WHERE a.status <> 'resolved' AND a.subject = ANY($1::text[])`,
      [subjects],
    );
  }

  /** The id of the track's latest resolved alert: a new one fires "again" after it. */
  async lastResolved(
    db: EntityManager,
    kind: string,
    subject: string,
    region: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM alert WHERE kind = $1 AND subject = $2 AND region_code = $3
          AND status = 'resolved' ORDER BY fired_at DESC, id DESC LIMIT 1`,
      [kind, subject, region],
    );
    return rows[0]?.id ?? null;
  }

  async insertAlert(
    db: EntityManager,
    alert: Omit<
      AlertRow,
      | 'id'
      | 'evaluated_as_of'
      | 'resolved_at'
      | 'acknowledged_at'
      | 'acknowledged_by'
      | 'comment'
      | 'cause'
      | 'catch_up_plan'
      | 'catch_up_date'
      | 'escalated_at'
      | 'escalation_reason'
    >,
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO alert (kind, subject, indicator_code, milestone_code, region_code, plan_code, severity,
                          status, fired_at, fired_as_of, evaluated_as_of, previous_id, values, message,
                          silence_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14) RETURNING id`,
      [
        alert.kind,
        alert.subject,
        alert.indicator_code,
        alert.milestone_code,
        alert.region_code,
        alert.plan_code,
        alert.severity,
        alert.status,
        alert.fired_at,
        alert.fired_as_of,
        alert.previous_id,
        JSON.stringify(alert.values),
        JSON.stringify(alert.message),
        alert.silence_id,
      ],
    );
    return rows[0]!.id;
  }

  async refreshAlert(
    db: EntityManager,
    id: string,
    fields: {
      severity: string;
      values: Record<string, unknown>;
      message: { zh: string; en: string };
      asOf: string;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE alert SET severity = $2, values = $3, message = $4, evaluated_as_of = $5 WHERE id = $1`,
      [
        id,
        fields.severity,
        JSON.stringify(fields.values),
        JSON.stringify(fields.message),
        fields.asOf,
      ],
    );
  }

  async resolveAlert(db: EntityManager, id: string, at: Date): Promise<void> {
    await db.query(`UPDATE alert SET status = 'resolved', resolved_at = $2 WHERE id = $1`, [
      id,
      at,
    ]);
  }

  async escalateAlert(db: EntityManager, id: string, at: Date, reason: string): Promise<void> {
    await db.query(`UPDATE alert SET escalated_at = $2, escalation_reason = $3 WHERE id = $1`, [
      id,
      at,
      reason,
    ]);
  }

  async acknowledge(
    db: EntityManager,
    id: string,
    ack: {
      at: Date;
      by: string;
      comment: string;
      cause: string;
      plan: string;
      catchUpDate: string;
    },
  ): Promise<void> {
    await db.query(
      `UPDATE alert SET status = 'acknowledged', acknowledged_at = $2, acknowledged_by = $3,
              comment = $4, cause = $5, catch_up_plan = $6, catch_up_date = $7,
              escalated_at = NULL, escalation_reason = NULL
        WHERE id = $1`,
      [id, ack.at, ack.by, ack.comment, ack.cause, ack.plan, ack.catchUpDate],
    );
  }

  async insertEvent(db: EntityManager, event: Omit<AlertEventRow, 'id'>): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO alert_event (alert_id, at, as_of, kind, status, severity, values, actor, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        event.alert_id,
        event.at,
        event.as_of,
        event.kind,
        event.status,
        event.severity,
        JSON.stringify(event.values),
        event.actor,
        event.note,
      ],
    );
    return rows[0]!.id;
  }

  async events(db: EntityManager, alertId: string): Promise<AlertEventRow[]> {
    return db.query(
      `SELECT id, alert_id, at, to_char(as_of, 'YYYY-MM-DD') AS as_of, kind, status, severity, values,
              actor, note
         FROM alert_event WHERE alert_id = $1 ORDER BY at, id`,
      [alertId],
    );
  }

  async find(db: EntityManager, id: string, lock = false): Promise<AlertRow | undefined> {
    const rows: AlertRow[] = await db.query(
      lock
        ? `SELECT ${ALERT_COLUMNS} FROM alert a WHERE a.id = $1 FOR UPDATE`
        : `${ALERT_READ} WHERE a.id = $1`,
      [id],
    );
    return rows[0];
  }

  async list(filter: AlertFilter): Promise<AlertRow[]> {
    return this.database.db.query(
      `${ALERT_READ}
        WHERE ($1::text IS NULL OR ($1 = 'open' AND a.status <> 'resolved') OR a.status = $1)
          AND ($2::text IS NULL OR a.severity = $2)
          AND ($3::text IS NULL OR a.kind = $3)
          AND ($4::text IS NULL OR a.indicator_code = $4)
          AND ($5::text IS NULL OR a.region_code = $5)
          AND ($6::text IS NULL OR EXISTS (
                SELECT 1 FROM indicator_department idp
                 WHERE idp.indicator_code = a.indicator_code AND idp.department_code = $6
                UNION ALL
                SELECT 1 FROM milestone_department md
                 WHERE md.milestone_code = a.milestone_code AND md.department_code = $6))
          AND ($7::text IS NULL OR a.plan_code = $7)
          AND ($8::bigint IS NULL OR a.id < $8::bigint)
        ORDER BY a.id DESC
        LIMIT $9`,
      [
        filter.status ?? null,
        filter.severity ?? null,
        filter.rule ?? null,
        filter.indicator ?? null,
        filter.region ?? null,
        filter.department ?? null,
        filter.plan ?? null,
        filter.before ?? null,
        filter.limit,
      ],
    );
  }

  async readRows(db: EntityManager, ids: readonly string[]): Promise<AlertRow[]> {
    return db.query(`${ALERT_READ} WHERE a.id = ANY($1::bigint[])`, [ids]);
  }

  async activeSilences(db: EntityManager, at: Date): Promise<SilenceRow[]> {
    return db.query(
      `SELECT id, indicator_code, department_code, kind, starts_at, ends_at, reason, created_by
         FROM silence WHERE starts_at <= $1 AND ends_at > $1 ORDER BY id`,
      [at],
    );
  }

  /** The latest 500 silences, those still running at `at` first. */
  async silences(at: Date): Promise<SilenceRow[]> {
    return this.database.db.query(
      `SELECT id, indicator_code, department_code, kind, starts_at, ends_at, reason, created_by
         FROM silence ORDER BY (ends_at > $1) DESC, ends_at DESC, id DESC LIMIT 500`,
      [at],
    );
  }

  async insertSilence(db: EntityManager, silence: Omit<SilenceRow, 'id'>): Promise<SilenceRow> {
    const rows: SilenceRow[] = await db.query(
      `INSERT INTO silence (indicator_code, department_code, kind, starts_at, ends_at, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, indicator_code, department_code, kind, starts_at, ends_at, reason, created_by`,
      [
        silence.indicator_code,
        silence.department_code,
        silence.kind,
        silence.starts_at,
        silence.ends_at,
        silence.reason,
        silence.created_by,
      ],
    );
    return rows[0]!;
  }

  /** Ends a silence now (a silence that has not started is ended at its start). */
  async endSilence(db: EntityManager, id: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH ended AS (
         UPDATE silence SET ends_at = GREATEST(starts_at + interval '1 millisecond', LEAST(ends_at, $2))
          WHERE id = $1 RETURNING id)
       SELECT id FROM ended`,
      [id, at],
    );
    return rows.length > 0;
  }

  async subscriptions(db: EntityManager): Promise<SubscriptionRow[]> {
    return db.query(
      `SELECT id, role, user_id, department_code, own_department, section_code, min_severity, channel
         FROM alert_subscription ORDER BY id`,
    );
  }

  async insertSubscription(
    db: EntityManager,
    row: Omit<SubscriptionRow, 'id'>,
  ): Promise<SubscriptionRow> {
    const rows: SubscriptionRow[] = await db.query(
      `INSERT INTO alert_subscription (role, user_id, department_code, own_department, section_code,
                                       min_severity, channel)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, role, user_id, department_code, own_department, section_code, min_severity, channel`,
      [
        row.role,
        row.user_id,
        row.department_code,
        row.own_department,
        row.section_code,
        row.min_severity,
        row.channel,
      ],
    );
    return rows[0]!;
  }

  async deleteSubscription(db: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH gone AS (DELETE FROM alert_subscription WHERE id = $1 RETURNING id) SELECT id FROM gone`,
      [id],
    );
    return rows.length > 0;
  }

  async recipients(db: EntityManager): Promise<RecipientRow[]> {
    return db.query(
      `SELECT id, roles, department_code FROM app_user WHERE NOT disabled ORDER BY id`,
    );
  }

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

  /**
   * Every event of a plan's alerts that evaluations route (not acknowledgements, nothing of an alert
   * that fired silenced), oldest first, with the lead departments and section of its subject.
   */
  async routedEvents(db: EntityManager, plan: string): Promise<RoutedEventRow[]> {
    return db.query(
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
  }

  async inbox(
    userId: string,
    unreadOnly: boolean,
    limit: number,
  ): Promise<
    { id: string; created_at: Date; read_at: Date | null; kind: string; alert_id: string }[]
  > {
    return this.database.db.query(
      `SELECT b.id, b.created_at, b.read_at, e.kind, b.alert_id
         FROM inbox_item b JOIN alert_event e ON e.id = b.event_id
        WHERE b.user_id = $1 AND (NOT $2 OR b.read_at IS NULL)
        ORDER BY b.created_at DESC, b.id DESC LIMIT $3`,
      [userId, unreadOnly, limit],
    );
  }

  async unreadCount(userId: string): Promise<number> {
    const rows: { n: number }[] = await this.database.db.query(
      `SELECT count(*)::int AS n FROM inbox_item WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return rows[0]?.n ?? 0;
  }

  /** Marks read every inbox item delivered before `before` (the demo replay's old news). */
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
