// At most N fetches at once to one host, across every source and page of this process.

export class HostLimiter {
  private readonly active = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();

  constructor(private readonly perHost: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const key = host.toLowerCase();
    if ((this.active.get(key) ?? 0) >= this.perHost) {
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(key) ?? [];
        queue.push(resolve);
        this.waiting.set(key, queue);
      });
    } else {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.get(key)?.shift();
      // The slot passes straight to the next waiter; otherwise it is freed.
      if (next) next();
      else {
        const n = (this.active.get(key) ?? 1) - 1;
        if (n > 0) this.active.set(key, n);
        else this.active.delete(key);
        this.waiting.delete(key);
      }
    }
  }

  /** Fetches to `host` in flight now (tests check the limit with it). */
  inFlight(host: string): number {
    return this.active.get(host.toLowerCase()) ?? 0;
  }
}
