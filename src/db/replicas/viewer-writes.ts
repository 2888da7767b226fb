// Read-your-writes: the primary's WAL position after each viewer's last write, so that viewer's reads go to
// the primary until a replica has replayed that far. In process memory (bounded), or in Redis with
// REDIS_URL so that it holds when the viewer's next request reaches another newsgraph process.
import type { Redis } from "ioredis";

export interface ViewerWrites {
  /** Records that `viewer`'s write is at (or before) `lsn`. */
  record(viewer: string, lsn: string): Promise<void>;
  /** The position of `viewer`'s last recorded write, if it is recent; throws when it cannot tell. */
  last(viewer: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * In memory: the `maxViewers` most recent writers, each for `ttlMs`. Past that a replica within
 * REPLICA_MAX_LAG_MS has long replayed the write (ttlMs is set well above the lag bound).
 */
export class MemoryViewerWrites implements ViewerWrites {
  private readonly entries = new Map<string, { lsn: string; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxViewers = 10_000,
  ) {}

  async record(viewer: string, lsn: string): Promise<void> {
    this.entries.delete(viewer);
    this.entries.set(viewer, { lsn, until: Date.now() + this.ttlMs });
    while (this.entries.size > this.maxViewers) this.entries.delete(this.entries.keys().next().value!);
  }

  async last(viewer: string): Promise<string | undefined> {
    const e = this.entries.get(viewer);
    if (!e) return undefined;
    if (e.until < Date.now()) {
      this.entries.delete(viewer);
      return undefined;
    }
    return e.lsn;
  }

  async close(): Promise<void> {}
}

/** In Redis, one key per viewer that expires after `ttlMs`: every process sees every viewer's writes. */
export class RedisViewerWrites implements ViewerWrites {
  constructor(
    private readonly redis: Redis,
    private readonly ttlMs: number,
    private readonly prefix = "newsgraph:viewer-write:",
  ) {}

  async record(viewer: string, lsn: string): Promise<void> {
    await this.redis.set(this.prefix + viewer, lsn, "PX", this.ttlMs);
  }

  async last(viewer: string): Promise<string | undefined> {
    return (await this.redis.get(this.prefix + viewer)) ?? undefined;
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
