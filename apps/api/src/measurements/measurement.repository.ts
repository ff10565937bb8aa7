import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SUBMISSION_SOURCES, SUBMISSION_STATUSES } from '@zhibiao/contracts';
import type { CheckedFigure, IndicatorFacts } from '@zhibiao/core';
import { PROVINCE_REGION_CODE } from '@zhibiao/core';
import { Database } from '../database/database.js';
import { numberOrNull, oneOf } from '../database/rows.js';
import type { Measurement, MeasurementRevision, Submission } from './measurement.js';

/** A figure to store: one revision. */
export type NewMeasurement = Omit<CheckedFigure, 'row' | 'change'>;

/** A stored revision as read. */
interface MeasurementRow {
  id: string;
  indicator_code: string;
  region_code: string;
  period: string;
  value: string;
  value_type: string;
  numerator: string | null;
  denominator: string | null;
  note: string;
  late: boolean;
  submission_id: string;
  recorded_at: Date;
}

export interface NewSubmission {
  departmentCode: string | null;
  actor: { kind: 'user' | 'api_key' | 'system'; id: string | null; name: string };
  source: string;
  fileName: string | null;
  fileSize: number | null;
  sha256: string | null;
  idempotencyKey: string | null;
  partial: boolean;
  status: string;
  accepted: number;
  unchanged: number;
  rejected: number;
  warningCount: number;
  errorCount: number;
  report: unknown;
  createdAt: Date;
}

interface SubmissionRow {
  id: string;
  created_at: Date;
  department_code: string | null;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  source: string;
  file_name: string | null;
  file_size: number | null;
  sha256: string | null;
  idempotency_key: string | null;
  partial: boolean;
  status: string;
  accepted: number;
  unchanged: number;
  rejected: number;
  warning_count: number;
  error_count: number;
  report: unknown;
}

/** Rows per multi-row INSERT: 11 arrays of this length per statement. */
const INSERT_CHUNK = 5_000;

const SELECT_MEASUREMENT = `m.id, m.indicator_code, m.region_code, to_char(m.period_date, 'YYYY-MM') AS period,
  m.value, m.value_type, m.numerator, m.denominator, m.note, m.late, m.submission_id, m.recorded_at`;

function toMeasurement(row: MeasurementRow): Measurement {
  return {
    id: row.id,
    indicator: row.indicator_code,
    region: row.region_code,
    period: row.period,
    value: Number(row.value),
    valueType: oneOf(
      ['increment', 'cumulative', 'level'],
      row.value_type,
      'measurement.value_type',
    ),
    numerator: numberOrNull(row.numerator),
    denominator: numberOrNull(row.denominator),
    note: row.note,
    late: row.late,
    submissionId: row.submission_id,
    recordedAt: row.recorded_at.getTime(),
    // Ids order revisions recorded at the same instant.
    sequence: Number(row.id),
  };
}

function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    createdAt: row.created_at,
    department: row.department_code,
    actor: {
      kind: oneOf(['user', 'api_key', 'system'], row.actor_kind, 'submission.actor_kind'),
      id: row.actor_id,
      name: row.actor_name,
    },
    source: oneOf(SUBMISSION_SOURCES, row.source, 'submission.source'),
    fileName: row.file_name,
    fileSize: row.file_size,
    sha256: row.sha256,
    idempotencyKey: row.idempotency_key,
    partial: row.partial,
    status: oneOf(SUBMISSION_STATUSES, row.status, 'submission.status'),
    accepted: row.accepted,
    unchanged: row.unchanged,
    rejected: row.rejected,
    warnings: row.warning_count,
    errors: row.error_count,
    report: row.report,
  };
}

/** SQL of figures and submissions. Portable: runs on PGlite, PostgreSQL and TimescaleDB alike. */
@Injectable()
export class MeasurementRepository {
  constructor(private readonly database: Database) {}

