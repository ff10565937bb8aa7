import { Injectable } from '@nestjs/common';
import type { IsoDate } from '@zhibiao/core';
import { Database } from '../database/database.js';

/** SQL of the demo year: the day each plan's demo shows, and whether a plan has figures yet. */
@Injectable()
export class DemoFiguresRepository {
  constructor(private readonly database: Database) {}

  /** The latest day a demo year held by the database shows, or undefined when it holds none. */
  async latestDemoDay(): Promise<IsoDate | undefined> {
    const rows: { day: string | null }[] = await this.database.db.query(
      `SELECT to_char(max(demo_day), 'YYYY-MM-DD') AS day FROM plan`,
    );
    return rows[0]?.day ?? undefined;
  }

  /** The plans whose figures are a demo year, with the day each shows. */
  async demoPlans(): Promise<{ plan: string; day: IsoDate }[]> {
    const rows: { code: string; day: string }[] = await this.database.db.query(
      `SELECT code, to_char(demo_day, 'YYYY-MM-DD') AS day FROM plan WHERE demo_day IS NOT NULL
        ORDER BY code`,
    );
    return rows.map((r) => ({ plan: r.code, day: r.day }));
  }

  /** Whether the plan has any figure, and whether any came from the demo seed. */
  async figuresOf(plan: string): Promise<{ any: boolean; seed: boolean } | undefined> {
    const rows: { any: boolean; seed: boolean }[] = await this.database.db.query(
      `SELECT EXISTS (SELECT 1 FROM measurement m JOIN indicator i ON i.code = m.indicator_code
                         WHERE i.plan_code = $1) AS any,
                EXISTS (SELECT 1 FROM measurement m JOIN indicator i ON i.code = m.indicator_code
                          JOIN submission s ON s.id = m.submission_id
                         WHERE i.plan_code = $1 AND s.source = 'seed') AS seed`,
      [plan],
    );
    return rows[0];
  }

  /** Records the day the plan's demo shows (`onlyIfUnset`: leave a recorded one as it is). */
  async recordDay(plan: string, day: IsoDate, onlyIfUnset: boolean): Promise<void> {
    await this.database.db.query(
      `UPDATE plan SET demo_day = $2 WHERE code = $1${onlyIfUnset ? ' AND demo_day IS NULL' : ''}`,
      [plan, day],
    );
  }
}
