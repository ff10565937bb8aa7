import { ApiProcess, MAIN_JS } from '../support/api-process.js';
import { freePort } from '../support/free-port.js';
import { TEST_ADMIN_PASSWORD } from '../support/test-app.js';
import { createTestDatabase } from '../support/test-database.js';

/** The password of the `admin` user every e2e app starts with (the same as the medium tests'). */
export const ADMIN_PASSWORD = TEST_ADMIN_PASSWORD;

export interface AppProcess {
  url: string;
  stop(): Promise<void>;
}

/** The built app as users run it (`node apps/api/dist/main.js`), on a fresh database and a free port. */
export async function startAppProcess(env: Record<string, string> = {}): Promise<AppProcess> {
  const database = await createTestDatabase();
  const port = await freePort();
  const app = ApiProcess.start(MAIN_JS, {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: database.dataDir,
    LOG_LEVEL: 'warn',
    ADMIN_PASSWORD,
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : {}),
    ...env,
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await app.waitForOk(`${url}/api/v1/health`);
  } catch (error) {
    app.kill();
    await database.drop();
    throw error;
  }
  return {
    url,
    async stop() {
      if (app.isRunning) {
        app.signal('SIGTERM');
        await app.waitForExit(20_000);
      }
      await database.drop();
    },
  };
}
