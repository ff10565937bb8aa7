import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import {
  IndicatorSummarySchema,
  MeasureSchema,
  MeSchema,
  PlanDetailSchema,
  SessionSchema,
  UserSchema,
  type ErrorEnvelope,
} from '@zhibiao/contracts';
import {
  ANONYMOUS,
  callAs,
  createSignedInUser,
  createUser,
  setCookiesOf,
  signIn,
  uniqueUsername,
  USER_PASSWORD,
  type Credentials,
} from '../support/accounts.js';
import { call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import {
  ApiProcess,
  assertBuilt,
  killStartedProcesses,
  linesOf,
  MAIN_JS,
  runToExit,
  type ProcessResult,
} from '../support/api-process.js';
import { freePort } from '../support/free-port.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApp, TEST_ADMIN_PASSWORD, type TestApp } from '../support/test-app.js';

// Some tests here start the built server as a process, which takes far longer on a loaded machine than
// the in-process tests; every wait ends on the event itself (PROCESS_WAIT_MS only stops a hang).
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const HOUR_MS = 60 * 60 * 1000;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

/** The status of GET /auth/me with these credentials: 200 while the session lives, else 401. */
async function meStatus(target: TestApp, who: Credentials): Promise<number> {
  const res = await callAs(target, who, 'GET', '/auth/me');
  await res.body?.cancel();
  return res.status;
}

/** A login attempt's answer, as status and error code (undefined on success). */
async function attempt(
  target: TestApp,
  username: string,
  password: string,
): Promise<{ status: number; body: ErrorEnvelope | undefined }> {
  const res = await callAs(target, ANONYMOUS, 'POST', '/auth/login', { username, password });
  const body = (await res.json()) as ErrorEnvelope;
  return { status: res.status, body: res.status === 200 ? undefined : body };
}

describe('POST /api/v1/auth/login', () => {
  it('answers a bearer token, a CSRF token, when the session expires and the user', async () => {
    const before = Date.now();
    const { session } = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    expect(session.accessToken.length).toBeGreaterThanOrEqual(40);
    expect(session.csrfToken).not.toBe('');
    expect(session.csrfToken).not.toBe(session.accessToken);
    // SESSION_TTL_HOURS defaults to 12.
    const expires = Date.parse(session.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 12 * HOUR_MS - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 12 * HOUR_MS + 1000);
    expect(session.user).toMatchObject({
      username: 'admin',
      roles: ['admin'],
      disabled: false,
      signIn: 'password',
    });
  });

  it('sets zb_session (HttpOnly, SameSite=Strict, Path=/) and zb_csrf (readable by scripts)', async () => {
    const { session, cookies } = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const sessionCookie = cookies.get('zb_session');
    expect(sessionCookie?.value).toBe(session.accessToken);
    expect(sessionCookie?.attributes.get('httponly')).toBe(true);
    expect(sessionCookie?.attributes.get('samesite')).toBe('Strict');
    expect(sessionCookie?.attributes.get('path')).toBe('/');
    const csrfCookie = cookies.get('zb_csrf');
    expect(csrfCookie?.value).toBe(session.csrfToken);
    expect(csrfCookie?.attributes.has('httponly')).toBe(false);
    expect(csrfCookie?.attributes.get('samesite')).toBe('Strict');
    expect(csrfCookie?.attributes.get('path')).toBe('/');
    // Plain http in tests, and COOKIE_SECURE=auto: no Secure flag, or the browser would drop them.
    expect(sessionCookie?.attributes.has('secure')).toBe(false);
  });

  it('answers a wrong password and an unknown user alike: 401 invalid_credentials', async () => {
    const wrong = await errorBody(
      await callAs(app, ANONYMOUS, 'POST', '/auth/login', {
        username: 'admin',
        password: 'not-the-password',
      }),
      401,
      'invalid_credentials',
    );
    const unknown = await errorBody(
      await callAs(app, ANONYMOUS, 'POST', '/auth/login', {
        username: 'nobody-here',
        password: 'not-the-password',
      }),
      401,
      'invalid_credentials',
    );
    expect(unknown.message).toBe(wrong.message);
    expect(unknown.details).toEqual(wrong.details);
  });

  it('sets no cookie when it refuses', async () => {
    const res = await callAs(app, ANONYMOUS, 'POST', '/auth/login', {
      username: 'admin',
      password: 'not-the-password',
    });
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it('refuses a disabled user with the right password', async () => {
    const user = await createUser(app);
    await okBody(await call(app, 'PATCH', `/users/${user.id}`, { disabled: true }), UserSchema);
    await errorBody(
      await callAs(app, ANONYMOUS, 'POST', '/auth/login', {
        username: user.username,
        password: USER_PASSWORD,
      }),
      401,
      'invalid_credentials',
    );
  });

  it('rejects an unknown key in the body', async () => {
    const issues = await issuesOf(
      await callAs(app, ANONYMOUS, 'POST', '/auth/login', {
        username: 'admin',
        password: TEST_ADMIN_PASSWORD,
        remember: true,
      }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['body']);
  });

  it('stores passwords as argon2id hashes, never as they were typed', async () => {
    const user = await createUser(app);
    const rows: { username: string; password_hash: string }[] =
      await app.server.database.dataSource.query(
        `SELECT username, password_hash FROM app_user WHERE username IN ('admin', $1)`,
        [user.username],
      );
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.password_hash, row.username).toMatch(/^\$argon2id\$/);
      expect(row.password_hash).not.toContain(USER_PASSWORD);
      expect(row.password_hash).not.toContain(TEST_ADMIN_PASSWORD);
    }
  });
});

describe('the session cookie', () => {
  it('is enough for a read, without X-CSRF-Token', async () => {
    const { session } = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const me = await okBody(
      await callAs(app, { cookie: session.accessToken }, 'GET', '/auth/me'),
      MeSchema,
    );
    expect(me.user.username).toBe('admin');
    expect(me.csrfToken).toBe(session.csrfToken);
    const plans = await callAs(app, { cookie: session.accessToken }, 'GET', '/plans');
    expect(plans.status).toBe(200);
  });

  it('refuses a write without X-CSRF-Token, or with another session’s: 403 csrf_failed', async () => {
    const { session } = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const other = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const body = {
      username: uniqueUsername('csrf'),
      password: USER_PASSWORD,
      displayName: '跨站',
      roles: [],
    };
    await errorBody(
      await callAs(app, { cookie: session.accessToken }, 'POST', '/users', body),
      403,
      'csrf_failed',
    );
    await errorBody(
      await callAs(
        app,
        { cookie: session.accessToken, csrfToken: other.session.csrfToken },
        'POST',
        '/users',
        body,
      ),
      403,
      'csrf_failed',
    );
    // Nothing was created by the refused attempts.
    const users = await okBody(await call(app, 'GET', '/users'), z.array(UserSchema));
    expect(users.map((user) => user.username)).not.toContain(body.username);
  });

  it('lets a write through with the session’s own CSRF token', async () => {
    const { cookie } = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const username = uniqueUsername('csrf');
    const created = await okBody(
      await callAs(app, cookie, 'POST', '/users', {
        username,
        password: USER_PASSWORD,
        displayName: '同站',
        roles: [],
      }),
      UserSchema,
      201,
    );
    expect(created.username).toBe(username);
  });
});

describe('Authorization: Bearer', () => {
  it('needs no CSRF token for a write', async () => {
    const { bearer } = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const res = await callAs(app, bearer, 'POST', '/users', {
      username: uniqueUsername('bearer'),
      password: USER_PASSWORD,
      displayName: '脚本',
      roles: [],
    });
    expect(res.status, await res.text()).toBe(201);
  });

  it('answers 401 unauthenticated to a token nobody was given', async () => {
    await errorBody(
      await callAs(app, { bearer: 'made-up-token' }, 'GET', '/plans'),
      401,
      'unauthenticated',
    );
    await errorBody(
      await callAs(app, { cookie: 'made-up-token' }, 'GET', '/plans'),
      401,
      'unauthenticated',
    );
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('ends the session: its token and its cookie stop working, and the cookies are cleared', async () => {
    const { session, bearer, cookie } = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    const elsewhere = await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
    expect(await meStatus(app, bearer)).toBe(200);
    expect(await meStatus(app, cookie)).toBe(200);

    const res = await callAs(app, cookie, 'POST', '/auth/logout', {});
    expect(res.status, await res.text()).toBe(204);
    const cleared = setCookiesOf(res);
    for (const name of ['zb_session', 'zb_csrf']) {
      const expires = cleared.get(name)?.attributes.get('expires');
      expect(typeof expires === 'string' && Date.parse(expires) < Date.now(), name).toBe(true);
    }

    await errorBody(await callAs(app, bearer, 'GET', '/auth/me'), 401, 'unauthenticated');
    await errorBody(
      await callAs(app, { cookie: session.accessToken }, 'GET', '/plans'),
      401,
      'unauthenticated',
    );
    // Only this session ended.
    expect(await meStatus(app, elsewhere.bearer)).toBe(200);
  });

  it('answers 401 without a session', async () => {
    await errorBody(
      await callAs(app, ANONYMOUS, 'POST', '/auth/logout', {}),
      401,
      'unauthenticated',
    );
  });
});

describe('GET /api/v1/auth/me', () => {
  it('shows the signed-in user with their department and the session’s CSRF token', async () => {
    const { user, session, bearer } = await createSignedInUser(app, {
      displayName: '工信厅填报员',
      email: 'reporter@example.cn',
    });
    const me = await okBody(await callAs(app, bearer, 'GET', '/auth/me'), MeSchema);
    expect(me.user).toEqual(user);
    expect(me.user).toMatchObject({
      displayName: '工信厅填报员',
      email: 'reporter@example.cn',
      department: { code: 'industry-it', name: '省工业和信息化厅' },
      roles: ['reporter'],
    });
    expect(me.csrfToken).toBe(session.csrfToken);
  });

  it('answers 401 unauthenticated without credentials', async () => {
    await errorBody(await callAs(app, ANONYMOUS, 'GET', '/auth/me'), 401, 'unauthenticated');
  });
});

describe('POST /api/v1/auth/password', () => {
  it('refuses a wrong current password, naming body.currentPassword', async () => {
    const { bearer } = await createSignedInUser(app);
    const issues = await issuesOf(
      await callAs(app, bearer, 'POST', '/auth/password', {
        currentPassword: 'not-my-password',
        newPassword: 'a-new-password-456',
      }),
    );
    expect(issues).toEqual([
      { path: 'body.currentPassword', code: 'wrong_password', message: '当前密码不正确' },
    ]);
  });

  it('refuses a new password shorter than 12 characters', async () => {
    const { bearer } = await createSignedInUser(app);
    const issues = await issuesOf(
      await callAs(app, bearer, 'POST', '/auth/password', {
        currentPassword: USER_PASSWORD,
        newPassword: 'short',
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({ path: 'body.newPassword', message: '密码至少 12 个字符' }),
    ]);
  });

  it('changes the password and ends the user’s other sessions, keeping this one', async () => {
    const { user, bearer } = await createSignedInUser(app);
    const other = await signIn(app, user.username, USER_PASSWORD);
    const res = await callAs(app, bearer, 'POST', '/auth/password', {
      currentPassword: USER_PASSWORD,
      newPassword: 'a-new-password-456',
    });
    expect(res.status, await res.text()).toBe(204);

    expect(await meStatus(app, bearer)).toBe(200);
    expect(await meStatus(app, other.bearer)).toBe(401);
    expect(await meStatus(app, other.cookie)).toBe(401);
    expect((await attempt(app, user.username, USER_PASSWORD)).status).toBe(401);
    await signIn(app, user.username, 'a-new-password-456');
  });

  it('needs the CSRF token when made with the cookie', async () => {
    const { session } = await createSignedInUser(app);
    await errorBody(
      await callAs(app, { cookie: session.accessToken }, 'POST', '/auth/password', {
        currentPassword: USER_PASSWORD,
        newPassword: 'a-new-password-456',
      }),
      403,
      'csrf_failed',
    );
  });
});

describe('an administrator', () => {
  it('resetting a password ends every session of that user', async () => {
    const { user, bearer, cookie } = await createSignedInUser(app);
    const res = await call(app, 'POST', `/users/${user.id}/password`, {
      password: 'reset-by-admin-789',
    });
    expect(res.status, await res.text()).toBe(204);
    expect(await meStatus(app, bearer)).toBe(401);
    expect(await meStatus(app, cookie)).toBe(401);
    expect((await attempt(app, user.username, USER_PASSWORD)).status).toBe(401);
    await signIn(app, user.username, 'reset-by-admin-789');
  });

  it('disabling a user ends every session of that user; enabling does not bring them back', async () => {
    const { user, bearer, cookie } = await createSignedInUser(app);
    await okBody(await call(app, 'PATCH', `/users/${user.id}`, { disabled: true }), UserSchema);
    expect(await meStatus(app, bearer)).toBe(401);
    expect(await meStatus(app, cookie)).toBe(401);

    await okBody(await call(app, 'PATCH', `/users/${user.id}`, { disabled: false }), UserSchema);
    expect(await meStatus(app, bearer)).toBe(401);
    await signIn(app, user.username, USER_PASSWORD);
  });
});

describe('login throttle', () => {
  it('refuses with 429 login_throttled after repeated failures, even the right password, naming the seconds to wait', async () => {
    const user = await createUser(app);
    const statuses: number[] = [];
    let throttled: ErrorEnvelope | undefined;
    // Bounded: the README promises backoff after five failures.
    for (let i = 0; i < 10 && !throttled; i++) {
      const answer = await attempt(app, user.username, 'wrong-password-000');
      statuses.push(answer.status);
      if (answer.status === 429) throttled = answer.body;
    }
    expect(throttled?.code).toBe('login_throttled');
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(6);
    const seconds = Number(/请 (\d+) 秒后再试/.exec(throttled?.message ?? '')?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);

    const right = await attempt(app, user.username, USER_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body?.code).toBe('login_throttled');
  });

  it('answers the attempt after five failures 429, not another 401', async () => {
    const user = await createUser(app);
    for (let i = 0; i < 5; i++) {
      expect((await attempt(app, user.username, 'wrong-password-000')).status).toBe(401);
    }
    const sixth = await attempt(app, user.username, 'wrong-password-000');
    expect(sixth.status).toBe(429);
  });

  it('counts failures per username: another user signs in meanwhile', async () => {
    const user = await createUser(app);
    for (let i = 0; i < 8; i++) await attempt(app, user.username, 'wrong-password-000');
    expect((await attempt(app, user.username, USER_PASSWORD)).status).toBe(429);
    await signIn(app, 'admin', TEST_ADMIN_PASSWORD);
  });
});

describe('password spraying: the budget of an address', () => {
  // Behind one reverse proxy (TRUST_PROXY=1): the client address is the one the proxy appends.
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ TRUST_PROXY: '1' });
  });
  afterAll(async () => {
    await proxied?.stop();
  });

  async function attemptFrom(
    forwardedFor: string,
    username: string,
    password: string,
  ): Promise<{ status: number; body: ErrorEnvelope | undefined; retryAfter: string | null }> {
    const res = await callAs(
      proxied,
      ANONYMOUS,
      'POST',
      '/auth/login',
      { username, password },
      { 'X-Forwarded-For': forwardedFor },
    );
    const body = (await res.json()) as ErrorEnvelope;
    return {
      status: res.status,
      body: res.status === 200 ? undefined : body,
      retryAfter: res.headers.get('Retry-After'),
    };
  }

  it('refuses an address 429 with Retry-After after 30 failures across ten usernames; the rightful user elsewhere signs in', async () => {
    const users = await Promise.all(
      Array.from({ length: 10 }, () =>
        createUser(proxied, { username: uniqueUsername('sprayed') }),
      ),
    );
    const sprayer = '203.0.113.7';
    // Three common passwords against ten usernames: no username reaches its own five failures.
    const statuses: number[] = [];
    for (const password of ['Spring2020!!', 'Password123!', 'Qwerty123456']) {
      for (const user of users)
        statuses.push((await attemptFrom(sprayer, user.username, password)).status);
    }
    expect(statuses).toEqual(Array<number>(30).fill(401));

    const thirtyFirst = await attemptFrom(sprayer, 'admin', 'Admin2020!!!');
    expect(thirtyFirst.status).toBe(429);
    expect(thirtyFirst.body?.code).toBe('login_throttled');
    // About 15 minutes: until the first of the 30 failures leaves the window.
    expect(Number(thirtyFirst.retryAfter)).toBeGreaterThan(14 * 60);
    expect(Number(thirtyFirst.retryAfter)).toBeLessThanOrEqual(15 * 60);

    // The right password from that address waits too: the address is refused, not the guess.
    expect((await attemptFrom(sprayer, users[0]!.username, USER_PASSWORD)).status).toBe(429);
    // Writing another address at the left of X-Forwarded-For does not help: the proxy's is used.
    const spoofed = await attemptFrom(
      `198.51.100.99, ${sprayer}`,
      users[1]!.username,
      'x-password-1',
    );
    expect(spoofed.status).toBe(429);
    expect(spoofed.retryAfter).toMatch(/^\d+$/);

    // The rightful users, from their own addresses, are not affected.
    for (const [i, user] of users.entries()) {
      expect((await attemptFrom(`198.51.100.${i + 1}`, user.username, USER_PASSWORD)).status).toBe(
        200,
      );
    }
  });
});

describe('SESSION_TTL_HOURS', () => {
  const TTL_HOURS = 0.001;
  let shortLived: TestApp;
  beforeAll(async () => {
    // 0.001 h = 3.6 s: long enough to see the session work first, short enough to see it end.
    shortLived = await startTestApp({ SESSION_TTL_HOURS: String(TTL_HOURS) });
  });
  afterAll(async () => {
    await shortLived?.stop();
  });

  it('ends a session once it expires', async () => {
    const { session, bearer, cookie } = await signIn(shortLived, 'admin', TEST_ADMIN_PASSWORD);
    expect(Date.parse(session.expiresAt)).toBeLessThanOrEqual(Date.now() + TTL_HOURS * HOUR_MS);
    expect(await meStatus(shortLived, bearer)).toBe(200);
    // Polled, bounded: the session must end within a few seconds of its expiry.
    let status = 200;
    for (let tries = 0; tries < 50 && status === 200; tries++) {
      status = await meStatus(shortLived, bearer);
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(401);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(session.expiresAt));
    expect(await meStatus(shortLived, cookie)).toBe(401);
  });
});

describe('the first administrator (node apps/api/dist/main.js)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    assertBuilt();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await killStartedProcesses();
    await database?.drop();
  });

  /** Starts main.js on the test database without ADMIN_PASSWORD, waits until it serves. */
  async function start(): Promise<{ process: ApiProcess; base: string }> {
    const port = await freePort();
    const child = ApiProcess.start(MAIN_JS, {
      DATA_DIR: database.dataDir,
      ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    const base = `http://127.0.0.1:${port}/api/v1`;
    await child.waitForOk(`${base}/health`);
    return { process: child, base };
  }

  async function stop(child: ApiProcess): Promise<ProcessResult> {
    child.signal('SIGTERM');
    const result = await child.waitForExit();
    expect(result.code).toBe(0);
    return result;
  }

  async function login(base: string, password: string): Promise<number> {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    if (res.status === 200) SessionSchema.parse(await res.json());
    else await res.body?.cancel();
    return res.status;
  }

  it('prints a random password once on stderr at the first start; it signs in; a second start prints none', async () => {
    const first = await start();
    let password = '';
    let firstRun: ProcessResult;
    try {
      const lines = linesOf(first.process.stderr).filter((line) => line.includes('password'));
      const printed = lines
        .map((line) => /created user "admin" with password (\S+)/.exec(line)?.[1])
        .filter((found) => found !== undefined);
      expect(printed, first.process.stderr).toHaveLength(1);
      password = printed[0] ?? '';
      expect(password.length).toBeGreaterThanOrEqual(12);
      expect(await login(first.base, password)).toBe(200);
      expect(await login(first.base, TEST_ADMIN_PASSWORD)).toBe(401);
    } finally {
      firstRun = await stop(first.process).finally(() => first.process.kill());
    }
    // One line shows it; the log (stdout) never does.
    expect(linesOf(firstRun.stderr).filter((line) => line.includes(password))).toHaveLength(1);
    expect(firstRun.stdout).not.toContain(password);
    // That line is plain text in a box of its own, not to be missed among the log lines.
    const lines = firstRun.stderr.split('\n');
    const at = lines.findIndex((line) => line.includes(password));
    const rule = lines[at - 1] ?? '';
    expect(rule, firstRun.stderr).toMatch(/^\+-+\+$/);
    const end = lines.indexOf(rule, at);
    expect(end).toBeGreaterThan(at);
    const box = lines.slice(at - 1, end + 1);
    expect(box[1]).toMatch(/^\| zhibiao: created user "admin" with password \S+ +\|$/);
    for (const line of box.slice(1, -1)) expect(line).toMatch(/^\| .* \|$/);
    expect(box.join('\n')).toContain('ADMIN_PASSWORD');
    expect(new Set(box.map((line) => line.length)).size).toBe(1);
    // It fits a terminal of 80 columns.
    expect(rule.length).toBeLessThanOrEqual(80);

    const second = await start();
    try {
      expect(second.process.stderr).not.toContain(password);
      expect(second.process.stderr).not.toMatch(/created user/);
      expect(await login(second.base, password)).toBe(200);
    } finally {
      const { stdout, stderr } = await stop(second.process).finally(() => second.process.kill());
      expect(stderr + stdout).not.toContain(password);
    }
  });
});

