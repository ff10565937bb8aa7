import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobLock } from '../../database/job-lock.js';
import { NoticesService } from './notices.service.js';

/** Every hour at minute 7 (a quiet minute): overdue notices are marked within the hour. */
export const HOURLY_AT_MINUTE_7 = '0 7 * * * *';
const JOB = 'notice-overdue';

/**
 * Marks open supervision notices past their reply deadline overdue, and escalates them some days
 * later; under the job lock, so replicas do it once. Idempotent: a run finds nothing new to record.
 */
@Injectable()
export class NoticesOverdueJob {
  private readonly logger = new Logger('notices');

  constructor(
    private readonly notices: NoticesService,
    private readonly lock: JobLock,
  ) {}

  @Cron(HOURLY_AT_MINUTE_7, { name: JOB, timeZone: 'Asia/Shanghai' })
  async run(): Promise<boolean> {
    try {
      return await this.lock.runExclusive(JOB, async () => {
        const counts = await this.notices.recordOverdue();
        if (counts.overdue + counts.escalated > 0) {
          this.logger.log({ msg: 'notices overdue', ...counts });
        }
      });
    } catch (error) {
      // The next hour tries again.
      this.logger.error({ msg: 'notice overdue job failed', error });
      return false;
    }
  }
}
