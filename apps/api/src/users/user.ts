import type { Role, User } from '@zhibiao/contracts';
import type { UserRow } from './user.repository.js';

/** A user as the API shows it: never with a password hash. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    department:
      row.department_code === null
        ? null
        : { code: row.department_code, name: row.department_name ?? row.department_code },
    roles: row.roles as Role[],
    disabled: row.disabled,
    signIn: row.password_hash === null && row.oidc_subject !== null ? 'oidc' : 'password',
    createdAt: row.created_at.toISOString(),
  };
}
