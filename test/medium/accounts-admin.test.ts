import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ApiKeySchema,
  AssignmentSchema,
  AuditEntrySchema,
  IndicatorDetailSchema,
  IndicatorSummarySchema,
  MeSchema,
  UserSchema,
  type Assignment,
  type AuditEntry,
  type User,
} from '@zhibiao/contracts';
import { AssignmentsService } from '../../apps/api/src/assignments/assignments.service.js';
import { AuthService } from '../../apps/api/src/auth/auth.service.js';
import type { Principal } from '../../apps/api/src/auth/principal.js';
import {
  callAs,
  createApiKey,
  createSignedInUser,
  createUser,
  signIn,
  uniqueUsername,
  USER_PASSWORD,
  type UserInput,
} from '../support/accounts.js';
import { call, errorBody, issuesOf, okBody } from '../support/api-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PROVINCE = '370000';
const JINAN = '370100';
const QINGDAO = '370200';
/** The seeded indicators reported by a department other than their first lead. */
const REPORTERS: Record<string, { code: string; name: string }> = {
  'DS2020-5G': { code: 'communications-administration', name: '省通信管理局' },
  'DS2020-HAZCHEM-MONITORING': { code: 'emergency-management', name: '省应急厅' },
};

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.stop();
});

function userInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    username: uniqueUsername('u'),
    password: USER_PASSWORD,
    displayName: '测试用户',
    roles: [],
    ...overrides,
  };
}

async function users(): Promise<User[]> {
  return okBody(await call(app, 'GET', '/users'), z.array(UserSchema));
}

async function assignments(query = ''): Promise<Assignment[]> {
  return okBody(await call(app, 'GET', `/assignments${query}`), z.array(AssignmentSchema));
}

async function audit(query = ''): Promise<AuditEntry[]> {
  return okBody(await call(app, 'GET', `/audit${query}`), z.array(AuditEntrySchema));
}

/** Writes audited entries (user.create) until the trail holds at least `count`. */
async function ensureAuditEntries(count: number): Promise<void> {
  while ((await audit('?limit=500')).length < count) await createUser(app);
}

/** The newest entry: the one with the highest id, whatever the order of the list. */
function latest(entries: AuditEntry[]): AuditEntry | undefined {
  return entries.reduce<AuditEntry | undefined>(
    (found, entry) => (found && BigInt(found.id) > BigInt(entry.id) ? found : entry),
    undefined,
  );
}

describe('POST /api/v1/users', () => {
  it('creates a user who signs in with the password', async () => {
    const input = userInput({
      displayName: '济南市填报员',
      email: 'jinan@example.cn',
      department: 'jinan-government',
      roles: ['reporter', 'reporter'],
    });
    const created = await okBody(await call(app, 'POST', '/users', input), UserSchema, 201);
    expect(created).toMatchObject({
      username: input.username,
      displayName: '济南市填报员',
      email: 'jinan@example.cn',
      department: { code: 'jinan-government', name: '济南市政府' },
      roles: ['reporter'],
      disabled: false,
      signIn: 'password',
    });
    expect(JSON.stringify(created)).not.toContain(USER_PASSWORD);
    const { session } = await signIn(app, String(input.username), USER_PASSWORD);
    expect(session.user).toEqual(created);
  });

  it('refuses a username that is taken, naming body.username', async () => {
    const issues = await issuesOf(
      await call(app, 'POST', '/users', userInput({ username: 'admin' })),
    );
    expect(issues).toEqual([
      { path: 'body.username', code: 'username_taken', message: '用户名 admin 已被使用' },
    ]);
  });

  it('refuses a reporter without a department', async () => {
    const issues = await issuesOf(
      await call(app, 'POST', '/users', userInput({ roles: ['reporter'] })),
    );
    expect(issues).toEqual([
      {
        path: 'body.department',
        code: 'reporter_needs_department',
        message: '填报员必须属于一个部门',
      },
    ]);
  });

  it('refuses an unknown department', async () => {
    const issues = await issuesOf(
      await call(app, 'POST', '/users', userInput({ department: 'no-such-bureau' })),
    );
    expect(issues).toEqual([
      {
        path: 'body.department',
        code: 'unknown_department',
        message: '没有编码为 no-such-bureau 的部门',
      },
    ]);
  });

  it('refuses a password shorter than 12 characters with the schema’s message', async () => {
    const issues = await issuesOf(
      await call(app, 'POST', '/users', userInput({ password: 'short-pw' })),
    );
    expect(issues).toEqual([
      expect.objectContaining({ path: 'body.password', message: '密码至少 12 个字符' }),
    ]);
    const english = await issuesOf(
      await call(app, 'POST', '/users', userInput({ password: 'short-pw' }), 'en'),
    );
    expect(english[0]?.message).toBe('a password has at least 12 characters');
  });

  it('refuses a username with spaces, an unknown role and an unknown key', async () => {
    const issues = await issuesOf(
      await call(
        app,
        'POST',
        '/users',
        userInput({ username: 'zhang san', roles: ['superuser'], admin: true }),
      ),
    );
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'body',
      'body.roles.0',
      'body.username',
    ]);
  });

  it('writes user.create to the audit trail without the password', async () => {
    const created = await createUser(app);
    const entry = latest(await audit(`?entity=user&entityId=${created.id}&action=user.create`));
    expect(entry).toMatchObject({
      actor: { kind: 'user', name: 'admin' },
      outcome: 'done',
      before: null,
      after: { username: created.username, roles: ['reporter'] },
    });
    expect(JSON.stringify(entry)).not.toContain(USER_PASSWORD);
    expect(JSON.stringify(entry)).not.toContain('argon2');
  });
});

