import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A stored secret that cannot be opened: tampered with, cut, or sealed under another key. */
export class SecretUnreadable extends Error {
  constructor(reason: string) {
    super(`the stored secret cannot be decrypted (${reason}); was PULL_SECRET_KEY changed?`);
  }
}

/**
 * `PULL_SECRET_KEY` as 32 bytes: 64 hex digits, or base64 of 32 bytes. Undefined for anything else
 * (the config reports it).
 */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-f]{64}$/i.test(trimmed)) return Buffer.from(trimmed, 'hex');
  if (/^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length === 32) return bytes;
  }
  return undefined;
}

/**
 * Seals short secrets (a source's auth header) with AES-256-GCM under one key, a random IV per value,
 * as text `v1:<iv>:<tag>:<ciphertext>` (base64): the tag makes any change to the text, or a different
 * key, fail loudly instead of yielding a wrong header.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('a SecretBox key has 32 bytes');
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv, tag, ciphertext]
      .map((p) => (typeof p === 'string' ? p : p.toString('base64')))
      .join(':');
  }

  /** The plain text; throws SecretUnreadable when the text was changed or sealed under another key. */
  open(sealed: string): string {
    const parts = sealed.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) throw new SecretUnreadable('unknown format');
    const [iv, tag, ciphertext] = parts.slice(1).map((p) => Buffer.from(p, 'base64')) as [
      Buffer,
      Buffer,
      Buffer,
    ];
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretUnreadable('unknown format');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadable('authentication failed');
    }
  }
}
