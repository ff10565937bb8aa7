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
  type RouteContract,
  type ValidationIssue,
} from '@zhibiao/contracts';
import { DomainError } from './domain-error.js';
import { languageOf } from './request-context.js';

export const ROUTE_CONTRACT = Symbol('ROUTE_CONTRACT');

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

/** Validates each part of the request against the handler's contract before the handler runs. */
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
