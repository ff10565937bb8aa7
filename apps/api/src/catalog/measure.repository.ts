import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';

export interface MeasureRow {
  code: string;
  plan_code: string;
  section_code: string | null;
  task_code: string | null;
  name: string;
  name_en: string | null;
  source_text: string;
  source_start: number;
  source_end: number;
  deadline: string | null;
  departments: { code: string; name: string; role: 'lead' | 'support' }[];
  indicators: string[];
  milestones: string[];
}

const MEASURES_SQL = `
SELECT m.code, m.plan_code, m.section_code, m.task_code, m.name, m.name_en, m.source_text,
       m.source_start, m.source_end, m.deadline,
       COALESCE((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'role', md.role)
                                 ORDER BY md.position)
                   FROM measure_department md
                   JOIN department d ON d.code = md.department_code
                  WHERE md.measure_code = m.code), '[]'::json) AS departments,
       COALESCE((SELECT json_agg(mi.indicator_code ORDER BY i.position, i.code)
                   FROM measure_indicator mi
                   JOIN indicator i ON i.code = mi.indicator_code
                  WHERE mi.measure_code = m.code), '[]'::json) AS indicators,
       COALESCE((SELECT json_agg(mm.milestone_code ORDER BY ms.position, ms.code)
                   FROM measure_milestone mm
                   JOIN milestone ms ON ms.code = mm.milestone_code
                  WHERE mm.measure_code = m.code), '[]'::json) AS milestones
  FROM measure m
 WHERE ($1::text IS NULL OR m.plan_code = $1) AND ($2::text IS NULL OR m.code = $2)
 ORDER BY m.position, m.code`;

/** SQL of measures (举措). Seeded with their plan; read-only through the API for now. */
@Injectable()
export class MeasureRepository {
  constructor(private readonly database: Database) {}

  async planExists(planCode: string): Promise<boolean> {
    const rows: unknown[] = await this.database.db.query(`SELECT 1 FROM plan WHERE code = $1`, [
      planCode,
    ]);
    return rows.length > 0;
  }

  async listForPlan(planCode: string): Promise<MeasureRow[]> {
    return this.database.db.query(MEASURES_SQL, [planCode, null]);
  }

  async find(code: string): Promise<MeasureRow | undefined> {
    const rows: MeasureRow[] = await this.database.db.query(MEASURES_SQL, [null, code]);
    return rows[0];
  }
}
