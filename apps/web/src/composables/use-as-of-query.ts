import { computed, type ComputedRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import { isIsoDate } from '@zhibiao/core';

/**
 * The day a page shows, kept in the URL (`?asOf=`) so that a view can be shared and reproduced:
 * undefined when the URL names none (or names no date), and the way to change it.
 */
export function useAsOfQuery(): {
  asOf: ComputedRef<string | undefined>;
  setAsOf: (value: string | null | undefined) => void;
} {
  const route = useRoute();
  const router = useRouter();
  const asOf = computed(() => {
    const value = route.query.asOf;
    return typeof value === 'string' && isIsoDate(value) ? value : undefined;
  });
  function setAsOf(value: string | null | undefined): void {
    const query = { ...route.query };
    if (value) query.asOf = value;
    else delete query.asOf;
    void router.replace({ query });
  }
  return { asOf, setAsOf };
}
