import { describe, expect, it, vi } from 'vitest';
import { fetchedOnce } from './once.js';

describe(fetchedOnce.name, () => {
  it('fetches once and answers every call with the same result', async () => {
    const fetch = vi.fn(() => Promise.resolve([1, 2]));
    const load = fetchedOnce(fetch);
    expect(await load()).toEqual([1, 2]);
    expect(await load()).toEqual([1, 2]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('fetches again after a failure', async () => {
    const fetch = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValueOnce('ok');
    const load = fetchedOnce(fetch);
    await expect(load()).rejects.toThrow('offline');
    expect(await load()).toBe('ok');
    expect(await load()).toBe('ok');
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
