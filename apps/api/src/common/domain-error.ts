import type { ErrorCode } from '@zhibiao/contracts';

/**
 * What services throw. The global filter turns the code into an HTTP status and a message in the
 * caller's language; `values` fill the message's placeholders, `details` go to the client as they are.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly values: Record<string, string | number> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'DomainError';
  }
}
