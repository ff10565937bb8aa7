import { z } from 'zod';
import { localize, type Language, type LocalizedText } from './i18n.js';
import type { ValidationIssue } from './errors.js';

const localeErrors = {
  'zh-CN': z.locales.zhCN().localeError,
  en: z.locales.en().localeError,
} as const;

/**
 * Messages of our own rules, in both languages. A schema says `fieldMessage('plan_code')`; `validate`
 * answers in the caller's language.
 */
export const FIELD_MESSAGES = {
  plan_code: {
    zh: '规划编码只能由字母、数字和“-”组成，最长 32 个字符',
    en: 'a plan code has letters, digits and "-" only, at most 32 characters',
  },
} as const satisfies Record<string, LocalizedText>;

export type FieldMessageKey = keyof typeof FIELD_MESSAGES;
const FIELD_MESSAGE_PREFIX = 'zb:';

/** A message key for a schema rule: `z.string().regex(re, fieldMessage('plan_code'))`. */
export function fieldMessage(key: FieldMessageKey): string {
  return FIELD_MESSAGE_PREFIX + key;
}

function localizeMessage(message: string, language: Language): string {
  if (!message.startsWith(FIELD_MESSAGE_PREFIX)) return message;
  const text = FIELD_MESSAGES[message.slice(FIELD_MESSAGE_PREFIX.length) as FieldMessageKey];
  return text ? localize(text, language) : message;
}

export type ValidationResult<T> = { ok: true; data: T } | { ok: false; issues: ValidationIssue[] };

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
      message: localizeMessage(issue.message, language),
    })),
  };
}

/** One line naming the first problems, for the envelope's message. */
export function summarizeIssues(issues: readonly ValidationIssue[], limit = 3): string {
  const shown = issues.slice(0, limit).map((issue) => `${issue.path}: ${issue.message}`);
  const more = issues.length - shown.length;
  return more > 0 ? `${shown.join('; ')} (+${more})` : shown.join('; ');
}