describe('DEMO_USERS', () => {
  it('refuses to start without DEMO_PASSWORD, naming it', async () => {
    const scratch = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-demo-'));
    try {
      const result = await runToExit(MAIN_JS, {
        DATA_DIR: path.join(scratch, 'data'),
        PORT: '0',
        DEMO_USERS: '1',
      });
      expect(result.code).not.toBe(0);
      expect(linesOf(result.stderr).filter((line) => line.includes('DEMO_PASSWORD'))).toHaveLength(
        1,
      );
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  });

  describe('with DEMO_PASSWORD', () => {
    const DEMO_PASSWORD = 'demo-password-2020';
    let demo: TestApp;
    beforeAll(async () => {
      demo = await startTestApp({ DEMO_USERS: '1', DEMO_PASSWORD });
    });
    afterAll(async () => {
      await demo?.stop();
    });

    it('creates an analyst, a leader and one reporter per unit leading a target, measure or node task, who all sign in', async () => {
      const indicators = await okBody(
        await call(demo, 'GET', '/plans/DS2020/indicators'),
        z.array(IndicatorSummarySchema),
      );
      const measures = await okBody(
        await call(demo, 'GET', '/measures?plan=DS2020'),
        z.array(MeasureSchema),
      );
      const plan = await okBody(await call(demo, 'GET', '/plans/DS2020'), PlanDetailSchema);
      const leads = [
        ...new Set(
          [...indicators, ...measures, ...plan.milestones].flatMap((i) =>
            i.leadDepartments.map((d) => d.code),
          ),
        ),
      ].sort();
      expect(leads).toContain('finance');
      expect(leads).toContain('industry-it');
      const users = await okBody(await call(demo, 'GET', '/users'), z.array(UserSchema));
      const byName = new Map(users.map((user) => [user.username, user]));

      expect(byName.get('analyst')?.roles).toEqual(['analyst']);
      expect(byName.get('leader')?.roles).toEqual(['leader']);
      const reporters = users.filter((user) => user.roles.includes('reporter'));
      expect(reporters.map((user) => user.department?.code).sort()).toEqual(leads);
      expect(byName.get('industry-it')).toMatchObject({
        roles: ['reporter'],
        department: { code: 'industry-it' },
      });

      for (const username of ['analyst', 'leader', ...leads]) {
        const { session } = await signIn(demo, username, DEMO_PASSWORD);
        expect(session.user.username).toBe(username);
      }
    });
  });
});

describe('security headers', () => {
  for (const target of ['/', '/api/v1/health']) {
    it(`are set on ${target}`, async () => {
      const res = await app.anonymous(target);
      await res.body?.cancel();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toMatch(/(^|;)\s*script-src 'self'(;|$)/);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toMatch(/^(DENY|SAMEORIGIN)$/);
      expect(res.headers.get('x-powered-by')).toBeNull();
    });
  }

  it('allow no cross-origin calls by default', async () => {
    const res = await app.anonymous('/api/v1/health', {
      headers: { Origin: 'https://a.example' },
    });
    await res.body?.cancel();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await preflightFrom(app, 'https://a.example');
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

async function preflightFrom(target: TestApp, origin: string): Promise<Response> {
  const res = await target.anonymous('/api/v1/plans', {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type,x-csrf-token',
    },
  });
  await res.body?.cancel();
  return res;
}

describe('CORS_ORIGINS', () => {
  let open: TestApp;
  beforeAll(async () => {
    open = await startTestApp({ CORS_ORIGINS: 'https://a.example' });
  });
  afterAll(async () => {
    await open?.stop();
  });

  it('allows a preflight from a listed origin, with credentials', async () => {
    const res = await preflightFrom(open, 'https://a.example');
    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://a.example');
    expect(res.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('does not allow another origin', async () => {
    const res = await preflightFrom(open, 'https://b.example');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
