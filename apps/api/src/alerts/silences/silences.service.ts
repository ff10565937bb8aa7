import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SilenceOut } from '@zhibiao/contracts';
import { AuditService } from '../../audit/audit.service.js';
import { principalName, type Principal } from '../../auth/principal.js';
import { IndicatorService } from '../../catalog/indicator.service.js';
import { ReferenceService } from '../../catalog/reference.service.js';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { assertNoProblems } from '../../common/validation-failed.js';
import { Database } from '../../database/database.js';
import type { Silence } from './silence.js';
import { SilencesRepository } from './silences.repository.js';

function toSilenceOut(silence: Silence, now: Date): SilenceOut {
  return {
    id: silence.id,
    indicator: silence.indicator,
    department: silence.department,
    rule: silence.rule,
    startsAt: silence.startsAt.toISOString(),
    endsAt: silence.endsAt.toISOString(),
    reason: silence.reason,
    createdBy: silence.createdBy,
    active: silence.startsAt <= now && silence.endsAt > now,
  };
}

/** Silences: windows during which new alerts of an indicator, department or rule fire silenced. */
@Injectable()
export class SilencesService {
  constructor(
    private readonly database: Database,
    private readonly repository: SilencesRepository,
    private readonly indicators: IndicatorService,
    private readonly references: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The silences running at `at`, in `db` (an evaluation's transaction). */
  active(db: EntityManager, at: Date): Promise<Silence[]> {
    return this.repository.active(db, at);
  }

  async list(): Promise<SilenceOut[]> {
    const now = this.clock.stamp();
    return (await this.repository.latest(now)).map((s) => toSilenceOut(s, now));
  }

  async create(
    principal: Principal,
    body: {
      indicator?: string | undefined;
      department?: string | undefined;
      rule?: Silence['rule'] | undefined;
      startsAt?: string | undefined;
      endsAt: string;
      reason: string;
    },
  ): Promise<SilenceOut> {
    const now = this.clock.stamp();
    const startsAt = body.startsAt ? new Date(body.startsAt) : now;
    const endsAt = new Date(body.endsAt);
    // Its end is a promise: a silence over before now would silence nothing.
    if (endsAt <= now) {
      assertNoProblems([
        {
          path: 'endsAt',
          key: 'silence_ends_past',
          values: { end: endsAt.toISOString(), now: now.toISOString() },
        },
      ]);
    }
    if (endsAt <= startsAt) {
      assertNoProblems([
        {
          path: 'endsAt',
          key: 'silence_window',
          values: { start: startsAt.toISOString(), end: endsAt.toISOString() },
        },
      ]);
    }
    const created = await this.database.transaction(async (db) => {
      if (body.indicator && !(await this.indicators.exists(body.indicator, db))) {
        throw new DomainError('indicator_not_found', { code: body.indicator });
      }
      if (body.department && !(await this.references.departmentCodes(db)).has(body.department)) {
        throw new DomainError('unknown_department', { code: body.department });
      }
      const silence = await this.repository.insert(db, {
        indicator: body.indicator ?? null,
        department: body.department ?? null,
        rule: body.rule ?? null,
        startsAt,
        endsAt,
        reason: body.reason,
        createdBy: principalName(principal),
      });
      await this.audit.record(
        {
          action: 'silence.create',
          entity: 'silence',
          entityId: `${silence.id}`,
          after: { indicator: body.indicator, department: body.department, rule: body.rule },
        },
        db,
      );
      return silence;
    });
    return toSilenceOut(created, this.clock.stamp());
  }

  async end(id: string): Promise<void> {
    await this.database.transaction(async (db) => {
      if (!(await this.repository.end(db, id, this.clock.stamp()))) {
        throw new DomainError('silence_not_found', { id });
      }
      await this.audit.record(
        {
          action: 'silence.end',
          entity: 'silence',
          entityId: id,
          after: {},
        },
        db,
      );
    });
  }
}
