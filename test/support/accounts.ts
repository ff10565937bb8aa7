import {
  ApiKeyCreatedSchema,
  SessionSchema,
  UserSchema,
  type Role,
  type Session,
  type User,
} from '@zhibiao/contracts';
import { z } from 'zod';
import { API, call, okBody, type Method } from './api-client.js';
import type { TestApp } from './test-app.js';

/** The password test users are created with (long enough for the 12-character rule). */
export const USER_PASSWORD = 'user-password-123';

let sequence = 0;

/** A username no other test of this process has used: `prefix-<n>`. */
export function uniqueUsername(prefix = 'user'): string {
  sequence += 1;
  return `${prefix}-${sequence}`;
}

/** How a request proves who it is: a bearer token, the session cookie (with or without CSRF), nobody. */
export type Credentials =
  { bearer: string } | { cookie: string; csrfToken?: string } | { anonymous: true };

export const ANONYMOUS: Credentials = { anonymous: true };

/** A JSON request to `/api/v1<path>` made with `who`'s credentials (never the admin's by default). */
export function callAs(
  app: TestApp,
  who: Credentials,
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if ('bearer' in who) headers.Authorization = `Bearer ${who.bearer}`;
  if ('cookie' in who) {
    headers.Cookie = `zb_session=${encodeURIComponent(who.cookie)}`;
    if (who.csrfToken !== undefined) headers['X-CSRF-Token'] = who.csrfToken;
  }
  return app.anonymous(API + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** One Set-Cookie header: its name, value and attributes (names lower-cased; flags are `true`). */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string | true>;
}

export function parseSetCookie(header: string): SetCookie {
  const [pair = '', ...parts] = header.split(';');
  const index = pair.indexOf('=');
  const attributes = new Map<string, string | true>();
  for (const part of parts) {
    const [name = '', ...rest] = part.split('=');
    attributes.set(name.trim().toLowerCase(), rest.length > 0 ? rest.join('=').trim() : true);
  }
  return {
    name: pair.slice(0, index).trim(),
    value: decodeURIComponent(pair.slice(index + 1).trim()),
    attributes,
  };
}

/** The cookies a response sets, by name. */
export function setCookiesOf(res: Response): Map<string, SetCookie> {
  const cookies = new Map<string, SetCookie>();
  for (const header of res.headers.getSetCookie()) {
    const cookie = parseSetCookie(header);
    cookies.set(cookie.name, cookie);
  }
  return cookies;
}

/** A signed-in session: the answer's body and the cookies it set. */
export interface SignedIn {
  session: Session;
  cookies: Map<string, SetCookie>;
  /** Bearer credentials of the session. */
  bearer: Credentials;
  /** Cookie credentials with the right CSRF token. */
  cookie: Credentials;
}

/** Signs in with a password; fails the test unless the answer is 200. */
export async function signIn(app: TestApp, username: string, password: string): Promise<SignedIn> {
  const res = await callAs(app, ANONYMOUS, 'POST', '/auth/login', { username, password });
  const cookies = setCookiesOf(res);
  const session = await okBody(res, SessionSchema);
  return {
    session,
    cookies,
    bearer: { bearer: session.accessToken },
    cookie: { cookie: session.accessToken, csrfToken: session.csrfToken },
  };
}

export interface UserInput {
  username?: string;
  password?: string;
  displayName?: string;
  email?: string;
  department?: string;
  roles?: Role[];
}

/** Creates a user as the admin (a reporter of industry-it unless told otherwise). */
export async function createUser(app: TestApp, input: UserInput = {}): Promise<User> {
  const roles = input.roles ?? ['reporter'];
  const body = {
    username: input.username ?? uniqueUsername(roles[0] ?? 'user'),
    password: input.password ?? USER_PASSWORD,
    displayName: input.displayName ?? '测试用户',
    ...(input.email === undefined ? {} : { email: input.email }),
    ...(input.department === undefined
      ? roles.includes('reporter')
        ? { department: 'industry-it' }
        : {}
      : { department: input.department }),
    roles,
  };
  return okBody(await call(app, 'POST', '/users', body), UserSchema, 201);
}

/** Creates a user and signs them in. */
export async function createSignedInUser(
  app: TestApp,
  input: UserInput = {},
): Promise<SignedIn & { user: User }> {
  const user = await createUser(app, input);
  return { user, ...(await signIn(app, user.username, input.password ?? USER_PASSWORD)) };
}

export type CreatedApiKey = z.output<typeof ApiKeyCreatedSchema>;

/** Creates an API key for `department` as the admin. */
export async function createApiKey(
  app: TestApp,
  department = 'industry-it',
  extra: { name?: string; expiresAt?: string } = {},
): Promise<CreatedApiKey> {
  return okBody(
    await call(app, 'POST', '/api-keys', { department, name: extra.name ?? '填报系统', ...extra }),
    ApiKeyCreatedSchema,
    201,
  );
}
