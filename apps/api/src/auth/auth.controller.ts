import { Body, Controller, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { apiRoutes } from '@zhibiao/contracts';
import { Contract, type RouteIn, type RouteOut } from '../common/contract.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { principalOf } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { clearSessionCookies, setSessionCookies } from './cookies.js';

export function clientOf(req: Request): { ip: string | null; userAgent: string | null } {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
}

@Controller()
export class AuthController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  @Contract(apiRoutes.authConfig)
  authConfig(): RouteOut<'authConfig'> {
    const oidc = this.config.auth.oidc;
    return { oidc: { enabled: oidc !== undefined, label: oidc?.label ?? '' } };
  }

  @Contract(apiRoutes.login)
  async login(
    @Body() body: RouteIn<'login'>['body'],
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<RouteOut<'login'>> {
    const { token, ...session } = await this.auth.login(
      body.username,
      body.password,
      clientOf(req),
    );
    setSessionCookies(res, req, this.config, {
      token,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    });
    return session;
  }

  @Contract(apiRoutes.logout)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(principalOf(req));
    clearSessionCookies(res, req, this.config);
  }

  @Contract(apiRoutes.me)
  async me(@Req() req: Request): Promise<RouteOut<'me'>> {
    const principal = principalOf(req);
    return {
      user: await this.auth.me(principal),
      csrfToken: principal.kind === 'user' ? principal.csrfToken : null,
    };
  }

  @Contract(apiRoutes.changePassword)
  changePassword(
    @Req() req: Request,
    @Body() body: RouteIn<'changePassword'>['body'],
  ): Promise<void> {
    return this.auth.changePassword(principalOf(req), body.currentPassword, body.newPassword);
  }
}
