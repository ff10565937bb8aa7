import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PROVINCE_REGION_CODE } from '@zhibiao/core';
import { Database } from '../database/database.js';
import type { SeedCatalogue } from './seed-catalogue.schema.js';

/** The SQL that loads a curated catalogue. Existing rows are never overwritten. */
@Injectable()
export class SeedRepository {
  constructor(private readonly database: Database) {}

  async planExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.database.dataSource.query(
      `SELECT 1 FROM plan WHERE code = $1`,
      [code],
    );
    return rows.length > 0;
  }

  /** Inserts the whole catalogue in one transaction: all of it or none of it. */
  async insertCatalogue(catalogue: SeedCatalogue, sourceText: string): Promise<void> {
    await this.database.dataSource.transaction(async (db) => {
      await insertRegions(db, catalogue);
      await insertDepartments(db, catalogue);
      await insertPlan(db, catalogue, sourceText);
      await insertIndicators(db, catalogue);
    });
  }
}

async function insertRegions(db: EntityManager, { regions }: SeedCatalogue): Promise<void> {
  // Parents first, so the self-reference holds row by row.
  for (const level of ['province', 'city', 'county'] as const) {
    for (const region of regions.filter((r) => r.level === level)) {
      await db.query(
        `INSERT INTO region (code, name, level, parent_code) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO NOTHING`,
        [region.code, region.name, region.level, region.parent],
      );
    }
  }
}

async function insertDepartments(db: EntityManager, { departments }: SeedCatalogue): Promise<void> {
  for (const department of departments) {
    await db.query(
      `INSERT INTO department (code, name, kind) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [department.code, department.name, department.kind],
    );
  }
}

async function insertPlan(
  db: EntityManager,
  { plan }: SeedCatalogue,
  sourceText: string,
): Promise<void> {
  await db.query(
    `INSERT INTO plan (code, title, title_en, start_year, end_year, issued_on, period_start, period_end,
                       status, source_text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    [
      plan.code,
      plan.title,
      plan.titleEn ?? null,
      plan.startYear,
      plan.endYear,
      plan.issuedOn,
      plan.periodStart,
      plan.periodEnd,
      plan.status,
      sourceText,
    ],
  );
}

async function insertIndicators(db: EntityManager, catalogue: SeedCatalogue): Promise<void> {
  const cities = catalogue.regions.filter((r) => r.level === 'city').map((r) => r.code);
  for (const [index, indicator] of catalogue.indicators.entries()) {
    await db.query(
      `INSERT INTO indicator (code, plan_code, position, name, name_en, description, unit, kind, direction,
                              frequency, due_day, baseline_value, baseline_date, deadline, source_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      [
        indicator.code,
        catalogue.plan.code,
        index + 1,
        indicator.name,
        indicator.nameEn ?? null,
        indicator.description,
        indicator.unit,
        indicator.kind,
        indicator.direction,
        indicator.frequency,
        indicator.dueDay,
        indicator.baseline?.value ?? null,
        indicator.baseline?.date ?? null,
        indicator.deadline,
        indicator.sourceText,
      ],
    );
    const regions =
      indicator.regions === 'cities' ? [PROVINCE_REGION_CODE, ...cities] : [PROVINCE_REGION_CODE];
    for (const region of regions) {
      await db.query(`INSERT INTO indicator_region (indicator_code, region_code) VALUES ($1, $2)`, [
        indicator.code,
        region,
      ]);
    }
    const roles = [
      ...indicator.lead.map((code) => ({ code, role: 'lead' })),
      ...indicator.support.map((code) => ({ code, role: 'support' })),
    ];
    for (const [position, { code, role }] of roles.entries()) {
      await db.query(
        `INSERT INTO indicator_department (indicator_code, department_code, role, position)
         VALUES ($1, $2, $3, $4)`,
        [indicator.code, code, role, position + 1],
      );
    }
    await db.query(
      `INSERT INTO indicator_target (indicator_code, region_code, effective_from, comparator, value, tolerance, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        indicator.code,
        PROVINCE_REGION_CODE,
        catalogue.plan.periodStart,
        indicator.target.comparator,
        indicator.target.value,
        indicator.target.tolerance ?? null,
        'as issued in the plan',
      ],
    );
  }
}
