import { Injectable, Logger } from '@nestjs/common';
import pg from 'pg';
import { Database } from './database.js';

/** How long `serialize` waits for another replica's holder before failing. */
const SERIAL_LOCK_TIMEOUT_MS = 120_000;

/**
 * Runs a scheduled job at most once at a time across replicas.
 *
 * On PostgreSQL the lock is a session advisory lock held on a connection of its own, outside the pool,
 * so a running job never takes a pooled connection away from its own queries or from HTTP requests.
 * On the embedded engine advisory locks are shared by every connection and so exclude nobody, but the
 * engine is single-process (DATA_DIR lock), so the in-process guard below is the whole lock.
 */
@Injectable()
export class JobLock {
  private readonly logger = new Logger('jobs');
  private readonly running = new Set<string>();

  /** Per key, the end of the last `serialize` call waiting or running in this process. */
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly database: Database) {}

  /**
   * Runs `work` once every earlier `serialize` of the same key has finished, in this process and, on
   * PostgreSQL, in every replica (a session advisory lock, waited for, on a connection of its own).
   * Unlike `runExclusive` nobody is turned away: for work that must not overlap but must all happen,
   * such as two evaluations of one plan's alerts.
   */
  async serialize<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.queues.get(key) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => {
      release = resolve;
    });
    const tail = before.then(() => mine);
    this.queues.set(key, tail);
    try {
      await before;
      return await this.underServerLock(`zhibiao-serial:${key}`, work);
    } finally {
      release();
      if (this.queues.get(key) === tail) this.queues.delete(key);
    }
  }

  private async underServerLock<T>(key: string, work: () => Promise<T>): Promise<T> {
    const url = this.database.serverUrl;
    // The embedded engine is one process: the queue above is the whole lock.
    if (url === undefined) return work();
    const client = new pg.Client({ connectionString: url, application_name: key.slice(0, 63) });
    client.on('error', (error) => {
      this.logger.warn({ msg: 'lock connection lost', key, error: error.message });
    });
    await client.connect();
    try {
      // A holder that hangs must not hold every later caller for ever.
      await client.query(`SET lock_timeout = '${SERIAL_LOCK_TIMEOUT_MS}ms'`);
      await client.query('SELECT pg_advisory_lock(hashtext($1))', [key]);
      try {
        return await work();
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
      }
    } finally {
      await client.end();
    }
  }

  /** Runs `work` unless the job is already running somewhere; returns whether it ran. */
  async runExclusive(job: string, work: () => Promise<void>): Promise<boolean> {
    if (this.running.has(job)) return false;
    this.running.add(job);
    try {
      const url = this.database.serverUrl;
      if (url === undefined) {
        await work();
        return true;
      }
      const client = new pg.Client({
        connectionString: url,
        application_name: `zhibiao-job:${job}`,
      });
      // A connection the server ends (a restart, a dropped database) fails the job's queries, which
      // the caller handles; unlistened, the client's 'error' event would end the whole process.
      client.on('error', (error) => {
        this.logger.warn({ msg: 'job lock connection lost', job, error: error.message });
      });
      await client.connect();
      try {
        const key = `zhibiao-job:${job}`;
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock(hashtext($1)) AS locked',
          [key],
        );
        if (!rows[0]?.locked) return false;
        try {
          await work();
          return true;
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtext($1))', [key]);
        }
      } finally {
        await client.end();
      }
    } finally {
      this.running.delete(job);
    }
  }
}
