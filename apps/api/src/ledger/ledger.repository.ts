import { Injectable } from '@nestjs/common';
import { REPORT_PROGRESS, REPORT_STATES } from '@zhibiao/contracts';
import { derivedReportState, type IsoDate } from '@zhibiao/core';
import { Database } from '../database/database.js';
import { oneOf } from '../database/rows.js';

// The ledger reads what the catalogue, the reports, the completions and the notices hold, each as
// recorded before one instant (`known`: the end of the as-of day), so a past day shows what was
// known then. Reads only: nothing here writes.

export interface LedgerPlanFacts {
  code: string;
  title: string;
  startYear: number;
  endYear: number;
}

export interface UnitRef {
  code: string;
  name: string;
  role: 'lead' | 'support';
}

export interface LedgerItemFacts {
  code: string;
  sectionCode: string | null;
  taskCode: string | null;
  name: string;
  sourceText: string;
  deadline: IsoDate | null;
  departments: UnitRef[];
}

export interface LedgerMilestoneFacts extends LedgerItemFacts {
  deadline: IsoDate;
  /** The day it counts as done, as known then: a confirmed completion's, or the catalogue's. */
  doneOn: IsoDate | null;
}

export interface LedgerReportRow {
  id: string;
  measureCode: string;
  departmentCode: string;
  state: (typeof REPORT_STATES)[number];
  status: (typeof REPORT_PROGRESS)[number];
  progress: string;
  problems: string;
  nextSteps: string;
  updatedAt: Date;
}

export interface LedgerCompletionRow {
  id: string;
  milestoneCode: string;
  state: 'claimed' | 'confirmed' | 'returned';
  doneOn: IsoDate;
  note: string;
  updatedAt: Date;
}

const UNITS_OF = (table: string, key: string, owner: string): string => `
       COALESCE((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'role', x.role)
                                 ORDER BY x.role, x.position)
                   FROM ${table} x JOIN department d ON d.code = x.department_code
                  WHERE x.${key} = ${owner}.code), '[]'::json)`;

@Injectable()
export class LedgerRepository {
  constructor(private readonly database: Database) {}

  async plan(code: string): Promise<LedgerPlanFacts | null> {
    const rows: { code: string; title: string; start_year: number; end_year: number }[] =
      await this.database.db.query(
        `SELECT code, title, start_year, end_year FROM plan WHERE code = $1`,
        [code],
      );
    const row = rows[0];
    return row
      ? { code: row.code, title: row.title, startYear: row.start_year, endYear: row.end_year }
      : null;
  }

  /** The plan's measures in plan order with their units. */
  async measures(plan: string): Promise<LedgerItemFacts[]> {
    const rows: RawItem[] = await this.database.db.query(
      `SELECT m.code, m.section_code, m.task_code, m.name, m.source_text,
              to_char(m.deadline, 'YYYY-MM-DD') AS deadline,
              ${UNITS_OF('measure_department', 'measure_code', 'm')} AS departments
         FROM measure m
        WHERE m.plan_code = $1
        ORDER BY m.position, m.code`,
      [plan],
    );
    return rows.map(item);
  }

  /**
   * The plan's node tasks in plan order with their units and the day each counts as done as known
   * before `known`: a completion the bureau confirmed by then, else the catalogue's own status.
   */
  async milestones(plan: string, known: Date): Promise<LedgerMilestoneFacts[]> {
    const rows: (RawItem & { done_on: string | null })[] = await this.database.db.query(
      `SELECT ms.code, ms.section_code, ms.task_code, ms.name, ms.source_text,
              to_char(ms.deadline, 'YYYY-MM-DD') AS deadline,
              ${UNITS_OF('milestone_department', 'milestone_code', 'ms')} AS departments,
              to_char(COALESCE(
                (SELECT min(c.done_on)
                   FROM milestone_completion c
                   JOIN milestone_completion_review r ON r.completion_id = c.id
                  WHERE c.milestone_code = ms.code AND r.decision = 'confirm'
                    AND r.reviewed_at < $2),
                CASE WHEN ms.status = 'done' THEN ms.done_on END), 'YYYY-MM-DD') AS done_on
         FROM milestone ms
        WHERE ms.plan_code = $1
        ORDER BY ms.position, ms.code`,
      [plan, known],
    );
    return rows.map((row) => ({
      ...item(row),
      deadline: row.deadline ?? '',
      doneOn: row.done_on,
    }));
  }

