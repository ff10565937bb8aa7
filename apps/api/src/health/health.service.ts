import { Injectable } from '@nestjs/common';
import type { Health } from '@zhibiao/contracts';
import { DomainError } from '../common/domain-error.js';
import { Database } from '../database/database.js';

@Injectable()
export class HealthService {
  constructor(private readonly database: Database) {}

  /**
   * Answers only after a round trip to the database; 503 (database_unavailable) when it fails, with
   * the driver's reason for a signed-in caller and `unavailable` for anyone else (it may name hosts,
   * users or paths).
   */
  async check(revealReason: boolean): Promise<Health> {
    try {
      await this.database.ping();
    } catch (error) {
      throw new DomainError(
        'database_unavailable',
        {},
        { reason: revealReason ? (error as Error).message : 'unavailable' },
      );
    }
    return { status: 'ok', database: { ...this.database.engine } };
  }
}
