import type { Request, Response } from 'express';
import type { AppConfig } from '../config/config.js';

export const SESSION_COOKIE = 'zb_session';
export const CSRF_COOKIE = 'zb_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The cookies of a request, by name (the first of duplicates wins). */
export function readCookies(req: Request): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    if (name === '' || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(index + 1).trim()));
    } catch {
      // A cookie that is not valid percent-encoding is not ours.
    }
  }
  return cookies;
}

function secure(config: AppConfig, req: Request): boolean {
  return config.auth.cookieSecure === 'auto' ? req.secure : config.auth.cookieSecure;
}

/**
 * The session cookie (HttpOnly: scripts cannot read it) and the CSRF cookie (readable, so the web app
 * can echo it in X-CSRF-Token). Both SameSite=Strict.
 */
export function setSessionCookies(
  res: Response,
  req: Request,
  config: AppConfig,
  session: { token: string; csrfToken: string; expiresAt: string },
): void {
  const common = {
    sameSite: 'strict',
    secure: secure(config, req),
    path: '/',
    expires: new Date(session.expiresAt),
  } as const;
  res.cookie(SESSION_COOKIE, session.token, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, session.csrfToken, { ...common, httpOnly: false });
}

export function clearSessionCookies(res: Response, req: Request, config: AppConfig): void {
  const common = { sameSite: 'strict', secure: secure(config, req), path: '/' } as const;
  res.clearCookie(SESSION_COOKIE, { ...common, httpOnly: true });
  res.clearCookie(CSRF_COOKIE, { ...common, httpOnly: false });
}
