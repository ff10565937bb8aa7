import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JobLock } from '../../apps/api/src/database/job-lock.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { testServerUrl } from '../support/test-database.js';

/** A promise the test settles by hand, to hold a job in the middle of its work. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** Work that records that it ran and then waits for `until` before finishing. */
function heldWork(ran: string[], name: string, until: Promise<void>, started?: () => void) {
  return async () => {
    ran.push(name);
    started?.();
    await until;
  };
}

describe(JobLock.name, () => {
  let app: TestApp;
  let lock: JobLock;
  beforeAll(async () => {
    // One pooled connection: a job's lock must not take it from the job's own queries.
    app = await startTestApp({ SEED: '0', DB_POOL_SIZE: '1' });
    lock = app.server.app.get(JobLock);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('lets the work query the database even when the pool has a single connection', async () => {
    let answer: unknown;
    const ran = await lock.runExclusive('query', async () => {
      answer = await app.server.database.dataSource.query('SELECT 41 + 1 AS n');
    });
    expect(ran).toBe(true);
    expect(answer).toEqual([{ n: 42 }]);
  });

  it('runs the work once when two calls for the same job overlap', async () => {
    const ran: string[] = [];
    const release = gate();
    const started = gate();
    const first = lock.runExclusive(
      'digest',
      heldWork(ran, 'first', release.promise, started.open),
    );
    await started.promise;
    const second = await lock.runExclusive('digest', heldWork(ran, 'second', Promise.resolve()));
    release.open();
    expect(await first).toBe(true);
    expect(second).toBe(false);
    expect(ran).toEqual(['first']);
  });

  it('runs different jobs side by side', async () => {
    const ran: string[] = [];
    const release = gate();
    const aStarted = gate();
    const bStarted = gate();
    const a = lock.runExclusive(
      'reminders',
      heldWork(ran, 'reminders', release.promise, aStarted.open),
    );
    const b = lock.runExclusive('alerts', heldWork(ran, 'alerts', release.promise, bStarted.open));
    // Both are inside their work at once before either is let go.
    await Promise.all([aStarted.promise, bStarted.promise]);
    release.open();
    expect(await Promise.all([a, b])).toEqual([true, true]);
    expect([...ran].sort()).toEqual(['alerts', 'reminders']);
  });

  it('runs a job again once the previous run has finished', async () => {
    const ran: string[] = [];
    expect(await lock.runExclusive('rollup', heldWork(ran, 'one', Promise.resolve()))).toBe(true);
    expect(await lock.runExclusive('rollup', heldWork(ran, 'two', Promise.resolve()))).toBe(true);
    expect(ran).toEqual(['one', 'two']);
  });

  it('passes a failure of the work on and releases the job', async () => {
    await expect(
      lock.runExclusive('broken', () => Promise.reject(new Error('work failed'))),
    ).rejects.toThrow('work failed');
    const ran: string[] = [];
    expect(await lock.runExclusive('broken', heldWork(ran, 'retry', Promise.resolve()))).toBe(true);
    expect(ran).toEqual(['retry']);
  });

  it('serialize runs every call of a key, one after another in the order asked, and keys apart', async () => {
    const ran: string[] = [];
    const release = gate();
    const started = gate();
    const first = lock.serialize('plan:A', heldWork(ran, 'A1', release.promise, started.open));
    await started.promise;
    const second = lock.serialize('plan:A', heldWork(ran, 'A2', Promise.resolve()));
    const third = lock.serialize('plan:A', heldWork(ran, 'A3', Promise.resolve()));
    // Another key does not wait for A.
    await lock.serialize('plan:B', heldWork(ran, 'B1', Promise.resolve()));
    expect(ran).toEqual(['A1', 'B1']);
    release.open();
    await Promise.all([first, second, third]);
    expect(ran).toEqual(['A1', 'B1', 'A2', 'A3']);
  });

  it('serialize passes a failure on to its caller and lets the next one run', async () => {
    const failing = lock.serialize('plan:C', () => Promise.reject(new Error('work failed')));
    const next = lock.serialize('plan:C', () => Promise.resolve('next ran'));
    await expect(failing).rejects.toThrow('work failed');
    expect(await next).toBe('next ran');
  });

  // Another replica is another connection; embedded PGlite serves only one, so this needs PostgreSQL.
  if (testServerUrl() !== undefined) {
    it('serialize waits for another connection holding the key’s advisory lock', async () => {
      const other = new pg.Client({ connectionString: app.database.databaseUrl });
      await other.connect();
      try {
        await other.query('SELECT pg_advisory_lock(hashtext($1))', ['zhibiao-serial:plan:D']);
        const ran: string[] = [];
        const waiting = lock.serialize('plan:D', heldWork(ran, 'D', Promise.resolve()));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(ran).toEqual([]);
        await other.query('SELECT pg_advisory_unlock(hashtext($1))', ['zhibiao-serial:plan:D']);
        await waiting;
        expect(ran).toEqual(['D']);
      } finally {
        await other.end();
      }
    });

    it('holds a PostgreSQL advisory lock that another connection cannot take while the job runs', async () => {
      const other = new pg.Client({ connectionString: app.database.databaseUrl });
      await other.connect();
      const tryLock = async (): Promise<boolean> => {
        await other.query('BEGIN');
        try {
          const { rows } = await other.query<{ locked: boolean }>(
            'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
            ['zhibiao-job:nightly'],
          );
          return rows[0]?.locked ?? false;
        } finally {
          await other.query('ROLLBACK');
        }
      };
      try {
        const release = gate();
        const started = gate();
        const running = lock.runExclusive(
          'nightly',
          heldWork([], 'nightly', release.promise, started.open),
        );
        await started.promise;
        const whileRunning = await tryLock();
        release.open();
        expect(await running).toBe(true);
        expect(whileRunning).toBe(false);
        expect(await tryLock()).toBe(true);
      } finally {
        await other.end();
      }
    });

    it('skips the job while another connection holds its advisory lock', async () => {
      const other = new pg.Client({ connectionString: app.database.databaseUrl });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['zhibiao-job:weekly']);
        const ran: string[] = [];
        expect(await lock.runExclusive('weekly', heldWork(ran, 'weekly', Promise.resolve()))).toBe(
          false,
        );
        expect(ran).toEqual([]);
        await other.query('ROLLBACK');
        expect(await lock.runExclusive('weekly', heldWork(ran, 'weekly', Promise.resolve()))).toBe(
          true,
        );
      } finally {
        await other.end();
      }
    });
  }
});
