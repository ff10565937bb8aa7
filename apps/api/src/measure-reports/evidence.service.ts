import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  API_BASE_PATH,
  EvidenceInSchema,
  type Evidence,
  type ValidationProblem,
} from '@zhibiao/contracts';
import type { EntityManager } from 'typeorm';
import type { z } from 'zod';
import { AuditService } from '../audit/audit.service.js';
import { principalName, type Principal } from '../auth/principal.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import { storedFileName } from '../measurements/measurements.controller.js';
import { describeRefused, EVIDENCE_TYPES_TEXT, sniffEvidenceType } from './evidence-type.js';
import { EvidenceRepository, type EvidenceFileMeta } from './evidence.repository.js';
import type { StoredEvidence } from './measure-report.repository.js';

export type { StoredEvidence } from './measure-report.repository.js';
export type EvidenceIn = z.output<typeof EvidenceInSchema>;

export interface EvidenceFileOut {
  id: string;
  name: string;
  size: number;
  contentType: string;
  uploadedAt: string;
  by: string;
}

const toFileOut = (meta: EvidenceFileMeta): EvidenceFileOut => ({
  id: meta.id,
  name: meta.name,
  size: meta.size,
  contentType: meta.contentType,
  uploadedAt: meta.uploadedAt.toISOString(),
  by: meta.uploadedBy,
});

/**
 * Evidence (佐证材料): files uploaded once and cited by id, and links. Measure reports, node task
 * completions and replies to notices cite them: `resolve` checks what a request cites and answers
 * what to store (jsonb), `present` turns what was stored into the API's Evidence objects.
 */
/** Who cites evidence: a signed-in user or key by its audit name, or the demo acting as a unit. */
export interface Citer {
  name: string;
  department: string | null;
}

/** The citer of a signed-in user or key. */
export function citerOf(principal: Principal): Citer {
  return { name: principalName(principal), department: principal.departmentCode };
}

@Injectable()
export class EvidenceService {
  constructor(
    private readonly database: Database,
    private readonly repository: EvidenceRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Keeps an uploaded file whose bytes are one of the accepted kinds; refuses anything else. */
  async upload(
    principal: Principal,
    file: { originalname: string; buffer: Buffer },
  ): Promise<EvidenceFileOut> {
    const name = storedFileName(file.originalname);
    const contentType = sniffEvidenceType(file.buffer);
    if (!contentType) {
      throw new DomainError('evidence_type_refused', {
        type: describeRefused(name),
        allowed: EVIDENCE_TYPES_TEXT,
      });
    }
    return this.database.transaction(async (db) => {
      const meta = await this.repository.insert(db, {
        name,
        contentType,
        size: file.buffer.length,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        content: file.buffer,
        departmentCode: principal.departmentCode,
        uploadedBy: principalName(principal),
        uploadedAt: this.clock.stamp(),
      });
      await this.audit.record(
        {
          action: 'evidence.upload',
          entity: 'evidence_file',
          entityId: meta.id,
          after: { name, contentType, size: meta.size, department: meta.departmentCode },
        },
        db,
      );
      return toFileOut(meta);
    });
  }

  /** A file's bytes as uploaded, with its name and sniffed type. */
  async download(id: string): Promise<{ name: string; contentType: string; content: Buffer }> {
    const file = await this.repository.content(id);
    if (!file) throw new DomainError('evidence_not_found', { id });
    return file;
  }

  /**
   * The problems of what a request cites (paths `${path}.N.id`) and what to store. A file must exist
   * and be the unit's own (`department`, the unit the report or reply is for), the caller's unit's,
   * or uploaded by the caller; links were checked by the schema (http or https only).
   */
  async check(
    db: EntityManager,
    items: readonly EvidenceIn[],
    citer: Citer,
    department: string | null = citer.department,
    path = 'evidence',
  ): Promise<{ stored: StoredEvidence[]; problems: ValidationProblem[] }> {
    const ids = items.flatMap((item) => (item.kind === 'file' ? [item.id] : []));
    const files = new Map((await this.repository.metas(ids, db)).map((m) => [m.id, m]));
    const by = citer.name;
    const problems: ValidationProblem[] = [];
    const stored = items.map((item, index): StoredEvidence => {
      if (item.kind === 'link') return { kind: 'link', title: item.title, url: item.url };
      const id = String(BigInt(item.id));
      const file = files.get(id);
      const mine =
        file !== undefined &&
        (file.uploadedBy === by ||
          (file.departmentCode !== null &&
            (file.departmentCode === department || file.departmentCode === citer.department)));
      if (!mine) {
        problems.push({
          path: `${path}.${index}.id`,
          key: 'evidence_file_unknown',
          values: { id },
        });
      }
      return { kind: 'file', id };
    });
    return { stored, problems };
  }

  /** `check`, refusing with 400 validation_failed when anything cited is wrong. */
  async resolve(
    db: EntityManager,
    items: readonly EvidenceIn[],
    citer: Citer,
    department: string | null = citer.department,
    path = 'evidence',
  ): Promise<StoredEvidence[]> {
    const { stored, problems } = await this.check(db, items, citer, department, path);
    assertNoProblems(problems);
    return stored;
  }

  /** What was stored, as the API shows it (a file with its name, size, type and download URL). */
  async present(stored: readonly StoredEvidence[], db?: EntityManager): Promise<Evidence[]> {
    return (await this.presentMany([stored], db))[0] ?? [];
  }

  /**
   * Evidence already shaped for the API whose file items carry only their id (read with their
   * record, before this service was asked): fills each file's name, size and type in place, with one
   * query; a file that is not (or no longer) there keeps its id and download URL.
   */
  async completeFiles(lists: readonly (readonly Evidence[] | null | undefined)[]): Promise<void> {
    const items = lists.flatMap((list) => (list ?? []).filter((e) => e.kind === 'file'));
    if (items.length === 0) return;
    const files = new Map(
      (await this.repository.metas(items.map((item) => item.id))).map((m) => [m.id, m]),
    );
    for (const item of items) {
      const file = files.get(item.id);
      if (!file) continue;
      Object.assign(item, { name: file.name, size: file.size, contentType: file.contentType });
    }
  }

  /** `present` for many lists at once, with one query. */
  async presentMany(
    lists: readonly (readonly StoredEvidence[])[],
    db?: EntityManager,
  ): Promise<Evidence[][]> {
    const ids = lists.flatMap((list) => list.flatMap((e) => (e.kind === 'file' ? [e.id] : [])));
    const files = new Map((await this.repository.metas(ids, db)).map((m) => [m.id, m]));
    return lists.map((list) =>
      list.flatMap((e): Evidence[] => {
        if (e.kind === 'link') return [{ kind: 'link', title: e.title, url: e.url }];
        const file = files.get(e.id);
        if (!file) return [];
        return [
          {
            kind: 'file',
            id: file.id,
            name: file.name,
            size: file.size,
            contentType: file.contentType,
            url: `${API_BASE_PATH}/evidence/${file.id}`,
          },
        ];
      }),
    );
  }
}
