import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import {
  MeasurementItemSchema,
  MeasurementsBody,
  type PullRun,
  type SubmissionReport,
} from '@zhibiao/contracts';
import type { PullTrigger } from '@zhibiao/core';
import { z } from 'zod';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { Database } from '../../database/database.js';
import { FilesService } from '../../measurements/files.service.js';
import { refuseNulCells } from '../../measurements/measurements.controller.js';
import {
  itemsAsRows,
  SubmissionsService,
  type Incoming,
} from '../../measurements/submissions.service.js';
import { ReportingMessagesService } from '../messages/reporting-messages.service.js';
import { FetchFailed, fetchBody } from './pull-fetcher.js';
import { nextCronTime, periodsToAsk, retryAt } from './pull-schedule.js';
import {
  PullSourcesRepository,
  type PullSourceRow,
  type RunEnd,
} from './pull-sources.repository.js';
import { PullSourcesService, toPullRun } from './pull-sources.service.js';

/** How long a claimed run holds its source: a run that dies is tried again after this. */
export const RUN_LEASE_MS = 10 * 60_000;
/** The longest a fetch (with its redirects and body) may take. */
export const FETCH_TIMEOUT_MS = 30_000;

const JsonBody = z.union([MeasurementsBody, z.array(MeasurementItemSchema).min(1)]);

/** A run that ended before any submission: why, and the HTTP status when the server answered. */
class RunFailed extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | null = null,
  ) {
    super(message);
  }
}

/**
 * Runs pull sources: claims a source (atomically, so it runs once across processes and never
 * overlaps itself), fetches what it serves for the periods asked, submits it through the same checks
 * as an upload (source `pull`), records the run, and then backs off and flags a failing source (its
 * unit's reporters are told) or resets one that works again.
 */
@Injectable()
export class PullRunnerService implements OnApplicationShutdown {
  private readonly logger = new Logger('pulls');
  private stopped = false;
  /** The runs of this process, one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly repository: PullSourcesRepository,
    private readonly sources: PullSourcesService,
    private readonly submissions: SubmissionsService,
    private readonly files: FilesService,
    private readonly messages: ReportingMessagesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.queue.catch(() => undefined);
  }

  /** Runs every due source, one at a time, until none is due; answers how many ran. */
  async runDue(): Promise<number> {
    let ran = 0;
    while (!this.stopped) {
      const now = this.clock.now();
      const claim = await this.database.transaction(async (db) => {
        const claimed = await this.repository.claimDue(
          db,
          now,
          new Date(now.getTime() - RUN_LEASE_MS),
          new Date(now.getTime() + RUN_LEASE_MS),
        );
        if (!claimed) return undefined;
        const runId = await this.repository.startRun(db, {
          sourceId: claimed.source.id,
          trigger: claimed.trigger,
          attempt: claimed.attempt,
          periods: [],
          at: now,
        });
        return { ...claimed, runId };
      });
      if (!claim) break;
      await this.sequential(() => this.execute(claim.source, claim.runId));
      ran += 1;
    }
    return ran;
  }

  /** Pulls the source now (POST …/run); 409 while a run of it is under way anywhere. */
  async runNow(id: string): Promise<PullRun> {
    const now = this.clock.now();
    const { source, runId } = await this.database.transaction(async (db) => {
      // The lock makes a claim by the schedule wait, then see this run.
      const source = await this.repository.get(db, id, true);
      if (!source) throw new DomainError('pull_source_not_found', { id });
      if (await this.repository.running(db, id, new Date(now.getTime() - RUN_LEASE_MS))) {
        throw new DomainError('pull_source_running', { id });
      }
      const runId = await this.repository.startRun(db, {
        sourceId: id,
        trigger: 'manual' satisfies PullTrigger,
        attempt: 1,
        periods: [],
        at: now,
      });
      return { source, runId };
    });
    await this.sequential(() => this.execute(source, runId));
    const run = await this.repository.run(this.database.db, runId);
    if (!run) throw new DomainError('pull_source_not_found', { id });
    return toPullRun(run);
  }

  private sequential<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** One claimed run, to its end: whatever happens, the run is recorded as ended. */
  private async execute(source: PullSourceRow, runId: string): Promise<void> {
    let end: RunEnd;
    try {
      end = await this.pull(source, runId);
    } catch (error) {
      const failed = error instanceof RunFailed || error instanceof FetchFailed;
      if (!failed) this.logger.error({ msg: 'pull failed unexpectedly', source: source.id, error });
      end = {
        outcome: 'failed',
        httpStatus: failed ? error.httpStatus : null,
        error: error instanceof Error ? error.message : String(error),
        submissionId: null,
      };
    }
    await this.finish(source.id, runId, end);
  }

