import { expect } from 'vitest';
import { ErrorEnvelopeSchema, ValidationIssueSchema, type ErrorEnvelope } from '@zhibiao/contracts';
import { z } from 'zod';
import type { TestApp } from './test-app.js';

export const API = '/api/v1';

export type Issue = z.infer<typeof ValidationIssueSchema>;
const ValidationDetailsSchema = z.object({ issues: z.array(ValidationIssueSchema) });

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A JSON request to `/api/v1<path>`; `language: 'en'` sends Accept-Language: en. */
export function call(
  app: TestApp,
  method: Method,
  path: string,
  body?: unknown,
  language?: 'en' | 'zh-CN',
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (language) headers['Accept-Language'] = language;
  return app.api(API + path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/** The body of a successful answer, checked against its contract schema. */
export async function okBody<S extends z.ZodType>(
  res: Response,
  schema: S,
  status = 200,
): Promise<z.output<S>> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return schema.parse(JSON.parse(text));
}

/** The error envelope of a failed answer, after checking its status and code. */
export async function errorBody(
  res: Response,
  status: number,
  code: ErrorEnvelope['code'],
): Promise<ErrorEnvelope> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const envelope = ErrorEnvelopeSchema.parse(JSON.parse(text));
  expect(envelope.code, text).toBe(code);
  return envelope;
}

/** The issues of a 400 validation_failed answer. */
export async function issuesOf(res: Response): Promise<Issue[]> {
  const envelope = await errorBody(res, 400, 'validation_failed');
  return ValidationDetailsSchema.parse(envelope.details).issues;
}

/** True when `text` holds Chinese characters. */
export function hasChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}
