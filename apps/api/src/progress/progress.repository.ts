import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  businessDateOf,
  COMPARATORS,
  type Comparator,
  type ConfirmedCompletion,
  type IsoDate,
  type Target,
} from '@zhibiao/core';
import { Database } from '../database/database.js';

/** A section or task of a plan, as progress groups indicators by it. */
export interface Group {
  code: string;
  title: string;
}

/** A milestone: when due and when done. */
export interface MilestoneDue {
  code: string;
  name: string;
  section: string | null;
  task: string | null;
  deadline: IsoDate;
  /** The catalogue's own done day (an administrator marked it done). */
  doneOn: IsoDate | null;
  /** Claims of completion the bureau confirmed: each counts from its confirmation day. */
  confirmed: ConfirmedCompletion[];
}

/** A version of an indicator's monthly plan. */
export interface MonthlyPlanVersion {
  id: string;
  recordedAt: Date;
  recordedBy: string;
  note: string;
  items: { period: string; value: number }[];
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
  ): Promise<Map<string, Target>> {
    const rows: {
      indicator_code: string;
      region_code: string;
      comparator: string;
      value: string;
      tolerance: string | null;
    }[] = await this.database.db.query(
      `SELECT DISTINCT ON (it.indicator_code, it.region_code)
              it.indicator_code, it.region_code, it.comparator, it.value, it.tolerance
         FROM indicator_target it JOIN indicator i ON i.code = it.indicator_code
        WHERE ($1::text IS NULL OR i.plan_code = $1::text) AND ($2::text IS NULL OR i.code = $2::text)
        ORDER BY it.indicator_code, it.region_code, (it.effective_from <= $3::date) DESC,
                 CASE WHEN it.effective_from <= $3::date THEN it.effective_from END DESC,
                 it.effective_from ASC, it.recorded_at DESC, it.id DESC`,
      [plan, indicator, asOf],
    );
    // By `indicator region`; a comparator the schema does not know leaves the target unset.
    const targets = new Map<string, Target>();
    for (const row of rows) {
      if (!COMPARATORS.includes(row.comparator as Comparator)) continue;
      targets.set(`${row.indicator_code} ${row.region_code}`, {
        comparator: row.comparator as Comparator,
        value: Number(row.value),
        ...(row.tolerance === null ? {} : { tolerance: Number(row.tolerance) }),
      });
    }
    return targets;
  }

  /** A plan's first day, or undefined when there is no such plan. */
  async planStart(code: string): Promise<IsoDate | undefined> {
    const rows: { period_start: string }[] = await this.database.db.query(
      `SELECT to_char(period_start, 'YYYY-MM-DD') AS period_start FROM plan WHERE code = $1`,
      [code],
    );
    return rows[0]?.period_start;
  }

  /**
   * Locks the plan (a close waits for the monthly plan written meanwhile) and answers its status and
   * its first and last months.
   */
  async lockPlan(
    db: EntityManager,
    code: string,
  ): Promise<{ code: string; status: string; firstPeriod: string; lastPeriod: string }> {
    const rows: { code: string; status: string; first_period: string; last_period: string }[] =
      await db.query(
        `SELECT code, status, to_char(period_start, 'YYYY-MM') AS first_period,
                to_char(period_end, 'YYYY-MM') AS last_period
           FROM plan WHERE code = $1 FOR UPDATE`,
        [code],
      );
    const row = rows[0]!;
    return {
      code: row.code,
      status: row.status,
      firstPeriod: row.first_period,
      lastPeriod: row.last_period,
    };
  }

  async sections(plan: string): Promise<Group[]> {
    return this.database.db.query(
      `SELECT code, title FROM plan_section WHERE plan_code = $1 ORDER BY position, code`,
      [plan],
    );
  }

  async tasks(plan: string): Promise<Group[]> {
    return this.database.db.query(
      `SELECT t.code, t.title FROM plan_task t JOIN plan_section s ON s.code = t.section_code
        WHERE s.plan_code = $1 ORDER BY s.position, t.position, t.code`,
      [plan],
    );
  }

  /**
   * A plan's milestones: when due and when done (a milestone marked done records the day), with the
   * claims of completion the bureau confirmed and when.
   */
  async milestones(plan: string): Promise<MilestoneDue[]> {
    const rows: {
      code: string;
      name: string;
      section_code: string | null;
      task_code: string | null;
      deadline: string;
      done_on: string | null;
      confirmed: { doneOn: string; at: string }[];
    }[] = await this.database.db.query(
      `SELECT m.code, m.name, COALESCE(m.section_code, t.section_code) AS section_code, m.task_code,
              to_char(m.deadline, 'YYYY-MM-DD') AS deadline,
              CASE WHEN m.status = 'done' THEN to_char(m.done_on, 'YYYY-MM-DD') END AS done_on,
              COALESCE((SELECT json_agg(json_build_object(
                                  'doneOn', to_char(c.done_on, 'YYYY-MM-DD'), 'at', r.reviewed_at))
                          FROM milestone_completion c
                          JOIN milestone_completion_review r ON r.completion_id = c.id
                         WHERE c.milestone_code = m.code AND r.decision = 'confirm'), '[]'::json)
                AS confirmed
         FROM milestone m LEFT JOIN plan_task t ON t.code = m.task_code
        WHERE m.plan_code = $1 ORDER BY m.position, m.code`,
      [plan],
    );
    return rows.map((m) => ({
      code: m.code,
      name: m.name,
      section: m.section_code,
      task: m.task_code,
      deadline: m.deadline,
      doneOn: m.done_on,
      // Confirmed on the Asia/Shanghai day its review was recorded.
      confirmed: m.confirmed.map((c) => ({
        doneOn: c.doneOn,
        confirmedOn: businessDateOf(new Date(c.at)),
      })),
    }));
  }

  async regionNames(): Promise<Map<string, string>> {
    const rows: { code: string; name: string }[] = await this.database.db.query(
      `SELECT code, name FROM region`,
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }

  /**
   * The monthly plan of each indicator and region in force at `before` (the latest version recorded
   * earlier), as period → value; a version without items (back to the line) gives no entry.
   */
  async monthlyPlans(
    codes: readonly string[],
    before: Date,
  ): Promise<Map<string, Map<string, number>>> {
    const rows: { indicator_code: string; region_code: string; period: string; value: string }[] =
      await this.database.db.query(
        `SELECT v.indicator_code, v.region_code, to_char(i.period_date, 'YYYY-MM') AS period, i.value
           FROM (SELECT DISTINCT ON (indicator_code, region_code) id, indicator_code, region_code
                   FROM monthly_plan_version
                  WHERE indicator_code = ANY($1::text[]) AND recorded_at < $2
                  ORDER BY indicator_code, region_code, recorded_at DESC, id DESC) v
           JOIN monthly_plan_item i ON i.version_id = v.id
          ORDER BY v.indicator_code, v.region_code, i.period_date`,
        [codes, before],
      );
    const plans = new Map<string, Map<string, number>>();
    for (const row of rows) {
      const key = `${row.indicator_code} ${row.region_code}`;
      let plan = plans.get(key);
      if (!plan) plans.set(key, (plan = new Map<string, number>()));
      plan.set(row.period, Number(row.value));
    }
    return plans;
  }

  async monthlyPlanVersion(
    code: string,
    region: string,
    before: Date,
  ): Promise<MonthlyPlanVersion | undefined> {
    const rows: { id: string; recorded_at: Date; recorded_by: string; note: string }[] =
      await this.database.db.query(
        `SELECT id, recorded_at, recorded_by, note FROM monthly_plan_version
          WHERE indicator_code = $1 AND region_code = $2 AND recorded_at < $3
          ORDER BY recorded_at DESC, id DESC LIMIT 1`,
        [code, region, before],
      );
    const version = rows[0];
    if (!version) return undefined;
    const items: { period: string; value: string }[] = await this.database.db.query(
      `SELECT to_char(period_date, 'YYYY-MM') AS period, value FROM monthly_plan_item
        WHERE version_id = $1 ORDER BY period_date`,
      [version.id],
    );
    return {
      id: version.id,
      recordedAt: version.recorded_at,
      recordedBy: version.recorded_by,
      note: version.note,
      items: items.map((i) => ({ period: i.period, value: Number(i.value) })),
    };
  }

  async insertMonthlyPlan(
    db: EntityManager,
    plan: {
      indicator: string;
      region: string;
      recordedAt: Date;
      recordedBy: string;
      note: string;
      items: readonly { period: string; value: number }[];
    },
  ): Promise<void> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO monthly_plan_version (indicator_code, region_code, recorded_at, recorded_by, note)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [plan.indicator, plan.region, plan.recordedAt, plan.recordedBy, plan.note],
    );
    if (plan.items.length === 0) return;
    await db.query(
      `INSERT INTO monthly_plan_item (version_id, period_date, value)
       SELECT $1, p::date, v FROM unnest($2::text[], $3::numeric[]) AS x(p, v)`,
      [rows[0]!.id, plan.items.map((i) => `${i.period}-01`), plan.items.map((i) => i.value)],
    );
  }
}
