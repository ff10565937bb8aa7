import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The as-of day of the evaluation an alert's values and message come from (its fired day until an
 * evaluation refreshes them), so the alert page can show the chart those numbers describe.
 */
export class AddAlertEvaluatedAsOf1795950000000 implements MigrationInterface {
  name = 'AddAlertEvaluatedAsOf1795950000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "alert" ADD "evaluated_as_of" date`);
    await runner.query(`UPDATE "alert" SET "evaluated_as_of" = "fired_as_of"`);
    await runner.query(`ALTER TABLE "alert" ALTER COLUMN "evaluated_as_of" SET NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "alert" DROP COLUMN "evaluated_as_of"`);
  }
}
