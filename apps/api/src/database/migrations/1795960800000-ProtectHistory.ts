import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history tables refuse to be rewritten, for every role (the app's restricted role cannot disable
 * triggers; see database/app-role.ts):
 * - measurement (revisions of figures): TRUNCATE now fails too, not only UPDATE and DELETE;
 * - submission (what was received, from whom, when): DELETE and TRUNCATE fail, and UPDATE may only
 *   change the report;
 * - submission_file (the bytes as received) and alert_event (each alert's lifecycle, with the values
 *   it fired on): UPDATE, DELETE and TRUNCATE fail;
 * - monthly_plan_version and monthly_plan_item (the lead departments' plans as known on each day):
 *   UPDATE and TRUNCATE fail, and rows go only with what they belong to (deleting an indicator of an
 *   open plan deletes its monthly plans).
 * indicator_target is not among them: withdrawing a target revision deletes it, and the audit trail
 * keeps what it was.
 */
export class ProtectHistory1795960800000 implements MigrationInterface {
  name = 'ProtectHistory1795960800000';

  async up(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `CREATE TRIGGER measurement_no_truncate BEFORE TRUNCATE ON "measurement"
       FOR EACH STATEMENT EXECUTE FUNCTION measurement_append_only()`,
      `CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '% is append-only history: % is not allowed', TG_TABLE_NAME, TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE FUNCTION submission_keep() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         -- The report may be rewritten (it is written once the figures are stored); nothing else.
         IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'report') = (to_jsonb(OLD) - 'report') THEN
           RETURN NEW;
         END IF;
         RAISE EXCEPTION 'submission is append-only history: % is not allowed', TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TRIGGER submission_no_change BEFORE UPDATE OR DELETE ON "submission"
       FOR EACH ROW EXECUTE FUNCTION submission_keep()`,
      `CREATE TRIGGER submission_no_truncate BEFORE TRUNCATE ON "submission"
       FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
      `CREATE TRIGGER submission_file_no_change BEFORE UPDATE OR DELETE ON "submission_file"
       FOR EACH ROW EXECUTE FUNCTION history_append_only()`,
      `CREATE TRIGGER submission_file_no_truncate BEFORE TRUNCATE ON "submission_file"
       FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
      `CREATE TRIGGER alert_event_no_change BEFORE UPDATE OR DELETE ON "alert_event"
       FOR EACH ROW EXECUTE FUNCTION history_append_only()`,
      `CREATE TRIGGER alert_event_no_truncate BEFORE TRUNCATE ON "alert_event"
       FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
      // A cascade from the parent's deletion runs after the parent row is gone; a DELETE of its own
      // finds the parent still there.
      `CREATE FUNCTION monthly_plan_keep() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN
           IF TG_TABLE_NAME = 'monthly_plan_version' THEN
             IF NOT EXISTS (SELECT 1 FROM "indicator" WHERE "code" = OLD."indicator_code") THEN
               RETURN OLD;
             END IF;
           ELSIF NOT EXISTS (SELECT 1 FROM "monthly_plan_version" WHERE "id" = OLD."version_id") THEN
             RETURN OLD;
           END IF;
         END IF;
         RAISE EXCEPTION '% is append-only history: % is not allowed', TG_TABLE_NAME, TG_OP
           USING ERRCODE = 'insufficient_privilege';
       END $$`,
      `CREATE TRIGGER monthly_plan_version_no_change BEFORE UPDATE OR DELETE ON "monthly_plan_version"
       FOR EACH ROW EXECUTE FUNCTION monthly_plan_keep()`,
      `CREATE TRIGGER monthly_plan_version_no_truncate BEFORE TRUNCATE ON "monthly_plan_version"
       FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
      `CREATE TRIGGER monthly_plan_item_no_change BEFORE UPDATE OR DELETE ON "monthly_plan_item"
       FOR EACH ROW EXECUTE FUNCTION monthly_plan_keep()`,
      `CREATE TRIGGER monthly_plan_item_no_truncate BEFORE TRUNCATE ON "monthly_plan_item"
       FOR EACH STATEMENT EXECUTE FUNCTION history_append_only()`,
    ]) {
      await runner.query(statement);
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const statement of [
      `DROP TRIGGER monthly_plan_item_no_truncate ON "monthly_plan_item"`,
      `DROP TRIGGER monthly_plan_item_no_change ON "monthly_plan_item"`,
      `DROP TRIGGER monthly_plan_version_no_truncate ON "monthly_plan_version"`,
      `DROP TRIGGER monthly_plan_version_no_change ON "monthly_plan_version"`,
      `DROP FUNCTION monthly_plan_keep()`,
      `DROP TRIGGER alert_event_no_truncate ON "alert_event"`,
      `DROP TRIGGER alert_event_no_change ON "alert_event"`,
      `DROP TRIGGER submission_file_no_truncate ON "submission_file"`,
      `DROP TRIGGER submission_file_no_change ON "submission_file"`,
      `DROP TRIGGER submission_no_truncate ON "submission"`,
      `DROP TRIGGER submission_no_change ON "submission"`,
      `DROP FUNCTION submission_keep()`,
      `DROP FUNCTION history_append_only()`,
      `DROP TRIGGER measurement_no_truncate ON "measurement"`,
    ]) {
      await runner.query(statement);
    }
  }
}
