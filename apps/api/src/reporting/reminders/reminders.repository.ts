import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';

/** The names a reminder checks before it is sent (what is owed comes from the calendar). */
@Injectable()
export class RemindersRepository {
  constructor(private readonly database: Database) {}

  /** A unit's name, or null when no unit has that code. */
  async departmentName(code: string): Promise<string | null> {
    const rows: { name: string }[] = await this.database.db.query(
      `SELECT name FROM department WHERE code = $1`,
      [code],
    );
    return rows[0]?.name ?? null;
  }

  /** The plans closed by the end of `day`: frozen, they take no figures or reports to remind of. */
  async closedPlans(day: string): Promise<Set<string>> {
    const rows: { code: string }[] = await this.database.db.query(
      `SELECT code FROM plan WHERE status = 'closed' AND closed_on <= $1::date`,
      [day],
    );
    return new Set(rows.map((row) => row.code));
  }

  async planExists(code: string): Promise<boolean> {
    const rows: unknown[] = await this.database.db.query(`SELECT 1 FROM plan WHERE code = $1`, [
      code,
    ]);
    return rows.length > 0;
  }
}
