import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobLock } from '../../database/job-lock.js';
import { PullRunnerService } from './pull-runner.service.js';

/** Every minute at second 20: each due source runs within a minute of its time. */
export const EVERY_MINUTE_AT_SECOND_20 = '20 * * * * *';
const JOB = 'pull-sources';

/**
 * Runs the due pull sources every minute (PULL_SCHEDULE, on by default; tests drive `run` instead),
 * under the job lock so replicas take turns; each source is also claimed on its own, so a manual run
 * or another replica never runs it twice.
 */
@Injectable()
export class PullSourcesJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('pulls');
  /** The tick in progress, so a stop waits for it rather than closing the database under it. */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly runner: PullRunnerService,
    private readonly lock: JobLock,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.pulls.scheduled) return;
    const job = CronJob.from({
      cronTime: EVERY_MINUTE_AT_SECOND_20,
      timeZone: 'Asia/Shanghai',
      onTick: () => {
        this.inFlight = this.run();
      },
    });
    this.registry.addCronJob(JOB, job);
    job.start();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', JOB)) this.registry.deleteCronJob(JOB);
    await this.inFlight;
  }

  /** Runs what is due; false when another replica was running the job. */
  async run(): Promise<boolean> {
    try {
      return await this.lock.runExclusive(JOB, async () => {
        const ran = await this.runner.runDue();
        if (ran > 0) this.logger.log({ msg: 'pull sources run', ran });
      });
    } catch (error) {
      // The next minute tries again.
      this.logger.error({ msg: 'pull sources job failed', error });
      return false;
    }
  }
}
