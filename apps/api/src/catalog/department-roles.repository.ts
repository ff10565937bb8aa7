import type { EntityManager } from 'typeorm';

const ROLE_TABLES = {
  indicator: { table: 'indicator_department', key: 'indicator_code' },
  milestone: { table: 'milestone_department', key: 'milestone_code' },
  measure: { table: 'measure_department', key: 'measure_code' },
} as const;

/** Replaces the lead and support departments of an indicator, milestone or measure, keeping the given order. */
export async function replaceDepartmentRoles(
  db: EntityManager,
  owner: keyof typeof ROLE_TABLES,
  code: string,
  lead: readonly string[],
  support: readonly string[],
): Promise<void> {
  const { table, key } = ROLE_TABLES[owner];
  await db.query(`DELETE FROM ${table} WHERE ${key} = $1`, [code]);
  const roles = [...lead.map((d) => [d, 'lead']), ...support.map((d) => [d, 'support'])];
  for (const [position, [department, role]] of roles.entries()) {
    await db.query(
      `INSERT INTO ${table} (${key}, department_code, role, position) VALUES ($1, $2, $3, $4)`,
      [code, department, role, position + 1],
    );
  }
}