describe('GET /api/v1/users', () => {
  it('lists every user, the first admin included, without password hashes', async () => {
    const created = await createUser(app, { roles: ['leader'] });
    const res = await call(app, 'GET', '/users');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain('argon2');
    expect(text).not.toMatch(/password_?hash/i);
    const list = z.array(UserSchema).parse(JSON.parse(text));
    expect(list.find((user) => user.username === 'admin')?.roles).toEqual(['admin']);
    expect(list).toContainEqual(created);
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('changes roles, department, name and e-mail, leaving the rest', async () => {
    const user = await createUser(app, { roles: ['leader'] });
    const changed = await okBody(
      await call(app, 'PATCH', `/users/${user.id}`, {
        roles: ['reporter', 'analyst'],
        department: 'agriculture-rural-affairs',
        displayName: '农业农村厅填报员',
        email: 'nong@example.cn',
      }),
      UserSchema,
    );
    expect(changed).toEqual({
      ...user,
      roles: ['reporter', 'analyst'],
      department: { code: 'agriculture-rural-affairs', name: '省农业农村厅' },
      displayName: '农业农村厅填报员',
      email: 'nong@example.cn',
    });
    expect((await users()).find((u) => u.id === user.id)).toEqual(changed);
  });

  it('takes the signed-in user’s roles away at once', async () => {
    const { user, bearer } = await createSignedInUser(app, { roles: ['admin'] });
    expect((await callAs(app, bearer, 'GET', '/users')).status).toBe(200);
    await okBody(await call(app, 'PATCH', `/users/${user.id}`, { roles: ['leader'] }), UserSchema);
    await errorBody(await callAs(app, bearer, 'GET', '/users'), 403, 'forbidden');
    const me = await okBody(await callAs(app, bearer, 'GET', '/auth/me'), MeSchema);
    expect(me.user.roles).toEqual(['leader']);
  });

  it('disables and enables a user', async () => {
    const user = await createUser(app);
    const disabled = await okBody(
      await call(app, 'PATCH', `/users/${user.id}`, { disabled: true }),
      UserSchema,
    );
    expect(disabled.disabled).toBe(true);
    await errorBody(
      await callAs(app, { anonymous: true }, 'POST', '/auth/login', {
        username: user.username,
        password: USER_PASSWORD,
      }),
      401,
      'invalid_credentials',
    );
    await okBody(await call(app, 'PATCH', `/users/${user.id}`, { disabled: false }), UserSchema);
    await signIn(app, user.username, USER_PASSWORD);
  });

  it('keeps the last active administrator: neither disabled nor demoted', async () => {
    const admins = (await users()).filter((u) => u.roles.includes('admin') && !u.disabled);
    expect(admins.map((u) => u.username)).toEqual(['admin']);
    const admin = admins[0]?.id ?? '';
    const disabled = await issuesOf(
      await call(app, 'PATCH', `/users/${admin}`, { disabled: true }),
    );
    expect(disabled.map((issue) => [issue.path, issue.code])).toEqual([
      ['body.disabled', 'last_admin'],
    ]);
    const demoted = await issuesOf(
      await call(app, 'PATCH', `/users/${admin}`, { roles: ['analyst'] }),
    );
    expect(demoted.map((issue) => [issue.path, issue.code])).toEqual([
      ['body.roles', 'last_admin'],
    ]);
    expect((await callAs(app, { bearer: app.adminToken }, 'GET', '/users')).status).toBe(200);

    // With a second administrator, either may step down.
    const second = await createUser(app, { roles: ['admin'] });
    const stepsDown = await okBody(
      await call(app, 'PATCH', `/users/${second.id}`, { roles: ['leader'] }),
      UserSchema,
    );
    expect(stepsDown.roles).toEqual(['leader']);
  });

  it('refuses to leave a reporter without a department', async () => {
    const user = await createUser(app);
    const issues = await issuesOf(
      await call(app, 'PATCH', `/users/${user.id}`, { department: null }),
    );
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['body.department', 'reporter_needs_department'],
    ]);
  });

  it('records before and after in the audit trail', async () => {
    const user = await createUser(app, { roles: ['leader'] });
    await okBody(await call(app, 'PATCH', `/users/${user.id}`, { roles: ['analyst'] }), UserSchema);
    const entry = latest(await audit(`?entity=user&entityId=${user.id}&action=user.update`));
    expect(entry?.before).toMatchObject({ roles: ['leader'] });
    expect(entry?.after).toMatchObject({ roles: ['analyst'] });
  });

  it('answers 404 user_not_found for an unknown id, and 400 for an id that is not a number', async () => {
    await errorBody(
      await call(app, 'PATCH', '/users/987654321', { displayName: '无人' }),
      404,
      'user_not_found',
    );
    const issues = await issuesOf(await call(app, 'PATCH', '/users/abc', { displayName: '无人' }));
    expect(issues.map((issue) => issue.path)).toEqual(['params.id']);
  });
});

