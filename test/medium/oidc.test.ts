import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AuditEntrySchema, AuthConfigSchema, MeSchema, UserSchema } from '@zhibiao/contracts';
import { callAs, createUser } from '../support/accounts.js';
import { call, okBody } from '../support/api-client.js';
import { CookieJar } from '../support/cookie-jar.js';
import { freePort } from '../support/free-port.js';
import {
  startIdentityProvider,
  type DirectoryEntry,
  type IdentityProvider,
} from '../support/identity-provider.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CLIENT_ID = 'zhibiao';
const CLIENT_SECRET = 'identity-provider-client-secret';
const CALLBACK_PATH = '/api/v1/auth/oidc/callback';

// The provincial directory, by subject: the subject is what its login form takes.
const DIRECTORY: Record<string, DirectoryEntry> = {
  'sdt-10001': { preferredUsername: 'zhao', name: '赵敏', email: 'zhao@example.cn' },
  'sdt-10002': { preferredUsername: 'wang', name: '王伟', email: 'wang@example.cn' },
  'sdt-10003': { preferredUsername: 'li', name: '李娜' },
  'sdt-10004': { preferredUsername: 'sun', name: '孙丽' },
};

/** The provider and the app, each knowing the other's address: the app on a port chosen first. */
async function startPair(
  conformIdTokenClaims: boolean,
  tokenAuth: 'client_secret_basic' | 'client_secret_post' = 'client_secret_basic',
): Promise<{ idp: IdentityProvider; app: TestApp }> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const idp = await startIdentityProvider({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUri: publicUrl + CALLBACK_PATH,
    directory: DIRECTORY,
    conformIdTokenClaims,
    tokenAuth,
  });
  try {
    const app = await startTestApp({
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_TOKEN_AUTH: tokenAuth,
    });
    return { idp, app };
  } catch (error) {
    await idp.close();
    throw error;
  }
}

/**
 * A browser going to the app's single sign-on and through the provider's login form as `login`, up
 * to the moment the provider sends it back: answers the callback URL it is sent to.
 */
async function throughProvider(target: TestApp, jar: CookieJar, login: string): Promise<URL> {
  const start = await jar.fetch(`${target.url}/api/v1/auth/oidc/login`);
  expect(start.status).toBe(302);
  let url = new URL(start.headers.get('location') ?? '', target.url);
  for (let step = 0; step < 10; step++) {
    if (url.origin === new URL(target.url).origin) return url;
    const res = await jar.fetch(url);
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      url = new URL(res.headers.get('location') ?? '', url);
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action) throw new Error(`provider answered ${res.status}: ${html}`);
    const submitted = await jar.fetch(new URL(action, url), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ prompt: 'login', login, password: 'any-password' }).toString(),
    });
    await submitted.body?.cancel();
    expect(submitted.status).toBeGreaterThanOrEqual(300);
    url = new URL(submitted.headers.get('location') ?? '', url);
  }
  throw new Error('the provider never sent the browser back');
}

/** The callback's answer: where it sends the browser (e.g. `/` or `/login?error=…`). */
async function callback(jar: CookieJar, url: URL): Promise<string> {
  const res = await jar.fetch(url);
  await res.body?.cancel();
  expect(res.status).toBe(302);
  return res.headers.get('location') ?? '';
}

/** A whole single sign-on in a new browser: where it ends, and the browser's cookies. */
async function signOn(
  target: TestApp,
  login: string,
): Promise<{ location: string; jar: CookieJar }> {
  const jar = new CookieJar();
  const location = await callback(jar, await throughProvider(target, jar, login));
  return { location, jar };
}

/** The app's session cookie, as the browser would send it back. */
function sessionOf(target: TestApp, jar: CookieJar): { cookie: string; csrfToken: string } {
  const cookie = jar.get(target.url, 'zb_session');
  const csrfToken = jar.get(target.url, 'zb_csrf');
  if (!cookie || !csrfToken) throw new Error('the browser has no session cookies');
  return { cookie: decodeURIComponent(cookie), csrfToken: decodeURIComponent(csrfToken) };
}

async function meOf(target: TestApp, jar: CookieJar) {
  return okBody(await callAs(target, sessionOf(target, jar), 'GET', '/auth/me'), MeSchema);
}

