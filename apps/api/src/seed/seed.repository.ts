import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { PROVINCE_REGION_CODE } from '@zhibiao/core';
import { Database } from '../database/database.js';
import { insertDefaultAssignments } from '../assignments/assignment.repository.js';
import { replaceDepartmentRoles } from '../catalog/department-roles.repository.js';
import {
  measureContext,
  measureOffset,
  type SeedCatalogue,
  type SeedCorrection,
  type SeedMeasure,
} from './seed-catalogue.schema.js';

type SeedIndicator = SeedCatalogue['indicators'][number];

type ItemKind = 'plan' | 'section' | 'task' | 'indicator' | 'milestone' | 'measure' | 'sub-targets';

/**
 * The items a seed has put into one plan, read once per load and written as they are added
 * (table seed_item).
 */
class SeedItems {
  private constructor(
    private readonly db: EntityManager,
    private readonly plan: string,
    private readonly version: number,
    private readonly recorded: Set<string>,
  ) {}

  static async read(db: EntityManager, plan: string, version: number): Promise<SeedItems> {
    const rows: { kind: string; code: string }[] = await db.query(
      `SELECT kind, code FROM seed_item WHERE plan_code = $1`,
      [plan],
    );
    return new SeedItems(db, plan, version, new Set(rows.map((r) => `${r.kind}:${r.code}`)));
  }

  get isEmpty(): boolean {
    return this.recorded.size === 0;
  }

  has(kind: ItemKind, code: string): boolean {
    return this.recorded.has(`${kind}:${code}`);
  }

  async record(kind: ItemKind, code: string): Promise<void> {
    this.recorded.add(`${kind}:${code}`);
    await this.db.query(
      `INSERT INTO seed_item (plan_code, kind, code, seed_version) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING`,
      [this.plan, kind, code, this.version],
    );
  }
}

/** The SQL that loads a curated catalogue. What a seed once added is never overwritten or re-added. */
@Injectable()
export class SeedRepository {
  constructor(private readonly database: Database) {}

  /**
   * The seed version a plan was loaded from; 'user' for a plan a user made under that code; 'removed'
   * for a seeded plan a user deleted; 'absent' when it was never loaded.
   */
  async seedState(code: string): Promise<number | 'user' | 'removed' | 'absent'> {
    const rows: { seed_version: number | null }[] = await this.database.db.query(
      `SELECT seed_version FROM plan WHERE code = $1`,
      [code],
    );
    const row = rows[0];
    if (row) return row.seed_version ?? 'user';
    const seeded: unknown[] = await this.database.db.query(
      `SELECT 1 FROM seed_item WHERE plan_code = $1 LIMIT 1`,
      [code],
    );
    return seeded.length > 0 ? 'removed' : 'absent';
  }

  /**
   * Inserts the whole catalogue in one transaction: all of it or none of it. Given `db`, inside that
   * transaction (a plan import publishes its draft with the rest of its work).
   */
  async insertCatalogue(
    catalogue: SeedCatalogue,
    sourceText: string,
    db?: EntityManager,
  ): Promise<void> {
    const insert = async (tx: EntityManager) => {
      const items = await SeedItems.read(tx, catalogue.plan.code, catalogue.version);
      await insertReferences(tx, catalogue);
      await insertPlan(tx, catalogue, sourceText);
      await items.record('plan', catalogue.plan.code);
      await addNewItems(tx, catalogue, items);
    };
    if (db) await insert(db);
    else await this.database.transaction(insert);
  }

  /**
   * Adds what a newer version of the file brings to a plan seeded from an older one, and marks the
   * plan as seeded from the newer version. Only items the seed never added before are inserted.
   */
  async upgradeCatalogue(catalogue: SeedCatalogue, from: number): Promise<string[]> {
    return this.database.transaction(async (db) => {
      const items = await SeedItems.read(db, catalogue.plan.code, catalogue.version);
      if (items.isEmpty) {
        // Seeded before seed_item existed, by version 1 of the file: the plan and its indicators.
        await items.record('plan', catalogue.plan.code);
        for (const indicator of catalogue.indicators)
          await items.record('indicator', indicator.code);
      }
      await insertReferences(db, catalogue);
      await addNewItems(db, catalogue, items);
      // Seeded indicators that sit nowhere yet go where the file places them (sections exist by now).
      for (const indicator of catalogue.indicators) {
        await db.query(
          `UPDATE indicator SET section_code = s.code, task_code = t.code
             FROM (SELECT 1) one
             LEFT JOIN plan_section s ON s.code = $2::varchar AND s.plan_code = $4::varchar
             LEFT JOIN plan_task t ON t.code = $3::varchar AND t.section_code = s.code
            WHERE indicator.code = $1 AND indicator.plan_code = $4
              AND indicator.section_code IS NULL AND indicator.task_code IS NULL`,
          [indicator.code, indicator.section ?? null, indicator.task ?? null, catalogue.plan.code],
        );
      }
      const corrected: string[] = [];
      for (const correction of catalogue.corrections) {
        if (correction.version <= from) continue;
        if (await applyCorrection(db, catalogue, correction)) {
          corrected.push('indicator' in correction ? correction.indicator : correction.milestone);
        }
      }
      await db.query(`UPDATE plan SET seed_version = $2 WHERE code = $1`, [
        catalogue.plan.code,
        catalogue.version,
      ]);
      return corrected;
    });
  }
}

