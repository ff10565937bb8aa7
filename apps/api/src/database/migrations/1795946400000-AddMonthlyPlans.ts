import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly plans: a department's own curve for a target and region (the value expected by the end of
 * each period), in versions never changed, so progress as of a day uses the plan known then.
 */
export class AddMonthlyPlans1795946400000 implements MigrationInterface {
  name = 'AddMonthlyPlans1795946400000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE TABLE "monthly_plan_version" ("id" BIGSERIAL NOT NULL, "indicator_code" character varying(64) NOT NULL, "region_code" character varying(6) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text NOT NULL, "note" text NOT NULL DEFAULT '', CONSTRAINT "monthly_plan_version_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "monthly_plan_version_series_idx" ON "monthly_plan_version"  ("indicator_code", "region_code", "recorded_at") `,
      `CREATE TABLE "monthly_plan_item" ("version_id" bigint NOT NULL, "period_date" date NOT NULL, "value" numeric NOT NULL, CONSTRAINT "monthly_plan_item_pkey" PRIMARY KEY ("version_id", "period_date"))`,
      `ALTER TABLE "monthly_plan_version" ADD CONSTRAINT "monthly_plan_version_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "monthly_plan_item" ADD CONSTRAINT "monthly_plan_item_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "monthly_plan_version"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE "monthly_plan_item" DROP CONSTRAINT "monthly_plan_item_version_id_fkey"`,
      `ALTER TABLE "monthly_plan_version" DROP CONSTRAINT "monthly_plan_version_indicator_code_fkey"`,
      `DROP TABLE "monthly_plan_item"`,
      `DROP INDEX "public"."monthly_plan_version_series_idx"`,
      `DROP TABLE "monthly_plan_version"`,
    ]) {
      await runner.query(statement);
    }
  }
}
