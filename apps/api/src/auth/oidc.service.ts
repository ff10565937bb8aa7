import { Inject, Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Database } from '../database/database.js';
import type { UserAccount } from '../users/user.js';
import { UsersService } from '../users/users.service.js';
import { AuthService, type ClientInfo, type StartedSession } from './auth.service.js';

/** The profile claims UserInfo gives, over those of the ID token. */
function pickProfile(profile: oidc.UserInfoResponse): Partial<oidc.IDToken> {
  return Object.fromEntries(
    (['preferred_username', 'name', 'email'] as const)
      .filter((claim) => typeof profile[claim] === 'string')
      .map((claim) => [claim, profile[claim] as string]),
  );
}

/** What the browser keeps between leaving for the identity provider and coming back. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
}

/**
 * Single sign-on through a generic OpenID Connect provider (the province's unified identity service):
 * authorization code flow with PKCE. A user is matched by subject, then by username; someone new is
 * created with no roles until an administrator grants them.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('oidc');
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly database: Database,
    private readonly users: UsersService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  get redirectUri(): string {
    return `${this.config.auth.publicUrl}/api/v1/auth/oidc/callback`;
  }

  /** Where to send the browser, and what to remember until it comes back. */
  async start(): Promise<{ url: string; pending: PendingLogin }> {
    const configuration = await this.discover();
    const pending: PendingLogin = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      verifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: 'openid profile email',
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, pending };
  }

  /** Completes the flow: checks state, nonce and PKCE, finds or creates the user, starts a session. */
  async finish(
    callbackUrl: URL,
    pending: PendingLogin,
    client: ClientInfo,
  ): Promise<StartedSession> {
    const configuration = await this.discover();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
      // Profile claims (username, name, e-mail) may come only from the UserInfo endpoint.
      if (claims && configuration.serverMetadata().userinfo_endpoint) {
        const profile = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        claims = { ...claims, ...pickProfile(profile) };
      }
    } catch (error) {
      throw new DomainError('oidc_failed', { reason: (error as Error).message });
    }
    if (!claims) throw new DomainError('oidc_failed', { reason: 'no ID token' });
    const row = await this.userFor(claims);
    if (row.disabled) {
      await this.audit.record({
        action: 'auth.oidc_login',
        entity: 'session',
        entityId: null,
        outcome: 'denied',
        actor: { id: row.id, name: row.username },
      });
      throw new DomainError('invalid_credentials');
    }
    return this.auth.startSession(row, client, 'auth.oidc_login');
  }

  private async userFor(claims: oidc.IDToken): Promise<UserAccount> {
    const subject = `${claims.iss}|${claims.sub}`;
    const known = await this.users.findByOidcSubject(subject);
    if (known) return known;
    const username = (
      typeof claims.preferred_username === 'string' ? claims.preferred_username : claims.sub
    ).slice(0, 64);
    return this.database.transaction(async (db) => {
      const byName = await this.users.findByUsername(username, db);
      if (byName) {
        await this.users.setOidcSubject(db, byName.id, subject);
        return (await this.users.findById(byName.id, db)) ?? byName;
      }
      const id = await this.users.insertAccount(
        db,
        {
          username,
          displayName: (typeof claims.name === 'string' ? claims.name : username).slice(0, 100),
          email: typeof claims.email === 'string' ? claims.email : null,
          departmentCode: null,
          roles: [],
          disabled: false,
        },
        { passwordHash: null, oidcSubject: subject },
      );
      await this.audit.record(
        { action: 'user.create', entity: 'user', entityId: id, after: { username, via: 'oidc' } },
        db,
      );
      this.logger.log({
        msg: 'created a user on first single sign-on; an administrator grants roles',
        username,
      });
      const created = await this.users.findById(id, db);
      if (!created) throw new DomainError('user_not_found', { id });
      return created;
    });
  }

  private discover(): Promise<oidc.Configuration> {
    const settings = this.config.auth.oidc;
    if (!settings) throw new DomainError('oidc_disabled');
    // How the client proves itself at the token endpoint: HTTP Basic is the OpenID Connect default.
    const authentication =
      settings.tokenAuth === 'client_secret_post'
        ? oidc.ClientSecretPost(settings.clientSecret)
        : oidc.ClientSecretBasic(settings.clientSecret);
    this.configuration ??= oidc
      .discovery(new URL(settings.issuer), settings.clientId, undefined, authentication, {
        // A provider on plain http is for tests and local setups only.
        ...(settings.issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new DomainError('oidc_failed', { reason: `discovery: ${(error as Error).message}` });
      });
    return this.configuration;
  }
}
