import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { COMPARATORS, type ProgressThresholds } from '@zhibiao/core';
import { Database } from '../database/database.js';
import { numberOrNull, oneOf } from '../database/rows.js';
import { replaceDepartmentRoles } from './department-roles.repository.js';
import type { Indicator, TargetVersionRecord } from './indicator.js';

interface IndicatorRow {
  code: string;
  plan_code: string;
  section_code: string | null;
  task_code: string | null;
  name: string;
  name_en: string | null;
  description: string;
  unit: string;
  kind: string;
  numerator_label: string | null;
  denominator_label: string | null;
  direction: string;
  frequency: string;
  due_day: number;
  progress_thresholds: Partial<ProgressThresholds> | null;
  baseline_value: string | null;
  baseline_date: string | null;
  deadline: string;
  source_text: string;
  comparator: string | null;
  target_value: string | null;
  tolerance: string | null;
  departments: { code: string; name: string; role: string }[];
  regions: string[];
  has_sub_targets: boolean;
}

interface TargetVersionRow {
  id: string;
  region_code: string;
  effective_from: string;
  comparator: string;
  value: string;
  tolerance: string | null;
  note: string;
  recorded_at: Date;
}

export interface IndicatorWrite {
  code: string;
  planCode: string;
  sectionCode: string | null;
  taskCode: string | null;
  name: string;
  nameEn: string | null;
  description: string;
  unit: string;
  kind: string;
  numeratorLabel: string | null;
  denominatorLabel: string | null;
  direction: string;
  frequency: string;
  dueDay: number;
  thresholds: Partial<ProgressThresholds> | null;
  baseline: { value: number; date: string } | null;
  deadline: string;
  sourceText: string;
}

export interface TargetVersionWrite {
  region: string;
  effectiveFrom: string;
  comparator: string;
  value: number;
  tolerance: number | null;
  note: string;
}

// The version in force on a day: the latest effective_from on or before it and, among versions of the
// same day, the one recorded last. Before the first version takes effect, the first one stands in.
const TARGET_IN_FORCE_ORDER = `(it.effective_from <= $3::date) DESC,
                 CASE WHEN it.effective_from <= $3::date THEN it.effective_from END DESC,
                 it.effective_from ASC, it.recorded_at DESC, it.id DESC`;

/**
 * Indicators with the province target in force on $3, their departments in the plan's order and their
 * regions. $1 plan code (or NULL), $2 the province region, $3 the as-of date, $4 indicator code (or NULL).
 * Exported for bench/.
 */
export const INDICATORS_SQL = `
SELECT i.code, i.plan_code, i.section_code, i.task_code, i.name, i.name_en, i.description, i.unit,
       i.kind, i.numerator_label, i.denominator_label, i.direction, i.frequency, i.due_day,
       i.progress_thresholds,
       i.baseline_value, i.baseline_date, i.deadline, i.source_text,
       t.comparator, t.value AS target_value, t.tolerance,
       COALESCE((SELECT json_agg(json_build_object('code', d.code, 'name', d.name, 'role', idp.role)
                                 ORDER BY idp.position)
                   FROM indicator_department idp
                   JOIN department d ON d.code = idp.department_code
                  WHERE idp.indicator_code = i.code), '[]'::json) AS departments,
       ARRAY(SELECT ir.region_code::text FROM indicator_region ir
              WHERE ir.indicator_code = i.code ORDER BY ir.region_code) AS regions,
       EXISTS (SELECT 1 FROM indicator_target st
                WHERE st.indicator_code = i.code AND st.region_code <> $2) AS has_sub_targets
  FROM indicator i
  LEFT JOIN LATERAL (
       SELECT it.comparator, it.value, it.tolerance
         FROM indicator_target it
        WHERE it.indicator_code = i.code AND it.region_code = $2
        ORDER BY ${TARGET_IN_FORCE_ORDER}
        LIMIT 1) t ON true
 WHERE ($1::text IS NULL OR i.plan_code = $1) AND ($4::text IS NULL OR i.code = $4)
 ORDER BY i.position, i.code`;

