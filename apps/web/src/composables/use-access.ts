import { computed, type ComputedRef } from 'vue';

/**
 * Whether the user may use the bureau administrators' actions. Accounts come in a later issue; until
 * then everyone may, and this is the one place that changes when roles arrive.
 */
export function useIsAdmin(): ComputedRef<boolean> {
  return computed(() => true);
}
