import { describe, expect, it } from 'vitest';
import { redirectTarget } from './redirect.js';

describe(redirectTarget.name, () => {
  it('keeps a path of the app with its query', () => {
    expect(redirectTarget('/indicators')).toBe('/indicators');
    expect(redirectTarget('/indicators/DS2020-5G?asOf=2020-06-30')).toBe(
      '/indicators/DS2020-5G?asOf=2020-06-30',
    );
  });

  it('goes to the start page when there is nothing usable', () => {
    expect(redirectTarget(undefined)).toBe('/');
    expect(redirectTarget(['/indicators'])).toBe('/');
    expect(redirectTarget('')).toBe('/');
  });

  it('refuses other sites and the login page itself', () => {
    expect(redirectTarget('https://evil.example/')).toBe('/');
    expect(redirectTarget('//evil.example/')).toBe('/');
    expect(redirectTarget('/\\evil.example/')).toBe('/');
    expect(redirectTarget('/login?redirect=/indicators')).toBe('/');
  });
});
