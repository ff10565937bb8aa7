import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The monthly reporting cycle (issue 17):
 * - a plan's approval setting (`plan.approval_from`: the first period whose figures wait for the
 *   bureau's approval; null, the default, is no approval);
 * - approval events per plan × unit × period (approved, returned, reopened by a correction), append-only;
 * - messages to a unit's reporters (reminders listing what is missing, a returned period, a failing pull
 *   source), append-only, at most one reminder per unit and day, delivered to the inbox beside alerts'
 *   and notices' events;
 * - pull sources (a unit's URL fetched on a cron schedule; the auth header encrypted) and their runs.
 */
export class AddReportingCycle1795982400000 implements MigrationInterface {
  name = 'AddReportingCycle1795982400000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of [
      `ALTER TABLE "plan" ADD "approval_from" date`,
      `ALTER TABLE "plan" ADD CONSTRAINT "plan_approval_from_check" CHECK (EXTRACT(DAY FROM "approval_from") = 1)`,
      // Approval.
      `CREATE TABLE "approval_event" ("id" BIGSERIAL NOT NULL, "plan_code" character varying(32) NOT NULL, "department_code" character varying(64) NOT NULL, "period_date" date NOT NULL, "action" text NOT NULL, "comment" text NOT NULL DEFAULT '', "edits" integer NOT NULL DEFAULT 0, "submission_id" bigint, "actor" text NOT NULL, "actor_id" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "approval_event_action_check" CHECK ("action" IN ('approved', 'returned', 'reopened')), CONSTRAINT "approval_event_period_date_check" CHECK (EXTRACT(DAY FROM "period_date") = 1), CONSTRAINT "approval_event_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "approval_event_unit_period_idx" ON "approval_event" ("plan_code", "department_code", "period_date", "at")`,
      `CREATE INDEX "approval_event_period_idx" ON "approval_event" ("plan_code", "period_date", "at")`,
      `ALTER TABLE "approval_event" ADD CONSTRAINT "approval_event_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plan"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "approval_event" ADD CONSTRAINT "approval_event_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "approval_event" ADD CONSTRAINT "approval_event_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      // Messages to a unit's reporters.
      `CREATE TABLE "reporting_message" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "plan_code" character varying(32), "department_code" character varying(64) NOT NULL, "sent_on" date NOT NULL, "items" jsonb NOT NULL, "comment" text, "actor" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "reporting_message_kind_check" CHECK ("kind" IN ('reminder_before_due', 'reminder_overdue', 'reminder_manual', 'approval_returned', 'pull_failing')), CONSTRAINT "reporting_message_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "reporting_message_one_reminder_a_day" ON "reporting_message" ("department_code", "sent_on") WHERE "kind" IN ('reminder_before_due', 'reminder_overdue', 'reminder_manual')`,
      `CREATE INDEX "reporting_message_department_idx" ON "reporting_message" ("department_code", "at")`,
      `ALTER TABLE "reporting_message" ADD CONSTRAINT "reporting_message_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plan"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "reporting_message" ADD CONSTRAINT "reporting_message_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "inbox_item" DROP CONSTRAINT "inbox_item_one_kind_check"`,
      `ALTER TABLE "inbox_item" ADD "reporting_message_id" bigint`,
      `ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_one_kind_check" CHECK (("event_id" IS NOT NULL AND "alert_id" IS NOT NULL AND "notice_event_id" IS NULL AND "reporting_message_id" IS NULL) OR ("event_id" IS NULL AND "alert_id" IS NULL AND "notice_event_id" IS NOT NULL AND "reporting_message_id" IS NULL) OR ("event_id" IS NULL AND "alert_id" IS NULL AND "notice_event_id" IS NULL AND "reporting_message_id" IS NOT NULL))`,
      `CREATE UNIQUE INDEX "inbox_item_user_reporting_message" ON "inbox_item" ("user_id", "reporting_message_id")`,
      `ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_reporting_message_id_fkey" FOREIGN KEY ("reporting_message_id") REFERENCES "reporting_message"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      // Scheduled pulls.
      `CREATE TABLE "pull_source" ("id" BIGSERIAL NOT NULL, "department_code" character varying(64) NOT NULL, "name" text NOT NULL, "url" text NOT NULL, "format" text NOT NULL, "cron" text NOT NULL, "indicators" text array NOT NULL, "periods" text NOT NULL DEFAULT 'previous', "auth_header" text, "enabled" boolean NOT NULL DEFAULT true, "max_failures" integer NOT NULL DEFAULT 3, "consecutive_failures" integer NOT NULL DEFAULT 0, "next_run_at" TIMESTAMP WITH TIME ZONE, "flagged_at" TIMESTAMP WITH TIME ZONE, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pull_source_format_check" CHECK ("format" IN ('csv', 'xlsx', 'json')), CONSTRAINT "pull_source_periods_check" CHECK ("periods" IN ('previous', 'open')), CONSTRAINT "pull_source_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "pull_source_next_run_idx" ON "pull_source" ("next_run_at")`,
      `ALTER TABLE "pull_source" ADD CONSTRAINT "pull_source_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `CREATE TABLE "pull_run" ("id" BIGSERIAL NOT NULL, "source_id" bigint NOT NULL, "trigger" text NOT NULL, "attempt" integer NOT NULL, "periods" text array NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP WITH TIME ZONE, "outcome" text, "http_status" integer, "error" text, "submission_id" bigint, CONSTRAINT "pull_run_trigger_check" CHECK ("trigger" IN ('schedule', 'retry', 'manual')), CONSTRAINT "pull_run_outcome_check" CHECK ("outcome" IN ('succeeded', 'rejected', 'failed')), CONSTRAINT "pull_run_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "pull_run_source_idx" ON "pull_run" ("source_id", "started_at")`,
      `ALTER TABLE "pull_run" ADD CONSTRAINT "pull_run_source_id_fkey" FOREIGN KEY ("source_id") REFERENCES "pull_source"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "pull_run" ADD CONSTRAINT "pull_run_submission_id_fkey" FOREIGN KEY ("submission_id") REFERENCES "submission"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      // Append-only, except a cascade from the plan's deletion (see supervision_keep in AddSupervision).
      `CREATE FUNCTION reporting_keep() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' AND OLD."plan_code" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "plan" WHERE "code" = OLD."plan_code") THEN
           RETURN OLD;
         END IF;
         RAISE EXCEPTION '% is append-only history: % is not allowed', TG_TABLE_NAME, TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
      ...['approval_event', 'reporting_message'].flatMap((table) => [
        `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON "${table}"
           FOR EACH ROW EXECUTE FUNCTION reporting_keep()`,
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
      ]),
    ]) {
      await runner.query(sql);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const sql of [
      ...['reporting_message', 'approval_event'].flatMap((table) => [
        `DROP TRIGGER ${table}_no_truncate ON "${table}"`,
        `DROP TRIGGER ${table}_no_change ON "${table}"`,
      ]),
      `DROP FUNCTION reporting_keep()`,
      `DROP TABLE "pull_run"`,
      `DROP TABLE "pull_source"`,
      `DELETE FROM "inbox_item" WHERE "reporting_message_id" IS NOT NULL`,
      `ALTER TABLE "inbox_item" DROP CONSTRAINT "inbox_item_reporting_message_id_fkey"`,
      `DROP INDEX "public"."inbox_item_user_reporting_message"`,
      `ALTER TABLE "inbox_item" DROP CONSTRAINT "inbox_item_one_kind_check"`,
      `ALTER TABLE "inbox_item" DROP COLUMN "reporting_message_id"`,
      `ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_one_kind_check" CHECK (("event_id" IS NOT NULL AND "alert_id" IS NOT NULL AND "notice_event_id" IS NULL) OR ("event_id" IS NULL AND "alert_id" IS NULL AND "notice_event_id" IS NOT NULL))`,
      `DROP TABLE "reporting_message"`,
      `DROP TABLE "approval_event"`,
      `ALTER TABLE "plan" DROP CONSTRAINT "plan_approval_from_check"`,
      `ALTER TABLE "plan" DROP COLUMN "approval_from"`,
    ]) {
      await runner.query(sql);
    }
  }
}
