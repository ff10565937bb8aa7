import { computed, type ComputedRef } from 'vue';
import { hasRole } from './use-session.js';

/**
 * Whether the user may use the bureau administrators' actions (role `admin`). The API checks again;
 * this only keeps buttons away from those who would be refused.
 */
export function useIsAdmin(): ComputedRef<boolean> {
  return computed(() => hasRole('admin'));
}
