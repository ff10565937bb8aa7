import { Injectable } from '@nestjs/common';
import { type ApprovalAction, type FrequencyName, type Period } from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';

// The calendar's reads: what the catalogue expects (assignments, lead units of measures) and what was
// received (figure revisions, report revisions and their reviews, approval events, pull sources), each
// for a whole set of periods at once and as recorded before one instant (`known`: the end of the
// as-of day). Reads only.

export interface CalendarPlan {
  code: string;
  first: Period;
  last: Period;
  /** The first period under approval; null when approval is off. */
  approvalFrom: Period | null;
}

export interface CodeName {
  code: string;
  name: string;
}

/** A unit's duty to report an indicator's figures for a region. */
export interface AssignmentFacts {
  plan: string;
  department: CodeName;
  indicator: CodeName & { frequency: FrequencyName; dueDay: number };
  region: CodeName;
}

/** A lead unit's duty to report on a measure each month. */
export interface LeadFacts {
  plan: string;
  department: CodeName;
  measure: CodeName;
}

/** The revisions of one figure (indicator × region × period) recorded by then. */
export interface FigureReceipt {
  firstAt: Date;
  firstSubmission: string;
  lastAt: Date;
}

/** The revisions of a unit's report on a measure for a period recorded by then. */
export interface ReportReceipt {
  firstSubmittedAt: Date | null;
  lastSubmittedAt: Date | null;
  latestId: string;
  latestState: 'draft' | 'submitted';
  /** The review of the latest revision recorded by then, if any. */
  decision: 'confirm' | 'return' | null;
  comment: string | null;
}

export interface LastApprovalEvent {
  action: ApprovalAction;
  at: Date;
  comment: string;
}

export interface SourceFacts {
  id: string;
  name: string;
  department: CodeName;
  indicators: string[];
  enabled: boolean;
  /** Flagged as failing by then. */
  failing: boolean;
  consecutiveFailures: number;
  lastError: string | null;
}

const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const;
const APPROVAL_ACTIONS = ['approved', 'returned', 'reopened'] as const;

/** The key of a figure: `indicator|region|period`. */
export const figureKey = (indicator: string, region: string, period: Period) =>
  `${indicator}|${region}|${period}`;
/** The key of a unit's period of a plan or a measure: `owner|department|period`. */
export const unitKey = (owner: string, department: string, period: Period) =>
  `${owner}|${department}|${period}`;

const firstDays = (periods: readonly Period[]) => periods.map((period) => `${period}-01`);

@Injectable()
export class StatusRepository {
  constructor(private readonly database: Database) {}