function toIndicator(row: IndicatorRow): Indicator {
  return {
    code: row.code,
    plan: row.plan_code,
    section: row.section_code,
    task: row.task_code,
    name: row.name,
    nameEn: row.name_en,
    description: row.description,
    unit: row.unit,
    kind: oneOf(['cumulative', 'level', 'ratio'], row.kind, 'indicator.kind'),
    numeratorLabel: row.numerator_label,
    denominatorLabel: row.denominator_label,
    direction: oneOf(['increase', 'decrease'], row.direction, 'indicator.direction'),
    frequency: oneOf(['monthly', 'quarterly', 'annual'], row.frequency, 'indicator.frequency'),
    dueDay: row.due_day,
    thresholds: row.progress_thresholds,
    baseline:
      row.baseline_value === null || row.baseline_date === null
        ? null
        : { value: Number(row.baseline_value), date: row.baseline_date },
    deadline: row.deadline,
    sourceText: row.source_text,
    target:
      row.comparator === null
        ? null
        : {
            comparator: oneOf(COMPARATORS, row.comparator, 'indicator_target.comparator'),
            value: Number(row.target_value ?? 0),
            tolerance: numberOrNull(row.tolerance),
          },
    departments: row.departments.map((d) => ({
      code: d.code,
      name: d.name,
      role: oneOf(['lead', 'support'], d.role, 'indicator_department.role'),
    })),
    regions: row.regions,
    hasSubTargets: row.has_sub_targets,
  };
}

function toTargetVersion(row: TargetVersionRow): TargetVersionRecord {
  return {
    id: row.id,
    region: row.region_code,
    effectiveFrom: row.effective_from,
    comparator: oneOf(COMPARATORS, row.comparator, 'indicator_target.comparator'),
    value: Number(row.value),
    tolerance: numberOrNull(row.tolerance),
    note: row.note,
    recordedAt: row.recorded_at,
  };
}

/** SQL of indicators and their target versions. */
@Injectable()
export class IndicatorRepository {
  constructor(private readonly database: Database) {}

  async listForPlan(
    planCode: string,
    provinceCode: string,
    asOf: string,
    db: EntityManager = this.database.db,
  ): Promise<Indicator[]> {
    const rows: IndicatorRow[] = await db.query(INDICATORS_SQL, [
      planCode,
      provinceCode,
      asOf,
      null,
    ]);
    return rows.map(toIndicator);
  }

  async find(
    code: string,
    provinceCode: string,
    asOf: string,
    db: EntityManager = this.database.db,
  ): Promise<Indicator | undefined> {
    const rows: IndicatorRow[] = await db.query(INDICATORS_SQL, [null, provinceCode, asOf, code]);
    return rows[0] && toIndicator(rows[0]);
  }

  async exists(db: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await db.query(`SELECT 1 FROM indicator WHERE code = $1`, [code]);
    return rows.length > 0;
  }

  /** Every target version, newest first, the province's before the cities'. */
  async targetHistory(
    code: string,
    provinceCode: string,
    db: EntityManager = this.database.db,
  ): Promise<TargetVersionRecord[]> {
    const rows: TargetVersionRow[] = await db.query(
      `SELECT id::text AS id, region_code, effective_from, comparator, value, tolerance, note, recorded_at
         FROM indicator_target
        WHERE indicator_code = $1
        ORDER BY effective_from DESC, (region_code = $2) DESC, recorded_at DESC, region_code,
                 indicator_target.id DESC`,
      [code, provinceCode],
    );
    return rows.map(toTargetVersion);
  }

  /** Each city's sub-target in force on `asOf`. */
  async subTargetsInForce(
    code: string,
    provinceCode: string,
    asOf: string,
    db: EntityManager = this.database.db,
  ): Promise<{ region: string; value: number }[]> {
    const rows: { region_code: string; value: string }[] = await db.query(
      `SELECT DISTINCT ON (region_code) region_code, value
         FROM indicator_target
        WHERE indicator_code = $1 AND region_code <> $2 AND effective_from <= $3::date
        ORDER BY region_code, effective_from DESC, recorded_at DESC, id DESC`,
      [code, provinceCode, asOf],
    );
    return rows.map((r) => ({ region: r.region_code, value: Number(r.value) }));
  }

  /** The province target in force on `date`, strictly (null before the first version takes effect). */
  async provinceTargetOn(
    db: EntityManager,
    code: string,
    provinceCode: string,
    date: string,
  ): Promise<{ comparator: string; value: number } | null> {
    const rows: { comparator: string; value: string }[] = await db.query(
      `SELECT comparator, value FROM indicator_target
        WHERE indicator_code = $1 AND region_code = $2 AND effective_from <= $3::date
        ORDER BY effective_from DESC, recorded_at DESC, id DESC LIMIT 1`,
      [code, provinceCode, date],
    );
    const row = rows[0];
    return row ? { comparator: row.comparator, value: Number(row.value) } : null;
  }

  /** The id of the first province version, which anchors the history and cannot be deleted. */
  async firstProvinceVersionId(
    db: EntityManager,
    code: string,
    provinceCode: string,
  ): Promise<string | null> {
    const rows: { id: string }[] = await db.query(
      `SELECT id::text AS id FROM indicator_target WHERE indicator_code = $1 AND region_code = $2
        ORDER BY effective_from, recorded_at, id LIMIT 1`,
      [code, provinceCode],
    );
    return rows[0]?.id ?? null;
  }

