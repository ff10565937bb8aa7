import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import { ApiError } from '../api/client.js';
import { settle } from '../testing/mount.js';
import { usePagedList, useResource } from './use-resource.js';

/** A request whose answer the test gives when it likes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('useResource', () => {
  it('loads at once and shows the answer', async () => {
    const resource = useResource(() => Promise.resolve([1, 2]), []);
    expect(resource.loading.value).toBe(true);
    await settle();
    expect(resource.data.value).toEqual([1, 2]);
    expect(resource.loading.value).toBe(false);
  });

  it('drops an answer that comes after a later request started', async () => {
    const answers = [deferred<string>(), deferred<string>()];
    let call = 0;
    const resource = useResource(() => answers[call++]!.promise, '');
    void resource.load();
    answers[1]!.resolve('second');
    answers[0]!.resolve('first, late');
    await settle();
    expect(resource.data.value).toBe('second');
  });

  it('keeps the last answer on a failure, or forgets it when asked', async () => {
    let fail = false;
    const fetch = () => (fail ? Promise.reject(new Error('down')) : Promise.resolve('ok'));
    const kept = useResource(fetch, '');
    const cleared = useResource(fetch, '', { clearOnError: true });
    await settle();
    fail = true;
    await Promise.all([kept.load(), cleared.load()]);
    expect([kept.data.value, kept.error.value]).toEqual(['ok', 'down']);
    expect([cleared.data.value, cleared.error.value]).toEqual(['', 'down']);
  });

  it('tells a 404 apart from a failure', async () => {
    const resource = useResource(
      () => Promise.reject(new ApiError('未找到', 'indicator_not_found', 404)),
      null,
    );
    await settle();
    expect(resource.notFound.value).toBe(true);
    expect(resource.error.value).toBeNull();
  });

  it('loads again when what it watches changes', async () => {
    const code = ref('A');
    const resource = useResource(() => Promise.resolve(`indicator ${code.value}`), '', {
      watch: code,
    });
    await settle();
    code.value = 'B';
    await nextTick();
    await settle();
    expect(resource.data.value).toBe('indicator B');
  });
});

describe('usePagedList', () => {
  it('appends the page after the last item and knows when the list ends', async () => {
    const all = Array.from({ length: 5 }, (_, i) => ({ id: String(5 - i) }));
    const asked: (string | undefined)[] = [];
    const list = usePagedList((before) => {
      asked.push(before);
      const start = before ? all.findIndex((a) => a.id === before) + 1 : 0;
      return Promise.resolve(all.slice(start, start + 2));
    }, 2);
    await settle();
    expect(list.items.value.map((a) => a.id)).toEqual(['5', '4']);
    expect(list.more.value).toBe(true);
    await list.loadMore();
    await list.loadMore();
    expect(list.items.value.map((a) => a.id)).toEqual(['5', '4', '3', '2', '1']);
    expect(list.more.value).toBe(false);
    expect(asked).toEqual([undefined, '4', '2']);
    await list.reload();
    expect(list.items.value.map((a) => a.id)).toEqual(['5', '4']);
  });
});
