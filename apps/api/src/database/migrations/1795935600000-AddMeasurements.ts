import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MEASUREMENT_HYPERTABLE, runIfTimescale } from '../timescale.js';

/**
 * Monthly figures: submissions (every upload, API call or form save, with its report and the bytes as
 * received) and the measurement time series of revisions. A trigger keeps measurement append-only
 * (UPDATE and DELETE fail); where TimescaleDB is enabled, measurement becomes a hypertable on
 * period_date (the only TimescaleDB-specific statement, in database/timescale.ts).
 */
export class AddMeasurements1795935600000 implements MigrationInterface {
  name = 'AddMeasurements1795935600000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE TABLE "submission" ("id" BIGSERIAL NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "department_code" character varying(64), "actor_kind" text NOT NULL, "actor_id" text, "actor_name" text NOT NULL, "source" text NOT NULL, "file_name" text, "file_size" integer, "sha256" character varying(64), "idempotency_key" text, "partial" boolean NOT NULL DEFAULT false, "status" text NOT NULL, "accepted" integer NOT NULL, "unchanged" integer NOT NULL, "rejected" integer NOT NULL, "warning_count" integer NOT NULL, "error_count" integer NOT NULL, "report" jsonb NOT NULL, CONSTRAINT "submission_actor_kind_check" CHECK ("actor_kind" IN ('user', 'api_key', 'system')), CONSTRAINT "submission_status_check" CHECK ("status" IN ('applied', 'partially_applied', 'rejected')), CONSTRAINT "submission_source_check" CHECK ("source" IN ('web', 'csv', 'xlsx', 'api', 'pull', 'seed')), CONSTRAINT "submission_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "submission_created_at_idx" ON "submission"  ("created_at") `,
      `CREATE INDEX "submission_department_idx" ON "submission"  ("department_code", "created_at") `,
      `CREATE INDEX "submission_sha256_idx" ON "submission"  ("sha256") `,
      `CREATE UNIQUE INDEX "submission_idempotency_key" ON "submission"  ("actor_kind", "actor_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`,
      `CREATE TABLE "measurement" ("id" BIGSERIAL NOT NULL, "period_date" date NOT NULL, "indicator_code" character varying(64) NOT NULL, "region_code" character varying(6) NOT NULL, "value" numeric NOT NULL, "value_type" text NOT NULL, "numerator" numeric, "denominator" numeric, "note" text NOT NULL DEFAULT '', "late" boolean NOT NULL DEFAULT false, "submission_id" bigint NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "measurement_period_date_check" CHECK (EXTRACT(DAY FROM "period_date") = 1), CONSTRAINT "measurement_value_type_check" CHECK ("value_type" IN ('increment', 'cumulative', 'level')), CONSTRAINT "measurement_pkey" PRIMARY KEY ("id", "period_date"))`,
      `CREATE INDEX "measurement_submission_idx" ON "measurement"  ("submission_id") `,
      `CREATE INDEX "measurement_series_idx" ON "measurement"  ("indicator_code", "region_code", "period_date", "recorded_at") `,
      `CREATE TABLE "submission_file" ("submission_id" bigint NOT NULL, "content_type" text NOT NULL, "content" bytea NOT NULL, CONSTRAINT "submission_file_pkey" PRIMARY KEY ("submission_id"))`,
      `ALTER TABLE "measurement" ADD CONSTRAINT "measurement_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "measurement" ADD CONSTRAINT "measurement_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "measurement" ADD CONSTRAINT "measurement_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "submission_file" ADD CONSTRAINT "submission_file_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `CREATE FUNCTION measurement_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'measurement is append-only: a correction is a new revision (% refused)', TG_OP;
       END $$`,
      `CREATE TRIGGER measurement_append_only BEFORE UPDATE OR DELETE ON "measurement"
       FOR EACH ROW EXECUTE FUNCTION measurement_append_only()`,
    ]) {
      await runner.query(statement);
    }
    await runIfTimescale(runner, MEASUREMENT_HYPERTABLE);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP TRIGGER measurement_append_only ON "measurement"`,
      `DROP FUNCTION measurement_append_only()`,
      `ALTER TABLE "submission_file" DROP CONSTRAINT "submission_file_submission_id_fkey"`,
      `ALTER TABLE "measurement" DROP CONSTRAINT "measurement_submission_id_fkey"`,
      `ALTER TABLE "measurement" DROP CONSTRAINT "measurement_region_code_fkey"`,
      `ALTER TABLE "measurement" DROP CONSTRAINT "measurement_indicator_code_fkey"`,
      `DROP TABLE "submission_file"`,
      `DROP INDEX "public"."measurement_series_idx"`,
      `DROP INDEX "public"."measurement_submission_idx"`,
      `DROP TABLE "measurement"`,
      `DROP INDEX "public"."submission_idempotency_key"`,
      `DROP INDEX "public"."submission_sha256_idx"`,
      `DROP INDEX "public"."submission_department_idx"`,
      `DROP INDEX "public"."submission_created_at_idx"`,
      `DROP TABLE "submission"`,
    ]) {
      await runner.query(statement);
    }
  }
}