/**
 * Applies what a later version of the file changed in an item an earlier one seeded, where the
 * database still holds what the earlier one put there: an indicator still reported by that
 * department alone for every region gets the file's reporter; a milestone still with those support
 * departments gets the file's. What a user changed stays. True when applied.
 */
async function applyCorrection(
  db: EntityManager,
  catalogue: SeedCatalogue,
  correction: SeedCorrection,
): Promise<boolean> {
  if ('indicator' in correction) {
    const indicator = catalogue.indicators.find((i) => i.code === correction.indicator);
    if (!indicator) return false;
    const rows: { unchanged: boolean }[] = await db.query(
      `SELECT EXISTS (SELECT 1 FROM indicator WHERE code = $1 AND plan_code = $3)
          AND (SELECT array_agg(DISTINCT department_code) FROM assignment WHERE indicator_code = $1)
                = ARRAY[$2::varchar]
          AND (SELECT count(*) FROM assignment WHERE indicator_code = $1)
                = (SELECT count(*) FROM indicator_region WHERE indicator_code = $1) AS unchanged`,
      [indicator.code, correction.reporterWas, catalogue.plan.code],
    );
    if (rows[0]?.unchanged !== true) return false;
    await db.query(`DELETE FROM assignment WHERE indicator_code = $1`, [indicator.code]);
    await insertAssignments(db, indicator);
    return true;
  }
  const milestone = catalogue.milestones.find((m) => m.code === correction.milestone);
  if (!milestone) return false;
  const rows: { department_code: string; role: 'lead' | 'support' }[] = await db.query(
    `SELECT md.department_code, md.role FROM milestone_department md
       JOIN milestone m ON m.code = md.milestone_code AND m.plan_code = $2
      WHERE md.milestone_code = $1
      ORDER BY md.position`,
    [milestone.code, catalogue.plan.code],
  );
  const support = rows.filter((r) => r.role === 'support').map((r) => r.department_code);
  if (rows.length === 0 || support.join() !== correction.supportWas.join()) return false;
  const lead = rows.filter((r) => r.role === 'lead').map((r) => r.department_code);
  await replaceDepartmentRoles(db, 'milestone', milestone.code, lead, milestone.support);
  return true;
}

/** Who reports a seeded indicator: its reporter for every region, else its first lead department. */
async function insertAssignments(db: EntityManager, indicator: SeedIndicator): Promise<void> {
  if (indicator.reporter === undefined) {
    await insertDefaultAssignments(db, indicator.code);
    return;
  }
  await db.query(
    `INSERT INTO assignment (department_code, indicator_code, region_code)
     SELECT $1::varchar, indicator_code, region_code FROM indicator_region WHERE indicator_code = $2
     ON CONFLICT DO NOTHING`,
    [indicator.reporter, indicator.code],
  );
}

/** Inserts each section, task, indicator, milestone, measure and sub-target set the seed has not added before. */
async function addNewItems(
  db: EntityManager,
  catalogue: SeedCatalogue,
  items: SeedItems,
): Promise<void> {
  for (const [i, section] of catalogue.sections.entries()) {
    if (!items.has('section', section.code)) {
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
      await items.record('section', section.code);
    }
    for (const [j, task] of section.tasks.entries()) {
      if (items.has('task', task.code)) continue;
      await db.query(
        `INSERT INTO plan_task (code, section_code, position, numeral, title, source_text)
         SELECT $1::varchar, $2::varchar, $3::int, $4::text, $5::text, $6::text
          WHERE EXISTS (SELECT 1 FROM plan_section WHERE code = $2::varchar)
         ON CONFLICT (code) DO NOTHING`,
        [task.code, section.code, j + 1, task.numeral, task.title, task.sourceText],
      );
      await items.record('task', task.code);
    }
  }
  for (const [index, indicator] of catalogue.indicators.entries()) {
    if (items.has('indicator', indicator.code)) continue;
    if (!(await codeTaken(db, 'indicator', indicator.code))) {
      await insertIndicator(db, catalogue, indicator, index + 1);
    }
    await items.record('indicator', indicator.code);
  }
  for (const [index, milestone] of catalogue.milestones.entries()) {
    if (items.has('milestone', milestone.code)) continue;
    if (!(await codeTaken(db, 'milestone', milestone.code))) {
      await insertMilestone(db, catalogue, milestone, index + 1);
    }
    await items.record('milestone', milestone.code);
  }
  for (const [index, measure] of catalogue.measures.entries()) {
    if (items.has('measure', measure.code)) continue;
    if (!(await codeTaken(db, 'measure', measure.code))) {
      await insertMeasure(db, catalogue, measure, index + 1);
    }
    await items.record('measure', measure.code);
  }
  for (const set of catalogue.subTargets) {
    if (items.has('sub-targets', set.indicator)) continue;
    await insertSubTargets(db, catalogue, set);
    await items.record('sub-targets', set.indicator);
  }
}

