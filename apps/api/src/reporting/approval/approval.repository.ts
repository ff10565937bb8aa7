import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APPROVAL_ACTIONS, type ApprovalAction } from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';

/** A plan as its approval setting sees it. */
export interface PlanApprovalFacts {
  code: string;
  firstPeriod: string;
  lastPeriod: string;
  /** The first period under approval, or null (off). */
  approvalFrom: string | null;
}

/** An approval event as read. */
export interface ApprovalEventRow {
  id: string;
  department: string;
  action: ApprovalAction;
  comment: string;
  edits: number;
  submissionId: string | null;
  actor: string;
  at: Date;
}

export interface NewApprovalEvent {
  plan: string;
  department: string;
  period: string;
  action: ApprovalAction;
  comment: string;
  edits: number;
  submissionId: string | null;
  actor: string;
  actorId: string | null;
  at: Date;
}

/** One revision of a unit's figure of a period, with names. */
export interface UnitRevision {
  department: string;
  indicator: { code: string; name: string };
  region: { code: string; name: string };
  value: number;
  note: string;
  recordedAt: Date;
}

/** A unit's period as its own views see it: the last event and revision, the last approval. */
export interface UnitPeriodApproval {
  plan: string;
  period: string;
  lastEvent: { action: ApprovalAction; at: Date; comment: string } | null;
  lastRevisionAt: Date | null;
  lastApprovedAt: Date | null;
}

interface EventRow {
  id: string;
  department_code: string;
  action: string;
  comment: string;
  edits: number;
  submission_id: string | null;
  actor: string;
  at: Date;
}

const toEvent = (row: EventRow): ApprovalEventRow => ({
  id: row.id,
  department: row.department_code,
  action: oneOf(APPROVAL_ACTIONS, row.action, 'approval_event.action'),
  comment: row.comment,
  edits: row.edits,
  submissionId: row.submission_id,
  actor: row.actor,
  at: row.at,
});

/** A period under approval: the plan's setting is on and the period starts on or after it. */
const UNDER_APPROVAL = `p.approval_from IS NOT NULL AND %PERIOD% >= p.approval_from`;

/**
 * SQL of the approval of a unit's figures per period: the plan's setting, the events (append-only)
 * and the unit's revisions they are decided on. The submissions read the locked periods from here.
 */
@Injectable()
export class ApprovalRepository {
  constructor(private readonly database: Database) {}

  async plan(
    code: string,
    db: EntityManager = this.database.db,
  ): Promise<PlanApprovalFacts | undefined> {
    const rows: { code: string; first: string; last: string; approval_from: string | null }[] =
      await db.query(
        `SELECT code, to_char(period_start, 'YYYY-MM') AS first, to_char(period_end, 'YYYY-MM') AS last,
                to_char(approval_from, 'YYYY-MM') AS approval_from
           FROM plan WHERE code = $1`,
        [code],
      );
    const row = rows[0];
    return (
      row && {
        code: row.code,
        firstPeriod: row.first,
        lastPeriod: row.last,
        approvalFrom: row.approval_from,
      }
    );
  }

  /** Locks the plan's row until the transaction ends and answers its setting. */
  async lockPlan(db: EntityManager, code: string): Promise<string | null | undefined> {
    const rows: { approval_from: string | null }[] = await db.query(
      `SELECT to_char(approval_from, 'YYYY-MM') AS approval_from FROM plan WHERE code = $1 FOR UPDATE`,
      [code],
    );
    return rows[0] === undefined ? undefined : rows[0].approval_from;
  }

  async setApprovalFrom(db: EntityManager, code: string, period: string | null): Promise<void> {
    await db.query(`UPDATE plan SET approval_from = $2::date WHERE code = $1`, [
      code,
      period === null ? null : `${period}-01`,
    ]);
  }

  async departmentName(
    code: string,
    db: EntityManager = this.database.db,
  ): Promise<string | undefined> {
    const rows: { name: string }[] = await db.query(`SELECT name FROM department WHERE code = $1`, [
      code,
    ]);
    return rows[0]?.name;
  }

