import { Injectable } from '@nestjs/common';
import { REPORT_PROGRESS, REVIEW_DECISIONS } from '@zhibiao/contracts';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';
import { oneOf } from '../database/rows.js';

/** Evidence as a report, completion or reply keeps it (jsonb): a link, or an uploaded file's id. */
export type StoredEvidence =
  { kind: 'link'; title: string; url: string } | { kind: 'file'; id: string };

export interface MeasureContext {
  code: string;
  name: string;
  plan: string;
  planStatus: string;
  startYear: number;
  endYear: number;
  departments: { code: string; name: string; role: 'lead' | 'support' }[];
}

export interface ReportRow {
  id: string;
  measure: string;
  measureName: string;
  plan: string;
  period: string;
  department: { code: string; name: string };
  role: 'lead' | 'support';
  revision: number;
  state: 'draft' | 'submitted';
  status: (typeof REPORT_PROGRESS)[number];
  progress: string;
  problems: string;
  nextSteps: string;
  evidence: StoredEvidence[];
  late: boolean;
  recordedBy: string;
  recordedAt: Date;
  review: {
    decision: (typeof REVIEW_DECISIONS)[number];
    comment: string;
    by: string;
    at: Date;
  } | null;
}

export interface ReportFilter {
  id?: string;
  measure?: string;
  plan?: string;
  period?: string;
  department?: string;
  /** Only what was recorded before this instant (the end of an as-of day). */
  before?: Date;
  /** Every revision, not only the latest of each unit and month. */
  history?: boolean;
}

export interface NewReport {
  measure: string;
  period: string;
  department: string;
  role: 'lead' | 'support';
  revision: number;
  state: 'draft' | 'submitted';
  status: string;
  progress: string;
  problems: string;
  nextSteps: string;
  evidence: StoredEvidence[];
  late: boolean;
  recordedBy: string;
  recordedAt: Date;
}

export interface NewReview {
  reportId: string;
  decision: 'confirm' | 'return';
  comment: string;
  reviewedBy: string;
  reviewedAt: Date;
}

export interface LatestLeadReport {
  measure: string;
  id: string;
  period: string;
  department: { code: string; name: string };
  state: 'draft' | 'submitted';
  status: (typeof REPORT_PROGRESS)[number];
  recordedAt: Date;
  decision: (typeof REVIEW_DECISIONS)[number] | null;
}

interface RawReport {
  id: string;
  measure_code: string;
  measure_name: string;
  plan_code: string;
  period: string;
  department_code: string;
  department_name: string;
  role: string;
  revision: number;
  state: string;
  status: string;
  progress: string;
  problems: string;
  next_steps: string;
  evidence: StoredEvidence[];
  late: boolean;
  recorded_by: string;
  recorded_at: Date;
  decision: string | null;
  comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
}

// The latest revision of each unit's report of a month recorded before $6 (all when null), with the
// review of each revision recorded by then. Lead units first, in the plan's order of units.
const REPORTS_SQL = `
SELECT r.id, r.measure_code, m.name AS measure_name, m.plan_code,
       to_char(r.period_date, 'YYYY-MM') AS period, r.department_code, d.name AS department_name,
       r.role, r.revision, r.state, r.status, r.progress, r.problems, r.next_steps, r.evidence,
       r.late, r.recorded_by, r.recorded_at,
       rv.decision, rv.comment, rv.reviewed_by, rv.reviewed_at
  FROM (SELECT mr.*,
               row_number() OVER (PARTITION BY mr.measure_code, mr.period_date, mr.department_code
                                  ORDER BY mr.revision DESC) AS newest
          FROM measure_report mr
          JOIN measure m ON m.code = mr.measure_code
         WHERE ($1::text IS NULL OR mr.measure_code = $1)
           AND ($2::text IS NULL OR m.plan_code = $2)
           AND ($3::date IS NULL OR mr.period_date = $3)
           AND ($4::text IS NULL OR mr.department_code = $4)
           AND ($6::timestamptz IS NULL OR mr.recorded_at < $6)) r
  JOIN measure m ON m.code = r.measure_code
  JOIN department d ON d.code = r.department_code
  LEFT JOIN measure_department md
         ON md.measure_code = r.measure_code AND md.department_code = r.department_code
  LEFT JOIN measure_report_review rv
         ON rv.report_id = r.id AND ($6::timestamptz IS NULL OR rv.reviewed_at < $6)
 WHERE ($7::boolean OR r.newest = 1) AND ($5::bigint IS NULL OR r.id = $5)
 ORDER BY m.position, m.code, r.period_date DESC, (r.role = 'support'), md.position NULLS LAST,
          r.department_code, r.revision DESC`;

