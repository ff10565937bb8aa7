import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { API_BASE_PATH } from '@zhibiao/contracts';
import { DomainError } from '../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { Access } from './auth.guard.js';
import { clientOf } from './auth.controller.js';
import { readCookies, setSessionCookies } from './cookies.js';
import { OidcService, type PendingLogin } from './oidc.service.js';

const PENDING_COOKIE = 'zb_oidc';
const PENDING_TTL_MS = 10 * 60 * 1000;

/**
 * The browser side of single sign-on: redirects, not JSON, so these two are not in the contracts.
 * Failures come back to the login page as `/login?error=<code>`.
 */
@Controller()
export class OidcController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly oidc: OidcService,
  ) {}

  @Get(`${API_BASE_PATH}/auth/oidc/login`)
  @Access('public')
  async login(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const { url, pending } = await this.oidc.start();
      // Lax, not Strict: the provider sends the browser back with a cross-site redirect.
      res.cookie(PENDING_COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url'), {
        httpOnly: true,
        sameSite: 'lax',
        secure:
          this.config.auth.cookieSecure === 'auto' ? req.secure : this.config.auth.cookieSecure,
        path: `${API_BASE_PATH}/auth/oidc`,
        maxAge: PENDING_TTL_MS,
      });
      res.redirect(302, url);
    } catch (error) {
      res.redirect(
        302,
        `/login?error=${error instanceof DomainError ? error.code : 'oidc_failed'}`,
      );
    }
  }

  @Get(`${API_BASE_PATH}/auth/oidc/callback`)
  @Access('public')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    res.clearCookie(PENDING_COOKIE, { path: `${API_BASE_PATH}/auth/oidc` });
    try {
      const pending = parsePending(readCookies(req).get(PENDING_COOKIE));
      const url = new URL(req.originalUrl, this.config.auth.publicUrl);
      const { token, csrfToken, expiresAt } = await this.oidc.finish(url, pending, clientOf(req));
      setSessionCookies(res, req, this.config, { token, csrfToken, expiresAt });
      res.redirect(302, '/');
    } catch (error) {
      res.redirect(
        302,
        `/login?error=${error instanceof DomainError ? error.code : 'oidc_failed'}`,
      );
    }
  }
}

function parsePending(value: string | undefined): PendingLogin {
  try {
    const parsed = JSON.parse(
      Buffer.from(value ?? '', 'base64url').toString('utf8'),
    ) as Partial<PendingLogin>;
    if (
      typeof parsed.state === 'string' &&
      typeof parsed.nonce === 'string' &&
      typeof parsed.verifier === 'string'
    ) {
      return { state: parsed.state, nonce: parsed.nonce, verifier: parsed.verifier };
    }
  } catch {
    // fall through
  }
  throw new DomainError('oidc_failed', {
    reason: 'the sign-in took too long or came from another browser',
  });
}