  /**
   * The units answerable for a plan's period: those assigned any of its indicators, and any that
   * sent figures of the period by `before`.
   */
  async units(
    plan: string,
    period: string,
    before: Date,
  ): Promise<{ code: string; name: string }[]> {
    return this.database.db.query(
      `SELECT d.code, d.name FROM department d
        WHERE EXISTS (SELECT 1 FROM assignment a JOIN indicator i ON i.code = a.indicator_code
                       WHERE a.department_code = d.code AND i.plan_code = $1)
           OR EXISTS (SELECT 1 FROM measurement m JOIN submission s ON s.id = m.submission_id
                        JOIN indicator i ON i.code = m.indicator_code
                       WHERE s.department_code = d.code AND i.plan_code = $1
                         AND m.period_date = $2::date AND m.recorded_at < $3)
        ORDER BY d.code`,
      [plan, `${period}-01`, before],
    );
  }

  /**
   * Every revision units sent of a plan's period by `before` (one unit's when named), oldest first.
   * System figures (no unit) are not decided on.
   */
  async revisions(
    plan: string,
    period: string,
    options: { department?: string; before?: Date },
    db: EntityManager = this.database.db,
  ): Promise<UnitRevision[]> {
    const rows: {
      department_code: string;
      indicator_code: string;
      indicator_name: string;
      region_code: string;
      region_name: string;
      value: string;
      note: string;
      recorded_at: Date;
    }[] = await db.query(
      `SELECT s.department_code, m.indicator_code, i.name AS indicator_name, m.region_code,
              r.name AS region_name, m.value, m.note, m.recorded_at
         FROM measurement m
         JOIN indicator i ON i.code = m.indicator_code
         JOIN submission s ON s.id = m.submission_id
         JOIN region r ON r.code = m.region_code
        WHERE i.plan_code = $1 AND m.period_date = $2::date AND s.department_code IS NOT NULL
          AND ($3::text IS NULL OR s.department_code = $3::text)
          AND ($4::timestamptz IS NULL OR m.recorded_at < $4::timestamptz)
        ORDER BY s.department_code, i.position, m.indicator_code, m.region_code, m.recorded_at, m.id`,
      [plan, `${period}-01`, options.department ?? null, options.before ?? null],
    );
    return rows.map((row) => ({
      department: row.department_code,
      indicator: { code: row.indicator_code, name: row.indicator_name },
      region: { code: row.region_code, name: row.region_name },
      value: Number(row.value),
      note: row.note,
      recordedAt: row.recorded_at,
    }));
  }

  /** The events of a plan's period by `before` (one unit's when named), oldest first. */
  async events(
    plan: string,
    period: string,
    options: { department?: string; before?: Date },
    db: EntityManager = this.database.db,
  ): Promise<ApprovalEventRow[]> {
    const rows: EventRow[] = await db.query(
      `SELECT id, department_code, action, comment, edits, submission_id::text AS submission_id, actor, at
         FROM approval_event
        WHERE plan_code = $1 AND period_date = $2::date
          AND ($3::text IS NULL OR department_code = $3::text)
          AND ($4::timestamptz IS NULL OR at < $4::timestamptz)
        ORDER BY department_code, at, id`,
      [plan, `${period}-01`, options.department ?? null, options.before ?? null],
    );
    return rows.map(toEvent);
  }

