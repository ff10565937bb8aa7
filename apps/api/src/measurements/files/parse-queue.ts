/** The queue is full: the caller should come back later (after `retryAfterSeconds`). */
export class QueueFull extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('queue full');
    this.name = 'QueueFull';
  }
}

/**
 * Runs at most `concurrency` tasks at once; up to `maxWaiting` more wait their turn in arrival
 * order, and any beyond that are refused at once with QueueFull, which says how long the work
 * ahead is likely to take (from the durations of recent tasks). Reading uploaded files is bounded
 * this way so that a burst of large files cannot take all memory and CPU.
 */
export class ParseQueue {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** Recent task duration in ms, an exponential moving average; 1 s until one has run. */
  private averageMs = 1_000;

  constructor(
    private readonly concurrency: number,
    private readonly maxWaiting: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (concurrency < 1 || maxWaiting < 0) throw new RangeError('concurrency ≥ 1, maxWaiting ≥ 0');
  }

  /** Tasks running and waiting, for logs and tests. */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** Runs `task` when a slot is free; rejects with QueueFull when the queue is full. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.concurrency) {
      this.running += 1;
    } else if (this.waiting.length < this.maxWaiting) {
      // The slot is handed over by the task that frees it (see `release`), so `running` stays.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      throw new QueueFull(this.retryAfterSeconds());
    }
    const started = this.now();
    try {
      return await task();
    } finally {
      this.averageMs = 0.7 * this.averageMs + 0.3 * (this.now() - started);
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next === undefined) this.running -= 1;
    else next();
  }

  /** Seconds until a slot is likely free for a newcomer: the work ahead of it, shared out. */
  private retryAfterSeconds(): number {
    const ahead = this.running + this.waiting.length;
    const seconds = Math.ceil((this.averageMs * ahead) / this.concurrency / 1000);
    return Math.min(60, Math.max(1, seconds));
  }
}