function toRow(raw: RawReport): ReportRow {
  return {
    id: String(raw.id),
    measure: raw.measure_code,
    measureName: raw.measure_name,
    plan: raw.plan_code,
    period: raw.period,
    department: { code: raw.department_code, name: raw.department_name },
    role: oneOf(['lead', 'support'], raw.role, 'measure_report.role'),
    revision: Number(raw.revision),
    state: oneOf(['draft', 'submitted'], raw.state, 'measure_report.state'),
    status: oneOf(REPORT_PROGRESS, raw.status, 'measure_report.status'),
    progress: raw.progress,
    problems: raw.problems,
    nextSteps: raw.next_steps,
    evidence: raw.evidence,
    late: raw.late,
    recordedBy: raw.recorded_by,
    recordedAt: new Date(raw.recorded_at),
    review:
      raw.decision === null
        ? null
        : {
            decision: oneOf(REVIEW_DECISIONS, raw.decision, 'measure_report_review.decision'),
            comment: raw.comment ?? '',
            by: raw.reviewed_by ?? '',
            at: new Date(raw.reviewed_at ?? 0),
          },
  };
}

/** SQL of measure reports (举措进展), their reviews and the evidence files they cite. */
@Injectable()
export class MeasureReportRepository {
  constructor(private readonly database: Database) {}

  async planExists(plan: string): Promise<boolean> {
    const rows: unknown[] = await this.database.db.query(`SELECT 1 FROM plan WHERE code = $1`, [
      plan,
    ]);
    return rows.length > 0;
  }

