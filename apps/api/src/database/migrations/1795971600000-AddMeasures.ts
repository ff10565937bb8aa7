import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Measures (举措): the groups of a task paragraph that each end in a bracket of responsible units, with
 * their lead and support units and the indicators and milestones they serve.
 */
export class AddMeasures1795971600000 implements MigrationInterface {
  name = 'AddMeasures1795971600000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "measure" ("code" character varying(64) NOT NULL, "plan_code" character varying(32) NOT NULL, "section_code" character varying(64), "task_code" character varying(64), "position" integer NOT NULL, "name" text NOT NULL, "name_en" text, "source_text" text NOT NULL, "source_start" integer NOT NULL, "source_end" integer NOT NULL, "deadline" date, CONSTRAINT "measure_code_check" CHECK ("code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*(\\.[0-9]+)?-[0-9]+$'), CONSTRAINT "measure_source_check" CHECK ("source_start" >= 0 AND "source_end" > "source_start"), CONSTRAINT "measure_pkey" PRIMARY KEY ("code"))`,
      `CREATE INDEX "measure_plan_code_idx" ON "measure"("plan_code")`,
      `CREATE TABLE "measure_department" ("measure_code" character varying(64) NOT NULL, "department_code" character varying(64) NOT NULL, "role" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "measure_department_role_check" CHECK ("role" IN ('lead', 'support')), CONSTRAINT "measure_department_pkey" PRIMARY KEY ("measure_code", "department_code"))`,
      `CREATE INDEX "measure_department_department_code_idx" ON "measure_department"("department_code")`,
      `CREATE TABLE "measure_indicator" ("measure_code" character varying(64) NOT NULL, "indicator_code" character varying(64) NOT NULL, CONSTRAINT "measure_indicator_pkey" PRIMARY KEY ("measure_code", "indicator_code"))`,
      `CREATE INDEX "measure_indicator_indicator_code_idx" ON "measure_indicator"("indicator_code")`,
      `CREATE TABLE "measure_milestone" ("measure_code" character varying(64) NOT NULL, "milestone_code" character varying(64) NOT NULL, CONSTRAINT "measure_milestone_pkey" PRIMARY KEY ("measure_code", "milestone_code"))`,
      `CREATE INDEX "measure_milestone_milestone_code_idx" ON "measure_milestone"("milestone_code")`,
      `ALTER TABLE "measure" ADD CONSTRAINT "measure_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plan"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "measure" ADD CONSTRAINT "measure_section_code_fkey" FOREIGN KEY ("section_code") REFERENCES "plan_section"("code") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "measure" ADD CONSTRAINT "measure_task_code_fkey" FOREIGN KEY ("task_code") REFERENCES "plan_task"("code") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_department" ADD CONSTRAINT "measure_department_measure_code_fkey" FOREIGN KEY ("measure_code") REFERENCES "measure"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_department" ADD CONSTRAINT "measure_department_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_indicator" ADD CONSTRAINT "measure_indicator_measure_code_fkey" FOREIGN KEY ("measure_code") REFERENCES "measure"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_indicator" ADD CONSTRAINT "measure_indicator_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_milestone" ADD CONSTRAINT "measure_milestone_measure_code_fkey" FOREIGN KEY ("measure_code") REFERENCES "measure"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_milestone" ADD CONSTRAINT "measure_milestone_milestone_code_fkey" FOREIGN KEY ("milestone_code") REFERENCES "milestone"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]) {
      await runner.query(sql);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'measure_milestone',
      'measure_indicator',
      'measure_department',
      'measure',
    ]) {
      await runner.query(`DROP TABLE "${table}"`);
    }
  }
}