describe('POST /api/v1/users/:id/password', () => {
  it('sets a new password; the old one stops working', async () => {
    const user = await createUser(app);
    const res = await call(app, 'POST', `/users/${user.id}/password`, {
      password: 'set-by-the-admin-1',
    });
    expect(res.status, await res.text()).toBe(204);
    await signIn(app, user.username, 'set-by-the-admin-1');
    const old = await callAs(app, { anonymous: true }, 'POST', '/auth/login', {
      username: user.username,
      password: USER_PASSWORD,
    });
    expect(old.status).toBe(401);
    const entry = latest(await audit(`?entityId=${user.id}&action=user.reset_password`));
    expect(entry).toMatchObject({ entity: 'user', outcome: 'done' });
    expect(JSON.stringify(entry)).not.toContain('set-by-the-admin-1');
  });

  it('refuses a short password and an unknown user', async () => {
    const user = await createUser(app);
    const issues = await issuesOf(
      await call(app, 'POST', `/users/${user.id}/password`, { password: 'short' }),
    );
    expect(issues.map((issue) => issue.path)).toEqual(['body.password']);
    await errorBody(
      await call(app, 'POST', '/users/987654321/password', { password: 'long-enough-pass' }),
      404,
      'user_not_found',
    );
  });
});

describe('API keys', () => {
  it('shows the key once, when it is created; the list never does', async () => {
    const created = await createApiKey(app, 'industry-it', { name: '工信厅报送系统' });
    expect(created).toMatchObject({
      name: '工信厅报送系统',
      department: { code: 'industry-it', name: '省工业和信息化厅' },
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(created.key.startsWith(`${created.prefix}_`)).toBe(true);
    const secret = created.key.slice(created.prefix.length + 1);
    expect(secret.length).toBeGreaterThanOrEqual(20);

    const res = await call(app, 'GET', '/api-keys');
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(secret);
    const listed = z.array(ApiKeySchema).parse(JSON.parse(text));
    const { key: _key, ...shown } = created;
    expect(listed).toContainEqual(shown);
    expect(JSON.parse(text)).not.toContainEqual(expect.objectContaining({ key: created.key }));

    const stored: { secret_hash: string }[] = await app.server.database.dataSource.query(
      `SELECT secret_hash FROM api_key WHERE id = $1`,
      [created.id],
    );
    expect(stored[0]?.secret_hash).not.toContain(secret);
  });

  it('works as a bearer token for reads, as a reporter of its department', async () => {
    const created = await createApiKey(app);
    const bearer = { bearer: created.key };
    expect((await callAs(app, bearer, 'GET', '/plans')).status).toBe(200);
    const me = await okBody(await callAs(app, bearer, 'GET', '/auth/me'), MeSchema);
    expect(me).toMatchObject({
      user: { roles: ['reporter'], department: { code: 'industry-it' } },
      csrfToken: null,
    });
    await errorBody(await callAs(app, bearer, 'GET', '/users'), 403, 'forbidden');
    const [listed] = (
      await okBody(await call(app, 'GET', '/api-keys'), z.array(ApiKeySchema))
    ).filter((key) => key.id === created.id);
    expect(listed?.lastUsedAt).not.toBeNull();
  });

  it('stops working once revoked', async () => {
    const created = await createApiKey(app);
    const bearer = { bearer: created.key };
    expect((await callAs(app, bearer, 'GET', '/plans')).status).toBe(200);
    const res = await call(app, 'DELETE', `/api-keys/${created.id}`);
    expect(res.status, await res.text()).toBe(204);
    await errorBody(await callAs(app, bearer, 'GET', '/plans'), 401, 'unauthenticated');
    const listed = (await okBody(await call(app, 'GET', '/api-keys'), z.array(ApiKeySchema))).find(
      (key) => key.id === created.id,
    );
    expect(listed?.revokedAt).not.toBeNull();
    const entry = latest(
      await audit(`?entity=api_key&entityId=${created.id}&action=api_key.revoke`),
    );
    expect(entry?.before).toMatchObject({ id: created.id, revokedAt: null });
  });

  it('stops working once expired', async () => {
    // Four seconds: long enough to see the key work first, short enough to see it stop.
    const created = await createApiKey(app, 'industry-it', {
      expiresAt: new Date(Date.now() + 4000).toISOString(),
    });
    const bearer = { bearer: created.key };
    expect((await callAs(app, bearer, 'GET', '/plans')).status).toBe(200);
    // Polled, bounded: the key must stop working within a few seconds of its expiry.
    let status = 200;
    for (let tries = 0; tries < 50 && status === 200; tries++) {
      const res = await callAs(app, bearer, 'GET', '/plans');
      await res.body?.cancel();
      status = res.status;
      if (status === 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(401);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(created.expiresAt ?? ''));
  });

  it('refuses a key with a tampered secret, an expiry in the past and an unknown department', async () => {
    const created = await createApiKey(app);
    await errorBody(
      await callAs(app, { bearer: `${created.key.slice(0, -4)}AAAA` }, 'GET', '/plans'),
      401,
      'unauthenticated',
    );
    const issues = await issuesOf(
      await call(app, 'POST', '/api-keys', {
        department: 'no-such-bureau',
        name: '过期',
        expiresAt: '2020-01-01T00:00:00Z',
      }),
    );
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['body.department', 'unknown_department'],
      ['body.expiresAt', 'expiry_in_past'],
    ]);
  });

  it('answers 404 api_key_not_found when revoking an unknown key', async () => {
    await errorBody(await call(app, 'DELETE', '/api-keys/987654321'), 404, 'api_key_not_found');
  });
});

describe('GET /api/v1/assignments', () => {
  it('assigns DS2020-5G to the telecom regulator, who collects the operators’ counts, for all 17 of its regions', async () => {
    const indicator = await okBody(
      await call(app, 'GET', '/indicators/DS2020-5G'),
      IndicatorDetailSchema,
    );
    expect(indicator.regions).toHaveLength(17);
    expect(await assignments('?indicator=DS2020-5G')).toEqual([
      {
        department: { code: 'communications-administration', name: '省通信管理局' },
        indicator: 'DS2020-5G',
        regions: [...indicator.regions].sort(),
      },
    ]);
  });

  it('assigns DS2020-SMART-AGRI to agriculture-rural-affairs, its first lead department', async () => {
    const [assignment, ...others] = await assignments('?indicator=DS2020-SMART-AGRI');
    expect(others).toEqual([]);
    expect(assignment?.department.code).toBe('agriculture-rural-affairs');
    expect(assignment?.regions).toContain(PROVINCE);
    expect(assignment?.regions).toHaveLength(17);
  });

  it('gives every seeded indicator to its first lead department for all its regions, unless the seed names its reporter', async () => {
    const indicators = await okBody(
      await call(app, 'GET', '/plans/DS2020/indicators'),
      z.array(IndicatorSummarySchema),
    );
    const all = await assignments();
    for (const indicator of indicators) {
      expect(
        all.filter((a) => a.indicator === indicator.code),
        indicator.code,
      ).toEqual([
        {
          department: REPORTERS[indicator.code] ?? indicator.leadDepartments[0],
          indicator: indicator.code,
          regions: [...indicator.regions].sort(),
        },
      ]);
    }
  });

  it('filters by department', async () => {
    const mine = await assignments('?department=communications-administration');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((a) => a.department.code === 'communications-administration')).toBe(true);
    expect(mine.map((a) => a.indicator)).toContain('DS2020-5G');
    // A lead department that reports nothing itself.
    expect(await assignments('?department=industry-it')).toEqual([]);
  });
});

