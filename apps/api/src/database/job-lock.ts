import { Injectable } from '@nestjs/common';
import { Database } from './database.js';

/**
 * Runs a scheduled job at most once at a time across replicas. On PostgreSQL it takes a transaction-level
 * advisory lock; on the embedded engine advisory locks are shared by every connection and so exclude
 * nobody, but the engine is single-process (DATA_DIR lock), so an in-process flag does the same job.
 */
@Injectable()
export class JobLock {
  private readonly running = new Set<string>();

  constructor(private readonly database: Database) {}

  /** Runs `work` unless the job is already running somewhere; returns whether it ran. */
  async runExclusive(job: string, work: () => Promise<void>): Promise<boolean> {
    if (this.running.has(job)) return false;
    this.running.add(job);
    try {
      if (this.database.isEmbedded) {
        await work();
        return true;
      }
      return await this.database.dataSource.transaction(async (manager) => {
        const [row] = await manager.query<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked',
          [`zhibiao-job:${job}`],
        );
        if (!row?.locked) return false;
        await work();
        return true;
      });
    } finally {
      this.running.delete(job);
    }
  }
}
