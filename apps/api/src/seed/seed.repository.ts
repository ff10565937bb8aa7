import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PROVINCE_REGION_CODE } from '@zhibiao/core';
import { Database } from '../database/database.js';
import { replaceDepartmentRoles } from '../catalog/department-roles.js';
import type { SeedCatalogue } from './seed-catalogue.schema.js';

type SeedIndicator = SeedCatalogue['indicators'][number];

/** The SQL that loads a curated catalogue. Existing rows are never overwritten. */
@Injectable()
export class SeedRepository {
  constructor(private readonly database: Database) {}

  /** The seed version a plan was loaded from; 'user' for a plan nobody seeded; 'absent' if none. */
  async seedVersion(code: string): Promise<number | 'user' | 'absent'> {
    const rows: { seed_version: number | null }[] = await this.database.db.query(
      `SELECT seed_version FROM plan WHERE code = $1`,
      [code],
    );
    const row = rows[0];
    if (!row) return 'absent';
    return row.seed_version ?? 'user';
  }

  /** Inserts the whole catalogue in one transaction: all of it or none of it. */
  async insertCatalogue(catalogue: SeedCatalogue, sourceText: string): Promise<void> {
    await this.database.transaction(async (db) => {
      await insertReferences(db, catalogue);
      await insertPlan(db, catalogue, sourceText);
      await insertStructure(db, catalogue);
      for (const [index, indicator] of catalogue.indicators.entries()) {
        await insertIndicator(db, catalogue, indicator, index + 1);
      }
      await insertMilestones(db, catalogue);
      await insertSubTargets(db, catalogue);
    });
  }

  /**
   * Adds what a newer version of the file brings to a plan seeded from an older one: departments,
   * sections and tasks, milestones, the placement of indicators that have none, and sub-targets of
   * indicators that have none. Indicators a user removed stay removed.
   */
  async upgradeCatalogue(catalogue: SeedCatalogue): Promise<void> {
    await this.database.transaction(async (db) => {
      await insertReferences(db, catalogue);
      await insertStructure(db, catalogue);
      for (const indicator of catalogue.indicators) {
        await db.query(
          `UPDATE indicator SET section_code = $2, task_code = $3
            WHERE code = $1 AND plan_code = $4 AND section_code IS NULL AND task_code IS NULL`,
          [indicator.code, indicator.section ?? null, indicator.task ?? null, catalogue.plan.code],
        );
      }
      await insertMilestones(db, catalogue);
      await insertSubTargets(db, catalogue);
      await db.query(`UPDATE plan SET seed_version = $2 WHERE code = $1`, [
        catalogue.plan.code,
        catalogue.version,
      ]);
    });
  }
}

async function insertReferences(
  db: EntityManager,
  { regions, departments }: SeedCatalogue,
): Promise<void> {
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
  for (const department of departments) {
    await db.query(
      `INSERT INTO department (code, name, kind, region_code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [department.code, department.name, department.kind, department.region ?? null],
    );
  }
}

async function insertPlan(
  db: EntityManager,
  { plan, version }: SeedCatalogue,
  sourceText: string,
): Promise<void> {
  await db.query(
    `INSERT INTO plan (code, title, title_en, start_year, end_year, issued_on, period_start, period_end,
                       status, source_text, seed_version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
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
      version,
    ],
  );
}

async function insertStructure(db: EntityManager, catalogue: SeedCatalogue): Promise<void> {
  for (const [i, section] of catalogue.sections.entries()) {
    await db.query(
      `INSERT INTO plan_section (code, plan_code, position, numeral, title, source_text)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING`,
      [
        section.code,
        catalogue.plan.code,
        i + 1,
        section.numeral,
        section.title,
        section.sourceText,
      ],
    );
    for (const [j, task] of section.tasks.entries()) {
      await db.query(
        `INSERT INTO plan_task (code, section_code, position, numeral, title, source_text)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (code) DO NOTHING`,
        [task.code, section.code, j + 1, task.numeral, task.title, task.sourceText],
      );
    }
  }
}

async function insertIndicator(
  db: EntityManager,
  catalogue: SeedCatalogue,
  indicator: SeedIndicator,
  position: number,
): Promise<void> {
  await db.query(
    `INSERT INTO indicator (code, plan_code, section_code, task_code, position, name, name_en, description,
                            unit, kind, direction, frequency, due_day, baseline_value, baseline_date, deadline,
                            source_text)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
    [
      indicator.code,
      catalogue.plan.code,
      indicator.section ?? null,
      indicator.task ?? null,
      position,
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
  const cities = catalogue.regions.filter((r) => r.level === 'city').map((r) => r.code);
  const regions =
    indicator.regions === 'cities' ? [PROVINCE_REGION_CODE, ...cities] : [PROVINCE_REGION_CODE];
  for (const region of regions) {
    await db.query(`INSERT INTO indicator_region (indicator_code, region_code) VALUES ($1, $2)`, [
      indicator.code,
      region,
    ]);
  }
  await replaceDepartmentRoles(db, 'indicator', indicator.code, indicator.lead, indicator.support);
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

async function insertMilestones(db: EntityManager, catalogue: SeedCatalogue): Promise<void> {
  for (const [i, milestone] of catalogue.milestones.entries()) {
    const inserted: unknown[] = await db.query(
      `INSERT INTO milestone (code, plan_code, section_code, task_code, position, name, name_en, deadline,
                              status, done_on, source_text)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', NULL, $9)
       ON CONFLICT (code) DO NOTHING RETURNING code`,
      [
        milestone.code,
        catalogue.plan.code,
        milestone.section,
        milestone.task,
        i + 1,
        milestone.name,
        milestone.nameEn ?? null,
        milestone.deadline,
        milestone.sourceText,
      ],
    );
    if (inserted.length > 0) {
      await replaceDepartmentRoles(
        db,
        'milestone',
        milestone.code,
        milestone.lead,
        milestone.support,
      );
    }
  }
}

/** Sub-targets of indicators that exist and have none yet. */
async function insertSubTargets(db: EntityManager, catalogue: SeedCatalogue): Promise<void> {
  for (const set of catalogue.subTargets) {
    const target = catalogue.indicators.find((i) => i.code === set.indicator)?.target;
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM indicator i WHERE i.code = $1
          AND NOT EXISTS (SELECT 1 FROM indicator_target t WHERE t.indicator_code = i.code AND t.region_code <> $2)`,
      [set.indicator, PROVINCE_REGION_CODE],
    );
    if (rows.length === 0 || !target) continue;
    for (const [region, value] of Object.entries(set.values)) {
      await db.query(
        `INSERT INTO indicator_target (indicator_code, region_code, effective_from, comparator, value, tolerance, note)
         VALUES ($1, $2, $3, $4, $5, NULL, $6)`,
        [set.indicator, region, set.effectiveFrom, target.comparator, value, set.note],
      );
    }
  }
}
