import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.js';

export interface AssignedRow {
  indicator_code: string;
  indicator_name: string;
  region_code: string;
  region_name: string;
  numerator_label: string | null;
  denominator_label: string | null;
}

/** SQL of what a department reports. */
@Injectable()
export class ReportingRepository {
  constructor(private readonly database: Database) {}

  async departmentName(code: string): Promise<string | undefined> {
    const rows: { name: string }[] = await this.database.db.query(
      `SELECT name FROM department WHERE code = $1`,
      [code],
    );
    return rows[0]?.name;
  }

  /** The department's assigned indicator × region pairs, in plan order, province first. */
  async assignedRows(department: string): Promise<AssignedRow[]> {
    return this.database.db.query(
      `SELECT a.indicator_code, i.name AS indicator_name, a.region_code, r.name AS region_name,
              i.numerator_label, i.denominator_label
         FROM assignment a
         JOIN indicator i ON i.code = a.indicator_code
         JOIN region r ON r.code = a.region_code
        WHERE a.department_code = $1
        ORDER BY i.plan_code, i.position, (r.parent_code IS NOT NULL), a.region_code`,
      [department],
    );
  }
}
