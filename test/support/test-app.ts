import { loadConfig } from '../../apps/api/src/config/config.js';
import { startServer, type RunningServer } from '../../apps/api/src/server.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

export interface TestApp {
  server: RunningServer;
  database: TestDatabase;
  url: string;
  /** fetch against the app: `api('/api/v1/plans')`. */
  api(path: string, init?: RequestInit): Promise<Response>;
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
    DATA_DIR: database.dataDir,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...env,
  });
  const server = await startServer(config);
  return {
    server,
    database,
    url: server.url,
    api: (path, init) => fetch(server.url + path, init),
    stop: () => server.close(),
  };
}
