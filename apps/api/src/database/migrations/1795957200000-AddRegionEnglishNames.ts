import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Regions get their English names, for English pages. A database seeded before this has the
 * GB/T 2260 codes of Shandong, so those get theirs here; others keep null (the Chinese is shown).
 */
export class AddRegionEnglishNames1795957200000 implements MigrationInterface {
  name = 'AddRegionEnglishNames1795957200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "region" ADD "name_en" text`);
    await runner.query(
      `UPDATE "region" SET "name_en" = CASE "code"
        WHEN '370000' THEN 'Shandong'
        WHEN '370100' THEN 'Jinan'
        WHEN '370200' THEN 'Qingdao'
        WHEN '370300' THEN 'Zibo'
        WHEN '370400' THEN 'Zaozhuang'
        WHEN '370500' THEN 'Dongying'
        WHEN '370600' THEN 'Yantai'
        WHEN '370700' THEN 'Weifang'
        WHEN '370800' THEN 'Jining'
        WHEN '370900' THEN 'Tai''an'
        WHEN '371000' THEN 'Weihai'
        WHEN '371100' THEN 'Rizhao'
        WHEN '371300' THEN 'Linyi'
        WHEN '371400' THEN 'Dezhou'
        WHEN '371500' THEN 'Liaocheng'
        WHEN '371600' THEN 'Binzhou'
        WHEN '371700' THEN 'Heze'
       END
       WHERE "name_en" IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "region" DROP COLUMN "name_en"`);
  }
}
