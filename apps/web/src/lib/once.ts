/**
 * `fetch` made to run once: every call answers the same promise, until it fails; the next call after a
 * failure fetches again. For lists that do not change while a page is open (regions, departments).
 */
export function fetchedOnce<T>(fetch: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= fetch().catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
    return cached;
  };
}
