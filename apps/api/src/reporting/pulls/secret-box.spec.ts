import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSecretKey, SecretBox, SecretUnreadable } from './secret-box.js';

describe(SecretBox.name, () => {
  const key = randomBytes(32);
  const box = new SecretBox(key);

  it('opens what it sealed, and seals the same value differently each time', () => {
    const first = box.seal('Bearer 令牌-123');
    const second = box.seal('Bearer 令牌-123');
    expect(first).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(first).not.toContain('Bearer');
    expect(first).not.toBe(second);
    expect(box.open(first)).toBe('Bearer 令牌-123');
    expect(box.open(second)).toBe('Bearer 令牌-123');
  });

  it('refuses a sealed value that was changed', () => {
    const sealed = box.seal('Bearer secret');
    const [version, iv, tag, ciphertext] = sealed.split(':') as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open([version, iv, tag, flipped.toString('base64')].join(':'))).toThrow(
      SecretUnreadable,
    );
    const otherTag = Buffer.from(tag, 'base64');
    otherTag[3] = otherTag[3]! ^ 0x80;
    expect(() =>
      box.open([version, iv, otherTag.toString('base64'), ciphertext].join(':')),
    ).toThrow(SecretUnreadable);
    expect(() => box.open('v2:' + sealed.slice(3))).toThrow(/unknown format/);
    expect(() => box.open('plain text')).toThrow(SecretUnreadable);
  });

  it('refuses a value sealed under another key, saying the key may have changed', () => {
    const sealed = new SecretBox(randomBytes(32)).seal('Bearer secret');
    expect(() => box.open(sealed)).toThrow(/PULL_SECRET_KEY changed/);
  });
});

describe(parseSecretKey.name, () => {
  it('takes 32 bytes as 64 hex digits or as base64, and nothing else', () => {
    const bytes = randomBytes(32);
    expect(parseSecretKey(bytes.toString('hex'))).toEqual(bytes);
    expect(parseSecretKey(bytes.toString('base64'))).toEqual(bytes);
    expect(parseSecretKey(` ${bytes.toString('base64url')} `)).toEqual(bytes);
    expect(parseSecretKey(randomBytes(16).toString('hex'))).toBeUndefined();
    expect(parseSecretKey(randomBytes(24).toString('base64'))).toBeUndefined();
    expect(parseSecretKey('not a key')).toBeUndefined();
  });
});
