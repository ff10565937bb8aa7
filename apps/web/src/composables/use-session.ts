import { computed, shallowRef } from 'vue';
import type { Role, Session, User } from '@zhibiao/contracts';
import { api, isUnauthenticated, rememberCsrfToken } from '../api/client.js';

// One session for the whole app: who is signed in, as /auth/me last said.
const current = shallowRef<User | null>(null);
let pending: Promise<User | null> | null = null;
let loaded = false;

/** The signed-in user, from the server once, then from memory; null when nobody is signed in. */
export function loadSession(options: { force?: boolean } = {}): Promise<User | null> {
  if (loaded && !options.force) return Promise.resolve(current.value);
  pending ??= api
    .me()
    .then((me) => {
      current.value = me.user;
      rememberCsrfToken(me.csrfToken);
      loaded = true;
      return me.user;
    })
    .catch((error: unknown) => {
      if (!isUnauthenticated(error)) throw error;
      forgetSession();
      loaded = true;
      return null;
    })
    .finally(() => (pending = null));
  return pending;
}

/** After a successful sign-in: the user it answered with. */
export function startSession(session: Session): void {
  current.value = session.user;
  rememberCsrfToken(session.csrfToken);
  loaded = true;
}

/** After signing out, or when the API says the session is gone. */
export function forgetSession(): void {
  current.value = null;
  rememberCsrfToken(null);
  loaded = false;
}

/** Whether the signed-in user has `role`. */
export function hasRole(role: Role): boolean {
  return current.value?.roles.includes(role) ?? false;
}

/** The signed-in user and what they may do, for components. */
export function useSession() {
  return {
    user: computed(() => current.value),
    isAdmin: computed(() => current.value?.roles.includes('admin') ?? false),
    hasRole,
    /** Replaces the user after a change to their own account. */
    refresh: () => loadSession({ force: true }),
  };
}
