import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The plan catalogue: regions, departments, plans, indicators, their departments, regions and targets. */
export class CreateCatalog1795924800000 implements MigrationInterface {
  name = 'CreateCatalog1795924800000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE TABLE "region" ("code" character varying(6) NOT NULL, "name" text NOT NULL, "level" text NOT NULL, "parent_code" character varying(6), CONSTRAINT "region_code_check" CHECK ("code" ~ '^[0-9]{6}$'), CONSTRAINT "region_level_check" CHECK ("level" IN ('province', 'city', 'county')), CONSTRAINT "region_pkey" PRIMARY KEY ("code"))`,
      `CREATE INDEX "region_parent_code_idx" ON "region"("parent_code")`,
      `CREATE TABLE "department" ("code" character varying(64) NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "region_code" character varying(6), CONSTRAINT "department_name_key" UNIQUE ("name"), CONSTRAINT "department_code_check" CHECK ("code" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'), CONSTRAINT "department_kind_check" CHECK ("kind" IN ('provincial', 'city', 'central')), CONSTRAINT "department_pkey" PRIMARY KEY ("code"))`,
      `CREATE TABLE "plan" ("code" character varying(32) NOT NULL, "title" text NOT NULL, "title_en" text, "start_year" integer NOT NULL, "end_year" integer NOT NULL, "issued_on" date, "period_start" date NOT NULL, "period_end" date NOT NULL, "status" text NOT NULL, "source_text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "plan_period_check" CHECK ("period_start" <= "period_end"), CONSTRAINT "plan_years_check" CHECK ("start_year" <= "end_year"), CONSTRAINT "plan_status_check" CHECK ("status" IN ('draft', 'published', 'closed')), CONSTRAINT "plan_pkey" PRIMARY KEY ("code"))`,
      `CREATE TABLE "indicator" ("code" character varying(64) NOT NULL, "plan_code" character varying(32) NOT NULL, "position" integer NOT NULL, "name" text NOT NULL, "name_en" text, "description" text NOT NULL DEFAULT '', "unit" text NOT NULL, "kind" text NOT NULL, "direction" text NOT NULL, "frequency" text NOT NULL, "due_day" smallint NOT NULL, "baseline_value" numeric, "baseline_date" date, "deadline" date NOT NULL, "source_text" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "indicator_baseline_check" CHECK (("baseline_value" IS NULL) = ("baseline_date" IS NULL)), CONSTRAINT "indicator_code_check" CHECK ("code" ~ '^[A-Z0-9]+(-[A-Z0-9]+)*$'), CONSTRAINT "indicator_due_day_check" CHECK ("due_day" BETWEEN 1 AND 28), CONSTRAINT "indicator_frequency_check" CHECK ("frequency" IN ('monthly', 'quarterly', 'annual')), CONSTRAINT "indicator_direction_check" CHECK ("direction" IN ('increase', 'decrease')), CONSTRAINT "indicator_kind_check" CHECK ("kind" IN ('cumulative', 'level', 'ratio')), CONSTRAINT "indicator_pkey" PRIMARY KEY ("code"))`,
      `CREATE INDEX "indicator_plan_code_idx" ON "indicator"("plan_code")`,
      `CREATE TABLE "indicator_department" ("indicator_code" character varying(64) NOT NULL, "department_code" character varying(64) NOT NULL, "role" text NOT NULL, "position" integer NOT NULL, CONSTRAINT "indicator_department_role_check" CHECK ("role" IN ('lead', 'support')), CONSTRAINT "indicator_department_pkey" PRIMARY KEY ("indicator_code", "department_code"))`,
      `CREATE INDEX "indicator_department_department_code_idx" ON "indicator_department"("department_code")`,
      `CREATE TABLE "indicator_region" ("indicator_code" character varying(64) NOT NULL, "region_code" character varying(6) NOT NULL, CONSTRAINT "indicator_region_pkey" PRIMARY KEY ("indicator_code", "region_code"))`,
      `CREATE INDEX "indicator_region_region_code_idx" ON "indicator_region"("region_code")`,
      `CREATE TABLE "indicator_target" ("id" BIGSERIAL NOT NULL, "indicator_code" character varying(64) NOT NULL, "region_code" character varying(6) NOT NULL, "effective_from" date NOT NULL, "comparator" text NOT NULL, "value" numeric NOT NULL, "tolerance" numeric, "note" text NOT NULL DEFAULT '', "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "indicator_target_version_key" UNIQUE ("indicator_code", "region_code", "effective_from"), CONSTRAINT "indicator_target_tolerance_check" CHECK ("tolerance" IS NULL OR ("tolerance" > 0 AND "tolerance" < 1)), CONSTRAINT "indicator_target_comparator_check" CHECK ("comparator" IN ('>=', '>', '=', '<=', '<', '~')), CONSTRAINT "indicator_target_pkey" PRIMARY KEY ("id"))`,
      `ALTER TABLE "region" ADD CONSTRAINT "region_parent_code_fkey" FOREIGN KEY ("parent_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "department" ADD CONSTRAINT "department_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator" ADD CONSTRAINT "indicator_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plan"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator_department" ADD CONSTRAINT "indicator_department_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator_department" ADD CONSTRAINT "indicator_department_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator_region" ADD CONSTRAINT "indicator_region_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator_region" ADD CONSTRAINT "indicator_region_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "indicator_target" ADD CONSTRAINT "indicator_target_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE "indicator_target" DROP CONSTRAINT "indicator_target_region_code_fkey"`,
      `ALTER TABLE "indicator_target" DROP CONSTRAINT "indicator_target_indicator_code_fkey"`,
      `ALTER TABLE "indicator_region" DROP CONSTRAINT "indicator_region_region_code_fkey"`,
      `ALTER TABLE "indicator_region" DROP CONSTRAINT "indicator_region_indicator_code_fkey"`,
      `ALTER TABLE "indicator_department" DROP CONSTRAINT "indicator_department_department_code_fkey"`,
      `ALTER TABLE "indicator_department" DROP CONSTRAINT "indicator_department_indicator_code_fkey"`,
      `ALTER TABLE "indicator" DROP CONSTRAINT "indicator_plan_code_fkey"`,
      `ALTER TABLE "department" DROP CONSTRAINT "department_region_code_fkey"`,
      `ALTER TABLE "region" DROP CONSTRAINT "region_parent_code_fkey"`,
      `DROP TABLE "indicator_target"`,
      `DROP INDEX "public"."indicator_region_region_code_idx"`,
      `DROP TABLE "indicator_region"`,
      `DROP INDEX "public"."indicator_department_department_code_idx"`,
      `DROP TABLE "indicator_department"`,
      `DROP INDEX "public"."indicator_plan_code_idx"`,
      `DROP TABLE "indicator"`,
      `DROP TABLE "plan"`,
      `DROP TABLE "department"`,
      `DROP INDEX "public"."region_parent_code_idx"`,
      `DROP TABLE "region"`,
    ]) {
      await runner.query(statement);
    }
  }
}
