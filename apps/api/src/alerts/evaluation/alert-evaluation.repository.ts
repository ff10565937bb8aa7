import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ALERT_RULE_KINDS,
  type AlertRuleKind,
  type IsoDate,
  type StoredAlertTrack,
} from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';

/** A stored track and which rule × subject × region it is. */
export interface TrackRecord extends StoredAlertTrack {
  kind: AlertRuleKind;
  subject: string;
  region: string;
}

/** Days after a plan's end during which it is still evaluated (its last figures come in). */
export const PLAN_AFTERLIFE_DAYS = 60;

/** SQL of evaluations: the tracks they keep, and what they read of the plans they evaluate. */
@Injectable()
export class AlertEvaluationRepository {
  constructor(private readonly database: Database) {}

  /**
   * The plans in progress on `asOf` (or those of `plans` that are): published, started, and not past
   * their end by more than the time their last figures take to come in. A closed plan keeps its
   * final states.
   */
  async plansInProgress(asOf: IsoDate, plans: readonly string[] | null): Promise<string[]> {
    const rows: { code: string }[] = await this.database.db.query(
      `SELECT code FROM plan WHERE status = 'published' AND period_start <= $1::date
          AND $1::date <= period_end + ${PLAN_AFTERLIFE_DAYS}
          AND ($2::text[] IS NULL OR code = ANY($2::text[])) ORDER BY code`,
      [asOf, plans],
    );
    return rows.map((r) => r.code);
  }

  /** The day a plan's history run starts: its first day, or the day it was issued if later. */
  async historyStart(plan: string): Promise<IsoDate | undefined> {
    const rows: { start: string }[] = await this.database.db.query(
      `SELECT to_char(GREATEST(period_start, COALESCE(issued_on, period_start)), 'YYYY-MM-DD') AS start
         FROM plan WHERE code = $1`,
      [plan],
    );
    return rows[0]?.start;
  }

  /** A plan's first and last months. */
  async span(
    db: EntityManager,
    plan: string,
  ): Promise<{ firstPeriod: string; lastPeriod: string }> {
    const rows: { first_period: string; last_period: string }[] = await db.query(
      `SELECT to_char(period_start, 'YYYY-MM') AS first_period, to_char(period_end, 'YYYY-MM') AS last_period
         FROM plan WHERE code = $1`,
      [plan],
    );
    const row = rows[0]!;
    return { firstPeriod: row.first_period, lastPeriod: row.last_period };
  }

  /** The lead departments of each of a plan's milestones. */
  async milestoneLeads(db: EntityManager, plan: string): Promise<Map<string, string[]>> {
    const rows: { milestone_code: string; department_code: string }[] = await db.query(
      `SELECT md.milestone_code, md.department_code FROM milestone_department md
         JOIN milestone m ON m.code = md.milestone_code
        WHERE m.plan_code = $1 AND md.role = 'lead'`,
      [plan],
    );
    const leads = new Map<string, string[]>();
    for (const row of rows) {
      const list = leads.get(row.milestone_code) ?? [];
      list.push(row.department_code);
      leads.set(row.milestone_code, list);
    }
    return leads;
  }

  async tracks(db: EntityManager, subjects: readonly string[]): Promise<TrackRecord[]> {
    const rows: {
      kind: string;
      subject: string;
      region_code: string;
      streak: number;
      last_held_at: Date | null;
      last_held_as_of: string | null;
      cleared_at: Date | null;
      last_as_of: string;
    }[] = await db.query(
      `SELECT kind, subject, region_code, streak, last_held_at,
              to_char(last_held_as_of, 'YYYY-MM-DD') AS last_held_as_of, cleared_at,
              to_char(last_as_of, 'YYYY-MM-DD') AS last_as_of
         FROM alert_track WHERE subject = ANY($1::text[])`,
      [subjects],
    );
    return rows.map((row) => ({
      kind: oneOf(ALERT_RULE_KINDS, row.kind, 'alert_track.kind'),
      subject: row.subject,
      region: row.region_code,
      streak: row.streak,
      lastHeldAt: row.last_held_at,
      lastHeldAsOf: row.last_held_as_of,
      clearedAt: row.cleared_at,
      lastAsOf: row.last_as_of,
    }));
  }

  /** Writes tracks in one statement per thousand. */
  async saveTracks(db: EntityManager, tracks: readonly TrackRecord[]): Promise<void> {
    for (let start = 0; start < tracks.length; start += 1000) {
      const chunk = tracks.slice(start, start + 1000);
      await db.query(
        `INSERT INTO alert_track (kind, subject, region_code, streak, last_held_at, last_held_as_of,
                                  cleared_at, last_as_of)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::timestamptz[],
                              $6::date[], $7::timestamptz[], $8::date[])
         ON CONFLICT (kind, subject, region_code) DO UPDATE SET
           streak = EXCLUDED.streak, last_held_at = EXCLUDED.last_held_at,
           last_held_as_of = EXCLUDED.last_held_as_of, cleared_at = EXCLUDED.cleared_at,
           last_as_of = EXCLUDED.last_as_of`,
        [
          chunk.map((t) => t.kind),
          chunk.map((t) => t.subject),
          chunk.map((t) => t.region),
          chunk.map((t) => t.streak),
          chunk.map((t) => t.lastHeldAt),
          chunk.map((t) => t.lastHeldAsOf),
          chunk.map((t) => t.clearedAt),
          chunk.map((t) => t.lastAsOf),
        ],
      );
    }
  }

  /** The latest as-of day any of these subjects was evaluated on. */
  async lastEvaluated(db: EntityManager, subjects: readonly string[]): Promise<IsoDate | null> {
    const rows: { last: string | null }[] = await db.query(
      `SELECT to_char(max(last_as_of), 'YYYY-MM-DD') AS last FROM alert_track
        WHERE subject = ANY($1::text[])`,
      [subjects],
    );
    return rows[0]?.last ?? null;
  }
}
