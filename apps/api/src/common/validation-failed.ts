import type { ValidationProblem } from '@zhibiao/contracts';
import { DomainError } from './domain-error.js';

/**
 * Input that breaks a rule of the domain (not of the schema): one problem per field, named by its path.
 * The global filter writes each message in the caller's language.
 */
export class ValidationFailed extends DomainError {
  /**
   * Paths are relative to the request body (the filter prefixes `body.` as schema issues have it),
   * unless they name the query or the path parameters (`query.period`).
   */
  constructor(readonly problems: ValidationProblem[]) {
    super('validation_failed');
  }
}

/** Throws when any problem was found; services collect every problem first, then call this. */
export function assertNoProblems(problems: ValidationProblem[]): void {
  if (problems.length > 0) throw new ValidationFailed(problems);
}
