import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';

export interface AssignmentRow {
  department_code: string;
  department_name: string;
  indicator_code: string;
  regions: string[];
}

/**
 * The default assignment of a new indicator: its first lead department reports every region it is
 * broken down by. (Migration AddAccounts did the same for the indicators that existed then.) A free
 * function for the seed loader, which writes a whole catalogue in one transaction; features call
 * AssignmentsService.assignDefaults.
 */
export async function insertDefaultAssignments(
  db: EntityManager,
  indicator: string,
): Promise<void> {
  await db.query(
    `INSERT INTO assignment (department_code, indicator_code, region_code)
     SELECT idp.department_code, ir.indicator_code, ir.region_code
       FROM indicator_region ir
       JOIN indicator_department idp
         ON idp.indicator_code = ir.indicator_code AND idp.role = 'lead'
        AND idp.position = (SELECT min(x.position) FROM indicator_department x
                             WHERE x.indicator_code = ir.indicator_code AND x.role = 'lead')
      WHERE ir.indicator_code = $1::text
        AND NOT EXISTS (SELECT 1 FROM assignment a WHERE a.indicator_code = ir.indicator_code)
     ON CONFLICT DO NOTHING`,
    [indicator],
  );
}

/** SQL of assignments. */
@Injectable()
export class AssignmentRepository {
  constructor(private readonly database: Database) {}

  async list(
    filter: { department?: string | undefined; indicator?: string | undefined },
    db: EntityManager = this.database.db,
  ): Promise<AssignmentRow[]> {
    return db.query(
      `SELECT a.department_code, d.name AS department_name, a.indicator_code,
              array_agg(a.region_code::text ORDER BY a.region_code) AS regions
         FROM assignment a
         JOIN department d ON d.code = a.department_code
         JOIN indicator i ON i.code = a.indicator_code
        WHERE ($1::text IS NULL OR a.department_code = $1::text)
          AND ($2::text IS NULL OR a.indicator_code = $2::text)
        GROUP BY a.department_code, d.name, a.indicator_code, i.position, i.plan_code
        ORDER BY i.plan_code, i.position, a.department_code`,
      [filter.department ?? null, filter.indicator ?? null],
    );
  }

  async insertDefaults(db: EntityManager, indicator: string): Promise<void> {
    await insertDefaultAssignments(db, indicator);
  }

  async departmentExists(db: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`SELECT 1 FROM department WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  async replace(
    db: EntityManager,
    department: string,
    indicator: string,
    regions: readonly string[],
  ): Promise<void> {
    await db.query(`DELETE FROM assignment WHERE department_code = $1 AND indicator_code = $2`, [
      department,
      indicator,
    ]);
    for (const region of regions) {
      await db.query(
        `INSERT INTO assignment (department_code, indicator_code, region_code) VALUES ($1, $2, $3)`,
        [department, indicator, region],
      );
    }
  }

  /** `indicator region` pairs a department is assigned. */
  async pairs(db: EntityManager, department: string): Promise<Set<string>> {
    const rows: { pair: string }[] = await db.query(
      `SELECT indicator_code || ' ' || region_code AS pair FROM assignment WHERE department_code = $1`,
      [department],
    );
    return new Set(rows.map((r) => r.pair));
  }

  async indicatorRegions(db: EntityManager, indicator: string): Promise<string[] | null> {
    const rows: { regions: string[] | null; found: boolean }[] = await db.query(
      `SELECT EXISTS (SELECT 1 FROM indicator WHERE code = $1) AS found,
              ARRAY(SELECT region_code::text FROM indicator_region WHERE indicator_code = $1) AS regions`,
      [indicator],
    );
    const row = rows[0];
    return row?.found ? (row.regions ?? []) : null;
  }
}
