import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-indicator thresholds of the progress status (on track / at risk / off track): a JSON object with
 * any of onTrackProbability, atRiskProbability, onTrackPace, atRiskPace; null keeps the defaults.
 */
export class AddProgressThresholds1795939200000 implements MigrationInterface {
  name = 'AddProgressThresholds1795939200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "indicator" ADD "progress_thresholds" jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "indicator" DROP COLUMN "progress_thresholds"`);
  }
}
