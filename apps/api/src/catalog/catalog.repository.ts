import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';

export interface PlanRow {
  code: string;
  title: string;
  title_en: string | null;
  start_year: number;
  end_year: number;
  issued_on: string | null;
  period_start: string;
  period_end: string;
  status: string;
  indicator_count: number;
}

export interface IndicatorRow {
  code: string;
  name: string;
  name_en: string | null;
  unit: string;
  kind: string;
  direction: string;
  frequency: string;
  baseline_value: string | null;
  baseline_date: string | null;
  deadline: string;
  source_text: string;
  comparator: string | null;
  target_value: string | null;
  tolerance: string | null;
  departments: { code: string; name: string; role: string }[];
  regions: string[];
}

/**
 * A plan's indicators with the province target in force on $3 (or, before the first one takes effect,
 * the first one), their departments in the plan's order and their regions. Exported for bench/.
 */
export const PLAN_INDICATORS_SQL = `SELECT i.code, i.name, i.name_en, i.unit, i.kind, i.direction, i.frequency,
              i.baseline_value, i.baseline_date, i.deadline, i.source_text,
              t.comparator, t.value AS target_value, t.tolerance,
              COALESCE((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'role', idp.role)
                                        ORDER BY idp.position)
                          FROM indicator_department idp
                          JOIN department d ON d.code = idp.department_code
                         WHERE idp.indicator_code = i.code), '[]'::json) AS departments,
              ARRAY(SELECT ir.region_code::text FROM indicator_region ir
                     WHERE ir.indicator_code = i.code ORDER BY ir.region_code) AS regions
         FROM indicator i
         LEFT JOIN LATERAL (
              SELECT it.comparator, it.value, it.tolerance
                FROM indicator_target it
               WHERE it.indicator_code = i.code AND it.region_code = $2
               ORDER BY (it.effective_from <= $3::date) DESC,
                        CASE WHEN it.effective_from <= $3::date THEN it.effective_from END DESC,
                        it.effective_from ASC
               LIMIT 1) t ON true
        WHERE i.plan_code = $1
        ORDER BY i.position, i.code`;

/** All SQL of the plan catalogue. */
@Injectable()
export class CatalogRepository {
  constructor(private readonly database: Database) {}

  private get db(): EntityManager {
    return this.database.dataSource.manager;
  }

  async listPlans(): Promise<PlanRow[]> {
    return this.db.query(
      `SELECT p.code, p.title, p.title_en, p.start_year, p.end_year, p.issued_on, p.period_start, p.period_end,
              p.status,
              (SELECT count(*) FROM indicator i WHERE i.plan_code = p.code)::int AS indicator_count
         FROM plan p
        WHERE p.status <> 'draft'
        ORDER BY p.start_year DESC, p.code`,
    );
  }

  async planExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM plan WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** See PLAN_INDICATORS_SQL. */
  async listPlanIndicators(
    planCode: string,
    provinceCode: string,
    asOf: string,
  ): Promise<IndicatorRow[]> {
    return this.db.query(PLAN_INDICATORS_SQL, [planCode, provinceCode, asOf]);
  }
}
