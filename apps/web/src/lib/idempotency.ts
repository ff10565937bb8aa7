/** A random UUID (v4). `crypto.randomUUID` needs a secure context; plain http on an intranet has none. */
export function newIdempotencyKey(source: Crypto = globalThis.crypto): string {
  // Browsers leave randomUUID out of insecure contexts altogether.
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One key per payload: sending the same figures again (a double click, a retry after a lost answer)
 * reuses the key, so the API answers the first result instead of storing twice; new figures get a
 * new key.
 */
export function keyPerPayload(make: () => string = newIdempotencyKey): (payload: string) => string {
  let last: { payload: string; key: string } | null = null;
  return (payload) => {
    if (last?.payload !== payload) last = { payload, key: make() };
    return last.key;
  };
}
