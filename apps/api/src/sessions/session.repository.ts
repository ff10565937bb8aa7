import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ROLES, type Role } from '@zhibiao/contracts';
import { Database } from '../database/database.js';
import { oneOf } from '../database/rows.js';

interface ActiveSessionRow {
  session_id: string;
  csrf_token: string;
  expires_at: Date;
  user_id: string;
  username: string;
  display_name: string;
  roles: string[];
  department_code: string | null;
}

/** A live session and who it belongs to. */
export interface ActiveSession {
  sessionId: string;
  csrfToken: string;
  expiresAt: Date;
  user: {
    id: string;
    username: string;
    displayName: string;
    roles: Role[];
    departmentCode: string | null;
  };
}

/** SQL of sessions. */
@Injectable()
export class SessionRepository {
  constructor(private readonly database: Database) {}

  async insert(
    db: EntityManager,
    session: {
      tokenHash: string;
      userId: string;
      csrfToken: string;
      expiresAt: Date;
      ip: string | null;
      userAgent: string | null;
    },
  ): Promise<string> {
    const rows: { id: string }[] = await db.query(
      `INSERT INTO user_session (token_hash, user_id, csrf_token, expires_at, ip, user_agent)
       VALUES ($1, $2::bigint, $3, $4, $5, $6) RETURNING id::text AS id`,
      [
        session.tokenHash,
        session.userId,
        session.csrfToken,
        session.expiresAt,
        session.ip,
        session.userAgent,
      ],
    );
    return rows[0]?.id ?? '';
  }

  /** The session with this token hash when it is live: not revoked, not expired, its user enabled. */
  async findActive(tokenHash: string, now: Date): Promise<ActiveSession | undefined> {
    const rows: ActiveSessionRow[] = await this.database.db.query(
      `SELECT s.id::text AS session_id, s.csrf_token, s.expires_at, u.id::text AS user_id, u.username,
              u.display_name, u.roles, u.department_code
         FROM user_session s JOIN app_user u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND NOT u.disabled`,
      [tokenHash, now],
    );
    const row = rows[0];
    return (
      row && {
        sessionId: row.session_id,
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at,
        user: {
          id: row.user_id,
          username: row.username,
          displayName: row.display_name,
          roles: row.roles.map((role) => oneOf(ROLES, role, 'app_user.roles')),
          departmentCode: row.department_code,
        },
      }
    );
  }

  async revoke(db: EntityManager, sessionId: string): Promise<void> {
    await db.query(
      `UPDATE user_session SET revoked_at = now() WHERE id = $1::bigint AND revoked_at IS NULL`,
      [sessionId],
    );
  }

  /** Ends every session of a user but, optionally, one. */
  async revokeAllOf(
    db: EntityManager,
    userId: string,
    except: string | null = null,
  ): Promise<void> {
    await db.query(
      `UPDATE user_session SET revoked_at = now()
        WHERE user_id = $1::bigint AND revoked_at IS NULL AND ($2::bigint IS NULL OR id <> $2::bigint)`,
      [userId, except],
    );
  }
}
