import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shortfall alerts: rules (a default row per kind, seeded here with the documented defaults, and rows
 * tuned per indicator), the tracks evaluations keep per rule × subject × region, alerts (at most one
 * open per track) and their event history, silences, the channel-neutral routing table (seeded: leaders
 * hear of warnings and above, analysts of everything, reporters of their own department's indicators)
 * and the in-app inbox.
 */
export class AddAlerts1795942800000 implements MigrationInterface {
  name = 'AddAlerts1795942800000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE TABLE "alert" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "subject" character varying(64) NOT NULL, "indicator_code" character varying(64), "milestone_code" character varying(64), "region_code" character varying(6) NOT NULL, "plan_code" character varying(32) NOT NULL, "severity" text NOT NULL, "status" text NOT NULL, "fired_at" TIMESTAMP WITH TIME ZONE NOT NULL, "fired_as_of" date NOT NULL, "resolved_at" TIMESTAMP WITH TIME ZONE, "previous_id" bigint, "values" jsonb NOT NULL, "message" jsonb NOT NULL, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledged_by" text, "comment" text, "cause" text, "catch_up_plan" text, "catch_up_date" date, "escalated_at" TIMESTAMP WITH TIME ZONE, "escalation_reason" text, "silence_id" bigint, CONSTRAINT "alert_severity_check" CHECK ("severity" IN ('info', 'warning', 'critical')), CONSTRAINT "alert_status_check" CHECK ("status" IN ('firing', 'acknowledged', 'resolved')), CONSTRAINT "alert_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "alert_plan_idx" ON "alert"  ("plan_code", "fired_at") `,
      `CREATE INDEX "alert_status_idx" ON "alert"  ("status", "fired_at") `,
      `CREATE UNIQUE INDEX "alert_one_open" ON "alert"  ("kind", "subject", "region_code") WHERE "status" <> 'resolved'`,
      `CREATE TABLE "alert_event" ("id" BIGSERIAL NOT NULL, "alert_id" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "as_of" date NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "severity" text NOT NULL, "values" jsonb NOT NULL, "actor" text, "note" text, CONSTRAINT "alert_event_kind_check" CHECK ("kind" IN ('fired', 'severity_changed', 'acknowledged', 'escalated', 'resolved')), CONSTRAINT "alert_event_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "alert_event_alert_idx" ON "alert_event"  ("alert_id", "at") `,
      `CREATE TABLE "alert_rule" ("id" BIGSERIAL NOT NULL, "kind" text NOT NULL, "indicator_code" character varying(64), "params" jsonb NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_by" text, CONSTRAINT "alert_rule_kind_check" CHECK ("kind" IN ('projection_shortfall', 'behind_pace', 'stalled', 'missing_report', 'data_anomaly', 'milestone_late')), CONSTRAINT "alert_rule_pkey" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "alert_rule_kind_default" ON "alert_rule"  ("kind") WHERE "indicator_code" IS NULL`,
      `CREATE UNIQUE INDEX "alert_rule_kind_indicator" ON "alert_rule"  ("kind", "indicator_code") `,
      `CREATE TABLE "alert_subscription" ("id" BIGSERIAL NOT NULL, "role" text, "user_id" bigint, "department_code" character varying(64), "own_department" boolean NOT NULL DEFAULT false, "section_code" character varying(64), "min_severity" text NOT NULL, "channel" text NOT NULL DEFAULT 'inbox', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "alert_subscription_recipient_check" CHECK ("role" IS NOT NULL OR "user_id" IS NOT NULL), CONSTRAINT "alert_subscription_role_check" CHECK ("role" IS NULL OR "role" IN ('admin', 'analyst', 'reporter', 'leader')), CONSTRAINT "alert_subscription_channel_check" CHECK ("channel" IN ('inbox', 'email', 'robot')), CONSTRAINT "alert_subscription_min_severity_check" CHECK ("min_severity" IN ('info', 'warning', 'critical')), CONSTRAINT "alert_subscription_pkey" PRIMARY KEY ("id"))`,
      `CREATE TABLE "alert_track" ("kind" text NOT NULL, "subject" character varying(64) NOT NULL, "region_code" character varying(6) NOT NULL, "streak" integer NOT NULL, "last_held_at" TIMESTAMP WITH TIME ZONE, "last_held_as_of" date, "cleared_at" TIMESTAMP WITH TIME ZONE, "last_as_of" date NOT NULL, CONSTRAINT "alert_track_pkey" PRIMARY KEY ("kind", "subject", "region_code"))`,
      `CREATE TABLE "inbox_item" ("id" BIGSERIAL NOT NULL, "user_id" bigint NOT NULL, "alert_id" bigint NOT NULL, "event_id" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "inbox_item_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "inbox_item_unread" ON "inbox_item"  ("user_id", "created_at") WHERE "read_at" IS NULL`,
      `CREATE UNIQUE INDEX "inbox_item_user_event" ON "inbox_item"  ("user_id", "event_id") `,
      `CREATE TABLE "silence" ("id" BIGSERIAL NOT NULL, "indicator_code" character varying(64), "department_code" character varying(64), "kind" text, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reason" text NOT NULL, "created_by" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "silence_window_check" CHECK ("ends_at" > "starts_at"), CONSTRAINT "silence_scope_check" CHECK ("indicator_code" IS NOT NULL OR "department_code" IS NOT NULL OR "kind" IS NOT NULL), CONSTRAINT "silence_pkey" PRIMARY KEY ("id"))`,
      `ALTER TABLE "alert_event" ADD CONSTRAINT "alert_event_alert_id_fkey" FOREIGN KEY ("alert_id") REFERENCES "alert"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "alert_rule" ADD CONSTRAINT "alert_rule_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "inbox_item" ADD CONSTRAINT "inbox_item_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "alert_event"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `INSERT INTO "alert_rule" ("kind", "params") VALUES ('projection_shortfall', '{"threshold":0.5,"pendingEvaluations":2,"keepFiringForDays":0,"severity":"warning","raiseWithinDays":92,"escalateAfterDays":14}')`,
      `INSERT INTO "alert_rule" ("kind", "params") VALUES ('behind_pace', '{"threshold":0.9,"pendingEvaluations":1,"keepFiringForDays":0,"severity":"warning","raiseWithinDays":92,"escalateAfterDays":14}')`,
      `INSERT INTO "alert_rule" ("kind", "params") VALUES ('stalled', '{"threshold":2,"pendingEvaluations":1,"keepFiringForDays":0,"severity":"warning","raiseWithinDays":92,"escalateAfterDays":14}')`,
      `INSERT INTO "alert_rule" ("kind", "params") VALUES ('missing_report', '{"threshold":3,"pendingEvaluations":1,"keepFiringForDays":0,"severity":"warning","raiseWithinDays":null,"escalateAfterDays":7}')`,
      `INSERT INTO "alert_rule" ("kind", "params") VALUES ('data_anomaly', '{"threshold":3.5,"pendingEvaluations":1,"keepFiringForDays":0,"severity":"info","raiseWithinDays":null,"escalateAfterDays":null}')`,
      `INSERT INTO "alert_rule" ("kind", "params") VALUES ('milestone_late', '{"threshold":0,"pendingEvaluations":1,"keepFiringForDays":0,"severity":"warning","raiseWithinDays":null,"escalateAfterDays":14}')`,
      `INSERT INTO "alert_subscription" ("role", "own_department", "min_severity") VALUES ('leader', false, 'warning'), ('analyst', false, 'info'), ('admin', false, 'warning'), ('reporter', true, 'info')`,
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `ALTER TABLE "inbox_item" DROP CONSTRAINT "inbox_item_event_id_fkey"`,
      `ALTER TABLE "alert_rule" DROP CONSTRAINT "alert_rule_indicator_code_fkey"`,
      `ALTER TABLE "alert_event" DROP CONSTRAINT "alert_event_alert_id_fkey"`,
      `DROP TABLE "silence"`,
      `DROP INDEX "public"."inbox_item_user_event"`,
      `DROP INDEX "public"."inbox_item_unread"`,
      `DROP TABLE "inbox_item"`,
      `DROP TABLE "alert_track"`,
      `DROP TABLE "alert_subscription"`,
      `DROP INDEX "public"."alert_rule_kind_indicator"`,
      `DROP INDEX "public"."alert_rule_kind_default"`,
      `DROP TABLE "alert_rule"`,
      `DROP INDEX "public"."alert_event_alert_idx"`,
      `DROP TABLE "alert_event"`,
      `DROP INDEX "public"."alert_one_open"`,
      `DROP INDEX "public"."alert_status_idx"`,
      `DROP INDEX "public"."alert_plan_idx"`,
      `DROP TABLE "alert"`,
    ]) {
      await runner.query(statement);
    }
  }
}
