import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ALERT_RULE_KINDS } from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';
import type { Silence } from './silence.js';

interface SilenceRow {
  id: string;
  indicator_code: string | null;
  department_code: string | null;
  kind: string | null;
  starts_at: Date;
  ends_at: Date;
  reason: string;
  created_by: string;
}

const SILENCE_COLUMNS = `id, indicator_code, department_code, kind, starts_at, ends_at, reason, created_by`;

function toSilence(row: SilenceRow): Silence {
  return {
    id: row.id,
    indicator: row.indicator_code,
    department: row.department_code,
    rule: row.kind === null ? null : oneOf(ALERT_RULE_KINDS, row.kind, 'silence.kind'),
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    reason: row.reason,
    createdBy: row.created_by,
  };
}

/** SQL of silences. */
@Injectable()
export class SilencesRepository {
  constructor(private readonly database: Database) {}

  /** The silences running at `at`, oldest first. */
  async active(db: EntityManager, at: Date): Promise<Silence[]> {
    const rows: SilenceRow[] = await db.query(
      `SELECT ${SILENCE_COLUMNS} FROM silence WHERE starts_at <= $1 AND ends_at > $1 ORDER BY id`,
      [at],
    );
    return rows.map(toSilence);
  }

  /** The latest 500 silences, those still running at `at` first. */
  async latest(at: Date): Promise<Silence[]> {
    const rows: SilenceRow[] = await this.database.db.query(
      `SELECT ${SILENCE_COLUMNS}
         FROM silence ORDER BY (ends_at > $1) DESC, ends_at DESC, id DESC LIMIT 500`,
      [at],
    );
    return rows.map(toSilence);
  }

  async insert(db: EntityManager, silence: Omit<Silence, 'id'>): Promise<Silence> {
    const rows: SilenceRow[] = await db.query(
      `INSERT INTO silence (indicator_code, department_code, kind, starts_at, ends_at, reason, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${SILENCE_COLUMNS}`,
      [
        silence.indicator,
        silence.department,
        silence.rule,
        silence.startsAt,
        silence.endsAt,
        silence.reason,
        silence.createdBy,
      ],
    );
    return toSilence(rows[0]!);
  }

  /** Ends a silence now (a silence that has not started is ended at its start). */
  async end(db: EntityManager, id: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH ended AS (
         UPDATE silence SET ends_at = GREATEST(starts_at + interval '1 millisecond', LEAST(ends_at, $2))
          WHERE id = $1 RETURNING id)
       SELECT id FROM ended`,
      [id, at],
    );
    return rows.length > 0;
  }
}
