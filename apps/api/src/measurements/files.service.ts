import { Inject, Injectable } from '@nestjs/common';
import type { ReportingSheet } from '@zhibiao/contracts';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { DEFAULT_UPLOAD_LIMITS, type UploadLimits } from './files/types.js';
import type { Incoming } from './submissions.service.js';

/** Files in and out: uploads read into rows, templates written. */
@Injectable()
export class FilesService {
  private readonly limits: UploadLimits;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limits = { ...DEFAULT_UPLOAD_LIMITS, maxRows: config.uploads.maxRows };
  }

  /** An uploaded file as an incoming batch (flags and key are the caller's to add). */
  async read(
    content: Buffer,
    fileName: string,
    contentType: string,
  ): Promise<Omit<Incoming, 'dryRun' | 'partial' | 'idempotencyKey'>> {
    // Loaded on first use: exceljs alone adds about 0.3 s to every start.
    const { parseUpload } = await import('./files/upload.js');
    const parsed = await parseUpload(content, fileName, this.limits);
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
