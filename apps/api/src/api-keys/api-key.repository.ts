import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '../database/database.js';

export interface ApiKeyRow {
  id: string;
  name: string;
  department_code: string;
  department_name: string;
  prefix: string;
  secret_hash: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const KEY_COLUMNS = `k.id::text AS id, k.name, k.department_code, d.name AS department_name, k.prefix,
       k.secret_hash, k.created_at, k.expires_at, k.revoked_at, k.last_used_at`;

/** SQL of API keys. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly database: Database) {}

  async list(): Promise<ApiKeyRow[]> {
    return this.database.db.query(
      `SELECT ${KEY_COLUMNS} FROM api_key k JOIN department d ON d.code = k.department_code ORDER BY k.id DESC`,
    );
  }

  async find(id: string, db: EntityManager = this.database.db): Promise<ApiKeyRow | undefined> {
    const rows: ApiKeyRow[] = await db.query(
      `SELECT ${KEY_COLUMNS} FROM api_key k JOIN department d ON d.code = k.department_code WHERE k.id = $1::bigint`,
      [id],
    );
    return rows[0];
  }

  async findByPrefix(prefix: string): Promise<ApiKeyRow | undefined> {
    const rows: ApiKeyRow[] = await this.database.db.query(
      `SELECT ${KEY_COLUMNS} FROM api_key k JOIN department d ON d.code = k.department_code WHERE k.prefix = $1`,
      [prefix],
    );
    return rows[0];
  }

  async insert(
    db: EntityManager,
    key: {
      name: string;
      departmentCode: string;
      prefix: string;
      secretHash: string;
      expiresAt: string | null;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO api_key (name, department_code, prefix, secret_hash, expires_at)
       VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
      [key.name, key.departmentCode, key.prefix, key.secretHash, key.expiresAt],
    );
    return rows[0]?.id ?? '';
  }

  async revoke(db: EntityManager, id: string): Promise<void> {
    await db.query(
      `UPDATE api_key SET revoked_at = now() WHERE id = $1::bigint AND revoked_at IS NULL`,
      [id],
    );
  }

  /** Notes the use, at most once a minute per key, so a busy key does not write on every request. */
  async touch(id: string): Promise<void> {
    await this.database.db.query(
      `UPDATE api_key SET last_used_at = now()
        WHERE id = $1::bigint AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}