async function codeTaken(
  db: EntityManager,
  table: 'indicator' | 'milestone' | 'measure',
  code: string,
): Promise<boolean> {
  const rows: unknown[] = await db.query(`SELECT 1 FROM ${table} WHERE code = $1`, [code]);
  return rows.length > 0;
}

async function insertReferences(
  db: EntityManager,
  { regions, departments }: SeedCatalogue,
): Promise<void> {
  // Parents first, so the self-reference holds row by row.
  for (const level of ['province', 'city', 'county'] as const) {
    for (const region of regions.filter((r) => r.level === level)) {
      await db.query(
        `INSERT INTO region (code, name, name_en, level, parent_code) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING`,
        [region.code, region.name, region.nameEn ?? null, region.level, region.parent],
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
  await insertAssignments(db, indicator);
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

async function insertMilestone(
  db: EntityManager,
  catalogue: SeedCatalogue,
  milestone: SeedCatalogue['milestones'][number],
  position: number,
): Promise<void> {
  await db.query(
    `INSERT INTO milestone (code, plan_code, section_code, task_code, position, name, name_en, deadline,
                            status, done_on, source_text)
     SELECT $1::varchar, $2::varchar, s.code, t.code, $5::int, $6::text, $7::text, $8::date, 'pending',
            NULL, $9::text
       FROM (SELECT 1) one
       LEFT JOIN plan_section s ON s.code = $3::varchar
       LEFT JOIN plan_task t ON t.code = $4::varchar`,
    [
      milestone.code,
      catalogue.plan.code,
      milestone.section,
      milestone.task,
      position,
      milestone.name,
      milestone.nameEn ?? null,
      milestone.deadline,
      milestone.sourceText,
    ],
  );
  await replaceDepartmentRoles(db, 'milestone', milestone.code, milestone.lead, milestone.support);
}

/**
 * A measure with its units, and links to those of its indicators and milestones the plan still has
 * (a user may have removed one). Its offsets are those of its sentence in its task's text.
 */
async function insertMeasure(
  db: EntityManager,
  catalogue: SeedCatalogue,
  measure: SeedMeasure,
  position: number,
): Promise<void> {
  const start = measureOffset(measureContext(catalogue, measure) ?? '', measure.sourceText) ?? 0;
  await db.query(
    `INSERT INTO measure (code, plan_code, section_code, task_code, position, name, name_en, source_text,
                          source_start, source_end, deadline)
     SELECT $1::varchar, $2::varchar, s.code, t.code, $5::int, $6::text, $7::text, $8::text, $9::int,
            $10::int, $11::date
       FROM (SELECT 1) one
       LEFT JOIN plan_section s ON s.code = $3::varchar AND s.plan_code = $2::varchar
       LEFT JOIN plan_task t ON t.code = $4::varchar AND t.section_code = s.code`,
    [
      measure.code,
      catalogue.plan.code,
      measure.section,
      measure.task,
      position,
      measure.name,
      measure.nameEn ?? null,
      measure.sourceText,
      start,
      start + measure.sourceText.length,
      measure.deadline ?? null,
    ],
  );
  await replaceDepartmentRoles(db, 'measure', measure.code, measure.lead, measure.support);
  for (const indicator of measure.indicators) {
    await db.query(
      `INSERT INTO measure_indicator (measure_code, indicator_code)
       SELECT $1::varchar, code FROM indicator WHERE code = $2 AND plan_code = $3`,
      [measure.code, indicator, catalogue.plan.code],
    );
  }
  for (const milestone of measure.milestones) {
    await db.query(
      `INSERT INTO measure_milestone (measure_code, milestone_code)
       SELECT $1::varchar, code FROM milestone WHERE code = $2 AND plan_code = $3`,
      [measure.code, milestone, catalogue.plan.code],
    );
  }
}

/** A sub-target set, for the seeded indicator of this plan, when it has none yet. */
async function insertSubTargets(
  db: EntityManager,
  catalogue: SeedCatalogue,
  set: SeedCatalogue['subTargets'][number],
): Promise<void> {
  const target = catalogue.indicators.find((i) => i.code === set.indicator)?.target;
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM indicator i WHERE i.code = $1 AND i.plan_code = $3
        AND NOT EXISTS (SELECT 1 FROM indicator_target t WHERE t.indicator_code = i.code AND t.region_code <> $2)`,
    [set.indicator, PROVINCE_REGION_CODE, catalogue.plan.code],
  );
  if (rows.length === 0 || !target) return;
  for (const [region, value] of Object.entries(set.values)) {
    await db.query(
      `INSERT INTO indicator_target (indicator_code, region_code, effective_from, comparator, value, tolerance, note)
       VALUES ($1, $2, $3, $4, $5, NULL, $6)`,
      [set.indicator, region, set.effectiveFrom, target.comparator, value, set.note],
    );
  }
}