  async nextPosition(db: EntityManager, planCode: string): Promise<number> {
    const rows: { next: number }[] = await db.query(
      `SELECT COALESCE(max(position), 0)::int + 1 AS next FROM indicator WHERE plan_code = $1`,
      [planCode],
    );
    return rows[0]?.next ?? 1;
  }

  async insert(db: EntityManager, indicator: IndicatorWrite, position: number): Promise<void> {
    await db.query(
      `INSERT INTO indicator (code, plan_code, section_code, task_code, position, name, name_en, description,
                              unit, kind, numerator_label, denominator_label, direction, frequency, due_day,
                              baseline_value, baseline_date, deadline, source_text, progress_thresholds)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
               $20)`,
      [
        indicator.code,
        indicator.planCode,
        indicator.sectionCode,
        indicator.taskCode,
        position,
        ...this.values(indicator),
      ],
    );
  }

  async update(db: EntityManager, indicator: IndicatorWrite): Promise<void> {
    await db.query(
      `UPDATE indicator SET section_code = $3, task_code = $4, name = $5, name_en = $6, description = $7,
                            unit = $8, kind = $9, numerator_label = $10, denominator_label = $11,
                            direction = $12, frequency = $13, due_day = $14, baseline_value = $15,
                            baseline_date = $16, deadline = $17, source_text = $18,
                            progress_thresholds = $19, updated_at = now()
        WHERE code = $1 AND plan_code = $2`,
      [
        indicator.code,
        indicator.planCode,
        indicator.sectionCode,
        indicator.taskCode,
        ...this.values(indicator),
      ],
    );
  }

  private values(indicator: IndicatorWrite): unknown[] {
    return [
      indicator.name,
      indicator.nameEn,
      indicator.description,
      indicator.unit,
      indicator.kind,
      indicator.numeratorLabel,
      indicator.denominatorLabel,
      indicator.direction,
      indicator.frequency,
      indicator.dueDay,
      indicator.baseline?.value ?? null,
      indicator.baseline?.date ?? null,
      indicator.deadline,
      indicator.sourceText,
      indicator.thresholds === null ? null : JSON.stringify(indicator.thresholds),
    ];
  }

  async replaceDepartments(
    db: EntityManager,
    code: string,
    lead: readonly string[],
    support: readonly string[],
  ): Promise<void> {
    await replaceDepartmentRoles(db, 'indicator', code, lead, support);
  }

  async replaceRegions(db: EntityManager, code: string, regions: readonly string[]): Promise<void> {
    await db.query(`DELETE FROM indicator_region WHERE indicator_code = $1`, [code]);
    for (const region of regions) {
      await db.query(`INSERT INTO indicator_region (indicator_code, region_code) VALUES ($1, $2)`, [
        code,
        region,
      ]);
    }
  }

  async insertTargetVersions(
    db: EntityManager,
    code: string,
    versions: readonly TargetVersionWrite[],
  ): Promise<void> {
    for (const version of versions) {
      await db.query(
        `INSERT INTO indicator_target (indicator_code, region_code, effective_from, comparator, value, tolerance, note)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          code,
          version.region,
          version.effectiveFrom,
          version.comparator,
          version.value,
          version.tolerance,
          version.note,
        ],
      );
    }
  }

  /**
   * The ids of the revision a version belongs to: every version of the indicator written by the same
   * change (same effective date, same transaction), so that a province target and the sub-targets set
   * with it go together. Empty when `id` is not a version of this indicator.
   */
  async revisionOf(db: EntityManager, code: string, id: string): Promise<string[]> {
    const rows: { id: string }[] = await db.query(
      `SELECT other.id::text AS id
         FROM indicator_target chosen
         JOIN indicator_target other
           ON other.indicator_code = chosen.indicator_code
          AND other.effective_from = chosen.effective_from
          AND other.recorded_at = chosen.recorded_at
        WHERE chosen.indicator_code = $1 AND chosen.id = $2::bigint`,
      [code, id],
    );
    return rows.map((r) => r.id);
  }

  async deleteVersions(db: EntityManager, ids: readonly string[]): Promise<void> {
    await db.query(`DELETE FROM indicator_target WHERE id = ANY($1::bigint[])`, [ids]);
  }

  async delete(db: EntityManager, code: string): Promise<void> {
    await db.query(`DELETE FROM indicator WHERE code = $1`, [code]);
  }
}
