import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ROLES } from '@zhibiao/contracts';
import { Database } from '../database/database.js';
import { oneOf } from '../database/rows.js';
import type { UserAccount, UserWrite } from './user.js';

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  department_code: string | null;
  department_name: string | null;
  roles: string[];
  disabled: boolean;
  password_hash: string | null;
  oidc_subject: string | null;
  created_at: Date;
}

const USER_COLUMNS = `u.id::text AS id, u.username, u.display_name, u.email, u.department_code,
       d.name AS department_name, u.roles, u.disabled, u.password_hash, u.oidc_subject, u.created_at`;

function toAccount(row: UserRow): UserAccount {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    department:
      row.department_code === null
        ? null
        : { code: row.department_code, name: row.department_name ?? row.department_code },
    roles: row.roles.map((role) => oneOf(ROLES, role, 'app_user.roles')),
    disabled: row.disabled,
    passwordHash: row.password_hash,
    oidcSubject: row.oidc_subject,
    createdAt: row.created_at,
  };
}

/** SQL of users. */
@Injectable()
export class UserRepository {
  constructor(private readonly database: Database) {}

  async list(): Promise<UserAccount[]> {
    const rows: UserRow[] = await this.database.db.query(
      `SELECT ${USER_COLUMNS} FROM app_user u LEFT JOIN department d ON d.code = u.department_code
        ORDER BY u.username`,
    );
    return rows.map(toAccount);
  }

  async findBy(
    column: 'id' | 'username' | 'oidc_subject',
    value: string,
    db: EntityManager = this.database.db,
  ): Promise<UserAccount | undefined> {
    const where = column === 'id' ? 'u.id = $1::bigint' : `u.${column} = $1`;
    const rows: UserRow[] = await db.query(
      `SELECT ${USER_COLUMNS} FROM app_user u LEFT JOIN department d ON d.code = u.department_code
        WHERE ${where}`,
      [value],
    );
    return rows[0] && toAccount(rows[0]);
  }

  async countActiveAdmins(db: EntityManager): Promise<number> {
    const rows: { n: number }[] = await db.query(
      `SELECT count(*)::int AS n FROM app_user WHERE 'admin' = ANY(roles) AND NOT disabled`,
    );
    return rows[0]?.n ?? 0;
  }

  async insert(
    db: EntityManager,
    user: UserWrite,
    secret: { passwordHash: string | null; oidcSubject: string | null },
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO app_user (username, display_name, email, department_code, roles, disabled, password_hash,
                             oidc_subject)
       VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8) RETURNING id::text AS id`,
      [
        user.username,
        user.displayName,
        user.email,
        user.departmentCode,
        user.roles,
        user.disabled,
        secret.passwordHash,
        secret.oidcSubject,
      ],
    );
    return rows[0]?.id ?? '';
  }

  async update(db: EntityManager, id: string, user: UserWrite): Promise<void> {
    await db.query(
      `UPDATE app_user SET display_name = $2, email = $3, department_code = $4, roles = $5::text[],
                           disabled = $6, updated_at = now()
        WHERE id = $1::bigint`,
      [id, user.displayName, user.email, user.departmentCode, user.roles, user.disabled],
    );
  }

  async setPasswordHash(db: EntityManager, id: string, hash: string): Promise<void> {
    await db.query(
      `UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1::bigint`,
      [id, hash],
    );
  }

  async setOidcSubject(db: EntityManager, id: string, subject: string): Promise<void> {
    await db.query(
      `UPDATE app_user SET oidc_subject = $2, updated_at = now() WHERE id = $1::bigint`,
      [id, subject],
    );
  }
}
