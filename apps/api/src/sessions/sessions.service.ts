import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SessionRepository, type ActiveSession } from './session.repository.js';

export type { ActiveSession } from './session.repository.js';

/** Signed-in sessions: started by sign-in, found by their token, ended one by one or all at once. */
@Injectable()
export class SessionsService {
  constructor(private readonly sessions: SessionRepository) {}

  /** Records a new session (only the hash of its token); answers its id. */
  start(db: EntityManager, session: Parameters<SessionRepository['insert']>[1]): Promise<string> {
    return this.sessions.insert(db, session);
  }

  /** The session with this token hash when it is live: not revoked, not expired, its user enabled. */
  findActive(tokenHash: string, now: Date): Promise<ActiveSession | undefined> {
    return this.sessions.findActive(tokenHash, now);
  }

  end(db: EntityManager, sessionId: string): Promise<void> {
    return this.sessions.revoke(db, sessionId);
  }

  /** Ends every session of a user but, optionally, one (the caller's own). */
  endAllOf(db: EntityManager, userId: string, except: string | null = null): Promise<void> {
    return this.sessions.revokeAllOf(db, userId, except);
  }
}
