import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe(LoginThrottle.name, () => {
  it('makes the attempt after five failures wait, doubling after each further failure up to the ceiling', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now, 5, 8000);
    for (let i = 0; i < 4; i++) throttle.failed('Admin', '10.0.0.1');
    expect(throttle.waitFor('admin', '10.0.0.1')).toBe(0);
    throttle.failed('admin', '10.0.0.1');
    expect(throttle.waitFor('admin', '10.0.0.1')).toBe(1000);
    throttle.failed('admin', '10.0.0.1');
    expect(throttle.waitFor('admin', '10.0.0.1')).toBe(2000);
    for (let i = 0; i < 5; i++) throttle.failed('admin', '10.0.0.1');
    expect(throttle.waitFor('admin', '10.0.0.1')).toBe(8000);
    now = 8000;
    expect(throttle.waitFor('admin', '10.0.0.1')).toBe(0);
  });

  it('keeps addresses and usernames apart, and forgets after a success', () => {
    const throttle = new LoginThrottle(() => 0, 1, 60_000);
    throttle.failed('a', '1.1.1.1');
    throttle.failed('a', '1.1.1.1');
    expect(throttle.waitFor('a', '1.1.1.1')).toBeGreaterThan(0);
    expect(throttle.waitFor('a', '2.2.2.2')).toBe(0);
    expect(throttle.waitFor('b', '1.1.1.1')).toBe(0);
    throttle.succeeded('a', '1.1.1.1');
    expect(throttle.waitFor('a', '1.1.1.1')).toBe(0);
  });
});
