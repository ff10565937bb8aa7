import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';
import { replaceDepartmentRoles } from './department-roles.repository.js';

export interface MilestoneRow {
  code: string;
  plan_code: string;
  section_code: string | null;
  task_code: string | null;
  name: string;
  name_en: string | null;
  deadline: string;
  status: 'pending' | 'done';
  done_on: string | null;
  source_text: string;
  departments: { code: string; name: string; role: 'lead' | 'support' }[];
  /** The day of the earliest claim of completion the bureau confirmed, if any (supervision). */
  confirmed_done_on: string | null;
}

export interface MilestoneWrite {
  code: string;
  planCode: string;
  sectionCode: string | null;
  taskCode: string | null;
  name: string;
  nameEn: string | null;
  deadline: string;
  status: 'pending' | 'done';
  doneOn: string | null;
  sourceText: string;
}

const MILESTONES_SQL = `
SELECT m.code, m.plan_code, m.section_code, m.task_code, m.name, m.name_en, m.deadline, m.status,
       m.done_on, m.source_text,
       COALESCE((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'role', md.role)
                                 ORDER BY md.position)
                   FROM milestone_department md
                   JOIN department d ON d.code = md.department_code
                  WHERE md.milestone_code = m.code), '[]'::json) AS departments,
       (SELECT to_char(min(c.done_on), 'YYYY-MM-DD') FROM milestone_completion c
          JOIN milestone_completion_review r ON r.completion_id = c.id AND r.decision = 'confirm'
         WHERE c.milestone_code = m.code) AS confirmed_done_on
  FROM milestone m
 WHERE ($1::text IS NULL OR m.plan_code = $1) AND ($2::text IS NULL OR m.code = $2)
 ORDER BY m.position, m.code`;

/** SQL of milestones. */
@Injectable()
export class MilestoneRepository {
  constructor(private readonly database: Database) {}

  async listForPlan(planCode: string): Promise<MilestoneRow[]> {
    return this.database.db.query(MILESTONES_SQL, [planCode, null]);
  }

  async find(
    code: string,
    db: EntityManager = this.database.db,
  ): Promise<MilestoneRow | undefined> {
    const rows: MilestoneRow[] = await db.query(MILESTONES_SQL, [null, code]);
    return rows[0];
  }

  async nextPosition(db: EntityManager, planCode: string): Promise<number> {
    const rows: { next: number }[] = await db.query(
      `SELECT COALESCE(max(position), 0)::int + 1 AS next FROM milestone WHERE plan_code = $1`,
      [planCode],
    );
    return rows[0]?.next ?? 1;
  }

  async insert(db: EntityManager, milestone: MilestoneWrite, position: number): Promise<void> {
    await db.query(
      `INSERT INTO milestone (code, plan_code, section_code, task_code, position, name, name_en, deadline,
                              status, done_on, source_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        milestone.code,
        milestone.planCode,
        milestone.sectionCode,
        milestone.taskCode,
        position,
        milestone.name,
        milestone.nameEn,
        milestone.deadline,
        milestone.status,
        milestone.doneOn,
        milestone.sourceText,
      ],
    );
  }

  async update(db: EntityManager, milestone: MilestoneWrite): Promise<void> {
    await db.query(
      `UPDATE milestone SET section_code = $2, task_code = $3, name = $4, name_en = $5, deadline = $6,
                            status = $7, done_on = $8, source_text = $9, updated_at = now()
        WHERE code = $1`,
      [
        milestone.code,
        milestone.sectionCode,
        milestone.taskCode,
        milestone.name,
        milestone.nameEn,
        milestone.deadline,
        milestone.status,
        milestone.doneOn,
        milestone.sourceText,
      ],
    );
  }

  async replaceDepartments(
    db: EntityManager,
    code: string,
    lead: readonly string[],
    support: readonly string[],
  ): Promise<void> {
    await replaceDepartmentRoles(db, 'milestone', code, lead, support);
  }

  async delete(db: EntityManager, code: string): Promise<void> {
    await db.query(`DELETE FROM milestone WHERE code = $1`, [code]);
  }
}
