import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PlanSummarySchema } from '@zhibiao/contracts';
import {
  ApiProcess,
  assertBuilt,
  killStartedProcesses,
  linesOf,
  MAIN_JS,
  MIGRATE_JS,
  runToExit,
} from '../support/api-process.js';
import { freePort } from '../support/free-port.js';
import { TEST_ADMIN_PASSWORD } from '../support/test-app.js';

// Some tests here start the built server as a process, which takes far longer on a loaded machine than
// the in-process tests; every wait ends on the event itself (PROCESS_WAIT_MS only stops a hang).
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

// These runs use the embedded engine on purpose: they are about the process, its settings and DATA_DIR.
let scratch: string;
beforeAll(async () => {
  assertBuilt();
  scratch = await mkdtemp(path.join(os.tmpdir(), 'zhibiao-startup-'));
});
afterAll(async () => {
  await killStartedProcesses();
  await rm(scratch, { recursive: true, force: true });
});

/** The lines main.js wrote to stderr that name `setting`. */
function linesNaming(stderr: string, setting: string): string[] {
  return linesOf(stderr).filter((line) => line.includes(setting));
}

describe('node apps/api/dist/main.js', () => {
  describe('with a bad setting', () => {
    it('refuses a DATABASE_URL that is not a URL, before creating DATA_DIR', async () => {
      const dataDir = path.join(scratch, 'not-a-url');
      const result = await runToExit(MAIN_JS, {
        DATABASE_URL: 'not a url',
        DATA_DIR: dataDir,
        PORT: '0',
      });
      expect(result.code).not.toBe(0);
      expect(linesNaming(result.stderr, 'DATABASE_URL')).toHaveLength(1);
      expect(existsSync(dataDir)).toBe(false);
    });

    it('names DATABASE_URL in one line when nothing listens at the address', async () => {
      const port = await freePort();
      const result = await runToExit(MAIN_JS, {
        DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/zhibiao`,
        DATA_DIR: path.join(scratch, 'closed-port'),
        PORT: '0',
      });
      expect(result.code).not.toBe(0);
      expect(linesOf(result.stderr)).toHaveLength(1);
      expect(result.stderr).toContain('DATABASE_URL');
      expect(result.stderr).toContain(`127.0.0.1:${port}`);
    });

    it('names DATA_DIR when the folder cannot be created', async () => {
      // A file where a folder should be: it stops root too, unlike a read-only mode.
      const file = path.join(scratch, 'a-file.txt');
      await writeFile(file, 'not a folder');
      const result = await runToExit(MAIN_JS, { DATA_DIR: path.join(file, 'data'), PORT: '0' });
      expect(result.code).not.toBe(0);
      expect(linesNaming(result.stderr, 'DATA_DIR')).toHaveLength(1);
    });

    it('names PORT when the port is taken, and creates nothing in DATA_DIR', async () => {
      const holder: Server = createServer();
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
      try {
        const address = holder.address();
        if (address === null || typeof address === 'string') throw new Error('no TCP address');
        const dataDir = path.join(scratch, 'port-taken');
        const result = await runToExit(MAIN_JS, { DATA_DIR: dataDir, PORT: String(address.port) });
        expect(result.code).not.toBe(0);
        expect(linesNaming(result.stderr, 'PORT')).toHaveLength(1);
        expect(result.stderr).toContain(String(address.port));
        expect(existsSync(dataDir)).toBe(false);
      } finally {
        await new Promise<void>((resolve) => holder.close(() => resolve()));
      }
    });

    it('lists every bad key, not just the first', async () => {
      const dataDir = path.join(scratch, 'two-bad-keys');
      const result = await runToExit(MAIN_JS, {
        PORT: 'abc',
        APP_TODAY: '2020-02-30',
        DATA_DIR: dataDir,
      });
      expect(result.code).not.toBe(0);
      expect(linesNaming(result.stderr, 'PORT')).toHaveLength(1);
      expect(linesNaming(result.stderr, 'APP_TODAY')).toHaveLength(1);
      expect(existsSync(dataDir)).toBe(false);
    });
  });

  describe('on a DATA_DIR', () => {
    it('stops cleanly on SIGTERM, releases DATA_DIR, keeps its data and refuses a second process', async () => {
      const dataDir = path.join(scratch, 'graceful');
      const lockFile = path.join(dataDir, '.zhibiao.lock');

      const port = await freePort();
      const first = ApiProcess.start(MAIN_JS, {
        DATA_DIR: dataDir,
        PORT: String(port),
        ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
      });
      try {
        await first.waitForOk(`http://127.0.0.1:${port}/api/v1/health`);
        expect(existsSync(lockFile)).toBe(true);
        first.signal('SIGTERM');
        const stopped = await first.waitForExit();
        expect(stopped.code).toBe(0);
        expect(existsSync(lockFile)).toBe(false);
      } finally {
        first.kill();
      }

      const againPort = await freePort();
      const again = ApiProcess.start(MAIN_JS, {
        DATA_DIR: dataDir,
        PORT: String(againPort),
        SEED: '0',
      });
      try {
        // SEED=0: the plan (and the admin's password) can only come from the first run's files.
        const base = `http://127.0.0.1:${againPort}/api/v1`;
        await again.waitForOk(`${base}/health`);
        const login = await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
        });
        const { accessToken } = (await login.json()) as { accessToken: string };
        const res = await fetch(`${base}/plans`, {
          headers: { Authorization: `Bearer ${accessToken}` },
        });
        const plans = PlanSummarySchema.array().parse(await res.json());
        expect(plans.map((plan) => plan.code)).toEqual(['DS2020']);

        const second = await runToExit(MAIN_JS, {
          DATA_DIR: dataDir,
          PORT: String(await freePort()),
        });
        expect(second.code).not.toBe(0);
        const named = linesNaming(second.stderr, 'DATA_DIR');
        expect(named).toHaveLength(1);
        expect(named[0]).toContain('in use');
        expect(named[0]).toContain(`pid ${again.pid}`);
        // The refused process must not have taken the lock from the running one.
        expect(existsSync(lockFile)).toBe(true);
        expect(again.isRunning).toBe(true);

        again.signal('SIGTERM');
        expect((await again.waitForExit()).code).toBe(0);
      } finally {
        again.kill();
      }
    });
  });
});

describe('node apps/api/dist/cli/migrate.js', () => {
  it('migrates a fresh DATA_DIR, says so and exits 0', async () => {
    const dataDir = path.join(scratch, 'migrate');
    const result = await runToExit(MIGRATE_JS, { DATA_DIR: dataDir });
    expect(result.code).toBe(0);
    expect(
      linesOf(result.stdout).filter((line) => line.startsWith('migrated: pglite')),
    ).toHaveLength(1);
    expect(existsSync(path.join(dataDir, '.zhibiao.lock'))).toBe(false);
  });

  it('takes over a lock file left by a process that died', async () => {
    const dataDir = path.join(scratch, 'stale-lock');
    const dead = spawnSync(process.execPath, ['-e', '']);
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, '.zhibiao.lock'), String(dead.pid));
    const result = await runToExit(MIGRATE_JS, { DATA_DIR: dataDir });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(path.join(dataDir, '.zhibiao.lock'))).toBe(false);
  });
});
