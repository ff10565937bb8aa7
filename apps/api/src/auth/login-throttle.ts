/**
 * Slows password guessing: after a few failures for a username from an address, each further attempt
 * waits twice as long as the one before, up to a ceiling. Kept in memory: a restart forgets it, which
 * only ever helps the rightful user.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly freeAttempts = 5,
    private readonly maxDelayMs = 15 * 60 * 1000,
  ) {}

  /** Milliseconds the caller must still wait before trying again; 0 when it may try now. */
  waitFor(username: string, ip: string | null): number {
    const entry = this.failures.get(key(username, ip));
    return entry ? Math.max(0, entry.blockedUntil - this.now()) : 0;
  }

  failed(username: string, ip: string | null): void {
    const k = key(username, ip);
    const count = (this.failures.get(k)?.count ?? 0) + 1;
    // After the last free failure, the next attempt already waits: 1 s, then 2 s, 4 s …
    const over = count - this.freeAttempts;
    const delay = over >= 0 ? Math.min(this.maxDelayMs, 1000 * 2 ** over) : 0;
    this.failures.set(k, { count, blockedUntil: this.now() + delay });
    if (this.failures.size > 10_000) this.forgetOldest();
  }

  succeeded(username: string, ip: string | null): void {
    this.failures.delete(key(username, ip));
  }

  private forgetOldest(): void {
    const oldest = this.failures.keys().next().value;
    if (oldest !== undefined) this.failures.delete(oldest);
  }
}

function key(username: string, ip: string | null): string {
  return `${username.toLowerCase()}|${ip ?? ''}`;
}
