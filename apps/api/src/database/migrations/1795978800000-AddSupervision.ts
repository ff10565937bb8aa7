import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervision (issue 16): node tasks (节点任务) reported done with evidence and the bureau's review of
 * each claim; supervision notices (督办) and their events; and the inbox taking a notice's events
 * beside alerts' (exactly one of the two on each item). Claims, reviews and notice events are
 * append-only history: they go only with what they belong to (a milestone or plan deleted while a
 * draft), as monthly plans do.
 */
export class AddSupervision1795978800000 implements MigrationInterface {
  name = 'AddSupervision1795978800000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "milestone_completion" ("id" BIGSERIAL NOT NULL, "milestone_code" character varying(64) NOT NULL, "done_on" date NOT NULL, "note" text NOT NULL, "evidence" jsonb NOT NULL, "department_code" character varying(64), "claimed_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "milestone_completion_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "milestone_completion_milestone_idx" ON "milestone_completion" ("milestone_code", "recorded_at")`,
      `CREATE TABLE "milestone_completion_review" ("id" BIGSERIAL NOT NULL, "completion_id" bigint NOT NULL, "decision" text NOT NULL, "comment" text NOT NULL, "reviewed_by" text NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "milestone_completion_review_completion_id_key" UNIQUE ("completion_id"), CONSTRAINT "milestone_completion_review_decision_check" CHECK ("decision" IN ('confirm', 'return')), CONSTRAINT "milestone_completion_review_pkey" PRIMARY KEY ("id"))`,
      `CREATE TABLE "supervision_notice" ("id" BIGSERIAL NOT NULL, "number" text NOT NULL, "plan_code" character varying(32) NOT NULL, "subject_kind" text NOT NULL, "subject_code" character varying(64) NOT NULL, "department_code" character varying(64) NOT NULL, "problem" text NOT NULL, "requirement" text NOT NULL, "reply_by" date NOT NULL, "alert_id" bigint, "raised_by" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "supervision_notice_number_key" UNIQUE ("number"), CONSTRAINT "supervision_notice_subject_kind_check" CHECK ("subject_kind" IN ('measure', 'milestone', 'indicator')), CONSTRAINT "supervision_notice_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "supervision_notice_plan_idx" ON "supervision_notice" ("plan_code", "raised_at")`,
      `CREATE TABLE "supervision_notice_event" ("id" BIGSERIAL NOT NULL, "notice_id" bigint NOT NULL, "kind" text NOT NULL, "comment" text, "reply" jsonb, "reply_by" date, "actor" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "supervision_notice_event_kind_check" CHECK ("kind" IN ('raised', 'replied', 'closed', 'reopened', 'overdue', 'escalated')), CONSTRAINT "supervision_notice_event_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "supervision_notice_event_notice_idx" ON "supervision_notice_event" ("notice_id", "at")`,
      `ALTER TABLE "milestone_completion" ADD CONSTRAINT "milestone_completion_milestone_code_fkey" FOREIGN KEY ("milestone_code") REFERENCES "milestone"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "milestone_completion" ADD CONSTRAINT "milestone_completion_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "milestone_completion_review" ADD CONSTRAINT "milestone_completion_review_completion_id_fkey" FOREIGN KEY ("completion_id") REFERENCES "milestone_completion"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "supervision_notice" ADD CONSTRAINT "supervision_notice_plan_code_fkey" FOREIGN KEY ("plan_code") REFERENCES "plan"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "supervision_notice" ADD CONSTRAINT "supervision_notice_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "supervision_notice" ADD CONSTRAINT "supervision_notice_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
      `ALTER TABLE "supervision_notice_event" ADD CONSTRAINT "supervision_notice_event_notice_id_fkey" FOREIGN KEY ("notice_id") REFERENCES "supervision_notice"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      // The inbox: an alert's event or a notice's event, exactly one.
      `ALTER TABLE "inbox_item" ALTER COLUMN "alert_id" DROP NOT NULL`,
      `ALTER TABLE "inbox_item" ALTER COLUMN "event_id" DROP NOT NULL`,
      `ALTER TABLE "inbox_item" ADD "notice_event_id" bigint`,
      `ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_one_kind_check" CHECK (("event_id" IS NOT NULL AND "alert_id" IS NOT NULL AND "notice_event_id" IS NULL) OR ("event_id" IS NULL AND "alert_id" IS NULL AND "notice_event_id" IS NOT NULL))`,
      `CREATE UNIQUE INDEX "inbox_item_user_notice_event" ON "inbox_item" ("user_id", "notice_event_id")`,
      `ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_notice_event_id_fkey" FOREIGN KEY ("notice_event_id") REFERENCES "supervision_notice_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      // Append-only: a cascade from the parent's deletion runs after the parent row is gone (see
      // monthly_plan_keep in ProtectHistory); a DELETE of its own finds the parent still there.
      `CREATE FUNCTION supervision_keep() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN
           IF TG_TABLE_NAME = 'milestone_completion' THEN
             IF NOT EXISTS (SELECT 1 FROM "milestone" WHERE "code" = OLD."milestone_code") THEN
               RETURN OLD;
             END IF;
           ELSIF TG_TABLE_NAME = 'milestone_completion_review' THEN
             IF NOT EXISTS (SELECT 1 FROM "milestone_completion" WHERE "id" = OLD."completion_id") THEN
               RETURN OLD;
             END IF;
           ELSIF NOT EXISTS (SELECT 1 FROM "supervision_notice" WHERE "id" = OLD."notice_id") THEN
             RETURN OLD;
           END IF;
         END IF;
         RAISE EXCEPTION '% is append-only history: % is not allowed', TG_TABLE_NAME, TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
      ...[
        'milestone_completion',
        'milestone_completion_review',
        'supervision_notice_event',
      ].flatMap((table) => [
        `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON "${table}"
           FOR EACH ROW EXECUTE FUNCTION supervision_keep()`,
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
      ]),
    ]) {
      await runner.query(sql);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const sql of [
      `DELETE FROM "inbox_item" WHERE "notice_event_id" IS NOT NULL`,
      `ALTER TABLE "inbox_item" DROP CONSTRAINT "inbox_item_notice_event_id_fkey"`,
      `DROP INDEX "public"."inbox_item_user_notice_event"`,
      `ALTER TABLE "inbox_item" DROP CONSTRAINT "inbox_item_one_kind_check"`,
      `ALTER TABLE "inbox_item" DROP COLUMN "notice_event_id"`,
      `ALTER TABLE "inbox_item" ALTER COLUMN "event_id" SET NOT NULL`,
      `ALTER TABLE "inbox_item" ALTER COLUMN "alert_id" SET NOT NULL`,
      ...[
        'supervision_notice_event',
        'milestone_completion_review',
        'milestone_completion',
      ].flatMap((table) => [
        `DROP TRIGGER ${table}_no_truncate ON "${table}"`,
        `DROP TRIGGER ${table}_no_change ON "${table}"`,
      ]),
      `DROP FUNCTION supervision_keep()`,
      `DROP TABLE "supervision_notice_event"`,
      `DROP TABLE "supervision_notice"`,
      `DROP TABLE "milestone_completion_review"`,
      `DROP TABLE "milestone_completion"`,
    ]) {
      await runner.query(sql);
    }
  }
}
