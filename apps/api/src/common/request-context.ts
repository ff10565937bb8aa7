import { AsyncLocalStorage } from 'node:async_hooks';
import type { Request } from 'express';
import type { Principal } from '../auth/principal.js';
import { languageFromHeader, type Language } from '@zhibiao/contracts';

/** The request id pino-http assigned; every log line and error envelope carries it. */
export function correlationIdOf(req: Request): string {
  const id = (req as Request & { id?: unknown }).id;
  if (typeof id === 'string') return id;
  return typeof id === 'number' ? String(id) : 'unknown';
}

/** The language answers are written in, from Accept-Language (zh-CN by default). */
export function languageOf(req: Request): Language {
  return languageFromHeader(req.headers['accept-language']);
}

/** What the rest of a request's work needs to know about it, without passing it down every call. */
export interface RequestScope {
  correlationId: string;
  ip: string | null;
  principal?: Principal;
}

export const requestScope = new AsyncLocalStorage<RequestScope>();

/** The scope of the request being served, if any (jobs and start-up have none). */
export function currentScope(): RequestScope | undefined {
  return requestScope.getStore();
}
