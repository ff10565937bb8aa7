import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';

export interface DepartmentRow {
  code: string;
  name: string;
  kind: 'provincial' | 'city' | 'central';
  region_code: string | null;
}

export interface RegionRow {
  code: string;
  name: string;
  name_en: string | null;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
}

/** SQL of the reference lists: departments and regions. */
@Injectable()
export class ReferenceRepository {
  constructor(private readonly database: Database) {}

  async departments(db: EntityManager = this.database.db): Promise<DepartmentRow[]> {
    return db.query(
      `SELECT code, name, kind, region_code FROM department
        ORDER BY CASE kind WHEN 'provincial' THEN 0 WHEN 'central' THEN 1 ELSE 2 END, code`,
    );
  }

  async regions(db: EntityManager = this.database.db): Promise<RegionRow[]> {
    return db.query(
      `SELECT code, name, name_en, level, parent_code FROM region
        ORDER BY CASE level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, code`,
    );
  }

  /** Departments that lead at least one indicator, measure or node task (demo reporters). */
  async leadDepartments(): Promise<{ code: string; name: string }[]> {
    return this.database.db.query(
      // Every unit that leads an indicator, a measure (it reports monthly on it) or a node task.
      `SELECT DISTINCT d.code, d.name
         FROM (SELECT department_code FROM indicator_department WHERE role = 'lead'
               UNION SELECT department_code FROM measure_department WHERE role = 'lead'
               UNION SELECT department_code FROM milestone_department WHERE role = 'lead') leads
         JOIN department d ON d.code = leads.department_code
        ORDER BY d.code`,
    );
  }

  async departmentCodes(db: EntityManager = this.database.db): Promise<Set<string>> {
    return new Set((await this.departments(db)).map((d) => d.code));
  }

  async regionCodes(db: EntityManager): Promise<Set<string>> {
    return new Set((await this.regions(db)).map((r) => r.code));
  }
}
