import type { Request } from 'express';
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