describe('single sign-on (OpenID Connect)', () => {
  let idp: IdentityProvider;
  let app: TestApp;
  beforeAll(async () => {
    // Profile claims in the ID token, as many providers send them.
    ({ idp, app } = await startPair(false));
  });
  afterAll(async () => {
    await app?.stop();
    await idp?.close();
  });

  it('is offered by GET /api/v1/auth/config with its label', async () => {
    const config = await okBody(
      await callAs(app, { anonymous: true }, 'GET', '/auth/config'),
      AuthConfigSchema,
    );
    expect(config).toEqual({ oidc: { enabled: true, label: '山东通' } });
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const jar = new CookieJar();
    const res = await jar.fetch(`${app.url}/api/v1/auth/oidc/login`);
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get('location') ?? '');
    expect(url.origin).toBe(idp.issuer);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: app.url + CALLBACK_PATH,
      response_type: 'code',
      scope: 'openid profile email',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) {
      expect(url.searchParams.get(name), name).toMatch(/^[\w-]{20,}$/);
    }
    expect(jar.get(app.url, 'zb_oidc')).toBeDefined();
  });

  it('signs in someone Zhibiao does not know, creating a user with no roles', async () => {
    const { location, jar } = await signOn(app, 'sdt-10001');
    expect(location).toBe('/');
    const me = await meOf(app, jar);
    expect(me.user).toMatchObject({
      username: 'zhao',
      displayName: '赵敏',
      email: 'zhao@example.cn',
      department: null,
      roles: [],
      disabled: false,
      signIn: 'oidc',
    });
    expect(me.csrfToken).toBe(sessionOf(app, jar).csrfToken);
    const created = await okBody(
      await call(app, 'GET', `/audit?entity=user&entityId=${me.user.id}`),
      z.array(AuditEntrySchema),
    );
    expect(created).toContainEqual(
      expect.objectContaining({
        action: 'user.create',
        after: { username: 'zhao', via: 'oidc' },
      }),
    );
  });

  it('lets a user without roles see only their own account until an admin grants roles', async () => {
    const { jar } = await signOn(app, 'sdt-10001');
    const session = sessionOf(app, jar);
    expect((await callAs(app, session, 'GET', '/auth/me')).status).toBe(200);
    expect((await callAs(app, session, 'GET', '/plans')).status).toBe(403);
    expect((await callAs(app, session, 'GET', '/indicators/DS2020-5G')).status).toBe(403);
    expect((await callAs(app, session, 'GET', '/users')).status).toBe(403);
    expect((await callAs(app, session, 'POST', '/plans', {})).status).toBe(403);
  });

  it('signs the same person in again as the same user', async () => {
    const first = await meOf(app, (await signOn(app, 'sdt-10004')).jar);
    const second = await meOf(app, (await signOn(app, 'sdt-10004')).jar);
    expect(second.user.id).toBe(first.user.id);
    const users = await okBody(await call(app, 'GET', '/users'), z.array(UserSchema));
    expect(users.filter((user) => user.username === 'sun')).toHaveLength(1);
  });

  it('matches an existing user by username, who keeps their roles and department', async () => {
    const wang = await createUser(app, {
      username: 'wang',
      roles: ['analyst'],
      department: 'big-data-bureau',
    });
    const { location, jar } = await signOn(app, 'sdt-10002');
    expect(location).toBe('/');
    const me = await meOf(app, jar);
    expect(me.user).toMatchObject({
      id: wang.id,
      username: 'wang',
      roles: ['analyst'],
      department: { code: 'big-data-bureau' },
    });
    const users = await okBody(await call(app, 'GET', '/users'), z.array(UserSchema));
    expect(users.filter((user) => user.username === 'wang')).toHaveLength(1);
  });

  it('refuses a disabled user: back to the login page with invalid_credentials', async () => {
    const li = await createUser(app, { username: 'li', roles: ['leader'] });
    await okBody(await call(app, 'PATCH', `/users/${li.id}`, { disabled: true }), UserSchema);
    const { location, jar } = await signOn(app, 'sdt-10003');
    expect(location).toBe('/login?error=invalid_credentials');
    expect(jar.get(app.url, 'zb_session')).toBeUndefined();
    const denied = await okBody(
      await call(app, 'GET', '/audit?action=auth.oidc_login&outcome=denied'),
      z.array(AuditEntrySchema),
    );
    expect(denied).toContainEqual(
      expect.objectContaining({ actor: expect.objectContaining({ name: 'li' }) as unknown }),
    );
  });

  it('refuses a callback whose state was tampered with: /login?error=oidc_failed', async () => {
    const jar = new CookieJar();
    const url = await throughProvider(app, jar, 'sdt-10001');
    expect(url.pathname).toBe(CALLBACK_PATH);
    url.searchParams.set('state', `${url.searchParams.get('state')}x`);
    expect(await callback(jar, url)).toBe('/login?error=oidc_failed');
    expect(jar.get(app.url, 'zb_session')).toBeUndefined();
  });

  it('refuses a callback that reaches another browser: /login?error=oidc_failed', async () => {
    const url = await throughProvider(app, new CookieJar(), 'sdt-10001');
    const elsewhere = new CookieJar();
    expect(await callback(elsewhere, url)).toBe('/login?error=oidc_failed');
    expect(elsewhere.get(app.url, 'zb_session')).toBeUndefined();
  });

  it('refuses a code used twice', async () => {
    const jar = new CookieJar();
    const url = await throughProvider(app, jar, 'sdt-10001');
    const pending = jar.get(app.url, 'zb_oidc');
    expect(await callback(jar, url)).toBe('/');
    // Replayed with the pending-login cookie the first callback cleared.
    const replay = await fetch(url, {
      redirect: 'manual',
      headers: { Cookie: `zb_oidc=${pending}` },
    });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/login?error=oidc_failed');
  });
});

describe('single sign-on with a provider that keeps profile claims for UserInfo and takes client_secret_post', () => {
  let idp: IdentityProvider;
  let app: TestApp;
  beforeAll(async () => {
    // oidc-provider's default, per OIDC Core 5.4: the ID token carries `sub` and no profile claims.
    // This provider also wants the client secret in the form body, as some do.
    ({ idp, app } = await startPair(true, 'client_secret_post'));
  });
  afterAll(async () => {
    await app?.stop();
    await idp?.close();
  });

  it('matches an existing user by the preferred_username from UserInfo', async () => {
    const wang = await createUser(app, { username: 'wang', roles: ['analyst'] });
    const { location, jar } = await signOn(app, 'sdt-10002');
    expect(location).toBe('/');
    const me = await meOf(app, jar);
    expect(me.user).toMatchObject({ id: wang.id, username: 'wang', roles: ['analyst'] });
  });

  it('creates a new person under the username UserInfo gives, with no roles', async () => {
    const { location, jar } = await signOn(app, 'sdt-10004');
    expect(location).toBe('/');
    const me = await meOf(app, jar);
    expect(me.user).toMatchObject({ username: 'sun', roles: [], signIn: 'oidc' });
  });
});
