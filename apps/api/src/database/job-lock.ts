import { Injectable, Logger } from '@nestjs/common';
import pg from 'pg';
import { Database } from './database.js';

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

  constructor(private readonly database: Database) {}

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
