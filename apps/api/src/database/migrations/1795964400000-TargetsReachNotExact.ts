import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `=` meant two things: exact equality when a figure was compared with the target, "at least" (or "at
 * most") when a projection was. Plans say 达到/提高到/实现 N, which is met at N or above: from now on
 * that is `>=` (`<=` for a decrease target), and `=` means exactly N everywhere. Target versions and
 * the rows of draft plan imports written as `=` become the comparator they always meant; the seeded
 * 100% coverage targets among them (a share cannot pass 100%, so nothing changes in what they mean).
 */
export class TargetsReachNotExact1795964400000 implements MigrationInterface {
  name = 'TargetsReachNotExact1795964400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `UPDATE "indicator_target" t
          SET "comparator" = CASE i."direction" WHEN 'decrease' THEN '<=' ELSE '>=' END
         FROM "indicator" i
        WHERE i."code" = t."indicator_code" AND t."comparator" = '='`,
    );
    // The extractor wrote `=` only for increase targets (reach N, full coverage).
    await runner.query(
      `UPDATE "plan_import"
          SET "targets" = replace("targets"::text, '"comparator": "="', '"comparator": ">="')::jsonb
        WHERE "status" = 'draft' AND "targets"::text LIKE '%"comparator": "="%'`,
    );
  }

  // Which versions were written as `=` is not kept: they stay as they now read. Nothing to undo in
  // the schema.
  async down(): Promise<void> {}
}
