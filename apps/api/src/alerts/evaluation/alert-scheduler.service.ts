import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { JobLock } from '../../database/job-lock.js';
import { FiguresEvents } from '../../measurements/figures-events.js';
import { AlertEvaluatorService } from './alert-evaluator.service.js';

const JOB = 'alert-evaluation';
/** When another replica is evaluating, look again after this long: it may have missed new figures. */
const RETRY_MS = 60_000;
/** The longest wait between retries of a failing evaluation. */
const MAX_BACKOFF_MS = 30 * 60_000;

/**
 * When alerts are evaluated: after every submission that stored figures (for their plans), and every
 * ALERT_EVALUATION_MINUTES (default 60) for every plan in progress — under the job lock, so replicas
 * and a slow run never overlap. A history run evaluates on its own, month by month.
 */
@Injectable()
export class AlertSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('alerts');
  private running = false;
  /** Figures changed while an evaluation ran (its snapshot may predate them): run once more. */
  private again = false;
  private stopped = false;
  /** The run in progress (settled when there is none); it never rejects. */
  private inFlight: Promise<void> = Promise.resolve();
  /** Failed runs in a row: the next retry waits ALERT_RETRY_SECONDS · 2^(failures − 1). */
  private failures = 0;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly evaluator: AlertEvaluatorService,
    private readonly lock: JobLock,
    private readonly clock: Clock,
    private readonly figures: FiguresEvents,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.figures.on(async (change) => {
      if (change.source === 'seed') return;
      await this.run('after a submission');
    });
    const minutes = this.config.alertEvaluationMinutes;
    if (minutes > 0) {
      this.registry.addInterval(
        JOB,
        setInterval(() => void this.run('scheduled'), minutes * 60_000),
      );
    }
  }

  /**
   * Stops asking for evaluations and waits for the one running (Nest calls this after the HTTP server
   * has closed and before the database does), so that a stop never cuts a run short in a way the
   * logs would report as a failure.
   */
  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.inFlight;
  }

  /**
   * One evaluation as of today. Asked while one runs here, it runs again right after (that one's
   * snapshot may predate the new figures); while another replica holds the lock, it looks again later.
   */
  async run(reason: string): Promise<void> {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.inFlight = this.evaluateUntilCurrent(reason);
    await this.inFlight;
  }

  private async evaluateUntilCurrent(reason: string): Promise<void> {
    try {
      do {
        this.again = false;
        const ran = await this.lock.runExclusive(JOB, async () => {
          const summary = await this.evaluator.evaluate(this.clock.today());
          this.logger.log({ msg: 'alerts evaluated', reason, ...summary });
        });
        if (!ran) {
          this.logger.debug({ msg: 'alert evaluation running elsewhere', reason });
          setTimeout(() => {
            if (!this.stopped) void this.run(`${reason} (retried)`);
          }, RETRY_MS).unref();
        }
      } while (this.again && !this.stopped);
      this.failures = 0;
    } catch (error) {
      // An evaluation that failed (the database restarting, a lock wait timed out) would otherwise
      // wait for the next schedule, or for ever with ALERT_EVALUATION_MINUTES=0: try again, backing off.
      this.failures += 1;
      const delayMs = Math.min(
        MAX_BACKOFF_MS,
        this.config.alertRetrySeconds * 1000 * 2 ** (this.failures - 1),
      );
      this.logger.error({
        msg: 'alert evaluation failed',
        reason,
        error,
        failures: this.failures,
        retryInSeconds: delayMs / 1000,
      });
      const origin = /^retry \d+ after a failure \((.*)\)$/.exec(reason)?.[1] ?? reason;
      clearTimeout(this.retry);
      this.retry = setTimeout(() => {
        if (!this.stopped) void this.run(`retry ${this.failures} after a failure (${origin})`);
      }, delayMs).unref();
    } finally {
      this.running = false;
    }
  }
}
