import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  PullRun,
  PullSource,
  PullSourceBody,
  PullSourcePatchBody,
  ValidationProblem,
} from '@zhibiao/contracts';
import type { z } from 'zod';
import { AuditService } from '../../audit/audit.service.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { assertNoProblems } from '../../common/validation-failed.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { nextCronTime } from './pull-schedule.js';
import {
  PullSourcesRepository,
  type PullRunRow,
  type PullSourceFields,
  type PullSourceRow,
} from './pull-sources.repository.js';
import { SecretBox } from './secret-box.js';

type CreateBody = z.output<typeof PullSourceBody>;
type PatchBody = z.output<typeof PullSourcePatchBody>;

export function toPullRun(row: PullRunRow): PullRun {
  return {
    id: row.id,
    sourceId: row.sourceId,
    trigger: row.trigger,
    attempt: row.attempt,
    periods: row.periods,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    outcome: row.outcome,
    httpStatus: row.httpStatus,
    error: row.error,
    submissionId: row.submissionId,
  };
}

/** The auth header of a source, as sealed: JSON `{name, value}`. */
export interface AuthHeader {
  name: string;
  value: string;
}

/**
 * Pull sources: a unit's URL serving figures in the template's shape, fetched on a cron schedule
 * (Asia/Shanghai). Registered and changed by administrators, checked (the cron parses, every indicator
 * is assigned to the unit), audited; the auth header is sealed with PULL_SECRET_KEY and never answered.
 */
@Injectable()
export class PullSourcesService {
  private readonly box: SecretBox | undefined;

  constructor(
    private readonly database: Database,
    private readonly repository: PullSourcesRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = config.pulls.secretKey && new SecretBox(config.pulls.secretKey);
  }

  async list(department: string | undefined): Promise<PullSource[]> {
    const rows = await this.repository.list(department);
    const last = await this.repository.lastRuns(rows.map((r) => r.id));
    return rows.map((row) => this.toSource(row, last.get(row.id) ?? null));
  }

  async create(body: CreateBody, actor: string): Promise<PullSource> {
    if (body.authHeader && !this.box) throw new DomainError('pull_secret_key_missing');
    const now = this.clock.now();
    const id = await this.database.transaction(async (db) => {
      const fields: PullSourceFields = {
        name: body.name,
        url: body.url,
        format: body.format,
        cron: body.cron,
        indicators: [...new Set(body.indicators)],
        periods: body.periods,
        authHeader: null,
        enabled: body.enabled,
        maxFailures: body.maxFailures,
        nextRunAt: null,
      };
      fields.nextRunAt = await this.check(db, body.department, fields, now);
      if (body.authHeader) fields.authHeader = this.seal(body.authHeader);
      const id = await this.repository.insert(db, body.department, fields, actor, now);
      await this.audit.record(
        {
          action: 'pull_source.create',
          entity: 'pull_source',
          entityId: id,
          after: auditView(body.department, fields),
        },
        db,
      );
      return id;
    });
    return this.get(id);
  }

  async update(id: string, body: PatchBody): Promise<PullSource> {
    if (body.authHeader && !this.box) throw new DomainError('pull_secret_key_missing');
    const now = this.clock.now();
    await this.database.transaction(async (db) => {
      const known = await this.found(db, id, true);
      const fields: PullSourceFields = {
        name: body.name ?? known.name,
        url: body.url ?? known.url,
        format: body.format ?? known.format,
        cron: body.cron ?? known.cron,
        indicators: body.indicators ? [...new Set(body.indicators)] : known.indicators,
        periods: body.periods ?? known.periods,
        authHeader: known.authHeader,
        enabled: body.enabled ?? known.enabled,
        maxFailures: body.maxFailures ?? known.maxFailures,
        nextRunAt: known.nextRunAt,
      };
      const next = await this.check(
        db,
        known.departmentCode,
        fields,
        now,
        body.indicators !== undefined,
      );
      // A new schedule, or a source switched back on, runs at the cron's next time; otherwise a
      // pending retry keeps its time.
      if (
        fields.cron !== known.cron ||
        (fields.enabled && !known.enabled) ||
        fields.nextRunAt === null
      ) {
        fields.nextRunAt = next;
      }
      if (body.authHeader !== undefined) {
        fields.authHeader = body.authHeader === null ? null : this.seal(body.authHeader);
      }
      await this.repository.update(db, id, fields, now);
      await this.audit.record(
        {
          action: 'pull_source.update',
          entity: 'pull_source',
          entityId: id,
          before: auditView(known.departmentCode, known),
          after: auditView(known.departmentCode, fields),
        },
        db,
      );
    });
    return this.get(id);
  }

