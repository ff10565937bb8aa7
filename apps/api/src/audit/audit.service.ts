import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditEntry } from '@zhibiao/contracts';
import { principalName } from '../auth/principal.js';
import { currentScope } from '../common/request-context.js';
import { Database } from '../database/database.js';
import { AuditRepository, type AuditFilter, type AuditRow } from './audit.repository.js';

export interface AuditEvent {
  action: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'done' | 'denied';
  /** Who, when no signed-in principal is in scope: a login names the user (or the username tried). */
  actor?: { id: string | null; name: string };
}

/**
 * Writes the audit trail. Writes pass their transaction so the entry commits or rolls back with the
 * change; who and from where come from the request in scope (start-up and jobs are "system").
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly database: Database,
    private readonly repository: AuditRepository,
  ) {}

  async record(event: AuditEvent, db: EntityManager = this.database.db): Promise<void> {
    const scope = currentScope();
    const principal = scope?.principal;
    const named = event.actor;
    await this.repository.insert(db, {
      actor_kind: principal ? principal.kind : named?.id ? 'user' : scope ? 'anonymous' : 'system',
      actor_id: principal?.id ?? named?.id ?? null,
      actor_name: principal
        ? principalName(principal)
        : (named?.name ?? (scope ? 'anonymous' : 'system')),
      action: event.action,
      entity: event.entity,
      entity_id: event.entityId,
      outcome: event.outcome ?? 'done',
      before: event.before ?? null,
      after: event.after ?? null,
      ip: scope?.ip ?? null,
      correlation_id: scope?.correlationId ?? null,
    });
  }

  async list(filter: AuditFilter): Promise<AuditEntry[]> {
    return (await this.repository.list(filter)).map(toEntry);
  }
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: row.id,
    at: row.at.toISOString(),
    actor: { kind: row.actor_kind, id: row.actor_id, name: row.actor_name },
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    outcome: row.outcome,
    before: row.before ?? null,
    after: row.after ?? null,
    ip: row.ip,
    correlationId: row.correlation_id,
  };
}