describe('PUT /api/v1/assignments', () => {
  it('refuses an unknown indicator and an unknown department', async () => {
    const issues = await issuesOf(
      await call(app, 'PUT', '/assignments', {
        department: 'no-such-bureau',
        indicator: 'DS2020-NOPE',
        regions: [JINAN],
      }),
    );
    expect(issues.map((issue) => [issue.path, issue.code])).toEqual([
      ['body.department', 'unknown_department'],
      ['body.indicator', 'unknown_indicator'],
    ]);
  });

  it('refuses a region the indicator is not broken down by, and a region twice', async () => {
    const indicator = await okBody(
      await call(app, 'POST', '/plans/DS2020/indicators', {
        code: 'DS2020-T-PROVINCE',
        name: '仅全省指标',
        unit: '个',
        kind: 'cumulative',
        deadline: '2020-12-31',
        target: { comparator: '>=', value: 10 },
        leadDepartments: ['big-data-bureau'],
      }),
      IndicatorDetailSchema,
      201,
    );
    const notBrokenDown = await issuesOf(
      await call(app, 'PUT', '/assignments', {
        department: 'jinan-government',
        indicator: indicator.code,
        regions: [PROVINCE, JINAN],
      }),
    );
    expect(notBrokenDown).toEqual([
      {
        path: 'body.regions.1',
        code: 'region_not_broken_down',
        message: '370100 不在该指标的分解地区中',
      },
    ]);
    const twice = await issuesOf(
      await call(app, 'PUT', '/assignments', {
        department: 'jinan-government',
        indicator: 'DS2020-5G',
        regions: [JINAN, QINGDAO, JINAN],
      }),
    );
    expect(twice.map((issue) => [issue.path, issue.code])).toEqual([
      ['body.regions.2', 'duplicate_region'],
    ]);
    const malformed = await issuesOf(
      await call(app, 'PUT', '/assignments', {
        department: 'jinan-government',
        indicator: 'DS2020-5G',
        regions: ['jinan'],
      }),
    );
    expect(malformed.map((issue) => issue.path)).toEqual(['body.regions.0']);
    // Nothing changed.
    expect(await assignments('?department=jinan-government&indicator=DS2020-5G')).toEqual([]);
  });

  it('assigns a city government its own city, audits it, and removes it with no regions', async () => {
    const answer = await okBody(
      await call(app, 'PUT', '/assignments', {
        department: 'jinan-government',
        indicator: 'DS2020-5G',
        regions: [JINAN],
      }),
      z.array(AssignmentSchema),
    );
    expect(answer.map((a) => [a.department.code, a.regions.length])).toEqual([
      ['communications-administration', 17],
      ['jinan-government', 1],
    ]);
    expect(answer[1]).toEqual({
      department: { code: 'jinan-government', name: '济南市政府' },
      indicator: 'DS2020-5G',
      regions: [JINAN],
    });
    const set = latest(await audit('?action=assignment.set&entityId=jinan-government/DS2020-5G'));
    expect(set).toMatchObject({ before: null, after: { regions: [JINAN] } });

    const removed = await okBody(
      await call(app, 'PUT', '/assignments', {
        department: 'jinan-government',
        indicator: 'DS2020-5G',
        regions: [],
      }),
      z.array(AssignmentSchema),
    );
    expect(removed.map((a) => a.department.code)).toEqual(['communications-administration']);
    const unset = latest(await audit('?action=assignment.set&entityId=jinan-government/DS2020-5G'));
    expect(unset).toMatchObject({ before: { regions: [JINAN] }, after: null });
  });
});