  async delete(id: string): Promise<void> {
    await this.database.transaction(async (db) => {
      const known = await this.found(db, id, true);
      await this.repository.delete(db, id);
      await this.audit.record(
        {
          action: 'pull_source.delete',
          entity: 'pull_source',
          entityId: id,
          before: auditView(known.departmentCode, known),
        },
        db,
      );
    });
  }

  async runs(id: string, limit: number): Promise<PullRun[]> {
    await this.found(this.database.db, id);
    return (await this.repository.runs(id, limit)).map(toPullRun);
  }

  async get(id: string): Promise<PullSource> {
    const row = await this.found(this.database.db, id);
    const last = await this.repository.lastRuns([id]);
    return this.toSource(row, last.get(id) ?? null);
  }

  /** The header to send; throws SecretUnreadable when the key is missing or changed. */
  openHeader(sealed: string): AuthHeader {
    if (!this.box) {
      throw new Error('the auth header cannot be decrypted: PULL_SECRET_KEY is not set');
    }
    return JSON.parse(this.box.open(sealed)) as AuthHeader;
  }

  private async found(db: EntityManager, id: string, lock = false): Promise<PullSourceRow> {
    const row = await this.repository.get(db, id, lock);
    if (!row) throw new DomainError('pull_source_not_found', { id });
    return row;
  }

  /**
   * Every problem of the source at once (nothing is stored when there is one); its next run. A patch
   * checks the indicators only when it changes them: an assignment withdrawn since must not stop an
   * administrator from renaming or switching off the source (its pulls are refused row by row).
   */
  private async check(
    db: EntityManager,
    department: string,
    fields: PullSourceFields,
    now: Date,
    checkIndicators = true,
  ): Promise<Date> {
    const problems: ValidationProblem[] = [];
    const next = nextCronTime(fields.cron, now);
    if (!next.ok) {
      problems.push({
        path: 'cron',
        key: 'cron_invalid',
        values: { cron: fields.cron, reason: next.reason },
      });
    }
    const departmentName = await this.repository.departmentName(db, department);
    if (departmentName === undefined) {
      problems.push({
        path: 'department',
        key: 'unknown_department',
        values: { code: department },
      });
    } else if (checkIndicators) {
      const assigned = await this.repository.assignedIndicators(db, department, fields.indicators);
      fields.indicators.forEach((indicator, index) => {
        if (!assigned.has(indicator)) {
          problems.push({
            path: `indicators.${index}`,
            key: 'indicator_not_assigned',
            values: { indicator, department: departmentName },
          });
        }
      });
    }
    assertNoProblems(problems);
    return next.ok ? next.at : now;
  }

  private seal(header: { name: string; value: string }): string {
    if (!this.box) throw new DomainError('pull_secret_key_missing');
    return this.box.seal(JSON.stringify({ name: header.name, value: header.value }));
  }

  /** The header's name, for answers: read from the sealed value (null when it cannot be opened). */
  private headerName(sealed: string | null): { name: string } | null {
    if (sealed === null) return null;
    try {
      return { name: this.openHeader(sealed).name };
    } catch {
      // Sealed under another key: the runs say so; the answer still shows that a header is set.
      return { name: '?' };
    }
  }

  private toSource(row: PullSourceRow, lastRun: PullRunRow | null): PullSource {
    return {
      id: row.id,
      department: { code: row.departmentCode, name: row.departmentName },
      name: row.name,
      url: row.url,
      format: row.format,
      cron: row.cron,
      indicators: row.indicators,
      periods: row.periods,
      authHeader: this.headerName(row.authHeader),
      enabled: row.enabled,
      maxFailures: row.maxFailures,
      consecutiveFailures: row.consecutiveFailures,
      nextRunAt: row.nextRunAt?.toISOString() ?? null,
      flaggedAt: row.flaggedAt?.toISOString() ?? null,
      lastRun: lastRun && toPullRun(lastRun),
      createdBy: row.createdBy,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  }
}

/** What the audit trail keeps of a source: never the header's value. */
function auditView(
  department: string,
  fields: Omit<PullSourceFields, 'nextRunAt'> & { authHeader: string | null },
): Record<string, unknown> {
  return {
    department,
    name: fields.name,
    url: fields.url,
    format: fields.format,
    cron: fields.cron,
    indicators: fields.indicators,
    periods: fields.periods,
    authHeader: fields.authHeader !== null,
    enabled: fields.enabled,
    maxFailures: fields.maxFailures,
  };
}
