import { describe, expect, it } from 'vitest';
import { ParseQueue, QueueFull } from './parse-queue.js';

/** A task that runs until `finish` (or `fail`) is called. */
function gate<T>(value: T) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<T>((resolve, reject) => {
    finish = () => resolve(value);
    fail = reject;
  });
  return { task: () => done, finish, fail };
}

/** Lets pending promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(ParseQueue.name, () => {
  it('runs at most `concurrency` tasks at once and starts the waiting ones in arrival order', async () => {
    const queue = new ParseQueue(2, 2);
    const started: string[] = [];
    const gates = ['a', 'b', 'c', 'd'].map((name) => ({ name, ...gate(name) }));
    const results = gates.map(({ name, task }) =>
      queue.run(() => {
        started.push(name);
        return task();
      }),
    );
    await settle();
    expect(started).toEqual(['a', 'b']);
    expect(queue.load).toEqual({ running: 2, waiting: 2 });

    gates[1]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    gates[0]!.finish();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    gates[2]!.finish();
    gates[3]!.finish();
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd']);
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a task at once when the queue is full, saying when to come back', async () => {
    const queue = new ParseQueue(1, 1);
    const first = gate(1);
    const running = queue.run(first.task);
    const waiting = queue.run(() => Promise.resolve(2));
    let ran = false;
    const refused = queue.run(() => {
      ran = true;
      return Promise.resolve(3);
    });
    await expect(refused).rejects.toBeInstanceOf(QueueFull);
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 2 });
    expect(ran).toBe(false);
    first.finish();
    expect([await running, await waiting]).toEqual([1, 2]);
    // Room again: the next one runs.
    expect(await queue.run(() => Promise.resolve(4))).toBe(4);
  });

  it('hands the slot on when a task fails', async () => {
    const queue = new ParseQueue(1, 1);
    const first = gate(1);
    const failing = queue.run(first.task);
    const next = queue.run(() => Promise.resolve('next'));
    first.fail(new Error('unreadable'));
    await expect(failing).rejects.toThrow('unreadable');
    expect(await next).toBe('next');
    expect(queue.load).toEqual({ running: 0, waiting: 0 });
  });

  it('estimates the wait from how long recent tasks took', async () => {
    let now = 0;
    const queue = new ParseQueue(1, 0, () => now);
    // Tasks of 10 s each: the average moves from its 1 s start towards 10 s.
    for (let i = 0; i < 10; i++) {
      await queue.run(() => {
        now += 10_000;
        return Promise.resolve();
      });
    }
    const busy = gate(null);
    const running = queue.run(busy.task);
    const refused = queue.run(() => Promise.resolve(null));
    await expect(refused).rejects.toMatchObject({ retryAfterSeconds: 10 });
    busy.finish();
    await running;
  });
});
