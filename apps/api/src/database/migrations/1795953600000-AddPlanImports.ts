import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plans read from their text, under review until published (issue 8). */
export class AddPlanImports1795953600000 implements MigrationInterface {
  name = 'AddPlanImports1795953600000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE TABLE "plan_import" ("id" BIGSERIAL NOT NULL, "code" character varying(32) NOT NULL, "title" text NOT NULL, "year" integer NOT NULL, "status" text NOT NULL, "text" text NOT NULL, "extraction" jsonb NOT NULL, "targets" jsonb NOT NULL, "milestones" jsonb NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "plan_import_status_check" CHECK ("status" IN ('draft', 'published')), CONSTRAINT "plan_import_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "plan_import_code_draft" ON "plan_import"  ("code") WHERE "status" = 'draft'`,
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP INDEX "public"."plan_import_code_draft"`,
      `DROP TABLE "plan_import"`,
    ]) {
      await runner.query(statement);
    }
  }
}
