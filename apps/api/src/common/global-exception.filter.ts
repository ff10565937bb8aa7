import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import {
  errorMessage,
  localizeProblems,
  summarizeIssues,
  type ErrorCode,
  type ErrorEnvelope,
} from '@zhibiao/contracts';
import { JSON_BODY } from './contract.js';
import { DomainError } from './domain-error.js';
import { ValidationFailed } from './validation-failed.js';
import { correlationIdOf, languageOf } from './request-context.js';
import { isConnectionError } from '../database/connection-errors.js';

/** The HTTP status of each error code. Exhaustive: a new code does not compile until it has one. */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'validation_failed':
    case 'invalid_json':
    case 'oidc_failed':
    case 'file_required':
    case 'malformed_upload':
    case 'department_required':
    case 'unknown_department':
      return 400;
    case 'unauthenticated':
    case 'invalid_credentials':
      return 401;
    case 'forbidden':
    case 'csrf_failed':
    case 'alert_not_yours':
    case 'milestone_not_led':
    case 'notice_not_addressed':
    case 'not_lead_department':
    case 'measure_not_led':
    case 'reporting_other_department':
      return 403;
    case 'login_throttled':
      return 429;
    case 'user_not_found':
    case 'api_key_not_found':
    case 'oidc_disabled':
    case 'plan_not_found':
    case 'indicator_not_found':
    case 'milestone_not_found':
    case 'measure_not_found':
    case 'target_version_not_found':
    case 'route_not_found':
    case 'submission_not_found':
    case 'alert_not_found':
    case 'completion_not_found':
    case 'notice_not_found':
    case 'silence_not_found':
    case 'subscription_not_found':
    case 'plan_import_not_found':
    case 'alert_rule_not_found':
    case 'measure_report_not_found':
    case 'evidence_not_found':
    case 'pull_source_not_found':
      return 404;
    case 'plan_closed':
    case 'plan_not_closed':
    case 'plan_is_draft':
    case 'plan_not_deletable':
    case 'first_target_version':
    case 'sub_targets_would_break':
    case 'idempotency_conflict':
    case 'concurrent_conflict':
    case 'alert_resolved':
    case 'completion_pending':
    case 'milestone_already_done':
    case 'completion_already_reviewed':
    case 'notice_closed':
    case 'notice_not_open':
    case 'notice_not_closed':
    case 'alerts_evaluated_later':
    case 'report_already_reviewed':
    case 'report_not_submitted':
    case 'report_superseded':
    case 'approval_not_enabled':
    case 'approval_nothing_submitted':
    case 'approval_already_approved':
    case 'approval_already_returned':
    case 'approval_nothing_pending':
    case 'reminder_already_sent':
    case 'nothing_to_remind':
    case 'pull_source_running':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'unsupported_media_type':
    case 'evidence_type_refused':
      return 415;
    case 'submission_rejected':
      return 422;
    case 'database_unavailable':
    case 'database_busy':
    case 'upload_queue_full':
    case 'pull_secret_key_missing':
      return 503;
    case 'internal_error':
      return 500;
  }
}

/**
 * PostgreSQL's refusals that mean "two at once", whatever route met them: a unique key taken by a
 * concurrent request (23505) is a conflict for the caller to reload; a deadlock (40P01), a
 * serialisation failure (40001) or a lock wait timed out (55P03) asks for a retry. Every route that
 * writes checks first; this is the net under the races those checks cannot see.
 */
function concurrencyErrorOf(error: unknown): 'concurrent_conflict' | 'database_busy' | undefined {
  const driver = (error as { driverError?: unknown } | null)?.driverError ?? error;
  const code = (driver as { code?: unknown } | null)?.code;
  if (code === '23505') return 'concurrent_conflict';
  if (code === '40P01' || code === '40001' || code === '55P03') return 'database_busy';
  return undefined;
}

