import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Session, User } from '@zhibiao/contracts';
import { API_KEY_PREFIX } from '../api-keys/api-key-token.js';
import { ApiKeysService } from '../api-keys/api-keys.service.js';
import { AuditService } from '../audit/audit.service.js';
import { ReferenceService } from '../catalog/reference.service.js';
import { Clock } from '../common/clock.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database } from '../database/database.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { toUser, type UserAccount, type UserWrite } from '../users/user.js';
import { UsersService } from '../users/users.service.js';
import { LoginThrottle } from './login-throttle.js';
import { hashPassword, randomToken, sha256, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface StartedSession extends Session {
  /** The bearer token, also set as the HttpOnly cookie. */
  token: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('auth');
  private readonly throttle: LoginThrottle;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditService,
    private readonly references: ReferenceService,
    private readonly clock: Clock,
  ) {
    this.throttle = new LoginThrottle({
      addressFailures: config.auth.addressFailures,
      addressWindowMs: config.auth.addressWindowMs,
    });
  }

  /**
   * Checks the password. Too many failures for a username from an address, or from an address across
   * usernames, make the next attempts wait (429 with the seconds in Retry-After).
   */
  async login(username: string, password: string, client: ClientInfo): Promise<StartedSession> {
    const { waitMs, addressExhausted } = this.throttle.begin(username, client.ip);
    if (waitMs > 0) throw new DomainError('login_throttled', { seconds: Math.ceil(waitMs / 1000) });
    const row = await this.users.findByUsername(username);
    const valid = await verifyPassword(row?.passwordHash ?? null, password);
    if (!row || !valid || row.disabled) {
      if (addressExhausted) {
        // Once an address's budget is used up: someone may be trying many usernames from one place.
        this.logger.warn({
          msg: 'sign-in failures from one address used up its budget; refusing it for a while',
          ip: client.ip,
        });
      }
      await this.audit.record({
        action: 'auth.login',
        entity: 'session',
        entityId: null,
        outcome: 'denied',
        actor: { id: null, name: username.slice(0, 64) },
      });
      throw new DomainError('invalid_credentials');
    }
    this.throttle.succeeded(username, client.ip);
    return this.startSession(row, client, 'auth.login');
  }

  /** A session for a user who has proven who they are (password or single sign-on). */
  async startSession(
    row: UserAccount,
    client: ClientInfo,
    action: string,
  ): Promise<StartedSession> {
    const token = randomToken();
    const csrfToken = randomToken(24);
    const expiresAt = new Date(this.clock.now().getTime() + this.config.auth.sessionTtlMs);
    await this.database.transaction(async (db) => {
      const sessionId = await this.sessions.start(db, {
        tokenHash: sha256(token),
        userId: row.id,
        csrfToken,
        expiresAt,
        ip: client.ip,
        userAgent: client.userAgent?.slice(0, 500) ?? null,
      });
      await this.audit.record(
        {
          action,
          entity: 'session',
          entityId: sessionId,
          actor: { id: row.id, name: row.username },
        },
        db,
      );
    });
    return {
      token,
      accessToken: token,
      csrfToken,
      expiresAt: expiresAt.toISOString(),
      user: toUser(row),
    };
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.kind !== 'user') return;
    await this.database.transaction(async (db) => {
      await this.sessions.end(db, principal.sessionId);
      await this.audit.record(
        { action: 'auth.logout', entity: 'session', entityId: principal.sessionId },
        db,
      );
    });
  }

  async me(principal: Principal): Promise<User> {
    if (principal.kind === 'api_key') {
      return {
        id: `key:${principal.id}`,
        username: `zbk_${principal.prefix}`,
        displayName: principal.name,
        email: null,
        department: { code: principal.departmentCode, name: principal.departmentCode },
        roles: principal.roles,
        disabled: false,
        signIn: 'password',
        createdAt: new Date(0).toISOString(),
      };
    }
    const row = await this.users.findById(principal.id);
    if (!row) throw new DomainError('unauthenticated');
    return toUser(row);
  }

  /** Changes one's own password and ends one's other sessions. */
  async changePassword(principal: Principal, current: string, next: string): Promise<void> {
    if (principal.kind !== 'user') throw new DomainError('unauthenticated');
    const row = await this.users.findById(principal.id);
    if (!row || !(await verifyPassword(row.passwordHash, current))) {
      assertNoProblems([{ path: 'currentPassword', key: 'wrong_password' }]);
    }
    await this.database.transaction(async (db) => {
      await this.users.setPasswordHash(db, principal.id, await hashPassword(next));
      await this.sessions.endAllOf(db, principal.id, principal.sessionId);
      await this.audit.record(
        { action: 'auth.change_password', entity: 'user', entityId: principal.id },
        db,
      );
    });
  }

  /** Who a bearer token or session cookie belongs to, or null when it is unknown, expired or revoked. */
  async authenticate(token: string, via: 'cookie' | 'bearer'): Promise<Principal | null> {
    if (via === 'bearer' && token.startsWith(API_KEY_PREFIX))
      return this.apiKeys.authenticate(token);
    const session = await this.sessions.findActive(sha256(token), this.clock.now());
    if (!session) return null;
    return {
      kind: 'user',
      ...session.user,
      sessionId: session.sessionId,
      csrfToken: session.csrfToken,
      via,
    };
  }

  /**
   * The first administrator: when no user `admin` exists, ADMIN_PASSWORD sets its password; without it
   * a random one is printed once, on this start only.
   */
  async ensureFirstAdmin(): Promise<void> {
    if (await this.users.findByUsername('admin')) return;
    const given = this.config.auth.adminPassword;
    const password = given ?? randomToken(12);
    await this.database.transaction(async (db) => {
      const id = await this.users.insertAccount(
        db,
        {
          username: 'admin',
          displayName: '系统管理员',
          email: null,
          departmentCode: null,
          roles: ['admin'],
          disabled: false,
        },
        { passwordHash: await hashPassword(password), oidcSubject: null },
      );
      await this.audit.record(
        { action: 'user.create', entity: 'user', entityId: id, after: { username: 'admin' } },
        db,
      );
    });
    if (given) {
      this.logger.log({ msg: 'created user admin with the password from ADMIN_PASSWORD' });
    } else {
      // Once, on stderr, outside the JSON log, in a box that stands out among the log lines: the
      // operator needs to read it, log collectors need not keep it.
      process.stderr.write(
        boxed([
          `zhibiao: created user "admin" with password ${password}`,
          'shown only now: sign in and change it',
          '(or set ADMIN_PASSWORD before the first start)',
        ]),
      );
    }
  }

  /**
   * DEMO_USERS=1: a reporter per lead department, an analyst and a leader, all with DEMO_PASSWORD.
   * Answers the ids of the users it created now (the demo's inbox is theirs too).
   */
  async ensureDemoUsers(): Promise<string[]> {
    const demo = this.config.auth.demoUsers;
    if (!demo) return [];
    const leads = await this.references.leadDepartments();
    const people: Omit<UserWrite, 'email' | 'disabled'>[] = [
      {
        username: 'analyst',
        displayName: '数据分析员',
        roles: ['analyst'],
        departmentCode: 'big-data-bureau',
      },
      { username: 'leader', displayName: '分管领导', roles: ['leader'], departmentCode: null },
      ...leads.map((d) => ({
        username: d.code,
        displayName: `${d.name}填报员`,
        roles: ['reporter' as const],
        departmentCode: d.code,
      })),
    ];
    const hash = await hashPassword(demo.password);
    return this.database.transaction(async (db) => {
      const created: string[] = [];
      for (const person of people) {
        if (await this.users.findByUsername(person.username, db)) continue;
        created.push(
          await this.users.insertAccount(
            db,
            { ...person, email: null, disabled: false },
            { passwordHash: hash, oidcSubject: null },
          ),
        );
      }
      return created;
    });
  }
}

/** Lines in a plain ASCII box, a blank line before and after: one thing on stderr not to miss. */
export function boxed(lines: readonly string[]): string {
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  const body = lines.map((line) => `| ${line.padEnd(width)} |`);
  return `\n${[rule, ...body, rule].join('\n')}\n\n`;
}
