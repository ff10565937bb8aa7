import { describe, expect, it } from 'vitest';
import { addressBucket, LoginThrottle } from './login-throttle.js';

const MINUTE = 60_000;

/** A wrong password: the attempt is allowed, and stays counted. */
function fail(throttle: LoginThrottle, username: string, ip: string): void {
  expect(throttle.begin(username, ip).waitMs).toBe(0);
}

/** A right password: the attempt is allowed, then taken back. */
function signIn(throttle: LoginThrottle, username: string, ip: string): void {
  expect(throttle.begin(username, ip).waitMs).toBe(0);
  throttle.succeeded(username, ip);
}

describe(LoginThrottle.name, () => {
  it('makes the attempt after five failures wait, doubling after each further failure up to the ceiling', () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now, freeAttempts: 5, maxDelayMs: 8000 });
    const waits: number[] = [];
    for (let i = 0; i < 9; i++) {
      fail(throttle, i === 0 ? 'Admin' : 'admin', '10.0.0.1');
      const wait = throttle.waitFor('admin', '10.0.0.1');
      waits.push(wait);
      now += wait;
    }
    expect(waits).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
    expect(throttle.waitFor('admin', '10.0.0.1')).toBe(0);
  });

  it('keeps addresses and usernames apart, and forgets after a success', () => {
    let now = 0;
    const throttle = new LoginThrottle({ now: () => now, freeAttempts: 2, maxDelayMs: 60_000 });
    fail(throttle, 'a', '1.1.1.1');
    fail(throttle, 'a', '1.1.1.1');
    expect(throttle.waitFor('a', '1.1.1.1')).toBe(1000);
    expect(throttle.waitFor('a', '2.2.2.2')).toBe(0);
    expect(throttle.waitFor('b', '1.1.1.1')).toBe(0);
    now += 1000;
    signIn(throttle, 'a', '1.1.1.1');
    // Had the two failures been kept, this third one would make the next attempt wait 2 s.
    fail(throttle, 'a', '1.1.1.1');
    expect(throttle.waitFor('a', '1.1.1.1')).toBe(0);
  });

  describe('the budget of an address', () => {
    function sprayer(now: () => number): LoginThrottle {
      return new LoginThrottle({ now, addressFailures: 30, addressWindowMs: 15 * MINUTE });
    }

    it('refuses every username from an address after 30 failures across usernames, until the oldest leaves the window', () => {
      let now = 0;
      const throttle = sprayer(() => now);
      // One wrong password for each of 30 usernames, a second apart: no username reaches its own limit.
      for (let i = 0; i < 30; i++) {
        expect(throttle.waitFor(`user-${i}`, '203.0.113.7')).toBe(0);
        fail(throttle, `user-${i}`, '203.0.113.7');
        now += 1000;
      }
      // The 31st attempt, for a username never tried, waits until the first failure is 15 minutes old.
      expect(throttle.waitFor('user-30', '203.0.113.7')).toBe(15 * MINUTE - 30_000);
      expect(throttle.waitFor('admin', '203.0.113.7')).toBe(15 * MINUTE - 30_000);
      // Another address is not affected.
      expect(throttle.waitFor('admin', '198.51.100.1')).toBe(0);
      // The window slides: once the first failure is older than 15 minutes, one more attempt may go.
      now = 15 * MINUTE;
      expect(throttle.waitFor('user-30', '203.0.113.7')).toBe(0);
      fail(throttle, 'user-30', '203.0.113.7');
      expect(throttle.waitFor('user-31', '203.0.113.7')).toBe(1000);
    });

    it('keeps counting after a success: one person signing in does not wipe out a sprayer’s failures', () => {
      const throttle = sprayer(() => 0);
      for (let i = 0; i < 29; i++) fail(throttle, `user-${i}`, '203.0.113.7');
      // One person signs in, three times: the same person earns the credit once.
      signIn(throttle, 'mallory', '203.0.113.7');
      signIn(throttle, 'Mallory', '203.0.113.7');
      signIn(throttle, 'mallory', '203.0.113.7');
      // 29 failures kept, and a budget of 30 + 3: four more attempts, then none.
      for (let i = 29; i < 33; i++) fail(throttle, `user-${i}`, '203.0.113.7');
      expect(throttle.waitFor('user-33', '203.0.113.7')).toBeGreaterThan(0);
    });

    it('lets an office behind one address keep signing in: each colleague who signs in widens the budget by three', () => {
      let now = 0;
      const throttle = sprayer(() => now);
      // Monday morning behind the office's NAT: 200 people sign in within ten minutes, 60 of them
      // mistype their password once or twice first (90 failures, three times the bare budget).
      let refused = 0;
      for (let person = 0; person < 200; person++) {
        const username = `staff-${person}`;
        const typos = person < 30 ? 2 : person < 60 ? 1 : 0;
        for (let t = 0; t <= typos; t++) {
          now += 2000;
          if (throttle.waitFor(username, '192.0.2.10') > 0) {
            refused += 1;
            continue;
          }
          if (t < typos) fail(throttle, username, '192.0.2.10');
          else signIn(throttle, username, '192.0.2.10');
        }
      }
      expect(refused).toBe(0);
    });

    it('forgets the credit of a sign-in once it leaves the window', () => {
      let now = 0;
      const throttle = sprayer(() => now);
      for (let i = 0; i < 10; i++) signIn(throttle, `staff-${i}`, '192.0.2.10');
      now = 16 * MINUTE;
      for (let i = 0; i < 30; i++) fail(throttle, `user-${i}`, '192.0.2.10');
      expect(throttle.waitFor('user-30', '192.0.2.10')).toBeGreaterThan(0);
    });

    it('counts an IPv6 /64 as one address, and an IPv4-mapped address as its IPv4 address', () => {
      const throttle = new LoginThrottle({ now: () => 0, addressFailures: 2 });
      fail(throttle, 'a', '2001:db8:1:2::1');
      fail(throttle, 'b', '2001:db8:1:2:ffff:ffff:ffff:ffff');
      expect(throttle.waitFor('c', '2001:db8:1:2::abcd')).toBeGreaterThan(0);
      expect(throttle.waitFor('c', '2001:db8:1:3::1')).toBe(0);
      fail(throttle, 'a', '::ffff:192.0.2.1');
      fail(throttle, 'b', '192.0.2.1');
      expect(throttle.waitFor('c', '192.0.2.1')).toBeGreaterThan(0);
    });

    it('says which failure used up the budget', () => {
      const throttle = new LoginThrottle({ now: () => 0, addressFailures: 2 });
      expect(throttle.begin('a', '192.0.2.1')).toEqual({ waitMs: 0, addressExhausted: false });
      expect(throttle.begin('b', '192.0.2.1')).toEqual({ waitMs: 0, addressExhausted: true });
      expect(throttle.begin('c', '192.0.2.1')).toMatchObject({ addressExhausted: false });
      expect(throttle.begin('c', '192.0.2.1').waitMs).toBeGreaterThan(0);
    });

    it('counts attempts whose passwords are still being checked, so parallel attempts cannot overrun it', () => {
      const throttle = new LoginThrottle({ now: () => 0, addressFailures: 30 });
      const allowed = Array.from({ length: 100 }, (_, i) =>
        throttle.begin(`user-${i}`, '192.0.2.1'),
      );
      expect(allowed.filter((attempt) => attempt.waitMs === 0)).toHaveLength(30);
    });
  });
});

describe(addressBucket.name, () => {
  it('keeps IPv4 addresses whole, cuts IPv6 addresses to their /64 and unwraps IPv4-mapped ones', () => {
    expect(addressBucket('192.0.2.1')).toBe('192.0.2.1');
    expect(addressBucket('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('2001:DB8:0:0:1:2:3:4')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::1')).toBe('0:0:0:0::/64');
    expect(addressBucket('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
    expect(addressBucket('a::1:2:3:4:192.0.2.1')).toBe('a:0:1:2::/64');
    expect(addressBucket(null)).toBe('');
  });
});
