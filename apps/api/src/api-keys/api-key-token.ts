/** API keys look like `zbk_<prefix>_<secret>`; the prefix finds the key, the secret proves it. */
export const API_KEY_PREFIX = 'zbk_';

/** The prefix and secret of a key as sent, or null when it is no key's shape. */
export function parseApiKey(token: string): { prefix: string; secret: string } | null {
  const [, prefix, secret] = /^zbk_([A-Za-z0-9]{8})_([A-Za-z0-9_-]{20,})$/.exec(token) ?? [];
  return prefix && secret ? { prefix, secret } : null;
}