  /** What the checks need of the indicators named (unknown codes are simply absent). */
  async indicatorFacts(db: EntityManager, codes: readonly string[]): Promise<IndicatorFacts[]> {
    if (codes.length === 0) return [];
    const rows: {
      code: string;
      kind: IndicatorFacts['kind'];
      unit: string;
      frequency: IndicatorFacts['frequency'];
      due_day: number;
      plan_code: string;
      plan_status: string;
      first_period: string;
      last_period: string;
      regions: string[];
      target_magnitude: string | null;
    }[] = await db.query(
      `SELECT i.code, i.kind, i.unit, i.frequency, i.due_day, p.code AS plan_code, p.status AS plan_status,
              GREATEST((SELECT max(abs(t.value)) FROM indicator_target t WHERE t.indicator_code = i.code),
                       abs(i.baseline_value)) AS target_magnitude,
              to_char(p.period_start, 'YYYY-MM') AS first_period, to_char(p.period_end, 'YYYY-MM') AS last_period,
              COALESCE((SELECT array_agg(ir.region_code::text ORDER BY ir.region_code)
                          FROM indicator_region ir WHERE ir.indicator_code = i.code), '{}') AS regions
         FROM indicator i JOIN plan p ON p.code = i.plan_code
        WHERE i.code = ANY($1::text[])`,
      [codes],
    );
    return rows.map((row) => ({
      code: row.code,
      kind: row.kind,
      unit: row.unit,
      frequency: row.frequency,
      dueDay: row.due_day,
      plan: {
        code: row.plan_code,
        status: row.plan_status,
        firstPeriod: row.first_period,
        lastPeriod: row.last_period,
      },
      regions: row.regions,
      province:
        row.regions.length > 1 && row.regions.includes(PROVINCE_REGION_CODE)
          ? PROVINCE_REGION_CODE
          : null,
      targetMagnitude: row.target_magnitude === null ? null : Number(row.target_magnitude),
    }));
  }

  async regionCodes(db: EntityManager): Promise<Set<string>> {
    const rows: { code: string }[] = await db.query(`SELECT code FROM region`);
    return new Set(rows.map((r) => r.code));
  }

  /**
   * The revision in force of every period of the indicators named, every region: the latest recorded
   * (before `before`, when given). One index-ordered pass, DISTINCT ON per series and period.
   *
   * `counted`: the revision in force for progress and alerts — of a period under its plan's approval,
   * a unit's revision counts only once an 'approved' event of that unit and period (itself before
   * `before`) was recorded at or after it; figures without a unit and periods not under approval
   * count as recorded.
   */
  async inForce(
    db: EntityManager,
    indicators: readonly string[],
    options: { region?: string; before?: Date; counted?: boolean } = {},
  ): Promise<Measurement[]> {
    if (indicators.length === 0) return [];
    const params = [indicators, options.region ?? null, options.before ?? null];
    const rows: MeasurementRow[] = await db.query(
      options.counted
        ? `SELECT DISTINCT ON (m.indicator_code, m.region_code, m.period_date) ${SELECT_MEASUREMENT}
             FROM measurement m
             JOIN indicator i ON i.code = m.indicator_code
             JOIN plan p ON p.code = i.plan_code
             JOIN submission s ON s.id = m.submission_id
            WHERE m.indicator_code = ANY($1::text[])
              AND ($2::text IS NULL OR m.region_code = $2::text)
              AND ($3::timestamptz IS NULL OR m.recorded_at < $3::timestamptz)
              AND (p.approval_from IS NULL OR m.period_date < p.approval_from
                   OR s.department_code IS NULL
                   OR EXISTS (SELECT 1 FROM approval_event e
                               WHERE e.plan_code = i.plan_code AND e.department_code = s.department_code
                                 AND e.period_date = m.period_date AND e.at >= m.recorded_at
                                 AND ($3::timestamptz IS NULL OR e.at < $3::timestamptz)
                                 AND e.action = 'approved'))
            ORDER BY m.indicator_code, m.region_code, m.period_date, m.recorded_at DESC, m.id DESC`
        : `SELECT DISTINCT ON (m.indicator_code, m.region_code, m.period_date) ${SELECT_MEASUREMENT}
             FROM measurement m
            WHERE m.indicator_code = ANY($1::text[])
              AND ($2::text IS NULL OR m.region_code = $2::text)
              AND ($3::timestamptz IS NULL OR m.recorded_at < $3::timestamptz)
            ORDER BY m.indicator_code, m.region_code, m.period_date, m.recorded_at DESC, m.id DESC`,
      params,
    );
    return rows.map(toMeasurement);
  }