  async departmentExists(db: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`SELECT 1 FROM department WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** A measure with its plan's years and status and its units; undefined when there is none. */
  async measure(db: EntityManager, code: string): Promise<MeasureContext | undefined> {
    return (await this.measures(db, { measure: code }))[0];
  }

  /** Every measure of a plan (or the one named) with its plan's years and status and its units. */
  async measures(
    db: EntityManager,
    filter: { plan?: string; measure?: string },
  ): Promise<MeasureContext[]> {
    const rows: {
      code: string;
      name: string;
      plan_code: string;
      status: string;
      start_year: number;
      end_year: number;
      departments: { code: string; name: string; role: string }[];
    }[] = await db.query(
      `SELECT m.code, m.name, m.plan_code, p.status, p.start_year, p.end_year,
              COALESCE((SELECT json_agg(json_build_object('code', d.code, 'name', d.name,
                                                          'role', md.role) ORDER BY md.position)
                          FROM measure_department md JOIN department d ON d.code = md.department_code
                         WHERE md.measure_code = m.code), '[]'::json) AS departments
         FROM measure m JOIN plan p ON p.code = m.plan_code
        WHERE ($1::text IS NULL OR m.plan_code = $1) AND ($2::text IS NULL OR m.code = $2)
        ORDER BY m.position, m.code`,
      [filter.plan ?? null, filter.measure ?? null],
    );
    return rows.map((row) => ({
      code: row.code,
      name: row.name,
      plan: row.plan_code,
      planStatus: row.status,
      startYear: Number(row.start_year),
      endYear: Number(row.end_year),
      departments: row.departments.map((d) => ({
        code: d.code,
        name: d.name,
        role: oneOf(['lead', 'support'], d.role, 'measure_department.role'),
      })),
    }));
  }

  async list(filter: ReportFilter, db: EntityManager = this.database.db): Promise<ReportRow[]> {
    const rows: RawReport[] = await db.query(REPORTS_SQL, [
      filter.measure ?? null,
      filter.plan ?? null,
      filter.period ? `${filter.period}-01` : null,
      filter.department ?? null,
      filter.id ?? null,
      filter.before ?? null,
      filter.history ?? false,
    ]);
    return rows.map(toRow);
  }

  /** The revisions so far of a unit's report of a month: the last number, the first submission. */
  async revisionsOf(
    db: EntityManager,
    measure: string,
    period: string,
    department: string,
  ): Promise<{ last: number; firstSubmittedAt: Date | null; lastId: string | null }> {
    const rows: { last: number | null; first_submitted_at: Date | null; last_id: string | null }[] =
      await db.query(
        `SELECT max(revision) AS last,
                min(recorded_at) FILTER (WHERE state = 'submitted') AS first_submitted_at,
                (array_agg(id ORDER BY revision DESC))[1] AS last_id
           FROM measure_report
          WHERE measure_code = $1 AND period_date = $2 AND department_code = $3`,
        [measure, `${period}-01`, department],
      );
    const row = rows[0];
    return {
      last: Number(row?.last ?? 0),
      firstSubmittedAt: row?.first_submitted_at ? new Date(row.first_submitted_at) : null,
      lastId: row?.last_id ? String(row.last_id) : null,
    };
  }

  async insert(db: EntityManager, reports: readonly NewReport[]): Promise<string[]> {
    if (reports.length === 0) return [];
    const columns = 14;
    const values: unknown[] = [];
    const tuples = reports.map((r, i) => {
      values.push(
        r.measure,
        `${r.period}-01`,
        r.department,
        r.role,
        r.revision,
        r.state,
        r.status,
        r.progress,
        r.problems,
        r.nextSteps,
        JSON.stringify(r.evidence),
        r.late,
        r.recordedBy,
        r.recordedAt,
      );
      const at = i * columns;
      return `(${Array.from({ length: columns }, (_, k) => `$${at + k + 1}`).join(', ')})`;
    });
    const rows: { id: string }[] = await db.query(
      `INSERT INTO measure_report (measure_code, period_date, department_code, role, revision, state,
                                   status, progress, problems, next_steps, evidence, late,
                                   recorded_by, recorded_at)
       VALUES ${tuples.join(', ')} RETURNING id`,
      values,
    );
    return rows.map((row) => String(row.id));
  }

  /**
   * A revision to review, locked against a concurrent review: its unit's latest revision number and
   * its review, if any.
   */
  async reviewTarget(
    db: EntityManager,
    id: string,
  ): Promise<
    | {
        id: string;
        state: string;
        revision: number;
        latestRevision: number;
        decision: string | null;
      }
    | undefined
  > {
    const rows: {
      id: string;
      state: string;
      revision: number;
      latest_revision: number;
      decision: string | null;
    }[] = await db.query(
      `SELECT mr.id, mr.state, mr.revision,
              (SELECT max(x.revision) FROM measure_report x
                WHERE x.measure_code = mr.measure_code AND x.period_date = mr.period_date
                  AND x.department_code = mr.department_code) AS latest_revision,
              (SELECT rv.decision FROM measure_report_review rv WHERE rv.report_id = mr.id) AS decision
         FROM measure_report mr WHERE mr.id = $1 FOR UPDATE OF mr`,
      [id],
    );
    const row = rows[0];
    return row
      ? {
          id: String(row.id),
          state: row.state,
          revision: Number(row.revision),
          latestRevision: Number(row.latest_revision),
          decision: row.decision,
        }
      : undefined;
  }

  async insertReviews(db: EntityManager, reviews: readonly NewReview[]): Promise<void> {
    if (reviews.length === 0) return;
    const values: unknown[] = [];
    const tuples = reviews.map((r, i) => {
      values.push(r.reportId, r.decision, r.comment, r.reviewedBy, r.reviewedAt);
      const at = i * 5;
      return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`;
    });
    await db.query(
      `INSERT INTO measure_report_review (report_id, decision, comment, reviewed_by, reviewed_at)
       VALUES ${tuples.join(', ')}`,
      values,
    );
  }

  /** Whether a plan already has any report (the demo loads once). */
  async planHasReports(plan: string): Promise<boolean> {
    const rows: unknown[] = await this.database.db.query(
      `SELECT 1 FROM measure_report mr JOIN measure m ON m.code = mr.measure_code
        WHERE m.plan_code = $1 LIMIT 1`,
      [plan],
    );
    return rows.length > 0;
  }

  /** The plans whose database holds a demo year (their demo day is recorded). */
  async demoPlans(): Promise<string[]> {
    const rows: { code: string }[] = await this.database.db.query(
      `SELECT code FROM plan WHERE demo_day IS NOT NULL ORDER BY code`,
    );
    return rows.map((row) => row.code);
  }

  /**
   * Each measure's lead units' latest report of the latest month reported (the revision recorded
   * last among them), with its review.
   */
  async latestLead(filter: { plan?: string; measure?: string }): Promise<LatestLeadReport[]> {
    const rows: {
      measure_code: string;
      id: string;
      period: string;
      department_code: string;
      department_name: string;
      state: string;
      status: string;
      recorded_at: Date;
      decision: string | null;
    }[] = await this.database.db.query(
      `SELECT DISTINCT ON (mr.measure_code)
              mr.measure_code, mr.id, to_char(mr.period_date, 'YYYY-MM') AS period,
              mr.department_code, d.name AS department_name, mr.state, mr.status, mr.recorded_at,
              rv.decision
         FROM measure_report mr
         JOIN measure m ON m.code = mr.measure_code
         JOIN department d ON d.code = mr.department_code
         LEFT JOIN measure_report_review rv ON rv.report_id = mr.id
        WHERE mr.role = 'lead' AND ($1::text IS NULL OR m.plan_code = $1)
          AND ($2::text IS NULL OR m.code = $2)
        ORDER BY mr.measure_code, mr.period_date DESC, mr.recorded_at DESC, mr.id DESC`,
      [filter.plan ?? null, filter.measure ?? null],
    );
    return rows.map((row) => ({
      measure: row.measure_code,
      id: String(row.id),
      period: row.period,
      department: { code: row.department_code, name: row.department_name },
      state: oneOf(['draft', 'submitted'], row.state, 'measure_report.state'),
      status: oneOf(REPORT_PROGRESS, row.status, 'measure_report.status'),
      recordedAt: new Date(row.recorded_at),
      decision:
        row.decision === null
          ? null
          : oneOf(REVIEW_DECISIONS, row.decision, 'measure_report_review.decision'),
    }));
  }
}