  private async pull(source: PullSourceRow, runId: string): Promise<RunEnd> {
    const calendars = await this.repository.calendars(this.database.db, source.indicators);
    const periods = periodsToAsk(
      source.periods,
      this.clock.today(),
      calendars,
      this.config.reportGraceDays,
    );
    await this.repository.setRunPeriods(this.database.db, runId, periods);
    let header: { name: string; value: string } | null = null;
    if (source.authHeader !== null) {
      try {
        header = this.sources.openHeader(source.authHeader);
      } catch (error) {
        throw new RunFailed(error instanceof Error ? error.message : String(error));
      }
    }
    const perPeriod = source.url.includes('{period}');
    const targets = perPeriod
      ? periods.map((period) => ({ url: source.url.replaceAll('{period}', period), period }))
      : [{ url: source.url, period: null }];
    // Everything is fetched and read before anything is stored: a run fails as a whole.
    const batches: Omit<Incoming, 'dryRun' | 'partial' | 'idempotencyKey'>[] = [];
    let lastStatus: number | null = null;
    for (const target of targets) {
      const { body, status } = await fetchBody(target.url, {
        header,
        maxBytes: this.config.uploads.maxBytes,
        timeoutMs: FETCH_TIMEOUT_MS,
      });
      lastStatus = status;
      const name = `pull-${source.id}${target.period ? `-${target.period}` : ''}.${source.format}`;
      batches.push(await this.read(source, body, name, status));
    }
    let stored: string | null = null;
    for (const [index, batch] of batches.entries()) {
      const { report } = await this.submissions.submit(
        {
          ...batch,
          dryRun: false,
          partial: false,
          // A retry of this run's submission answers the stored one instead of storing again.
          idempotencyKey: `pull-run-${runId}-${index + 1}`,
        },
        { kind: 'pull', sourceId: source.id, name: source.name, department: source.departmentCode },
        'en',
      );
      if (report.status === 'rejected') {
        return {
          outcome: 'rejected',
          httpStatus: lastStatus,
          error: rejection(report),
          submissionId: report.submissionId,
        };
      }
      stored = report.submissionId;
    }
    return { outcome: 'succeeded', httpStatus: lastStatus, error: null, submissionId: stored };
  }

  /** A fetched body as a batch: a file exactly as an upload of it is read; JSON as POST /measurements. */
  private async read(
    source: PullSourceRow,
    body: Buffer,
    name: string,
    status: number,
  ): Promise<Omit<Incoming, 'dryRun' | 'partial' | 'idempotencyKey'>> {
    if (source.format !== 'json') {
      const incoming = refuseNulCells(
        await this.files.read(body, name, 'application/octet-stream'),
      );
      return { ...incoming, source: 'pull' };
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      throw new RunFailed('the body is not JSON', status);
    }
    const items = JsonBody.safeParse(parsed);
    if (!items.success) {
      const issue = items.error.issues[0];
      throw new RunFailed(
        `the body is not a POST /measurements body or an array of its items (${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'})`,
        status,
      );
    }
    const list = Array.isArray(items.data) ? items.data : items.data.items;
    return {
      source: 'pull',
      rows: itemsAsRows(list),
      file: { name: null, contentType: 'application/json', content: body },
    };
  }

  /**
   * Records how the run ended and what follows for its source, in one transaction: a success resets
   * the failures and the flag and waits for the cron's next time; a failure or rejection backs off,
   * and at `max_failures` in a row flags the source (once) and tells its unit's reporters.
   */
  private async finish(sourceId: string, runId: string, end: RunEnd): Promise<void> {
    const now = this.clock.now();
    await this.database.transaction(async (db) => {
      const source = await this.repository.get(db, sourceId, true);
      if (!source || !(await this.repository.finishRun(db, runId, end, now))) return;
      const next = nextCronTime(source.cron, now);
      const scheduled = next.ok ? next.at : null;
      if (end.outcome === 'succeeded') {
        await this.repository.setState(db, sourceId, {
          consecutiveFailures: 0,
          nextRunAt: scheduled,
          flaggedAt: null,
        });
        return;
      }
      const failures = source.consecutiveFailures + 1;
      const flag = failures >= source.maxFailures && source.flaggedAt === null;
      await this.repository.setState(db, sourceId, {
        consecutiveFailures: failures,
        nextRunAt: retryAt(now, failures, scheduled),
        flaggedAt: flag ? now : source.flaggedAt,
      });
      if (flag) {
        await this.messages.send(db, {
          kind: 'pull_failing',
          plan: null,
          department: source.departmentCode,
          sentOn: this.clock.today(),
          items: [
            {
              kind: 'source',
              plan: null,
              period: null,
              indicator: null,
              measure: null,
              region: null,
              source: { code: source.id, name: source.name },
              due: null,
              status: null,
              detail: end.error,
            },
          ],
          comment: null,
          actor: null,
          at: now,
        });
      }
      this.logger.warn({ msg: 'pull failed', source: sourceId, failures, flagged: flag, ...end });
    });
  }
}

/** The error of a rejected run: which submission, and its first errors. */
function rejection(report: SubmissionReport): string {
  const first = report.errors
    .slice(0, 3)
    .map((e) => (e.row ? `row ${e.row}: ${e.message}` : e.message))
    .join('; ');
  const count = report.errors.length;
  return `submission ${report.submissionId ?? '?'} was rejected by the checks: ${count} error${count === 1 ? '' : 's'}${first ? ` (${first})` : ''}`;
}
