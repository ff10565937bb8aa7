import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  PULL_FORMATS,
  PULL_OUTCOMES,
  PULL_PERIODS,
  PULL_TRIGGERS,
  type PullFormat,
  type PullOutcome,
  type PullPeriods,
  type PullTrigger,
} from '@zhibiao/core';
import { Database } from '../../database/database.js';
import { oneOf } from '../../database/rows.js';
import type { IndicatorCalendar } from './pull-schedule.js';

/** A pull source as stored (the auth header still sealed). */
export interface PullSourceRow {
  id: string;
  departmentCode: string;
  departmentName: string;
  name: string;
  url: string;
  format: PullFormat;
  cron: string;
  indicators: string[];
  periods: PullPeriods;
  /** The header sealed (SecretBox: `v1:…`) as JSON `{name, value}`, or null. */
  authHeader: string | null;
  enabled: boolean;
  maxFailures: number;
  consecutiveFailures: number;
  nextRunAt: Date | null;
  flaggedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface PullRunRow {
  id: string;
  sourceId: string;
  trigger: PullTrigger;
  attempt: number;
  periods: string[];
  startedAt: Date;
  finishedAt: Date | null;
  outcome: PullOutcome | null;
  httpStatus: number | null;
  error: string | null;
  submissionId: string | null;
}

/** The columns a create or a patch writes. */
export interface PullSourceFields {
  name: string;
  url: string;
  format: PullFormat;
  cron: string;
  indicators: string[];
  periods: PullPeriods;
  authHeader: string | null;
  enabled: boolean;
  maxFailures: number;
  nextRunAt: Date | null;
}

export interface RunEnd {
  outcome: PullOutcome;
  httpStatus: number | null;
  error: string | null;
  submissionId: string | null;
}

interface SourceRecord {
  id: string;
  department_code: string;
  department_name: string;
  name: string;
  url: string;
  format: string;
  cron: string;
  indicators: string[];
  periods: string;
  auth_header: string | null;
  enabled: boolean;
  max_failures: number;
  consecutive_failures: number;
  next_run_at: Date | null;
  flagged_at: Date | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}

interface RunRecord {
  id: string;
  source_id: string;
  trigger: string;
  attempt: number;
  periods: string[];
  started_at: Date;
  finished_at: Date | null;
  outcome: string | null;
  http_status: number | null;
  error: string | null;
  submission_id: string | null;
}

const SOURCE_COLUMNS = `s.id, s.department_code, d.name AS department_name, s.name, s.url, s.format, s.cron,
        s.indicators, s.periods, s.auth_header, s.enabled, s.max_failures, s.consecutive_failures,
        s.next_run_at, s.flagged_at, s.created_by, s.created_at, s.updated_at`;
const RUN_COLUMNS = `id, source_id, trigger, attempt, periods, started_at, finished_at, outcome, http_status,
        error, submission_id`;

function toSource(row: SourceRecord): PullSourceRow {
  return {
    id: String(row.id),
    departmentCode: row.department_code,
    departmentName: row.department_name,
    name: row.name,
    url: row.url,
    format: oneOf(PULL_FORMATS, row.format, 'pull_source.format'),
    cron: row.cron,
    indicators: row.indicators,
    periods: oneOf(PULL_PERIODS, row.periods, 'pull_source.periods'),
    authHeader: row.auth_header,
    enabled: row.enabled,
    maxFailures: row.max_failures,
    consecutiveFailures: row.consecutive_failures,
    nextRunAt: row.next_run_at,
    flaggedAt: row.flagged_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRun(row: RunRecord): PullRunRow {
  return {
    id: String(row.id),
    sourceId: String(row.source_id),
    trigger: oneOf(PULL_TRIGGERS, row.trigger, 'pull_run.trigger'),
    attempt: row.attempt,
    periods: row.periods,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome === null ? null : oneOf(PULL_OUTCOMES, row.outcome, 'pull_run.outcome'),
    httpStatus: row.http_status,
    error: row.error,
    submissionId: row.submission_id === null ? null : String(row.submission_id),
  };
}

/** Pull sources and their runs. Claims are atomic, so no source runs twice at once anywhere. */
@Injectable()
export class PullSourcesRepository {
  constructor(private readonly database: Database) {}

  async list(department: string | undefined): Promise<PullSourceRow[]> {
    const rows: SourceRecord[] = await this.database.db.query(
      `SELECT ${SOURCE_COLUMNS} FROM pull_source s JOIN department d ON d.code = s.department_code
        WHERE $1::text IS NULL OR s.department_code = $1 ORDER BY s.department_code, s.id`,
      [department ?? null],
    );
    return rows.map(toSource);
  }

  /** The source, locked for the caller's transaction when `lock`. */
  async get(db: EntityManager, id: string, lock = false): Promise<PullSourceRow | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const rows: SourceRecord[] = await db.query(
      `SELECT ${SOURCE_COLUMNS} FROM pull_source s JOIN department d ON d.code = s.department_code
        WHERE s.id = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
      [id],
    );
    return rows[0] && toSource(rows[0]);
  }

  async insert(
    db: EntityManager,
    department: string,
    fields: PullSourceFields,
    createdBy: string,
    at: Date,
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO pull_source (department_code, name, url, format, cron, indicators, periods, auth_header,
              enabled, max_failures, next_run_at, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
      [
        department,
        fields.name,
        fields.url,
        fields.format,
        fields.cron,
        fields.indicators,
        fields.periods,
        fields.authHeader,
        fields.enabled,
        fields.maxFailures,
        fields.nextRunAt,
        createdBy,
        at,
      ],
    );
    return String(rows[0]!.id);
  }

  async update(db: EntityManager, id: string, fields: PullSourceFields, at: Date): Promise<void> {
    await db.query(
      `UPDATE pull_source SET name = $2, url = $3, format = $4, cron = $5, indicators = $6::text[],
              periods = $7, auth_header = $8, enabled = $9, max_failures = $10, next_run_at = $11,
              updated_at = $12
        WHERE id = $1`,
      [
        id,
        fields.name,
        fields.url,
        fields.format,
        fields.cron,
        fields.indicators,
        fields.periods,
        fields.authHeader,
        fields.enabled,
        fields.maxFailures,
        fields.nextRunAt,
        at,
      ],
    );
  }

  /** Removes the source and (by cascade) its runs; the submissions they made stay. */
  async delete(db: EntityManager, id: string): Promise<void> {
    await db.query(`DELETE FROM pull_source WHERE id = $1`, [id]);
  }

  async departmentName(db: EntityManager, code: string): Promise<string | undefined> {
    const rows: { name: string }[] = await db.query(`SELECT name FROM department WHERE code = $1`, [
      code,
    ]);
    return rows[0]?.name;
  }

  /** Which of `indicators` are assigned to the department (for any region). */
  async assignedIndicators(
    db: EntityManager,
    department: string,
    indicators: readonly string[],
  ): Promise<Set<string>> {
    const rows: { code: string }[] = await db.query(
      `SELECT DISTINCT indicator_code AS code FROM assignment
        WHERE department_code = $1 AND indicator_code = ANY($2::text[])`,
      [department, indicators],
    );
    return new Set(rows.map((r) => r.code));
  }

  /** What says which of the indicators' periods are open. */
  async calendars(db: EntityManager, indicators: readonly string[]): Promise<IndicatorCalendar[]> {
    const rows: {
      frequency: IndicatorCalendar['frequency'];
      due_day: number;
      first_period: string;
      last_period: string;
    }[] = await db.query(
      `SELECT i.frequency, i.due_day, to_char(p.period_start, 'YYYY-MM') AS first_period,
              to_char(p.period_end, 'YYYY-MM') AS last_period
         FROM indicator i JOIN plan p ON p.code = i.plan_code
        WHERE i.code = ANY($1::text[])`,
      [indicators],
    );
    return rows.map((r) => ({
      frequency: r.frequency,
      dueDay: r.due_day,
      firstPeriod: r.first_period,
      lastPeriod: r.last_period,
    }));
  }

  /**
   * Takes the due source that has waited longest, if any, and starts its run, in one transaction:
   * its next run is moved `leaseUntil` (so a run that dies is tried again then), and a source
   * another process is claiming or running is skipped, never waited for.
   */
  async claimDue(
    db: EntityManager,
    now: Date,
    leaseStart: Date,
    leaseUntil: Date,
  ): Promise<{ source: PullSourceRow; trigger: PullTrigger; attempt: number } | undefined> {
    const claimed: { id: string; consecutive_failures: number }[] = await db.query(
      // UPDATE … RETURNING answers [rows, count] through TypeORM: a CTE makes it a plain SELECT.
      `WITH claimed AS (
         UPDATE pull_source SET next_run_at = $3
          WHERE id = (SELECT s.id FROM pull_source s
                       WHERE s.enabled AND s.next_run_at <= $1
                         AND NOT EXISTS (SELECT 1 FROM pull_run r WHERE r.source_id = s.id
                                            AND r.finished_at IS NULL AND r.started_at > $2)
                       ORDER BY s.next_run_at, s.id LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id, consecutive_failures)
       SELECT id, consecutive_failures FROM claimed`,
      [now, leaseStart, leaseUntil],
    );
    const row = claimed[0];
    if (!row) return undefined;
    const source = await this.get(db, String(row.id));
    if (!source) return undefined;
    const retry = row.consecutive_failures > 0;
    return {
      source,
      trigger: retry ? 'retry' : 'schedule',
      attempt: row.consecutive_failures + 1,
    };
  }

  /** A run of the source not finished and started after `since` (older ones are dead). */
  async running(db: EntityManager, sourceId: string, since: Date): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `SELECT 1 FROM pull_run WHERE source_id = $1 AND finished_at IS NULL AND started_at > $2`,
      [sourceId, since],
    );
    return rows.length > 0;
  }

  /**
   * Records the start of a run, and ends as failed any earlier run of the source that never finished
   * (its process stopped): a dead run must not read as running for ever.
   */
  async startRun(
    db: EntityManager,
    run: { sourceId: string; trigger: PullTrigger; attempt: number; periods: string[]; at: Date },
  ): Promise<string> {
    await db.query(
      `UPDATE pull_run SET finished_at = $2, outcome = 'failed',
              error = 'interrupted: the process running it stopped'
        WHERE source_id = $1 AND finished_at IS NULL`,
      [run.sourceId, run.at],
    );
    const rows: { id: string }[] = await db.query(
      `INSERT INTO pull_run (source_id, trigger, attempt, periods, started_at)
       VALUES ($1, $2, $3, $4::text[], $5) RETURNING id`,
      [run.sourceId, run.trigger, run.attempt, run.periods, run.at],
    );
    return String(rows[0]!.id);
  }

  async setRunPeriods(db: EntityManager, runId: string, periods: readonly string[]): Promise<void> {
    await db.query(`UPDATE pull_run SET periods = $2::text[] WHERE id = $1`, [runId, periods]);
  }

  /** Ends the run; false when it is gone (its source was deleted meanwhile). */
  async finishRun(db: EntityManager, runId: string, end: RunEnd, at: Date): Promise<boolean> {
    const rows: unknown[] = await db.query(
      `WITH ended AS (
         UPDATE pull_run SET finished_at = $2, outcome = $3, http_status = $4, error = $5,
                submission_id = $6
          WHERE id = $1 RETURNING id)
       SELECT id FROM ended`,
      [runId, at, end.outcome, end.httpStatus, end.error, end.submissionId],
    );
    return rows.length > 0;
  }

  async setState(
    db: EntityManager,
    id: string,
    state: { consecutiveFailures: number; nextRunAt: Date | null; flaggedAt: Date | null },
  ): Promise<void> {
    await db.query(
      `UPDATE pull_source SET consecutive_failures = $2, next_run_at = $3, flagged_at = $4 WHERE id = $1`,
      [id, state.consecutiveFailures, state.nextRunAt, state.flaggedAt],
    );
  }

  async run(db: EntityManager, runId: string): Promise<PullRunRow | undefined> {
    const rows: RunRecord[] = await db.query(`SELECT ${RUN_COLUMNS} FROM pull_run WHERE id = $1`, [
      runId,
    ]);
    return rows[0] && toRun(rows[0]);
  }

  async runs(sourceId: string, limit: number): Promise<PullRunRow[]> {
    const rows: RunRecord[] = await this.database.db.query(
      `SELECT ${RUN_COLUMNS} FROM pull_run WHERE source_id = $1 ORDER BY started_at DESC, id DESC LIMIT $2`,
      [sourceId, limit],
    );
    return rows.map(toRun);
  }

  /** Each source's newest run. */
  async lastRuns(sourceIds: readonly string[]): Promise<Map<string, PullRunRow>> {
    if (sourceIds.length === 0) return new Map();
    const rows: RunRecord[] = await this.database.db.query(
      `SELECT DISTINCT ON (source_id) ${RUN_COLUMNS} FROM pull_run
        WHERE source_id = ANY($1::bigint[]) ORDER BY source_id, started_at DESC, id DESC`,
      [sourceIds],
    );
    return new Map(rows.map((r) => [String(r.source_id), toRun(r)]));
  }
}
