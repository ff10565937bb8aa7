import {
  applyDecorators,
  Delete,
  Get,
  HttpCode,
  Injectable,
  Patch,
  Post,
  Put,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import {
  API_BASE_PATH,
  summarizeIssues,
  validate,
  type ApiRoutes,
  type RouteContract,
  type RouteOutput,
  type RouteRequest,
  type ValidationIssue,
} from '@zhibiao/contracts';
import { DomainError } from './domain-error.js';
import { languageOf } from './request-context.js';

export const ROUTE_CONTRACT = Symbol('ROUTE_CONTRACT');

/**
 * What the handler of route `K` receives once its contract validated the request:
 * `@Query() query: RouteIn<'listAlerts'>['query']`. Handlers take their types from here, never from
 * literals of their own (lint: architecture/contract-handler-params).
 */
export type RouteIn<K extends keyof ApiRoutes> = RouteRequest<ApiRoutes[K]>;

/** What the handler of route `K` answers. */
export type RouteOut<K extends keyof ApiRoutes> = RouteOutput<ApiRoutes[K]>;

/** What a JSON body may be: the one type and charset the body parser reads. */
export const JSON_BODY = 'application/json; charset=utf-8';

/** The media type of a Content-Type header, without its parameters, in lower case. */
function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * Why the request's body cannot be what the route takes, if it cannot: a JSON route reads
 * application/json only (anything else would be read as no body at all), an upload route
 * multipart/form-data with its boundary. A request with no body and no type is left alone: bodies
 * are optional where the schema allows it.
 */
function mediaTypeRefusal(route: RouteContract, req: Request): DomainError | undefined {
  if (!route.body && !route.upload) return undefined;
  const type = req.headers['content-type'];
  const length = req.headers['content-length'];
  const bytes =
    req.headers['transfer-encoding'] !== undefined ||
    (length !== undefined && Number(length) !== 0);
  if (type === undefined && !bytes) return undefined;
  const given = type ?? 'no Content-Type';
  if (route.upload) {
    if (type === undefined || mediaTypeOf(type) !== 'multipart/form-data') {
      return new DomainError('unsupported_media_type', {
        type: given,
        accepts: 'multipart/form-data',
      });
    }
    return /;\s*boundary=/i.test(type)
      ? undefined
      : new DomainError('malformed_upload', {}, { reason: 'Multipart: Boundary not found' });
  }
  return type !== undefined && mediaTypeOf(type) === 'application/json'
    ? undefined
    : new DomainError('unsupported_media_type', { type: given, accepts: JSON_BODY });
}

const METHOD_DECORATORS = { GET: Get, POST: Post, PUT: Put, PATCH: Patch, DELETE: Delete } as const;

/**
 * Binds a handler to its contract from libs/contracts: the HTTP method and path, the validation of
 * params, query and body (unknown keys rejected), and its entry in the OpenAPI document.
 */
export function Contract(route: RouteContract): MethodDecorator {
  return applyDecorators(
    METHOD_DECORATORS[route.method](API_BASE_PATH + route.path),
    HttpCode(route.status ?? 200),
    SetMetadata(ROUTE_CONTRACT, route),
  );
}

/**
 * Checks the body's media type, then validates each part of the request against the handler's
 * contract (U+0000 refused in every text) before the handler runs.
 */
@Injectable()
export class ContractValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = this.reflector.get<RouteContract | undefined>(
      ROUTE_CONTRACT,
      context.getHandler(),
    );
    if (route && context.getType() === 'http') {
      const req = context.switchToHttp().getRequest<Request>();
      const refusal = mediaTypeRefusal(route, req);
      if (refusal) throw refusal;
      const language = languageOf(req);
      const issues: ValidationIssue[] = [];
      const parts = [
        ['params', route.params],
        ['query', route.query],
        ['body', route.body],
      ] as const;
      for (const [part, schema] of parts) {
        if (!schema) continue;
        const result = validate(
          schema,
          part === 'body' ? (req.body ?? {}) : { ...req[part] },
          language,
        );
        if (result.ok) {
          // Express 5 exposes `query` through a getter; redefine it to hold the parsed value.
          Object.defineProperty(req, part, {
            value: result.data,
            writable: true,
            configurable: true,
          });
        } else {
          issues.push(
            ...result.issues.map((issue) => ({
              ...issue,
              path: issue.path === '(root)' ? part : `${part}.${issue.path}`,
            })),
          );
        }
      }
      if (issues.length > 0) {
        throw new DomainError(
          'validation_failed',
          { summary: summarizeIssues(issues) },
          { issues },
        );
      }
    }
    return next.handle();
  }
}
