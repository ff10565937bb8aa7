import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Monthly progress reports on measures (举措), the bureau's reviews of them and the evidence files
 * they cite. All three are append-only history: every save of a report is a new revision, every
 * review a new row, every file kept as uploaded. A report goes only with its measure (deleting a
 * draft plan's measure cascades), and a review only with its report.
 */
export class AddMeasureReports1795975200000 implements MigrationInterface {
  name = 'AddMeasureReports1795975200000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "evidence_file" ("id" BIGSERIAL NOT NULL, "name" text NOT NULL, "content_type" text NOT NULL, "size" integer NOT NULL, "sha256" text NOT NULL, "content" bytea NOT NULL, "department_code" character varying(64), "uploaded_by" text NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "evidence_file_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "evidence_file_department_code_idx" ON "evidence_file"("department_code")`,
      `CREATE TABLE "measure_report" ("id" BIGSERIAL NOT NULL, "measure_code" character varying(64) NOT NULL, "period_date" date NOT NULL, "department_code" character varying(64) NOT NULL, "role" text NOT NULL, "revision" integer NOT NULL, "state" text NOT NULL, "status" text NOT NULL, "progress" text NOT NULL, "problems" text NOT NULL, "next_steps" text NOT NULL, "evidence" jsonb NOT NULL DEFAULT '[]', "late" boolean NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "measure_report_period_check" CHECK (EXTRACT(DAY FROM "period_date") = 1), CONSTRAINT "measure_report_role_check" CHECK ("role" IN ('lead', 'support')), CONSTRAINT "measure_report_state_check" CHECK ("state" IN ('draft', 'submitted')), CONSTRAINT "measure_report_status_check" CHECK ("status" IN ('on_track', 'behind', 'done', 'not_started')), CONSTRAINT "measure_report_revision_check" CHECK ("revision" >= 1), CONSTRAINT "measure_report_revision_key" UNIQUE ("measure_code", "period_date", "department_code", "revision"), CONSTRAINT "measure_report_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "measure_report_measure_period_idx" ON "measure_report"("measure_code", "period_date", "recorded_at")`,
      `CREATE INDEX "measure_report_department_code_idx" ON "measure_report"("department_code")`,
      `CREATE TABLE "measure_report_review" ("id" BIGSERIAL NOT NULL, "report_id" bigint NOT NULL, "decision" text NOT NULL, "comment" text NOT NULL, "reviewed_by" text NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "measure_report_review_decision_check" CHECK ("decision" IN ('confirm', 'return')), CONSTRAINT "measure_report_review_report_id_key" UNIQUE ("report_id"), CONSTRAINT "measure_report_review_pkey" PRIMARY KEY ("id"))`,
      `ALTER TABLE "evidence_file" ADD CONSTRAINT "evidence_file_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_report" ADD CONSTRAINT "measure_report_measure_code_fkey" FOREIGN KEY ("measure_code") REFERENCES "measure"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_report" ADD CONSTRAINT "measure_report_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "measure_report_review" ADD CONSTRAINT "measure_report_review_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "measure_report"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      // A cascade from the parent's deletion runs after the parent row is gone; a DELETE of its own
      // finds the parent still there (as monthly_plan_keep in ProtectHistory).
      `CREATE FUNCTION measure_report_keep() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN
           IF TG_TABLE_NAME = 'measure_report' THEN
             IF NOT EXISTS (SELECT 1 FROM "measure" WHERE "code" = OLD."measure_code") THEN
               RETURN OLD;
             END IF;
           ELSIF NOT EXISTS (SELECT 1 FROM "measure_report" WHERE "id" = OLD."report_id") THEN
             RETURN OLD;
           END IF;
         END IF;
         RAISE EXCEPTION '% is append-only history: % is not allowed', TG_TABLE_NAME, TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TRIGGER measure_report_no_change BEFORE UPDATE OR DELETE ON "measure_report"
       FOR EACH ROW EXECUTE FUNCTION measure_report_keep()`,
      `CREATE TRIGGER measure_report_no_truncate BEFORE TRUNCATE ON "measure_report"
       FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
      `CREATE TRIGGER measure_report_review_no_change BEFORE UPDATE OR DELETE ON "measure_report_review"
       FOR EACH ROW EXECUTE FUNCTION measure_report_keep()`,
      `CREATE TRIGGER measure_report_review_no_truncate BEFORE TRUNCATE ON "measure_report_review"
       FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
      `CREATE TRIGGER evidence_file_no_change BEFORE UPDATE OR DELETE ON "evidence_file"
       FOR EACH ROW EXECUTE FUNCTION history_append_only()`,
      `CREATE TRIGGER evidence_file_no_truncate BEFORE TRUNCATE ON "evidence_file"
       FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
    ]) {
      await runner.query(sql);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP TABLE "measure_report_review"`,
      `DROP TABLE "measure_report"`,
      `DROP TABLE "evidence_file"`,
      `DROP FUNCTION measure_report_keep()`,
    ]) {
      await runner.query(sql);
    }
  }
}
