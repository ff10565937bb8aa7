import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { User, UserCreate, UserUpdate, ValidationProblem } from '@zhibiao/contracts';
import { AuditService } from '../audit/audit.service.js';
import { hashPassword } from '../auth/passwords.js';
import { ReferenceService } from '../catalog/reference.service.js';
import { DomainError } from '../common/domain-error.js';
import { assertNoProblems } from '../common/validation-failed.js';
import { Database } from '../database/database.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { toUser, type UserAccount, type UserWrite } from './user.js';
import { UserRepository } from './user.repository.js';

/** Users: administered here; found and created by sign-in (password or single sign-on). */
@Injectable()
export class UsersService {
  constructor(
    private readonly database: Database,
    private readonly users: UserRepository,
    private readonly sessions: SessionsService,
    private readonly references: ReferenceService,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<User[]> {
    return (await this.users.list()).map(toUser);
  }

  async create(input: UserCreate): Promise<User> {
    const id = await this.database.transaction(async (db) => {
      const user: UserWrite = {
        username: input.username,
        displayName: input.displayName,
        email: input.email ?? null,
        departmentCode: input.department ?? null,
        roles: [...new Set(input.roles)],
        disabled: false,
      };
      const problems = await this.problems(db, user);
      if (await this.users.findBy('username', user.username, db)) {
        problems.unshift({
          path: 'username',
          key: 'username_taken',
          values: { username: user.username },
        });
      }
      assertNoProblems(problems);
      const created = await this.users.insert(db, user, {
        passwordHash: await hashPassword(input.password),
        oidcSubject: null,
      });
      await this.audit.record(
        {
          action: 'user.create',
          entity: 'user',
          entityId: created,
          after: toUser(await this.account(db, created)),
        },
        db,
      );
      return created;
    });
    return toUser(await this.account(this.database.db, id));
  }

  async update(id: string, input: UserUpdate): Promise<User> {
    await this.database.transaction(async (db) => {
      const current = await this.account(db, id);
      const user: UserWrite = {
        username: current.username,
        displayName: input.displayName ?? current.displayName,
        email: input.email === undefined ? current.email : input.email,
        departmentCode:
          input.department === undefined ? (current.department?.code ?? null) : input.department,
        roles: input.roles === undefined ? current.roles : [...new Set(input.roles)],
        disabled: input.disabled ?? current.disabled,
      };
      const problems = await this.problems(db, user);
      // Someone must always be able to administer: the last active admin stays one.
      const staysAdmin = user.roles.includes('admin') && !user.disabled;
      if (current.roles.includes('admin') && !current.disabled && !staysAdmin) {
        if ((await this.users.countActiveAdmins(db)) <= 1) {
          problems.push({ path: user.disabled ? 'disabled' : 'roles', key: 'last_admin' });
        }
      }
      assertNoProblems(problems);
      await this.users.update(db, id, user);
      // A disabled user is signed out everywhere at once.
      if (user.disabled && !current.disabled) await this.sessions.endAllOf(db, id);
      await this.audit.record(
        {
          action: 'user.update',
          entity: 'user',
          entityId: id,
          before: toUser(current),
          after: toUser(await this.account(db, id)),
        },
        db,
      );
    });
    return toUser(await this.account(this.database.db, id));
  }

  /** Sets a user's password and ends their sessions. */
  async resetPassword(id: string, password: string): Promise<void> {
    await this.database.transaction(async (db) => {
      await this.account(db, id);
      await this.users.setPasswordHash(db, id, await hashPassword(password));
      await this.sessions.endAllOf(db, id);
      await this.audit.record({ action: 'user.reset_password', entity: 'user', entityId: id }, db);
    });
  }

  /** Whether a user with this id exists, in `db`. */
  async exists(id: string, db?: EntityManager): Promise<boolean> {
    return (await this.users.findBy('id', id, db)) !== undefined;
  }

  // What sign-in reads and writes of accounts (auth/): by name, id or single-sign-on subject.

  findByUsername(username: string, db?: EntityManager): Promise<UserAccount | undefined> {
    return this.users.findBy('username', username, db);
  }

  findById(id: string, db?: EntityManager): Promise<UserAccount | undefined> {
    return this.users.findBy('id', id, db);
  }

  findByOidcSubject(subject: string): Promise<UserAccount | undefined> {
    return this.users.findBy('oidc_subject', subject);
  }

  /** Inserts an account as sign-in creates one (the first admin, demo users, single sign-on). */
  insertAccount(
    db: EntityManager,
    user: UserWrite,
    secret: { passwordHash: string | null; oidcSubject: string | null },
  ): Promise<string> {
    return this.users.insert(db, user, secret);
  }

  setPasswordHash(db: EntityManager, id: string, hash: string): Promise<void> {
    return this.users.setPasswordHash(db, id, hash);
  }

  setOidcSubject(db: EntityManager, id: string, subject: string): Promise<void> {
    return this.users.setOidcSubject(db, id, subject);
  }

  private async account(db: EntityManager, id: string): Promise<UserAccount> {
    const account = await this.users.findBy('id', id, db);
    if (!account) throw new DomainError('user_not_found', { id });
    return account;
  }

  private async problems(db: EntityManager, user: UserWrite): Promise<ValidationProblem[]> {
    const problems: ValidationProblem[] = [];
    if (
      user.departmentCode !== null &&
      !(await this.references.departmentCodes(db)).has(user.departmentCode)
    ) {
      problems.push({
        path: 'department',
        key: 'unknown_department',
        values: { code: user.departmentCode },
      });
    }
    if (user.roles.includes('reporter') && user.departmentCode === null) {
      problems.push({ path: 'department', key: 'reporter_needs_department' });
    }
    return problems;
  }
}