describe(`${AssignmentsService.name}.reportable`, () => {
  let service: AssignmentsService;
  let auth: AuthService;
  beforeAll(async () => {
    service = app.server.app.get(AssignmentsService);
    auth = app.server.app.get(AuthService);
    // Jinan's government reports the 5G figure of its own city only.
    const res = await call(app, 'PUT', '/assignments', {
      department: 'jinan-government',
      indicator: 'DS2020-5G',
      regions: [JINAN],
    });
    expect(res.status, await res.text()).toBe(200);
  });

  /** The principal the guard would find for a new user signed in with these settings. */
  async function principalFor(input: UserInput): Promise<Principal> {
    const { session } = await createSignedInUser(app, input);
    const principal = await auth.authenticate(session.accessToken, 'bearer');
    if (!principal) throw new Error('the new session was not recognised');
    return principal;
  }

  /** Whether `principal` may report `indicator` for `region`, as every figure write asks. */
  async function may(principal: Principal, indicator: string, region: string): Promise<boolean> {
    return (await service.reportable(principal))(indicator, region);
  }

  it('lets a reporter of the telecom regulator report DS2020-5G for Jinan and the province', async () => {
    const reporter = await principalFor({
      roles: ['reporter'],
      department: 'communications-administration',
    });
    expect(await may(reporter, 'DS2020-5G', JINAN)).toBe(true);
    expect(await may(reporter, 'DS2020-5G', PROVINCE)).toBe(true);
  });

  it('refuses a reporter of another department, a co-lead that does not report it too', async () => {
    for (const department of ['agriculture-rural-affairs', 'industry-it']) {
      const reporter = await principalFor({ roles: ['reporter'], department });
      expect(await may(reporter, 'DS2020-5G', JINAN), department).toBe(false);
    }
  });

  it('holds a city government to its own city', async () => {
    const reporter = await principalFor({ roles: ['reporter'], department: 'jinan-government' });
    expect(await may(reporter, 'DS2020-5G', JINAN)).toBe(true);
    expect(await may(reporter, 'DS2020-5G', QINGDAO)).toBe(false);
    expect(await may(reporter, 'DS2020-5G', PROVINCE)).toBe(false);
  });

  it('scopes an API key like its department’s reporters', async () => {
    const key = await createApiKey(app, 'communications-administration');
    const principal = await auth.authenticate(key.key, 'bearer');
    if (!principal) throw new Error('the new key was not recognised');
    expect(await may(principal, 'DS2020-5G', JINAN)).toBe(true);
    expect(await may(principal, 'DS2020-SMART-AGRI', JINAN)).toBe(false);
  });

  it('allows an administrator anything', async () => {
    const admin = await auth.authenticate(app.adminToken, 'bearer');
    if (!admin) throw new Error('the admin session was not recognised');
    expect(await may(admin, 'DS2020-SMART-AGRI', QINGDAO)).toBe(true);
    expect(await may(admin, 'DS2020-5G', PROVINCE)).toBe(true);
  });

  it('refuses an analyst and a leader, who report nothing', async () => {
    const analyst = await principalFor({ roles: ['analyst'], department: 'industry-it' });
    expect(await may(analyst, 'DS2020-5G', JINAN)).toBe(false);
    const leader = await principalFor({ roles: ['leader'] });
    expect(await may(leader, 'DS2020-5G', JINAN)).toBe(false);
  });
});

