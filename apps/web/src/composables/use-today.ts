import { computed, shallowRef, type ComputedRef } from 'vue';
import type { ClockOut } from '@zhibiao/contracts';
import { api } from '../api/client.js';

// "Today" is the server's (Asia/Shanghai, APP_TODAY, or the demo's day), never the browser's: a demo
// of 2020 shows 2020 to everyone, and every form starts from the day the server records on.
const clock = shallowRef<ClockOut | null>(null);
let pending: Promise<ClockOut> | undefined;
let fetchedAt = 0;
// The server's day changes at midnight: ask again after this long (elapsed time, not a date).
const STALE_MS = 10 * 60 * 1000;

/** The server's clock, fetched once and again when stale; a failed fetch is retried next time. */
export function loadClock(): Promise<ClockOut> {
  if (pending && performance.now() - fetchedAt > STALE_MS) pending = undefined;
  pending ??= api
    .clock()
    .then((answer) => {
      fetchedAt = performance.now();
      clock.value = answer;
      return answer;
    })
    .catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
  return pending;
}

/**
 * Today as the server counts it (null until it has answered), whether it is a pinned or demo day,
 * and the day of the demo year the database holds, if any.
 */
export function useToday(): {
  today: ComputedRef<string | null>;
  clock: ComputedRef<ClockOut | null>;
} {
  loadClock().catch(() => undefined);
  return { today: computed(() => clock.value?.today ?? null), clock: computed(() => clock.value) };
}

/** The calendar day a date picker means by a `Date` (its local midnight), as YYYY-MM-DD. */
export function pickedDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
