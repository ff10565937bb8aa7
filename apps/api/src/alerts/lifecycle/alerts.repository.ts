import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ALERT_CAUSES, ALERT_EVENT_KINDS, ALERT_STATUSES } from '@zhibiao/contracts';
import { ALERT_RULE_KINDS, ALERT_SEVERITIES } from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';
import {
  isOpenAlert,
  type Alert,
  type AlertEvent,
  type AlertView,
  type OpenAlert,
} from './alert.js';

interface AlertRow {
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
  values: Alert['values'];
  message: Alert['message'];
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  comment: string | null;
  cause: string | null;
  catch_up_plan: string | null;
  catch_up_date: string | null;
  escalated_at: Date | null;
  escalation_reason: string | null;
  silence_id: string | null;
}

interface AlertViewRow extends AlertRow {
  subject_name: string | null;
  region_name: string | null;
  departments: { code: string; name: string }[] | null;
}

interface AlertEventRow {
  id: string;
  alert_id: string;
  at: Date;
  as_of: string;
  kind: string;
  status: string;
  severity: string;
  values: AlertEvent['values'];
  actor: string | null;
  note: string | null;
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

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    kind: oneOf(ALERT_RULE_KINDS, row.kind, 'alert.kind'),
    subject: row.subject,
    indicator: row.indicator_code,
    milestone: row.milestone_code,
    region: row.region_code,
    plan: row.plan_code,
    severity: oneOf(ALERT_SEVERITIES, row.severity, 'alert.severity'),
    status: oneOf(ALERT_STATUSES, row.status, 'alert.status'),
    firedAt: row.fired_at,
    firedOn: row.fired_as_of,
    evaluatedOn: row.evaluated_as_of,
    resolvedAt: row.resolved_at,
    previousId: row.previous_id,
    values: row.values,
    message: row.message,
    acknowledgedAt: row.acknowledged_at,
    acknowledgedBy: row.acknowledged_by,
    comment: row.comment,
    cause: row.cause === null ? null : oneOf(ALERT_CAUSES, row.cause, 'alert.cause'),
    catchUpPlan: row.catch_up_plan,
    catchUpDate: row.catch_up_date,
    escalatedAt: row.escalated_at,
    escalationReason: row.escalation_reason,
    silenceId: row.silence_id,
  };
}

function toView(row: AlertViewRow): AlertView {
  return {
    ...toAlert(row),
    subjectName: row.subject_name ?? row.subject,
    regionName: row.region_name ?? row.region_code,
    departments: row.departments ?? [],
  };
}

function toEvent(row: AlertEventRow): AlertEvent {
  return {
    id: row.id,
    alertId: row.alert_id,
    at: row.at,
    asOf: row.as_of,
    kind: oneOf(ALERT_EVENT_KINDS, row.kind, 'alert_event.kind'),
    status: oneOf(ALERT_STATUSES, row.status, 'alert_event.status'),
    severity: oneOf(ALERT_SEVERITIES, row.severity, 'alert_event.severity'),
    values: row.values,
    actor: row.actor,
    note: row.note,
  };
}

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

/** What firing writes of a new alert. */
export type NewAlert = Pick<
  Alert,
  | 'kind'
  | 'subject'
  | 'indicator'
  | 'milestone'
  | 'region'
  | 'plan'
  | 'severity'
  | 'firedAt'
  | 'firedOn'
  | 'previousId'
  | 'values'
  | 'message'
  | 'silenceId'
>;

/** SQL of alerts and their history. */
@Injectable()
export class AlertsRepository {
  constructor(private readonly database: Database) {}

  /** The alerts of these subjects that are not resolved. */
  async open(db: EntityManager, subjects: readonly string[]): Promise<OpenAlert[]> {
    const rows: AlertRow[] = await db.query(
      `SELECT ${ALERT_COLUMNS} FROM alert a
        WHERE a.status <> 'resolved' AND a.subject = ANY($1::text[])`,
      [subjects],
    );
    return rows.map(toAlert).filter(isOpenAlert);
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

  /** A new alert, firing. */
  async insert(db: EntityManager, alert: NewAlert): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO alert (kind, subject, indicator_code, milestone_code, region_code, plan_code, severity,
                          status, fired_at, fired_as_of, evaluated_as_of, previous_id, values, message,
                          silence_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, $12, $13, $14) RETURNING id`,
      [
        alert.kind,
        alert.subject,
        alert.indicator,
        alert.milestone,
        alert.region,
        alert.plan,
        alert.severity,
        'firing',
        alert.firedAt,
        alert.firedOn,
        alert.previousId,
        JSON.stringify(alert.values),
        JSON.stringify(alert.message),
        alert.silenceId,
      ],
    );
    return rows[0]!.id;
  }

  async refresh(
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

  async resolve(db: EntityManager, id: string, at: Date): Promise<void> {
    await db.query(`UPDATE alert SET status = 'resolved', resolved_at = $2 WHERE id = $1`, [
      id,
      at,
    ]);
  }

  async escalate(db: EntityManager, id: string, at: Date, reason: string): Promise<void> {
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

  async insertEvent(db: EntityManager, event: Omit<AlertEvent, 'id'>): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO alert_event (alert_id, at, as_of, kind, status, severity, values, actor, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        event.alertId,
        event.at,
        event.asOf,
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

  async events(db: EntityManager, alertId: string): Promise<AlertEvent[]> {
    const rows: AlertEventRow[] = await db.query(
      `SELECT id, alert_id, at, to_char(as_of, 'YYYY-MM-DD') AS as_of, kind, status, severity, values,
              actor, note
         FROM alert_event WHERE alert_id = $1 ORDER BY at, id`,
      [alertId],
    );
    return rows.map(toEvent);
  }

  /** The alert, locked for the rest of the transaction. */
  async lock(db: EntityManager, id: string): Promise<Alert | undefined> {
    const rows: AlertRow[] = await db.query(
      `SELECT ${ALERT_COLUMNS} FROM alert a WHERE a.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] && toAlert(rows[0]);
  }

  async find(db: EntityManager, id: string): Promise<AlertView | undefined> {
    const rows: AlertViewRow[] = await db.query(`${ALERT_READ} WHERE a.id = $1`, [id]);
    return rows[0] && toView(rows[0]);
  }

  async list(filter: AlertFilter): Promise<AlertView[]> {
    const rows: AlertViewRow[] = await this.database.db.query(
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
    return rows.map(toView);
  }

  async views(db: EntityManager, ids: readonly string[]): Promise<AlertView[]> {
    const rows: AlertViewRow[] = await db.query(`${ALERT_READ} WHERE a.id = ANY($1::bigint[])`, [
      ids,
    ]);
    return rows.map(toView);
  }
}
