import { isIPv4, isIPv6 } from 'node:net';

export interface LoginThrottleOptions {
  now?: () => number;
  /** Failures for one username from one address before each next attempt waits. */
  freeAttempts?: number;
  /** The longest wait for one username from one address. */
  maxDelayMs?: number;
  /** Failures from one address, across all usernames, within the window (password spraying). */
  addressFailures?: number;
  addressWindowMs?: number;
  /** Failures more an address may have for each distinct user who signed in from it in the window. */
  creditPerSignIn?: number;
}

// Bounds on memory: an attacker rotating addresses or usernames cannot grow the maps without limit.
const MAX_ENTRIES = 10_000;
const MAX_CREDITED_USERS = 1_000;

interface AddressEntry {
  /** When each failure in the window happened, oldest first. */
  failures: number[];
  /** Users who signed in from the address, by lower-cased username, and when they last did. */
  signedIn: Map<string, number>;
}

/**
 * Slows password guessing, in memory (a restart forgets it, which only ever helps the rightful user):
 * - per username and address: after a few failures each further attempt waits twice as long as the one
 *   before, up to a ceiling;
 * - per address, across usernames: at most `addressFailures` failures in a sliding window, so trying one
 *   password against many usernames (spraying) stops too. Many people can share an address (an office
 *   behind one NAT), so each distinct user who signs in from it in the window adds `creditPerSignIn`
 *   failures to its budget: colleagues' typos do not lock the office out, while a sprayer, who signs in
 *   as nobody, gets no more than the bare budget.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();
  private readonly addresses = new Map<string, AddressEntry>();
  private readonly now: () => number;
  private readonly freeAttempts: number;
  private readonly maxDelayMs: number;
  private readonly addressFailures: number;
  private readonly addressWindowMs: number;
  private readonly creditPerSignIn: number;

  constructor(options: LoginThrottleOptions = {}) {
    this.now = options.now ?? Date.now;
    this.freeAttempts = options.freeAttempts ?? 5;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60 * 1000;
    this.addressFailures = options.addressFailures ?? 30;
    this.addressWindowMs = options.addressWindowMs ?? 15 * 60 * 1000;
    this.creditPerSignIn = options.creditPerSignIn ?? 3;
  }

  /** Milliseconds the caller must still wait before trying again; 0 when it may try now. */
  waitFor(username: string, ip: string | null): number {
    const entry = this.failures.get(key(username, ip));
    const userWait = entry ? Math.max(0, entry.blockedUntil - this.now()) : 0;
    return Math.max(userWait, this.addressWait(addressBucket(ip)));
  }

  /**
   * Asks to check a password. Refused: the milliseconds to wait. Allowed (0): the attempt counts as a
   * failure from now on, so that many attempts in flight at once cannot overrun the budgets while their
   * passwords are being hashed; `succeeded` takes it back. `addressExhausted` says that this attempt
   * used up the address's budget (worth a line in the log).
   */
  begin(username: string, ip: string | null): { waitMs: number; addressExhausted: boolean } {
    const waitMs = this.waitFor(username, ip);
    if (waitMs > 0) return { waitMs, addressExhausted: false };
    this.failed(username, ip);
    return { waitMs: 0, addressExhausted: this.addressWait(addressBucket(ip)) > 0 };
  }

  /** The attempt `begin` allowed was right: it no longer counts, and the user earns the address credit. */
  succeeded(username: string, ip: string | null): void {
    this.failures.delete(key(username, ip));
    const address = this.address(addressBucket(ip));
    address.failures.pop();
    const user = username.toLowerCase();
    address.signedIn.delete(user);
    address.signedIn.set(user, this.now());
    forgetOldest(address.signedIn, MAX_CREDITED_USERS);
  }

  private failed(username: string, ip: string | null): void {
    const k = key(username, ip);
    const count = (this.failures.get(k)?.count ?? 0) + 1;
    // After the last free failure, the next attempt already waits: 1 s, then 2 s, 4 s …
    const over = count - this.freeAttempts;
    const delay = over >= 0 ? Math.min(this.maxDelayMs, 1000 * 2 ** over) : 0;
    this.failures.delete(k);
    this.failures.set(k, { count, blockedUntil: this.now() + delay });
    forgetOldest(this.failures);

    this.address(addressBucket(ip)).failures.push(this.now());
  }

  private address(bucket: string): AddressEntry {
    let entry = this.addresses.get(bucket);
    if (entry) {
      // Most recently used last, so the oldest is the first to forget.
      this.addresses.delete(bucket);
    } else {
      entry = { failures: [], signedIn: new Map() };
    }
    this.addresses.set(bucket, entry);
    forgetOldest(this.addresses);
    return entry;
  }

  private addressWait(bucket: string): number {
    const entry = this.addresses.get(bucket);
    if (!entry) return 0;
    const now = this.now();
    const since = now - this.addressWindowMs;
    while (entry.failures.length > 0 && entry.failures[0]! <= since) entry.failures.shift();
    for (const [user, at] of entry.signedIn) {
      // Insertion order is sign-in order: the first one still in the window ends the sweep.
      if (at > since) break;
      entry.signedIn.delete(user);
    }
    const budget = this.addressFailures + this.creditPerSignIn * entry.signedIn.size;
    const excess = entry.failures.length - budget;
    if (excess < 0) return 0;
    // Free again once enough of the oldest failures have left the window.
    return Math.max(1, entry.failures[excess]! + this.addressWindowMs - now);
  }
}

function key(username: string, ip: string | null): string {
  return `${username.toLowerCase()}|${ip ?? ''}`;
}

function forgetOldest(map: Map<string, unknown>, max = MAX_ENTRIES): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) return;
    map.delete(oldest);
  }
}

/**
 * The address a budget is kept for: an IPv4 address as it is (IPv4-mapped IPv6 unwrapped), an IPv6
 * address by its /64 — one host usually holds a whole /64, so counting single IPv6 addresses would let
 * it start afresh 2^64 times.
 */
export function addressBucket(ip: string | null): string {
  if (!ip) return '';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  // A trailing dotted quad (64:ff9b::192.0.2.1) is the last two groups; a zone (%eth0) is local.
  const plain = ip
    .toLowerCase()
    .replace(/%.*$/, '')
    .replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a: string, b: string, c: string, d: string) =>
      [
        ((Number(a) << 8) | Number(b)).toString(16),
        ((Number(c) << 8) | Number(d)).toString(16),
      ].join(':'),
    );
  const [head = '', tail = ''] = plain.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = plain.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