  /**
   * Serialises a decision with submissions of the plan's figures: the same locks the submissions
   * take (MeasurementRepository.lockIndicators), in the same order.
   */
  async lockIndicators(db: EntityManager, indicators: readonly string[]): Promise<void> {
    for (const code of [...indicators].sort()) {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('measurement:' || $1))`, [code]);
    }
  }

  /** Serialises decisions on one unit's period (and corrections reopening it) until the transaction ends. */
  async lockUnitPeriod(
    db: EntityManager,
    plan: string,
    department: string,
    period: string,
  ): Promise<void> {
    await db.query(`SELECT pg_advisory_xact_lock(hashtext('approval:' || $1))`, [
      `${plan}:${department}:${period}`,
    ]);
  }

  async insertEvent(db: EntityManager, event: NewApprovalEvent): Promise<ApprovalEventRow> {
    const rows: EventRow[] = await db.query(
      `INSERT INTO approval_event (plan_code, department_code, period_date, action, comment, edits,
              submission_id, actor, actor_id, at)
       VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10)
       RETURNING id, department_code, action, comment, edits, submission_id::text AS submission_id, actor, at`,
      [
        event.plan,
        event.department,
        `${event.period}-01`,
        event.action,
        event.comment,
        event.edits,
        event.submissionId,
        event.actor,
        event.actorId,
        event.at,
      ],
    );
    return toEvent(rows[0]!);
  }

  /**
   * The periods of the plans named that are locked for a unit now: under approval, last decided
   * 'approved', and not changed by the unit since. By `plan period` → when approved.
   */
  async lockedPeriods(
    db: EntityManager,
    department: string,
    plans: readonly string[],
  ): Promise<Map<string, Date>> {
    if (plans.length === 0) return new Map();
    const rows: { plan_code: string; period: string; at: Date }[] = await db.query(
      `SELECT e.plan_code, to_char(e.period_date, 'YYYY-MM') AS period, e.at
         FROM (SELECT DISTINCT ON (plan_code, period_date) plan_code, period_date, action, at
                 FROM approval_event
                WHERE department_code = $1 AND plan_code = ANY($2::text[])
                ORDER BY plan_code, period_date, at DESC, id DESC) e
         JOIN plan p ON p.code = e.plan_code
        WHERE e.action = 'approved' AND ${UNDER_APPROVAL.replace('%PERIOD%', 'e.period_date')}
          AND NOT EXISTS (SELECT 1 FROM measurement m
                            JOIN indicator i ON i.code = m.indicator_code
                            JOIN submission s ON s.id = m.submission_id
                           WHERE i.plan_code = e.plan_code AND m.period_date = e.period_date
                             AND s.department_code = $1 AND m.recorded_at > e.at)`,
      [department, plans],
    );
    return new Map(rows.map((row) => [`${row.plan_code} ${row.period}`, row.at]));
  }

  /** Revisions of a unit's period recorded after a moment (every one when null), by `before`. */
  async editsSince(
    db: EntityManager,
    plan: string,
    department: string,
    period: string,
    since: Date | null,
  ): Promise<number> {
    const rows: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n
         FROM measurement m JOIN indicator i ON i.code = m.indicator_code
         JOIN submission s ON s.id = m.submission_id
        WHERE i.plan_code = $1 AND s.department_code = $2 AND m.period_date = $3::date
          AND ($4::timestamptz IS NULL OR m.recorded_at > $4::timestamptz)`,
      [plan, department, `${period}-01`, since],
    );
    return rows[0]!.n;
  }

  /**
   * Where a unit stands on each period under approval of the plans named, for one period: its last
   * event and revision and its last approval (periods not under approval are absent).
   */
  async unitPeriods(
    department: string,
    plans: readonly string[],
    period: string,
  ): Promise<UnitPeriodApproval[]> {
    if (plans.length === 0) return [];
    const rows: {
      plan_code: string;
      last_action: string | null;
      last_at: Date | null;
      last_comment: string | null;
      last_revision_at: Date | null;
      last_approved_at: Date | null;
    }[] = await this.database.db.query(
      `SELECT p.code AS plan_code,
              e.action AS last_action, e.at AS last_at, e.comment AS last_comment,
              (SELECT max(m.recorded_at) FROM measurement m
                 JOIN indicator i ON i.code = m.indicator_code
                 JOIN submission s ON s.id = m.submission_id
                WHERE i.plan_code = p.code AND m.period_date = $3::date
                  AND s.department_code = $1) AS last_revision_at,
              (SELECT max(a.at) FROM approval_event a
                WHERE a.plan_code = p.code AND a.department_code = $1 AND a.period_date = $3::date
                  AND a.action = 'approved') AS last_approved_at
         FROM plan p
         LEFT JOIN LATERAL (SELECT action, at, comment FROM approval_event
                             WHERE plan_code = p.code AND department_code = $1 AND period_date = $3::date
                             ORDER BY at DESC, id DESC LIMIT 1) e ON true
        WHERE p.code = ANY($2::text[]) AND ${UNDER_APPROVAL.replace('%PERIOD%', '$3::date')}
        ORDER BY p.code`,
      [department, plans, `${period}-01`],
    );
    return rows.map((row) => ({
      plan: row.plan_code,
      period,
      lastEvent:
        row.last_action === null || row.last_at === null
          ? null
          : {
              action: oneOf(APPROVAL_ACTIONS, row.last_action, 'approval_event.action'),
              at: row.last_at,
              comment: row.last_comment ?? '',
            },
      lastRevisionAt: row.last_revision_at,
      lastApprovedAt: row.last_approved_at,
    }));
  }

  /** A plan's indicators (to tell alerts their figures now count). */
  async indicatorCodes(plan: string): Promise<string[]> {
    const rows: { code: string }[] = await this.database.db.query(
      `SELECT code FROM indicator WHERE plan_code = $1 ORDER BY code`,
      [plan],
    );
    return rows.map((r) => r.code);
  }
}
