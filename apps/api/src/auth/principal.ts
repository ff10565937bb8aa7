import type { Role } from '@zhibiao/contracts';

/** Who is calling: a signed-in user, or a department's system with an API key. */
export type Principal =
  | {
      kind: 'user';
      id: string;
      username: string;
      displayName: string;
      roles: Role[];
      departmentCode: string | null;
      sessionId: string;
      csrfToken: string;
      /** How the session reached us: writes made with the cookie must carry the CSRF token. */
      via: 'cookie' | 'bearer';
    }
  | {
      kind: 'api_key';
      id: string;
      prefix: string;
      name: string;
      roles: Role[];
      departmentCode: string;
    };

/** The name the audit trail and messages show. */
export function principalName(principal: Principal): string {
  // Keys go by the prefix GET /api-keys shows (zbk_…), so the audit can be filtered by it.
  return principal.kind === 'user' ? principal.username : `zbk_${principal.prefix}`;
}
