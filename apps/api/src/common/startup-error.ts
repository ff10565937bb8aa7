/**
 * A problem that stops the process at start: it names the setting and the fix in one line, and the
 * entry point prints that line and exits non-zero without a stack trace.
 */
export class StartupError extends Error {
  constructor(
    readonly setting: string,
    message: string,
  ) {
    super(`${setting}: ${message}`);
    this.name = 'StartupError';
  }
}
