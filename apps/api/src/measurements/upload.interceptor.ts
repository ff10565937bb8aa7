import {
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';

/**
 * Reads the one file of a multipart upload (field `file`) into memory — it is kept with the
 * submission — and turns multer's refusals into our errors: 413 past UPLOAD_LIMIT, 400 when the
 * form carries no file, or more than one, or under another name.
 */
@Injectable()
export class UploadInterceptor implements NestInterceptor {
  private readonly read: RequestHandler;
  private readonly limitText: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limitText = config.uploads.limitText;
    this.read = multer({
      storage: multer.memoryStorage(),
      // Browsers send file names as raw UTF-8 (填报-2020年10月.csv), not latin1.
      defParamCharset: 'utf8',
      limits: { fileSize: config.uploads.maxBytes, files: 1, fields: 10 },
    }).single('file');
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    await new Promise<void>((resolve, reject) => {
      this.read(http.getRequest<Request>(), http.getResponse<Response>(), (error: unknown) => {
        if (!error) resolve();
        else reject(this.translate(error));
      });
    });
    return next.handle();
  }

  private translate(error: unknown): Error {
    if (!(error instanceof multer.MulterError)) {
      return error instanceof Error ? error : new Error(String(error));
    }
    return error.code === 'LIMIT_FILE_SIZE'
      ? new DomainError('payload_too_large', { limit: this.limitText })
      : new DomainError('file_required');
  }
}