describe('a new indicator', () => {
  it('is assigned to its first lead department for all its regions', async () => {
    const created = await okBody(
      await call(app, 'POST', '/plans/DS2020/indicators', {
        code: 'DS2020-T-NEW',
        name: '新增测试指标',
        unit: '个',
        kind: 'cumulative',
        deadline: '2020-12-31',
        target: { comparator: '>=', value: 100 },
        leadDepartments: ['transport', 'industry-it'],
        supportDepartments: ['big-data-bureau'],
        regions: [PROVINCE, QINGDAO, JINAN],
      }),
      IndicatorDetailSchema,
      201,
    );
    expect(await assignments(`?indicator=${created.code}`)).toEqual([
      {
        department: created.leadDepartments[0],
        indicator: 'DS2020-T-NEW',
        regions: [PROVINCE, JINAN, QINGDAO],
      },
    ]);
    expect(created.leadDepartments[0]?.code).toBe('transport');
  });
});

describe('GET /api/v1/audit', () => {
  it('records a catalogue write with the name before and after', async () => {
    const res = await call(app, 'PATCH', '/indicators/DS2020-5G', { name: '新开通5G基站（更名）' });
    expect(res.status, await res.text()).toBe(200);
    const entry = latest(await audit('?entity=indicator&entityId=DS2020-5G'));
    expect(entry).toMatchObject({
      actor: { kind: 'user', name: 'admin' },
      action: 'indicator.update',
      outcome: 'done',
      before: { name: '新开通5G基站' },
      after: { name: '新开通5G基站（更名）' },
    });
    expect(entry?.ip).not.toBeNull();
    expect(entry?.correlationId).not.toBeNull();
  });

  it('pages with before and limit: entries older than the id given, at most limit of them', async () => {
    await ensureAuditEntries(21);
    const all = await audit('?limit=500');
    const pivot = [...all.map((entry) => BigInt(entry.id))].sort((a, b) => (a < b ? -1 : 1))[15];
    const page = await audit(`?limit=5&before=${pivot}`);
    expect(page).toHaveLength(5);
    expect(page.every((entry) => BigInt(entry.id) < (pivot ?? 0n))).toBe(true);
  });

  // Ids of one and of two digits compared: sorting them as text once put 9 before 55.
  it('lists newest first, so limit keeps the newest entries', async () => {
    await ensureAuditEntries(12);
    const all = await audit('?limit=500');
    const ids = all.map((entry) => BigInt(entry.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    const newest = await audit('?limit=3');
    expect(newest.map((entry) => entry.id)).toEqual(all.slice(0, 3).map((entry) => entry.id));
    expect(newest[0]?.id).toBe(latest(all)?.id);
  });

  it('filters by actor, entity, entityId, action and outcome', async () => {
    const { user, bearer } = await createSignedInUser(app, { roles: ['analyst'] });
    await errorBody(await callAs(app, bearer, 'GET', '/users'), 403, 'forbidden');

    const byActor = await audit(`?actor=${user.username}`);
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((entry) => entry.actor.name === user.username)).toBe(true);
    expect(byActor.map((entry) => entry.action).sort()).toEqual(['GET /users', 'auth.login']);

    const denied = await audit(`?actor=${user.username}&outcome=denied`);
    expect(denied).toEqual([
      expect.objectContaining({
        action: 'GET /users',
        entity: 'users',
        entityId: '/api/v1/users',
        outcome: 'denied',
      }),
    ]);

    const userEntries = await audit(`?entity=user&entityId=${user.id}`);
    expect(userEntries.map((entry) => entry.action)).toEqual(['user.create']);
    const logins = await audit('?action=auth.login&limit=5');
    expect(logins.every((entry) => entry.action === 'auth.login')).toBe(true);
    expect(latest(logins)?.actor.name).toBe(user.username);
    const done = await audit('?outcome=done&limit=50');
    expect(done.every((entry) => entry.outcome === 'done')).toBe(true);
  });

  it('filters by an API key’s prefix as GET /api-keys shows it', async () => {
    const key = await createApiKey(app);
    await errorBody(await callAs(app, { bearer: key.key }, 'GET', '/users'), 403, 'forbidden');
    const entries = await audit(`?actor=${key.prefix}`);
    expect(entries.map((entry) => entry.action)).toEqual(['GET /users']);
  });

  it('records a refused sign-in under the username tried', async () => {
    const username = uniqueUsername('ghost');
    const res = await callAs(app, { anonymous: true }, 'POST', '/auth/login', {
      username,
      password: 'whatever-password',
    });
    expect(res.status).toBe(401);
    const entry = latest(await audit(`?actor=${username}`));
    expect(entry).toMatchObject({
      actor: { kind: 'anonymous', id: null, name: username },
      action: 'auth.login',
      outcome: 'denied',
    });
  });

  it('rejects a malformed filter', async () => {
    const issues = await issuesOf(await call(app, 'GET', '/audit?limit=0&before=abc&who=me'));
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'query',
      'query.before',
      'query.limit',
    ]);
  });
});

describe('the audit trail in the database', () => {
  async function count(): Promise<number> {
    const rows: { n: string }[] = await app.server.database.dataSource.query(
      'SELECT count(*)::text AS n FROM audit_log',
    );
    return Number(rows[0]?.n);
  }

  it('refuses UPDATE, DELETE and TRUNCATE, and keeps every row', async () => {
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const query = (sql: string): Promise<unknown[]> => app.server.database.dataSource.query(sql);
    await expect(query(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
    const tampered = await query(`SELECT 1 FROM audit_log WHERE action = 'tampered'`);
    expect(tampered).toEqual([]);
  });
});
