import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import type { ApiKey } from '@zhibiao/contracts';
import type { ApiKeyCreateSchema, ApiKeyCreatedSchema } from '@zhibiao/contracts';
import { AuditService } from '../audit/audit.service.js';
import { randomToken, sha256 } from '../auth/passwords.js';
import type { Principal } from '../auth/principal.js';
import { ReferenceService } from '../catalog/reference.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import { API_KEY_PREFIX, parseApiKey } from './api-key-token.js';
import { ApiKeyRepository, type ApiKeyRow } from './api-key.repository.js';

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    department: { code: row.department_code, name: row.department_name },
    prefix: `${API_KEY_PREFIX}${row.prefix}`,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
  };
}

/** Keys for departments' own systems: they act as the department's reporters. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly database: Database,
    private readonly keys: ApiKeyRepository,
    private readonly references: ReferenceService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<ApiKey[]> {
    return (await this.keys.list()).map(toApiKey);
  }

  async create(
    input: z.output<typeof ApiKeyCreateSchema>,
  ): Promise<z.output<typeof ApiKeyCreatedSchema>> {
    const prefix = randomToken(12)
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 8)
      .padEnd(8, '0');
    const secret = randomToken(32);
    const id = await this.database.transaction(async (db) => {
      assertNoProblems([
        ...((await this.references.departmentCodes(db)).has(input.department)
          ? []
          : [
              {
                path: 'department',
                key: 'unknown_department' as const,
                values: { code: input.department },
              },
            ]),
        ...(input.expiresAt && new Date(input.expiresAt) <= this.clock.now()
          ? [{ path: 'expiresAt', key: 'expiry_in_past' as const }]
          : []),
      ]);
      const created = await this.keys.insert(db, {
        name: input.name,
        departmentCode: input.department,
        prefix,
        secretHash: sha256(secret),
        expiresAt: input.expiresAt ?? null,
      });
      const row = await this.keys.find(created, db);
      await this.audit.record(
        {
          action: 'api_key.create',
          entity: 'api_key',
          entityId: created,
          after: row ? toApiKey(row) : null,
        },
        db,
      );
      return created;
    });
    const row = await this.keys.find(id);
    if (!row) throw new DomainError('api_key_not_found', { id });
    return { ...toApiKey(row), key: `${API_KEY_PREFIX}${prefix}_${secret}` };
  }

  /**
   * Who a bearer token of API key shape is: the key's department's reporter, or null when the key is
   * unknown, wrong, revoked or expired. Notes the use.
   */
  async authenticate(token: string): Promise<Principal | null> {
    const parsed = parseApiKey(token);
    if (!parsed) return null;
    const key = await this.keys.findByPrefix(parsed.prefix);
    const now = this.clock.now();
    if (
      !key ||
      key.secret_hash !== sha256(parsed.secret) ||
      key.revoked_at ||
      (key.expires_at && key.expires_at <= now)
    ) {
      return null;
    }
    await this.keys.touch(key.id);
    return {
      kind: 'api_key',
      id: key.id,
      prefix: key.prefix,
      name: key.name,
      roles: ['reporter'],
      departmentCode: key.department_code,
    };
  }

  async revoke(id: string): Promise<void> {
    await this.database.transaction(async (db) => {
      const row = await this.keys.find(id, db);
      if (!row) throw new DomainError('api_key_not_found', { id });
      await this.keys.revoke(db, id);
      await this.audit.record(
        { action: 'api_key.revoke', entity: 'api_key', entityId: id, before: toApiKey(row) },
        db,
      );
    });
  }
}
