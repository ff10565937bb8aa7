import { loadConfig } from '../../apps/api/src/config/config.js';
import { startServer, type RunningServer } from '../../apps/api/src/server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

/** The password of the `admin` user every test app starts with. */
export const TEST_ADMIN_PASSWORD = 'test-admin-password-1';

export interface TestApp {
  server: RunningServer;
  database: TestDatabase;
  url: string;
  /** The admin's bearer token; `api()` sends it unless the request sets its own Authorization. */
  adminToken: string;
  /** fetch against the app as the admin: `api('/api/v1/plans')`. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** fetch without credentials, or with another token: `anonymous('/api/v1/plans')`. */
  anonymous(path: string, init?: RequestInit): Promise<Response>;
  /** Signs in and answers the bearer token. */
  login(username: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The real app (HTTP, Nest, migrations, seed) on a fresh database and an ephemeral port, in-process.
 * `env` overrides settings, e.g. `{ SEED: '0' }` or `{ APP_TODAY: '2020-11-05' }`.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  let app: TestApp;
  try {
    app = await startTestAppOn(database, env);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    ...app,
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}

/**
 * The real app on a database the caller owns (same DATA_DIR or same DATABASE_URL), for restarts:
 * `stop()` closes the app and keeps the database; the caller drops it.
 */
export async function startTestAppOn(
  database: TestDatabase,
  env: Record<string, string> = {},
): Promise<TestApp> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    // Replaying the demo year costs every app a second; the tests that want it say DEMO_FIGURES: '1'.
    DEMO_FIGURES: '0',
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...env,
  });
  const server = await startServer(config);
  const login = async (username: string, password: string): Promise<string> => {
    const res = await fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200)
      throw new Error(`login as ${username} failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  };
  let adminToken: string;
  try {
    adminToken = await login('admin', TEST_ADMIN_PASSWORD);
  } catch (error) {
    await server.close();
    throw error;
  }
  return {
    server,
    database,
    url: server.url,
    adminToken,
    api: (path, init) => {
      const headers = new Headers(init?.headers);
      if (!headers.has('Authorization')) headers.set('Authorization', `Bearer ${adminToken}`);
      return fetch(server.url + path, { ...init, headers });
    },
    anonymous: (path, init) => fetch(server.url + path, init),
    login,
    stop: () => server.close(),
  };
}
