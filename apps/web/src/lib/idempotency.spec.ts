import { describe, expect, it } from 'vitest';
import { keyPerPayload, newIdempotencyKey } from './idempotency.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe(newIdempotencyKey.name, () => {
  it('answers a v4 UUID', () => {
    expect(newIdempotencyKey()).toMatch(UUID);
  });

  it('makes one from random bytes where randomUUID is missing (plain http)', () => {
    const insecure = {
      getRandomValues: <T extends ArrayBufferView>(array: T) => {
        new Uint8Array(array.buffer).fill(0xff);
        return array;
      },
    } as unknown as Crypto;
    expect(newIdempotencyKey(insecure)).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});

describe(keyPerPayload.name, () => {
  it('reuses the key for the same payload and makes a new one for another', () => {
    let n = 0;
    const keyFor = keyPerPayload(() => `k${++n}`);
    expect(keyFor('a')).toBe('k1');
    expect(keyFor('a')).toBe('k1');
    expect(keyFor('b')).toBe('k2');
    expect(keyFor('a')).toBe('k3');
  });
});
