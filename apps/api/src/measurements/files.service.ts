import { Inject, Injectable } from '@nestjs/common';
import type { ReportingSheet } from '@zhibiao/contracts';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { ParseQueue, QueueFull } from './files/parse-queue.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './files/types.js';
import type { Incoming } from './submissions.service.js';

/** Files in and out: uploads read into rows, templates written. */
@Injectable()
export class FilesService {
  private readonly limits: UploadLimits;
  /** Uploads read at once (UPLOAD_CONCURRENCY), twice as many waiting; more are turned away. */
  private readonly queue: ParseQueue;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = { ...DEFAULT_UPLOAD_LIMITS, maxRows: config.uploads.maxRows };
    this.queue = new ParseQueue(config.uploads.concurrency, config.uploads.concurrency * 2);
  }

  /**
   * An uploaded file as an incoming batch (flags and key are the caller's to add). Throws
   * `upload_queue_full` (503, Retry-After) when too many files are being read already.
   */
  async read(
    content: Buffer,
    fileName: string,
    contentType: string,
  ): Promise<Omit<Incoming, 'dryRun' | 'partial' | 'idempotencyKey'>> {
    const parsed = await this.queue
      .run(async () => {
        // Loaded on first use: the readers' dependencies add to every start.
        const { parseUpload } = await import('./files/upload.js');
        return parseUpload(content, fileName, this.limits);
      })
      .catch((error: unknown) => {
        if (!(error instanceof QueueFull)) throw error;
        throw new DomainError('upload_queue_full', { seconds: error.retryAfterSeconds });
      });
    return {
      source: parsed.format === 'xlsx' ? 'xlsx' : 'csv',
      rows: parsed.rows,
      fileFindings: parsed.findings,
      fatal: parsed.fatal,
      columns: parsed.columns,
      file: { name: fileName, contentType: contentType || 'application/octet-stream', content },
    };
  }

  async template(sheet: ReportingSheet): Promise<Buffer> {
    const { buildTemplate } = await import('./files/template.js');
    return buildTemplate(sheet);
  }
}
