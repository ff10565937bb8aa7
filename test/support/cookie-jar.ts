import { parseSetCookie } from './accounts.js';

/**
 * The cookies a browser would keep, per origin, for driving redirects with `fetch(…, {redirect:
 * 'manual'})`. Paths, expiry dates and SameSite are ignored: every cookie an origin set goes back to it
 * until it is cleared (Max-Age=0 or an Expires in the past).
 */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  /** fetch `url` with the jar's cookies for its origin, keeping the ones the answer sets. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.header(target);
    if (cookie) headers.set('Cookie', cookie);
    const res = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.keep(target, res);
    return res;
  }

  /** A cookie's value as set (percent-encoding left as it is). */
  get(url: string | URL, name: string): string | undefined {
    return this.byOrigin.get(new URL(url).origin)?.get(name);
  }

  private header(url: URL): string | undefined {
    const cookies = this.byOrigin.get(url.origin);
    if (!cookies || cookies.size === 0) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private keep(url: URL, res: Response): void {
    const cookies = this.byOrigin.get(url.origin) ?? new Map<string, string>();
    this.byOrigin.set(url.origin, cookies);
    for (const header of res.headers.getSetCookie()) {
      const { name, attributes } = parseSetCookie(header);
      // Sent back exactly as set: the provider's cookies are not ours to decode.
      const pair = header.split(';', 1)[0] ?? '';
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const maxAge = attributes.get('max-age');
      const expires = attributes.get('expires');
      const gone =
        maxAge === '0' ||
        (typeof maxAge === 'string' && Number(maxAge) < 0) ||
        (typeof expires === 'string' && Date.parse(expires) <= Date.now());
      if (gone) cookies.delete(name);
      else cookies.set(name, value);
    }
  }
}
