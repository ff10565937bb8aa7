import { Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { JobLock } from '../../database/job-lock.js';
import { RemindersService } from './reminders.service.js';

/**
 * Every hour at minute 17 from 08:17 to 20:17, Shanghai time: reminders reach the units in office
 * hours, and a run that fails is made up within the hour (a unit is reminded once a day at most).
 */
export const OFFICE_HOURS_AT_MINUTE_17 = '0 17 8-20 * * *';
const JOB = 'reporting-reminders';

/**
 * Reminds each unit of what it still owes, before the due day and when overdue; under the job lock,
 * so replicas do it once. Idempotent: a unit already reminded today is not reminded again.
 */
@Injectable()
export class RemindersJob {
  private readonly logger = new Logger('reminders');

  constructor(
    private readonly reminders: RemindersService,
    private readonly lock: JobLock,
  ) {}

  @Cron(OFFICE_HOURS_AT_MINUTE_17, { name: JOB, timeZone: 'Asia/Shanghai' })
  async run(): Promise<boolean> {
    try {
      return await this.lock.runExclusive(JOB, async () => {
        const counts = await this.reminders.remindScheduled();
        if (counts.sent > 0) this.logger.log({ msg: 'reminders sent', ...counts });
      });
    } catch (error) {
      // The next hour tries again.
      this.logger.error({ msg: 'reminders job failed', error });
      return false;
    }
  }
}
