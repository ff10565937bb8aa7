import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts: users, sessions, API keys, assignments (who reports what) and the audit trail, which a
 * trigger keeps append-only: UPDATE, DELETE and TRUNCATE on audit_log fail for every role.
 */
export class AddAccounts1795932000000 implements MigrationInterface {
  name = 'AddAccounts1795932000000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE TABLE "api_key" ("id" BIGSERIAL NOT NULL, "department_code" character varying(64) NOT NULL, "name" text NOT NULL, "prefix" character varying(16) NOT NULL, "secret_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "api_key_prefix_key" UNIQUE ("prefix"), CONSTRAINT "api_key_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "api_key_department_code_idx" ON "api_key"("department_code")`,
      `CREATE TABLE "assignment" ("department_code" character varying(64) NOT NULL, "indicator_code" character varying(64) NOT NULL, "region_code" character varying(6) NOT NULL, CONSTRAINT "assignment_pkey" PRIMARY KEY ("department_code", "indicator_code", "region_code"))`,
      `CREATE INDEX "assignment_indicator_code_idx" ON "assignment"("indicator_code")`,
      `CREATE TABLE "audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_kind" text NOT NULL, "actor_id" text, "actor_name" text NOT NULL, "action" text NOT NULL, "entity" text NOT NULL, "entity_id" text, "outcome" text NOT NULL, "before" jsonb, "after" jsonb, "ip" text, "correlation_id" text, CONSTRAINT "audit_log_outcome_check" CHECK ("outcome" IN ('done', 'denied')), CONSTRAINT "audit_log_actor_kind_check" CHECK ("actor_kind" IN ('user', 'api_key', 'system', 'anonymous')), CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "audit_log_at_idx" ON "audit_log"("at")`,
      `CREATE INDEX "audit_log_actor_name_idx" ON "audit_log"("actor_name")`,
      `CREATE INDEX "audit_log_entity_idx" ON "audit_log"("entity", "entity_id")`,
      `CREATE TABLE "app_user" ("id" BIGSERIAL NOT NULL, "username" character varying(64) NOT NULL, "display_name" text NOT NULL, "email" text, "department_code" character varying(64), "roles" text array NOT NULL DEFAULT '{}', "disabled" boolean NOT NULL DEFAULT false, "password_hash" text, "oidc_subject" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "app_user_oidc_subject_key" UNIQUE ("oidc_subject"), CONSTRAINT "app_user_username_key" UNIQUE ("username"), CONSTRAINT "app_user_roles_check" CHECK ("roles" <@ ARRAY['admin', 'analyst', 'reporter', 'leader']::text[]), CONSTRAINT "app_user_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "app_user_department_code_idx" ON "app_user"("department_code")`,
      `CREATE TABLE "user_session" ("id" BIGSERIAL NOT NULL, "token_hash" character varying(64) NOT NULL, "user_id" bigint NOT NULL, "csrf_token" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "ip" text, "user_agent" text, CONSTRAINT "user_session_token_hash_key" UNIQUE ("token_hash"), CONSTRAINT "user_session_pkey" PRIMARY KEY ("id"))`,
      `CREATE INDEX "user_session_user_id_idx" ON "user_session"("user_id")`,
      `ALTER TABLE "api_key" ADD CONSTRAINT "api_key_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "assignment" ADD CONSTRAINT "assignment_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "assignment" ADD CONSTRAINT "assignment_indicator_code_fkey" FOREIGN KEY ("indicator_code") REFERENCES "indicator"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
      `ALTER TABLE "assignment" ADD CONSTRAINT "assignment_region_code_fkey" FOREIGN KEY ("region_code") REFERENCES "region"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "app_user" ADD CONSTRAINT "app_user_department_code_fkey" FOREIGN KEY ("department_code") REFERENCES "department"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "user_session" ADD CONSTRAINT "user_session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
      // Indicators that exist already get the default assignment: their first lead department reports
      // every region they are broken down by.
      `INSERT INTO "assignment" ("department_code", "indicator_code", "region_code")
       SELECT idp."department_code", ir."indicator_code", ir."region_code"
         FROM "indicator_region" ir
         JOIN "indicator_department" idp
           ON idp."indicator_code" = ir."indicator_code" AND idp."role" = 'lead'
          AND idp."position" = (SELECT min(x."position") FROM "indicator_department" x
                                 WHERE x."indicator_code" = ir."indicator_code" AND x."role" = 'lead')`,
      `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON "audit_log"
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON "audit_log"
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP TRIGGER audit_log_no_truncate ON "audit_log"`,
      `DROP TRIGGER audit_log_no_change ON "audit_log"`,
      `DROP FUNCTION audit_log_append_only()`,
      `ALTER TABLE "user_session" DROP CONSTRAINT "user_session_user_id_fkey"`,
      `ALTER TABLE "app_user" DROP CONSTRAINT "app_user_department_code_fkey"`,
      `ALTER TABLE "assignment" DROP CONSTRAINT "assignment_region_code_fkey"`,
      `ALTER TABLE "assignment" DROP CONSTRAINT "assignment_indicator_code_fkey"`,
      `ALTER TABLE "assignment" DROP CONSTRAINT "assignment_department_code_fkey"`,
      `ALTER TABLE "api_key" DROP CONSTRAINT "api_key_department_code_fkey"`,
      `DROP INDEX "public"."user_session_user_id_idx"`,
      `DROP TABLE "user_session"`,
      `DROP INDEX "public"."app_user_department_code_idx"`,
      `DROP TABLE "app_user"`,
      `DROP INDEX "public"."audit_log_entity_idx"`,
      `DROP INDEX "public"."audit_log_actor_name_idx"`,
      `DROP INDEX "public"."audit_log_at_idx"`,
      `DROP TABLE "audit_log"`,
      `DROP INDEX "public"."assignment_indicator_code_idx"`,
      `DROP TABLE "assignment"`,
      `DROP INDEX "public"."api_key_department_code_idx"`,
      `DROP TABLE "api_key"`,
    ]) {
      await runner.query(statement);
    }
  }
}