/** Body-parser, multer and router errors arrive as plain errors with a status; give them our codes. */
function fromFrameworkError(error: unknown, req: Request): DomainError | undefined {
  // Nest wraps body-parser's errors in a BadRequestException whose cause keeps the original.
  const candidate = (error instanceof HttpException && error.cause ? error.cause : error) as {
    type?: unknown;
    message?: unknown;
    limit?: unknown;
    charset?: unknown;
    encoding?: unknown;
    status?: unknown;
    storageErrors?: unknown;
  };
  if (candidate.type === 'entity.parse.failed') {
    return new DomainError('invalid_json', { reason: String(candidate.message) });
  }
  if (candidate.type === 'entity.too.large') {
    return new DomainError('payload_too_large', { limit: `${String(candidate.limit)} bytes` });
  }
  if (candidate.type === 'charset.unsupported') {
    return new DomainError('unsupported_media_type', {
      type: `charset=${String(candidate.charset)}`,
      accepts: JSON_BODY,
    });
  }
  if (candidate.type === 'encoding.unsupported') {
    return new DomainError('unsupported_media_type', {
      type: `Content-Encoding: ${String(candidate.encoding)}`,
      accepts: `${JSON_BODY} (gzip, deflate, br)`,
    });
  }
  // The rest of body-parser's refusals (a body shorter than its Content-Length, an aborted one).
  if (
    typeof candidate.type === 'string' &&
    typeof candidate.status === 'number' &&
    candidate.status >= 400 &&
    candidate.status < 500
  ) {
    return new DomainError('invalid_json', { reason: String(candidate.message) });
  }
  // Multer hands on busboy's refusals of the form itself (cut short, a malformed part header) with
  // the list of files it removed; anything it raises after reading the form has no such list.
  if (Array.isArray(candidate.storageErrors)) {
    return new DomainError('malformed_upload', {}, { reason: String(candidate.message) });
  }
  if (isConnectionError(error)) return new DomainError('database_unavailable');
  const concurrency = concurrencyErrorOf(error);
  if (concurrency) return new DomainError(concurrency);
  if (error instanceof HttpException && error.getStatus() === 404) {
    return new DomainError('route_not_found', { method: req.method, path: req.path });
  }
  return undefined;
}

/** One place where every error becomes `{code, message, details?, correlationId}`. */
@Catch()
export class GlobalExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const correlationId = correlationIdOf(req);
    let domain =
      error instanceof DomainError
        ? error
        : (fromFrameworkError(error, req) ?? new DomainError('internal_error'));
    const language = languageOf(req);
    if (domain instanceof ValidationFailed) {
      const issues = localizeProblems(
        domain.problems.map((problem) => ({ ...problem, path: requestPath(problem.path) })),
        language,
      );
      domain = new DomainError(
        'validation_failed',
        { summary: summarizeIssues(issues) },
        { issues },
      );
    }
    const status = statusOf(domain.code);
    if (status >= 500) {
      // The stack goes to the log under the correlation id, never to the client.
      this.logger.error({ msg: `request failed: ${domain.code}`, err: error, correlationId });
    } else if (domain.code === 'concurrent_conflict') {
      // A race the route's own checks did not see: worth a look, though the caller is answered.
      this.logger.warn({ msg: 'request met a concurrent write', err: error, correlationId });
    }
    const envelope: ErrorEnvelope = {
      code: domain.code,
      message: errorMessage(domain.code, language, { correlationId, ...domain.values }),
      ...(domain.details === undefined ? {} : { details: domain.details }),
      correlationId,
    };
    if (domain.code === 'login_throttled' && !res.headersSent) {
      res.setHeader('Retry-After', String(domain.values.seconds ?? 1));
    }
    if (domain.code === 'upload_queue_full' && !res.headersSent) {
      res.setHeader('Retry-After', String(domain.values.seconds ?? 1));
    }
    if (domain.code === 'database_busy' && !res.headersSent) res.setHeader('Retry-After', '2');
    if (!res.headersSent) res.status(status).json(envelope);
  }
}

/** A problem's path in the request: the body's fields by default, `query.`/`params.` as given. */
function requestPath(path: string): string {
  return /^(query|params)\./.test(path) ? path : `body.${path}`;
}