  /** Every revision of one figure, oldest first, with who sent it. */
  async history(indicator: string, region: string, period: string): Promise<MeasurementRevision[]> {
    const rows: (MeasurementRow &
      Pick<
        SubmissionRow,
        'source' | 'actor_kind' | 'actor_id' | 'actor_name' | 'department_code'
      >)[] = await this.database.db.query(
      `SELECT ${SELECT_MEASUREMENT}, s.source, s.actor_kind, s.actor_id, s.actor_name, s.department_code
         FROM measurement m JOIN submission s ON s.id = m.submission_id
        WHERE m.indicator_code = $1 AND m.region_code = $2 AND m.period_date = $3::date
        ORDER BY m.recorded_at, m.id`,
      [indicator, region, `${period}-01`],
    );
    return rows.map((row) => ({
      ...toMeasurement(row),
      source: oneOf(SUBMISSION_SOURCES, row.source, 'submission.source'),
      actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
      department: row.department_code,
    }));
  }

  async insertSubmission(db: EntityManager, s: NewSubmission): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO submission (created_at, department_code, actor_kind, actor_id, actor_name, source, file_name,
              file_size, sha256, idempotency_key, partial, status, accepted, unchanged, rejected, warning_count,
              error_count, report)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       RETURNING id`,
      [
        s.createdAt,
        s.departmentCode,
        s.actor.kind,
        s.actor.id,
        s.actor.name,
        s.source,
        s.fileName,
        s.fileSize,
        s.sha256,
        s.idempotencyKey,
        s.partial,
        s.status,
        s.accepted,
        s.unchanged,
        s.rejected,
        s.warningCount,
        s.errorCount,
        JSON.stringify(s.report),
      ],
    );
    return rows[0]!.id;
  }

  async updateReport(db: EntityManager, id: string, report: unknown): Promise<void> {
    await db.query(`UPDATE submission SET report = $2 WHERE id = $1`, [id, JSON.stringify(report)]);
  }

  async insertFile(
    db: EntityManager,
    id: string,
    contentType: string,
    content: Buffer,
  ): Promise<void> {
    await db.query(
      `INSERT INTO submission_file (submission_id, content_type, content) VALUES ($1, $2, $3)`,
      [id, contentType, content],
    );
  }

  /** Multi-row INSERTs of arrays unnested server-side: a few statements for thousands of rows. */
  async insertMeasurements(
    db: EntityManager,
    submissionId: string,
    recordedAt: Date,
    figures: readonly NewMeasurement[],
  ): Promise<void> {
    for (let start = 0; start < figures.length; start += INSERT_CHUNK) {
      const chunk = figures.slice(start, start + INSERT_CHUNK);
      await db.query(
        `INSERT INTO measurement (indicator_code, region_code, period_date, value, value_type, numerator,
                denominator, note, late, submission_id, recorded_at)
         SELECT t.indicator, t.region, t.period_date, t.value, t.value_type, t.numerator, t.denominator, t.note,
                t.late, $10::bigint, $11::timestamptz
           FROM unnest($1::text[], $2::text[], $3::date[], $4::numeric[], $5::text[], $6::numeric[],
                       $7::numeric[], $8::text[], $9::boolean[])
             AS t(indicator, region, period_date, value, value_type, numerator, denominator, note, late)`,
        [
          chunk.map((f) => f.indicator),
          chunk.map((f) => f.region),
          chunk.map((f) => `${f.period}-01`),
          chunk.map((f) => String(f.value)),
          chunk.map((f) => f.valueType),
          chunk.map((f) => (f.numerator === null ? null : String(f.numerator))),
          chunk.map((f) => (f.denominator === null ? null : String(f.denominator))),
          chunk.map((f) => f.note),
          chunk.map((f) => f.late),
          submissionId,
          recordedAt,
        ],
      );
    }
  }

  async findByIdempotencyKey(
    db: EntityManager,
    actor: { kind: string; id: string | null },
    key: string,
  ): Promise<Submission | undefined> {
    const rows: SubmissionRow[] = await db.query(
      `SELECT * FROM submission
        WHERE actor_kind = $1 AND actor_id IS NOT DISTINCT FROM $2 AND idempotency_key = $3`,
      [actor.kind, actor.id, key],
    );
    return rows[0] && toSubmission(rows[0]);
  }

  /** The latest stored result of the same bytes sent for the same department. */
  async findStoredFile(
    db: EntityManager,
    sha256: string,
    department: string | null,
    partial: boolean,
  ): Promise<Submission | undefined> {
    const rows: SubmissionRow[] = await db.query(
      `SELECT * FROM submission
        WHERE sha256 = $1 AND department_code IS NOT DISTINCT FROM $2 AND partial = $3
          AND status IN ('applied', 'partially_applied')
        ORDER BY id DESC LIMIT 1`,
      [sha256, department, partial],
    );
    return rows[0] && toSubmission(rows[0]);
  }

  async listSubmissions(filter: {
    department?: string | undefined;
    status?: string | undefined;
    limit: number;
    before?: string | undefined;
  }): Promise<Submission[]> {
    const rows: SubmissionRow[] = await this.database.db.query(
      `SELECT id, created_at, department_code, actor_kind, actor_id, actor_name, source, file_name, file_size,
              sha256, idempotency_key, partial, status, accepted, unchanged, rejected, warning_count, error_count,
              NULL AS report
         FROM submission
        WHERE ($1::text IS NULL OR department_code = $1::text)
          AND ($2::text IS NULL OR status = $2::text)
          AND ($3::bigint IS NULL OR id < $3::bigint)
        ORDER BY id DESC LIMIT $4`,
      [filter.department ?? null, filter.status ?? null, filter.before ?? null, filter.limit],
    );
    return rows.map(toSubmission);
  }

  async getSubmission(id: string): Promise<Submission | undefined> {
    const rows: SubmissionRow[] = await this.database.db.query(
      `SELECT * FROM submission WHERE id = $1`,
      [id],
    );
    return rows[0] && toSubmission(rows[0]);
  }

  async getFile(id: string): Promise<{ content_type: string; content: Buffer } | undefined> {
    const rows: { content_type: string; content: Buffer }[] = await this.database.db.query(
      `SELECT content_type, content FROM submission_file WHERE submission_id = $1`,
      [id],
    );
    return rows[0];
  }

  /**
   * Serialises submissions that would replay one another (same Idempotency-Key, same file), until
   * the transaction ends. Taken before the indicators' locks, always in this order.
   */
  async lockSubmissionKeys(db: EntityManager, keys: readonly string[]): Promise<void> {
    for (const key of [...keys].sort()) {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('submission:' || $1))`, [key]);
    }
  }

  /** Serialises writers of the same indicators (a no-op on PGlite, which has one session anyway). */
  async lockIndicators(db: EntityManager, indicators: readonly string[]): Promise<void> {
    for (const code of [...indicators].sort()) {
      await db.query(`SELECT pg_advisory_xact_lock(hashtext('measurement:' || $1))`, [code]);
    }
  }
}
