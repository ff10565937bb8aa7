import type { Role, User } from '@zhibiao/contracts';

/** A user account as the features see it: parsed from its row once, in the repository. */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  department: { code: string; name: string } | null;
  roles: Role[];
  disabled: boolean;
  passwordHash: string | null;
  oidcSubject: string | null;
  createdAt: Date;
}

/** What creating or updating a user writes. */
export interface UserWrite {
  username: string;
  displayName: string;
  email: string | null;
  departmentCode: string | null;
  roles: Role[];
  disabled: boolean;
}

/** A user as the API shows it: never with a password hash. */
export function toUser(account: UserAccount): User {
  return {
    id: account.id,
    username: account.username,
    displayName: account.displayName,
    email: account.email,
    department: account.department,
    roles: account.roles,
    disabled: account.disabled,
    signIn: account.passwordHash === null && account.oidcSubject !== null ? 'oidc' : 'password',
    createdAt: account.createdAt.toISOString(),
  };
}
