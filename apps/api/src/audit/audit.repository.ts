import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';

export interface AuditRow {
  id: string;
  at: Date;
  actor_kind: 'user' | 'api_key' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  outcome: 'done' | 'denied';
  before: unknown;
  after: unknown;
  ip: string | null;
  correlation_id: string | null;
}

export type AuditWrite = Omit<AuditRow, 'id' | 'at'>;

export interface AuditFilter {
  actor?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  outcome?: 'done' | 'denied' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  before?: string | undefined;
  limit: number;
}

/** SQL of the audit trail: insert and read, nothing else (the table refuses updates and deletes). */
@Injectable()
export class AuditRepository {
  constructor(private readonly database: Database) {}

  async insert(db: EntityManager, entry: AuditWrite): Promise<void> {
    await db.query(
      `INSERT INTO audit_log (actor_kind, actor_id, actor_name, action, entity, entity_id, outcome, before,
                              after, ip, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10, $11)`,
      [
        entry.actor_kind,
        entry.actor_id,
        entry.actor_name,
        entry.action,
        entry.entity,
        entry.entity_id,
        entry.outcome,
        entry.before === null ? null : JSON.stringify(entry.before),
        entry.after === null ? null : JSON.stringify(entry.after),
        entry.ip,
        entry.correlation_id,
      ],
    );
  }

  async list(filter: AuditFilter): Promise<AuditRow[]> {
    return this.database.db.query(
      `SELECT id::text AS id, at, actor_kind, actor_id, actor_name, action, entity, entity_id, outcome,
              before, after, ip, correlation_id
         FROM audit_log
        WHERE ($1::text IS NULL OR actor_name = $1)
          AND ($2::text IS NULL OR entity = $2)
          AND ($3::text IS NULL OR entity_id = $3)
          AND ($4::text IS NULL OR action = $4)
          AND ($5::text IS NULL OR outcome = $5)
          AND ($6::timestamptz IS NULL OR at >= $6::timestamptz)
          AND ($7::timestamptz IS NULL OR at < $7::timestamptz)
          AND ($8::bigint IS NULL OR id < $8::bigint)
        ORDER BY audit_log.id DESC
        LIMIT $9`,
      [
        filter.actor ?? null,
        filter.entity ?? null,
        filter.entityId ?? null,
        filter.action ?? null,
        filter.outcome ?? null,
        filter.from ?? null,
        filter.to ?? null,
        filter.before ?? null,
        filter.limit,
      ],
    );
  }
}
