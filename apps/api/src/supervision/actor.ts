import { principalName, type Principal } from '../auth/principal.js';
import type { Actor } from './evidence.js';

/** The signed-in user or key as supervision's rules see it. */
export function actorOf(principal: Principal): Actor {
  return {
    name: principalName(principal),
    roles: principal.roles,
    department: principal.departmentCode,
  };
}
