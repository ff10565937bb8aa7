import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Plan structure (sections, tasks), milestones, ratio labels, closing a plan, target versions that may
 * share a date (told apart by recorded_at), and the record of what seeds inserted. Plans seeded before
 * seed versions existed were seeded from version 1 of their catalogue: only DS2020 was.
 */
export class AddPlanStructure1795928400000 implements MigrationInterface {
  name = 'AddPlanStructure1795928400000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE "indicator_target" DROP CONSTRAINT "indicator_target_version_key"`,
      `CREATE TABLE "plan_section" ("code" character varying(64) NOT NULL, "plan_code" character varying(32) NOT NULL, "position" integer NOT NULL, "numeral" text NOT NULL, "title" text NOT NULL, "source_text" text NOT NULL, CONSTRAINT "plan_section_pkey" PRIMARY KEY ("code"))`,
      `CREATE INDEX "plan_section_plan_code_idx" ON "plan_section"("plan_code")`,
      `CREATE TABLE "plan_task" ("code" character varying(64) NOT NULL, "section_code" character varying(64) NOT NULL, "position" integer NOT NULL, "numeral" text NOT NULL, "title" text NOT NULL, "source_text" text NOT NULL, CONSTRAINT "plan_task_pkey" PRIMARY KEY ("code"))`,
      `CREATE INDEX "plan_task_section_code_idx" ON "plan_task"("section_code")`,
      `CREATE TABLE "milestone" ("code" character varying(64) NOT NULL, "plan_code" character varying(32) NOT NULL, "section_code" character varying(64), "task_code" character varying(64), "position" integer NOT NULL, "name" text NOT NULL, "name_en" text, "deadline" date NOT NULL, "status" text NOT NULL DEFAULT 'pending', "done_on" date, "source_text" text NOT NULL DEFAULT '', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "milestone_code_check" CHECK ("code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'), CONSTRAINT "milestone_done_on_check" CHECK (("status" = 'done') = ("done_on" IS NOT NULL)), CONSTRAINT "milestone_status_check" CHECK ("status" IN ('pending', 'done')), CONSTRAINT "milestone_pkey" PRIMARY KEY ("code"))`,
      `CREATE INDEX "milestone_plan_code_idx" ON "milestone"("plan_code")`,
      `CREATE TABLE "milestone_department" ("milestone_code" character varying(64) NOT NULL, "department_code" character varying(64) NOT NULL, "role" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "milestone_department_role_check" CHECK ("role" IN ('lead', 'support')), CONSTRAINT "milestone_department_pkey" PRIMARY KEY ("milestone_code", "department_code"))`,
      `CREATE INDEX "milestone_department_department_code_idx" ON "milestone_department"("department_code")`,
      `ALTER TABLE "plan" ADD "closed_on" date`,
      `ALTER TABLE "plan" ADD "seed_version" integer`,
      `ALTER TABLE "indicator" ADD "section_code" character varying(64)`,
      `ALTER TABLE "indicator" ADD "task_code" character varying(64)`,
      `ALTER TABLE "indicator" ADD "numerator_label" text`,
      `ALTER TABLE "indicator" ADD "denominator_label" text`,
      `CREATE INDEX "indicator_target_lookup_idx" ON "indicator_target"("indicator_code", "region_code", "effective_from", "recorded_at")`,
      `ALTER TABLE "plan" ADD CONSTRAINT "plan_closed_on_check" CHECK (("status" = 'closed') = ("closed_on" IS NOT NULL))`,
      `ALTER TABLE "plan_section" ADD CONSTRAINT "plan_section_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plan"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "plan_task" ADD CONSTRAINT "plan_task_section_code_fkey" FOREIGN KEY ("section_code") REFERENCES "plan_section"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator" ADD CONSTRAINT "indicator_section_code_fkey" FOREIGN KEY ("section_code") REFERENCES "plan_section"("code") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator" ADD CONSTRAINT "indicator_task_code_fkey" FOREIGN KEY ("task_code") REFERENCES "plan_task"("code") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "milestone" ADD CONSTRAINT "milestone_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plan"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "milestone" ADD CONSTRAINT "milestone_section_code_fkey" FOREIGN KEY ("section_code") REFERENCES "plan_section"("code") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "milestone" ADD CONSTRAINT "milestone_task_code_fkey" FOREIGN KEY ("task_code") REFERENCES "plan_task"("code") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "milestone_department" ADD CONSTRAINT "milestone_department_milestone_code_fkey" FOREIGN KEY ("milestone_code") REFERENCES "milestone"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "milestone_department" ADD CONSTRAINT "milestone_department_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `CREATE TABLE "seed_item" ("plan_code" character varying(32) NOT NULL, "kind" character varying(16) NOT NULL, "code" character varying(64) NOT NULL, "seed_version" integer NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "seed_item_pkey" PRIMARY KEY ("plan_code", "kind", "code"))`,
      `UPDATE "plan" SET "seed_version" = 1 WHERE "code" = 'DS2020'`,
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP TABLE "seed_item"`,
      `ALTER TABLE "milestone_department" DROP CONSTRAINT "milestone_department_department_code_fkey"`,
      `ALTER TABLE "milestone_department" DROP CONSTRAINT "milestone_department_milestone_code_fkey"`,
      `ALTER TABLE "milestone" DROP CONSTRAINT "milestone_task_code_fkey"`,
      `ALTER TABLE "milestone" DROP CONSTRAINT "milestone_section_code_fkey"`,
      `ALTER TABLE "milestone" DROP CONSTRAINT "milestone_plan_code_fkey"`,
      `ALTER TABLE "indicator" DROP CONSTRAINT "indicator_task_code_fkey"`,
      `ALTER TABLE "indicator" DROP CONSTRAINT "indicator_section_code_fkey"`,
      `ALTER TABLE "plan_task" DROP CONSTRAINT "plan_task_section_code_fkey"`,
      `ALTER TABLE "plan_section" DROP CONSTRAINT "plan_section_plan_code_fkey"`,
      `ALTER TABLE "plan" DROP CONSTRAINT "plan_closed_on_check"`,
      `DROP INDEX "public"."indicator_target_lookup_idx"`,
      `ALTER TABLE "indicator" DROP COLUMN "denominator_label"`,
      `ALTER TABLE "indicator" DROP COLUMN "numerator_label"`,
      `ALTER TABLE "indicator" DROP COLUMN "task_code"`,
      `ALTER TABLE "indicator" DROP COLUMN "section_code"`,
      `ALTER TABLE "plan" DROP COLUMN "seed_version"`,
      `ALTER TABLE "plan" DROP COLUMN "closed_on"`,
      `DROP INDEX "public"."milestone_department_department_code_idx"`,
      `DROP TABLE "milestone_department"`,
      `DROP INDEX "public"."milestone_plan_code_idx"`,
      `DROP TABLE "milestone"`,
      `DROP INDEX "public"."plan_task_section_code_idx"`,
      `DROP TABLE "plan_task"`,
      `DROP INDEX "public"."plan_section_plan_code_idx"`,
      `DROP TABLE "plan_section"`,
      `ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_version_key" UNIQUE ("indicator_code", "region_code", "effective_from")`,
    ]) {
      await runner.query(statement);
    }
  }
}
