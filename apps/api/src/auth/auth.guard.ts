import { Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { RouteAccess, RouteContract } from '@zhibiao/contracts';
import { AuditService } from '../audit/audit.service.js';
import { ROUTE_CONTRACT } from '../common/contract.js';
import { DomainError } from '../common/domain-error.js';
import { currentScope } from '../common/request-context.js';
import { AuthService } from './auth.service.js';
import { CSRF_HEADER, readCookies, SESSION_COOKIE } from './cookies.js';
import type { Principal } from './principal.js';

const ACCESS = Symbol('ACCESS');

/** Who may call a handler that has no contract (redirects, documents); default: any signed-in user. */
export const Access = (access: RouteAccess): MethodDecorator => SetMetadata(ACCESS, access);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every request: who is calling (bearer token — a session or an API key — or the session cookie), and
 * whether they may. Writes made with the cookie must echo the CSRF token. A role that may not call a
 * route gets 403, and the attempt goes into the audit trail.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request>();
    const handler = context.getHandler();
    const route = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, handler);
    const access: RouteAccess =
      route?.access ?? this.reflector.get<RouteAccess | undefined>(ACCESS, handler) ?? 'read';

    // A public route answers even when the credentials cannot be checked (health with the database down).
    const principal = await this.identify(req).catch((error: unknown) => {
      if (access === 'public') return null;
      throw error;
    });
    const scope = currentScope();
    if (scope && principal) scope.principal = principal;
    (req as Request & { principal?: Principal }).principal = principal ?? undefined;
    if (access === 'public') return true;
    if (!principal) throw new DomainError('unauthenticated');

    if (principal.kind === 'user' && principal.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
      if (req.headers[CSRF_HEADER] !== principal.csrfToken) throw new DomainError('csrf_failed');
    }
    // 'signed-in' needs a session only; 'read' needs some role (a user new from single sign-on has none
    // until an administrator grants one); a list needs one of its roles.
    const allowed =
      access === 'signed-in' ||
      (access === 'read'
        ? principal.roles.length > 0
        : access.some((role) => principal.roles.includes(role)));
    if (!allowed) {
      await this.audit.record({
        action: route ? `${route.method} ${route.path}` : `${req.method} ${req.path}`,
        entity: route?.tag ?? 'route',
        entityId: req.path,
        outcome: 'denied',
      });
      throw new DomainError('forbidden', {
        roles: principal.roles.join(', ') || '—',
        needed: access === 'read' ? 'admin, analyst, reporter, leader' : access.join(', '),
      });
    }
    return true;
  }

  private async identify(req: Request): Promise<Principal | null> {
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer '))
      return this.auth.authenticate(header.slice(7).trim(), 'bearer');
    const cookie = readCookies(req).get(SESSION_COOKIE);
    return cookie ? this.auth.authenticate(cookie, 'cookie') : null;
  }
}

/** The principal the guard found (routes that are not public always have one). */
export function principalOf(req: Request): Principal {
  const principal = (req as Request & { principal?: Principal }).principal;
  if (!principal) throw new DomainError('unauthenticated');
  return principal;
}
