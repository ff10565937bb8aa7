import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';
import type { DefaultAsOfFacts } from './default-as-of.js';

export interface PlanRow {
  code: string;
  title: string;
  title_en: string | null;
  start_year: number;
  end_year: number;
  issued_on: string | null;
  period_start: string;
  period_end: string;
  status: 'draft' | 'published' | 'closed';
  closed_on: string | null;
  indicator_count: number;
  milestone_count: number;
  /** The latest month any figure of the plan is for (YYYY-MM), or null. */
  latest_period: string | null;
  /** When the latest figure of the plan was recorded, or null. */
  latest_recorded_at: Date | null;
  /** The latest due day of the plan's indicators, or null when it has none. */
  last_due_day: number | null;
}

export interface SectionRow {
  code: string;
  numeral: string;
  title: string;
  source_text: string;
}

export interface TaskRow extends SectionRow {
  section_code: string;
}

/** Where an indicator or milestone sits in its plan. */
export interface Placement {
  code: string;
  section_code: string | null;
  task_code: string | null;
}

export interface PlanWrite {
  code: string;
  title: string;
  titleEn: string | null;
  startYear: number;
  endYear: number;
  issuedOn: string | null;
  periodStart: string;
  periodEnd: string;
  status: 'draft' | 'published' | 'closed';
  closedOn: string | null;
  sourceText: string;
}

/**
 * What a plan's default as-of day is made of (see `defaultAsOf`), as columns of plan `p`: under approval
 * a figure counts from its approval, so the latest approval moves the day too.
 */
const DEFAULT_AS_OF_FACTS = `GREATEST((SELECT max(f.recorded_at) FROM measurement f
          JOIN indicator fi ON fi.code = f.indicator_code WHERE fi.plan_code = p.code),
       (SELECT max(e.at) FROM approval_event e WHERE e.plan_code = p.code)) AS latest_recorded_at,
       (SELECT max(i.due_day) FROM indicator i WHERE i.plan_code = p.code)::int AS last_due_day`;

const PLAN_COLUMNS = `p.code, p.title, p.title_en, p.start_year, p.end_year, p.issued_on, p.period_start,
       p.period_end, p.status, p.closed_on,
       (SELECT count(*) FROM indicator i WHERE i.plan_code = p.code)::int AS indicator_count,
       (SELECT count(*) FROM milestone m WHERE m.plan_code = p.code)::int AS milestone_count,
       (SELECT to_char(max(f.period_date), 'YYYY-MM') FROM measurement f
          JOIN indicator fi ON fi.code = f.indicator_code WHERE fi.plan_code = p.code) AS latest_period,
       ${DEFAULT_AS_OF_FACTS}`;

/** The default as-of facts of a plan row. */
export function defaultAsOfFactsOf(row: PlanRow): DefaultAsOfFacts {
  return {
    latestRecordedAt: row.latest_recorded_at,
    periodEnd: row.period_end,
    lastDueDay: row.last_due_day,
  };
}

/** SQL of plans and their structure (sections, tasks). */
@Injectable()
export class PlanRepository {
  constructor(private readonly database: Database) {}

  /** Published and closed plans first, newest first; drafts last. */
  async list(): Promise<PlanRow[]> {
    return this.database.db.query(
      `SELECT ${PLAN_COLUMNS} FROM plan p
        ORDER BY (p.status = 'draft'), p.start_year DESC, p.code`,
    );
  }

  async find(code: string, db: EntityManager = this.database.db): Promise<PlanRow | undefined> {
    const rows: PlanRow[] = await db.query(`SELECT ${PLAN_COLUMNS} FROM plan p WHERE p.code = $1`, [
      code,
    ]);
    return rows[0];
  }