  /**
   * Each unit's latest report revision on each measure of the plan for `period`, as recorded before
   * `known`, with the bureau's review of that revision when it was recorded by then.
   */
  async reports(plan: string, period: string, known: Date): Promise<LedgerReportRow[]> {
    const rows: {
      id: string;
      measure_code: string;
      department_code: string;
      state: string;
      decision: string | null;
      status: string;
      progress: string;
      problems: string;
      next_steps: string;
      updated_at: Date;
    }[] = await this.database.db.query(
      `SELECT DISTINCT ON (r.measure_code, r.department_code)
              r.id::text AS id, r.measure_code, r.department_code, r.state, v.decision, r.status,
              r.progress, r.problems, r.next_steps,
              GREATEST(r.recorded_at, v.reviewed_at) AS updated_at
         FROM measure_report r
         JOIN measure m ON m.code = r.measure_code
         LEFT JOIN measure_report_review v ON v.report_id = r.id AND v.reviewed_at < $3
        WHERE m.plan_code = $1 AND r.period_date = $2::date AND r.role = 'lead'
          AND r.recorded_at < $3
        ORDER BY r.measure_code, r.department_code, r.recorded_at DESC, r.id DESC`,
      [plan, `${period}-01`, known],
    );
    return rows.map((row) => ({
      id: row.id,
      measureCode: row.measure_code,
      departmentCode: row.department_code,
      state: derivedReportState(
        oneOf(['draft', 'submitted'], row.state, 'measure_report.state'),
        row.decision === null
          ? null
          : oneOf(['confirm', 'return'], row.decision, 'measure_report_review.decision'),
      ),
      status: oneOf(REPORT_PROGRESS, row.status, 'measure_report.status'),
      progress: row.progress,
      problems: row.problems,
      nextSteps: row.next_steps,
      updatedAt: row.updated_at,
    }));
  }

  /** Measures a lead unit reported done (and sent) for a month before `period`, as known then. */
  async doneBefore(plan: string, period: string, known: Date): Promise<Set<string>> {
    const rows: { measure_code: string }[] = await this.database.db.query(
      `SELECT DISTINCT r.measure_code
         FROM measure_report r
         JOIN measure m ON m.code = r.measure_code
        WHERE m.plan_code = $1 AND r.period_date < $2::date AND r.role = 'lead'
          AND r.recorded_at < $3 AND r.state = 'submitted' AND r.status = 'done'`,
      [plan, `${period}-01`, known],
    );
    return new Set(rows.map((row) => row.measure_code));
  }

  /** Each node task's latest claim of completion recorded before `known`, with its review then. */
  async completions(plan: string, known: Date): Promise<LedgerCompletionRow[]> {
    const rows: {
      id: string;
      milestone_code: string;
      decision: string | null;
      done_on: string;
      note: string;
      updated_at: Date;
    }[] = await this.database.db.query(
      `SELECT DISTINCT ON (c.milestone_code)
              c.id::text AS id, c.milestone_code, v.decision,
              to_char(c.done_on, 'YYYY-MM-DD') AS done_on, c.note,
              GREATEST(c.recorded_at, v.reviewed_at) AS updated_at
         FROM milestone_completion c
         JOIN milestone ms ON ms.code = c.milestone_code
         LEFT JOIN milestone_completion_review v ON v.completion_id = c.id AND v.reviewed_at < $2
        WHERE ms.plan_code = $1 AND c.recorded_at < $2
        ORDER BY c.milestone_code, c.recorded_at DESC, c.id DESC`,
      [plan, known],
    );
    return rows.map((row) => ({
      id: row.id,
      milestoneCode: row.milestone_code,
      state:
        row.decision === null ? 'claimed' : row.decision === 'confirm' ? 'confirmed' : 'returned',
      doneOn: row.done_on,
      note: row.note,
      updatedAt: row.updated_at,
    }));
  }

  /**
   * Notices of the plan not closed before `known`, counted by subject (kind and code), with the time
   * of each subject's latest notice event.
   */
  async openNotices(
    plan: string,
    known: Date,
  ): Promise<Map<string, { open: number; updatedAt: Date }>> {
    const rows: { subject_kind: string; subject_code: string; open: number; updated_at: Date }[] =
      await this.database.db.query(
        `SELECT n.subject_kind, n.subject_code, count(*)::int AS open, max(e.at) AS updated_at
           FROM supervision_notice n
           JOIN LATERAL (SELECT kind, at FROM supervision_notice_event
                          WHERE notice_id = n.id AND at < $2
                          ORDER BY at DESC, id DESC LIMIT 1) e ON true
          WHERE n.plan_code = $1 AND n.raised_at < $2 AND e.kind <> 'closed'
          GROUP BY n.subject_kind, n.subject_code`,
        [plan, known],
      );
    return new Map(
      rows.map((row) => [
        `${row.subject_kind}:${row.subject_code}`,
        { open: row.open, updatedAt: row.updated_at },
      ]),
    );
  }

  async cities(): Promise<{ code: string; name: string }[]> {
    return this.database.db.query(
      `SELECT code, name FROM region WHERE level = 'city' ORDER BY code`,
    );
  }
}

interface RawItem {
  code: string;
  section_code: string | null;
  task_code: string | null;
  name: string;
  source_text: string;
  deadline: string | null;
  departments: UnitRef[];
}

function item(row: RawItem): LedgerItemFacts {
  return {
    code: row.code,
    sectionCode: row.section_code,
    taskCode: row.task_code,
    name: row.name,
    sourceText: row.source_text,
    deadline: row.deadline,
    departments: row.departments,
  };
}
