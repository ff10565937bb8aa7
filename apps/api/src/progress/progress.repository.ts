import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';

export interface TargetInForceRow {
  indicator_code: string;
  region_code: string;
  comparator: string;
  value: string;
  tolerance: string | null;
}

export interface GroupRow {
  code: string;
  title: string;
  /** A task's section (null for a section). */
  section_code: string | null;
}

export interface MilestoneDueRow {
  code: string;
  name: string;
  section_code: string | null;
  task_code: string | null;
  deadline: string;
  done_on: string | null;
}

/** SQL that progress needs beyond the catalogue and the figures. */
@Injectable()
export class ProgressRepository {
  constructor(private readonly database: Database) {}

  /**
   * The target in force on `asOf` for every indicator and region of a plan (or one indicator): the
   * latest version effective by then, else the earliest (a target set later still applies).
   */
  async targetsInForce(
    plan: string | null,
    indicator: string | null,
    asOf: string,
  ): Promise<TargetInForceRow[]> {
    return this.database.db.query(
      `SELECT DISTINCT ON (it.indicator_code, it.region_code)
              it.indicator_code, it.region_code, it.comparator, it.value, it.tolerance
         FROM indicator_target it JOIN indicator i ON i.code = it.indicator_code
        WHERE ($1::text IS NULL OR i.plan_code = $1::text) AND ($2::text IS NULL OR i.code = $2::text)
        ORDER BY it.indicator_code, it.region_code, (it.effective_from <= $3::date) DESC,
                 CASE WHEN it.effective_from <= $3::date THEN it.effective_from END DESC,
                 it.effective_from ASC, it.recorded_at DESC, it.id DESC`,
      [plan, indicator, asOf],
    );
  }

  async plan(code: string): Promise<{ code: string; period_start: string } | undefined> {
    const rows: { code: string; period_start: string }[] = await this.database.db.query(
      `SELECT code, to_char(period_start, 'YYYY-MM-DD') AS period_start FROM plan WHERE code = $1`,
      [code],
    );
    return rows[0];
  }

  async sections(plan: string): Promise<GroupRow[]> {
    return this.database.db.query(
      `SELECT code, title, NULL AS section_code FROM plan_section WHERE plan_code = $1
        ORDER BY position, code`,
      [plan],
    );
  }

  async tasks(plan: string): Promise<GroupRow[]> {
    return this.database.db.query(
      `SELECT t.code, t.title, t.section_code FROM plan_task t JOIN plan_section s ON s.code = t.section_code
        WHERE s.plan_code = $1 ORDER BY s.position, t.position, t.code`,
      [plan],
    );
  }

  /** A plan's milestones: when due and when done (a milestone marked done records the day). */
  async milestones(plan: string): Promise<MilestoneDueRow[]> {
    return this.database.db.query(
      `SELECT m.code, m.name, COALESCE(m.section_code, t.section_code) AS section_code, m.task_code,
              to_char(m.deadline, 'YYYY-MM-DD') AS deadline,
              CASE WHEN m.status = 'done' THEN to_char(m.done_on, 'YYYY-MM-DD') END AS done_on
         FROM milestone m LEFT JOIN plan_task t ON t.code = m.task_code
        WHERE m.plan_code = $1 ORDER BY m.position, m.code`,
      [plan],
    );
  }

  async regionNames(): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.database.db.query(
      `SELECT code, name FROM region`,
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
