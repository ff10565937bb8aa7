import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A plan whose figures are a seeded demo year records the day the demo shows: while the database holds
 * one, the clock runs on that day (unless APP_TODAY says otherwise), so the demo reads as the bureau saw
 * it then. Set by the demo loader, also for a demo loaded before this migration (from its file).
 */
export class AddPlanDemoDay1795968000000 implements MigrationInterface {
  name = 'AddPlanDemoDay1795968000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "plan" ADD "demo_day" date`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "plan" DROP COLUMN "demo_day"`);
  }
}