  /** The default as-of facts of a plan ($1), or of an indicator's plan; undefined for neither. */
  async defaultAsOfFacts(
    of: { plan: string } | { indicator: string },
    db: EntityManager = this.database.db,
  ): Promise<DefaultAsOfFacts | undefined> {
    const rows: {
      latest_recorded_at: Date | null;
      period_end: string;
      last_due_day: number | null;
    }[] = await db.query(
      `SELECT to_char(p.period_end, 'YYYY-MM-DD') AS period_end, ${DEFAULT_AS_OF_FACTS}
           FROM plan p
          WHERE p.code = COALESCE($1::text, (SELECT plan_code FROM indicator WHERE code = $2::text))`,
      ['plan' in of ? of.plan : null, 'indicator' in of ? of.indicator : null],
    );
    const row = rows[0];
    return (
      row && {
        latestRecordedAt: row.latest_recorded_at,
        periodEnd: row.period_end,
        lastDueDay: row.last_due_day,
      }
    );
  }

  /** Locks the plan row for the rest of the transaction, so a close cannot slip between check and write. */
  async findForUpdate(db: EntityManager, code: string): Promise<PlanRow | undefined> {
    await db.query(`SELECT 1 FROM plan WHERE code = $1 FOR UPDATE`, [code]);
    return this.find(code, db);
  }

  async sourceText(code: string, db: EntityManager = this.database.db): Promise<string> {
    const rows: { source_text: string }[] = await db.query(
      `SELECT source_text FROM plan WHERE code = $1`,
      [code],
    );
    return rows[0]?.source_text ?? '';
  }

  async sections(planCode: string, db: EntityManager = this.database.db): Promise<SectionRow[]> {
    return db.query(
      `SELECT code, numeral, title, source_text FROM plan_section WHERE plan_code = $1 ORDER BY position, code`,
      [planCode],
    );
  }

  async tasks(planCode: string, db: EntityManager = this.database.db): Promise<TaskRow[]> {
    return db.query(
      `SELECT t.code, t.section_code, t.numeral, t.title, t.source_text
         FROM plan_task t JOIN plan_section s ON s.code = t.section_code
        WHERE s.plan_code = $1
        ORDER BY s.position, t.position, t.code`,
      [planCode],
    );
  }

  async indicatorPlacements(planCode: string): Promise<Placement[]> {
    return this.database.db.query(
      `SELECT code, section_code, task_code FROM indicator WHERE plan_code = $1 ORDER BY position, code`,
      [planCode],
    );
  }

  async insert(db: EntityManager, plan: PlanWrite): Promise<void> {
    await db.query(
      `INSERT INTO plan (code, title, title_en, start_year, end_year, issued_on, period_start, period_end,
                         status, closed_on, source_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        plan.code,
        plan.title,
        plan.titleEn,
        plan.startYear,
        plan.endYear,
        plan.issuedOn,
        plan.periodStart,
        plan.periodEnd,
        plan.status,
        plan.closedOn,
        plan.sourceText,
      ],
    );
  }

  async update(db: EntityManager, plan: PlanWrite): Promise<void> {
    await db.query(
      `UPDATE plan SET title = $2, title_en = $3, start_year = $4, end_year = $5, issued_on = $6,
                       period_start = $7, period_end = $8, status = $9, closed_on = $10,
                       source_text = $11, updated_at = now()
        WHERE code = $1`,
      [
        plan.code,
        plan.title,
        plan.titleEn,
        plan.startYear,
        plan.endYear,
        plan.issuedOn,
        plan.periodStart,
        plan.periodEnd,
        plan.status,
        plan.closedOn,
        plan.sourceText,
      ],
    );
  }

  async delete(db: EntityManager, code: string): Promise<void> {
    await db.query(`DELETE FROM plan WHERE code = $1`, [code]);
  }

  /** Whether `code` names a section of the plan, and which section a task belongs to. */
  async structureOf(
    db: EntityManager,
    planCode: string,
  ): Promise<{ sections: Set<string>; taskSection: Map<string, string> }> {
    const sections = await this.sections(planCode, db);
    const tasks = await this.tasks(planCode, db);
    return {
      sections: new Set(sections.map((s) => s.code)),
      taskSection: new Map(tasks.map((t) => [t.code, t.section_code])),
    };
  }
}