  async planExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.database.db.query(`SELECT 1 FROM plan WHERE code = $1`, [
      code,
    ]);
    return rows.length > 0;
  }

  async department(code: string): Promise<CodeName | null> {
    const rows: CodeName[] = await this.database.db.query(
      `SELECT code, name FROM department WHERE code = $1`,
      [code],
    );
    return rows[0] ?? null;
  }

  /** Published and closed plans (drafts expect nothing), or the one named. */
  async plans(plan: string | undefined): Promise<CalendarPlan[]> {
    const rows: { code: string; first: string; last: string; approval_from: string | null }[] =
      await this.database.db.query(
        `SELECT code, to_char(period_start, 'YYYY-MM') AS first, to_char(period_end, 'YYYY-MM') AS last,
                to_char(approval_from, 'YYYY-MM') AS approval_from
           FROM plan
          WHERE status <> 'draft' AND ($1::text IS NULL OR code = $1)
          ORDER BY code`,
        [plan ?? null],
      );
    return rows.map((row) => ({
      code: row.code,
      first: row.first,
      last: row.last,
      approvalFrom: row.approval_from,
    }));
  }

  /**
   * Who reports which indicator for which region, in plan order: the assignments, except the province
   * of a target broken down by city (its figure is the cities' sum: nobody owes it).
   */
  async assignments(
    plans: readonly string[],
    filter: { department?: string; region?: string },
  ): Promise<AssignmentFacts[]> {
    const rows: {
      plan_code: string;
      department_code: string;
      department_name: string;
      indicator_code: string;
      indicator_name: string;
      frequency: string;
      due_day: number;
      region_code: string;
      region_name: string;
    }[] = await this.database.db.query(
      `SELECT i.plan_code, a.department_code, d.name AS department_name,
              a.indicator_code, i.name AS indicator_name, i.frequency, i.due_day,
              a.region_code, r.name AS region_name
         FROM assignment a
         JOIN indicator i ON i.code = a.indicator_code
         JOIN department d ON d.code = a.department_code
         JOIN region r ON r.code = a.region_code
        WHERE i.plan_code = ANY($1::text[])
          AND ($2::text IS NULL OR a.department_code = $2)
          AND ($3::text IS NULL OR a.region_code = $3)
          AND NOT (r.parent_code IS NULL
                   AND EXISTS (SELECT 1 FROM indicator_region ir
                                WHERE ir.indicator_code = i.code AND ir.region_code <> a.region_code))
        ORDER BY i.plan_code, i.position, i.code, a.region_code, a.department_code`,
      [plans, filter.department ?? null, filter.region ?? null],
    );
    return rows.map((row) => ({
      plan: row.plan_code,
      department: { code: row.department_code, name: row.department_name },
      indicator: {
        code: row.indicator_code,
        name: row.indicator_name,
        frequency: oneOf(FREQUENCIES, row.frequency, 'indicator.frequency'),
        dueDay: Number(row.due_day),
      },
      region: { code: row.region_code, name: row.region_name },
    }));
  }

  /** The lead units of each measure of the plans, in plan order. */
  async leads(plans: readonly string[], department: string | undefined): Promise<LeadFacts[]> {
    const rows: {
      plan_code: string;
      measure_code: string;
      measure_name: string;
      department_code: string;
      department_name: string;
    }[] = await this.database.db.query(
      `SELECT m.plan_code, m.code AS measure_code, m.name AS measure_name,
              md.department_code, d.name AS department_name
         FROM measure m
         JOIN measure_department md ON md.measure_code = m.code AND md.role = 'lead'
         JOIN department d ON d.code = md.department_code
        WHERE m.plan_code = ANY($1::text[]) AND ($2::text IS NULL OR md.department_code = $2)
        ORDER BY m.plan_code, m.position, m.code, md.position`,
      [plans, department ?? null],
    );
    return rows.map((row) => ({
      plan: row.plan_code,
      department: { code: row.department_code, name: row.department_name },
      measure: { code: row.measure_code, name: row.measure_name },
    }));
  }

  /**
   * The first and latest revision of each figure of the plans' indicators for the periods, recorded
   * before `known`, by figureKey.
   */
  async figureReceipts(
    plans: readonly string[],
    periods: readonly Period[],
    known: Date,
    region: string | undefined,
  ): Promise<Map<string, FigureReceipt>> {
    const rows: {
      indicator_code: string;
      region_code: string;
      period: string;
      first_at: Date;
      first_submission: string;
      last_at: Date;
    }[] = await this.database.db.query(
      `SELECT m.indicator_code, m.region_code, to_char(m.period_date, 'YYYY-MM') AS period,
              min(m.recorded_at) AS first_at,
              (array_agg(m.submission_id::text ORDER BY m.recorded_at, m.id))[1] AS first_submission,
              max(m.recorded_at) AS last_at
         FROM measurement m
         JOIN indicator i ON i.code = m.indicator_code
        WHERE i.plan_code = ANY($1::text[]) AND m.period_date = ANY($2::date[])
          AND m.recorded_at < $3 AND ($4::text IS NULL OR m.region_code = $4)
        GROUP BY m.indicator_code, m.region_code, m.period_date`,
      [plans, firstDays(periods), known, region ?? null],
    );
    return new Map(
      rows.map((row) => [
        figureKey(row.indicator_code, row.region_code, row.period),
        {
          firstAt: new Date(row.first_at),
          firstSubmission: row.first_submission,
          lastAt: new Date(row.last_at),
        },
      ]),
    );
  }

  /**
   * Each unit's latest figure revision of each plan's period under approval (its submissions, of the
   * plan's indicators), recorded before `known`, by unitKey(plan, department, period).
   */
  async unitRevisions(
    plans: readonly string[],
    periods: readonly Period[],
    known: Date,
  ): Promise<Map<string, Date>> {
    const rows: { plan_code: string; department_code: string; period: string; last_at: Date }[] =
      await this.database.db.query(
        `SELECT i.plan_code, s.department_code, to_char(m.period_date, 'YYYY-MM') AS period,
                max(m.recorded_at) AS last_at
           FROM measurement m
           JOIN indicator i ON i.code = m.indicator_code
           JOIN plan p ON p.code = i.plan_code
           JOIN submission s ON s.id = m.submission_id
          WHERE i.plan_code = ANY($1::text[]) AND m.period_date = ANY($2::date[])
            AND p.approval_from IS NOT NULL AND m.period_date >= p.approval_from
            AND m.recorded_at < $3 AND s.department_code IS NOT NULL
          GROUP BY i.plan_code, s.department_code, m.period_date`,
        [plans, firstDays(periods), known],
      );
    return new Map(
      rows.map((row) => [
        unitKey(row.plan_code, row.department_code, row.period),
        new Date(row.last_at),
      ]),
    );
  }

  /** The latest approval event of each unit's period recorded before `known`, by unitKey. */
  async lastApprovalEvents(
    plans: readonly string[],
    periods: readonly Period[],
    known: Date,
  ): Promise<Map<string, LastApprovalEvent>> {
    const rows: {
      plan_code: string;
      department_code: string;
      period: string;
      action: string;
      at: Date;
      comment: string;
    }[] = await this.database.db.query(
      `SELECT DISTINCT ON (plan_code, department_code, period_date)
              plan_code, department_code, to_char(period_date, 'YYYY-MM') AS period, action, at, comment
         FROM approval_event
        WHERE plan_code = ANY($1::text[]) AND period_date = ANY($2::date[]) AND at < $3
        ORDER BY plan_code, department_code, period_date, at DESC, id DESC`,
      [plans, firstDays(periods), known],
    );
    return new Map(
      rows.map((row) => [
        unitKey(row.plan_code, row.department_code, row.period),
        {
          action: oneOf(APPROVAL_ACTIONS, row.action, 'approval_event.action'),
          at: new Date(row.at),
          comment: row.comment,
        },
      ]),
    );
  }

  /**
   * Each lead unit's report on each measure of the plans for the periods, as recorded before
   * `known`: its first and latest submitted revisions, its latest revision and that one's review then.
   * By unitKey(measure, department, period).
   */
  async reportReceipts(
    plans: readonly string[],
    periods: readonly Period[],
    known: Date,
    department: string | undefined,
  ): Promise<Map<string, ReportReceipt>> {
    const rows: {
      measure_code: string;
      department_code: string;
      period: string;
      first_submitted_at: Date | null;
      last_submitted_at: Date | null;
      latest_id: string;
      latest_state: string;
      decision: string | null;
      comment: string | null;
    }[] = await this.database.db.query(
      `WITH revisions AS (
         SELECT r.measure_code, r.department_code, r.period_date,
                min(r.recorded_at) FILTER (WHERE r.state = 'submitted') AS first_submitted_at,
                max(r.recorded_at) FILTER (WHERE r.state = 'submitted') AS last_submitted_at,
                (array_agg(r.id ORDER BY r.revision DESC, r.id DESC))[1] AS latest_id,
                (array_agg(r.state ORDER BY r.revision DESC, r.id DESC))[1] AS latest_state
           FROM measure_report r
           JOIN measure m ON m.code = r.measure_code
          WHERE m.plan_code = ANY($1::text[]) AND r.period_date = ANY($2::date[])
            AND r.role = 'lead' AND r.recorded_at < $3
            AND ($4::text IS NULL OR r.department_code = $4)
          GROUP BY r.measure_code, r.department_code, r.period_date)
       SELECT x.measure_code, x.department_code, to_char(x.period_date, 'YYYY-MM') AS period,
              x.first_submitted_at, x.last_submitted_at, x.latest_id::text AS latest_id,
              x.latest_state, v.decision, v.comment
         FROM revisions x
         LEFT JOIN LATERAL (SELECT decision, comment FROM measure_report_review
                             WHERE report_id = x.latest_id AND reviewed_at < $3
                             ORDER BY reviewed_at DESC, id DESC LIMIT 1) v ON true`,
      [plans, firstDays(periods), known, department ?? null],
    );
    return new Map(
      rows.map((row) => [
        unitKey(row.measure_code, row.department_code, row.period),
        {
          firstSubmittedAt: row.first_submitted_at && new Date(row.first_submitted_at),
          lastSubmittedAt: row.last_submitted_at && new Date(row.last_submitted_at),
          latestId: row.latest_id,
          latestState: oneOf(['draft', 'submitted'], row.latest_state, 'measure_report.state'),
          decision:
            row.decision === null
              ? null
              : oneOf(['confirm', 'return'], row.decision, 'measure_report_review.decision'),
          comment: row.comment,
        },
      ]),
    );
  }

  /**
   * The pull sources (of one unit, or all), failing when flagged before `known`, with the error of
   * their latest run started by then.
   */
  async sources(department: string | undefined, known: Date): Promise<SourceFacts[]> {
    const rows: {
      id: string;
      name: string;
      department_code: string;
      department_name: string;
      indicators: string[];
      enabled: boolean;
      failing: boolean;
      consecutive_failures: number;
      last_error: string | null;
    }[] = await this.database.db.query(
      `SELECT ps.id::text AS id, ps.name, ps.department_code, d.name AS department_name,
              ps.indicators, ps.enabled,
              (ps.flagged_at IS NOT NULL AND ps.flagged_at < $2) AS failing,
              ps.consecutive_failures,
              (SELECT pr.error FROM pull_run pr
                WHERE pr.source_id = ps.id AND pr.started_at < $2
                ORDER BY pr.started_at DESC, pr.id DESC LIMIT 1) AS last_error
         FROM pull_source ps
         JOIN department d ON d.code = ps.department_code
        WHERE ($1::text IS NULL OR ps.department_code = $1)
        ORDER BY ps.id`,
      [department ?? null, known],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      department: { code: row.department_code, name: row.department_name },
      indicators: row.indicators,
      enabled: row.enabled,
      failing: row.failing,
      consecutiveFailures: Number(row.consecutive_failures),
      lastError: row.last_error,
    }));
  }
}
