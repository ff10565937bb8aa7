import { z } from 'zod';
import type { Language } from './i18n.js';
import type { ValidationIssue } from './errors.js';

const localeErrors = { 'zh-CN': z.locales.zhCN().localeError, en: z.locales.en().localeError } as const;

export type ValidationResult<T> =
  | { ok: true; data: T }
  | { ok: false; issues: ValidationIssue[] };

/** Where in the input an issue is: `items.3.value`, or `(root)` for the whole value. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}

/** Validates `input` against `schema`, with messages in `language`. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  language: Language,
): ValidationResult<z.output<S>> {
  const result = schema.safeParse(input, { error: localeErrors[language] });
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => ({
      path: issuePath(issue.path),
      code: issue.code,
      message: issue.message,
    })),
  };
}

/** One line naming the first problems, for the envelope's message. */
export function summarizeIssues(issues: readonly ValidationIssue[], limit = 3): string {
  const shown = issues.slice(0, limit).map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (+${more})` : shown.join('; ');
}
