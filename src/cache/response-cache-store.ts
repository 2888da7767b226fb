// Where cached answers live: envelop's response-cache stores, which index each answer by the entity
// tags it holds so that a write can drop exactly the answers that showed what it changed. In process
// memory (an LRU of RESPONSE_CACHE_MAX_ENTRIES answers) on one process; in Redis with REDIS_URL, shared
// by every process (a write through one drops the answers cached by all).
//
// Redis being down must not break reads: every store call that fails (at most a second later: the
// client bounds each command) is answered as a miss (or a no-op), logged once per outage, and the
// request goes on to the database.
import { createInMemoryCache, type Cache } from "@envelop/response-cache";
import { createRedisCache } from "@envelop/response-cache-redis";
import { createRedisClient } from "../redis/redis-client";
import type { Logger } from "pino";
import type { CacheTag } from "./cache-tags";

/** One cached answer: the data, its cache policy, and when it was stored (for the Age header). */
export interface CachedAnswer {
  data: Record<string, unknown>;
  maxAge: number;
  storedAt: number;
}

export interface ResponseCacheStore {
  /** "memory" or "redis". */
  readonly kind: string;
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer, tags: CacheTag[], ttlMs: number): Promise<void>;
  /** Drops every answer holding one of these tags. Throws when it could not (the caller logs it). */
  invalidate(tags: CacheTag[]): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  redisUrl?: string;
  maxEntries: number;
  /** Redis key prefix; processes serving the same database must share it. */
  prefix: string;
  logger: Logger;
}

export function createResponseCacheStore(options: StoreOptions): ResponseCacheStore {
  if (!options.redisUrl) {
    const cache = createInMemoryCache({ max: options.maxEntries });
    return wrap("memory", cache, async () => undefined);
  }
  // The project's Redis client: bounded commands, reconnects by itself, heartbeats through partitions.
  // Every key under one prefix (ioredis adds it to each command), so the cache shares a Redis with other data.
  const redis = createRedisClient(options.redisUrl, "response-cache", options.logger, { keyPrefix: `${options.prefix}:` });
  let down = false;
  redis.on("ready", () => {
    down = false;
  });
  // Every tag has an id part (`Article:list`, `Article:?`), so envelop never scans with KEYS.
  const envelop = createRedisCache({ redis: redis as never });
  const cache: Cache = {
    ...envelop,
    // envelop leaves its sets (tag → answers, type → answers, answer → tags) without an expiry; they would outlive the
    // answers and grow for ever. Each set lives as long as the longest-lived answer in it.
    async set(key, result, tags, ttl) {
      await envelop.set(key, result, tags, ttl);
      const seconds = Math.ceil(ttl / 1000);
      const pipeline = redis.pipeline();
      const list = Array.from(tags);
      const sets = new Set([`operations:${key}`, ...list.map((t) => t.typename), ...list.map((t) => `${t.typename}:${t.id}`)]);
      for (const setKey of sets) {
        pipeline.expire(setKey, seconds, "NX");
        pipeline.expire(setKey, seconds, "GT");
      }
      await pipeline.exec();
    },
  };
  return wrap(
    "redis",
    cache,
    async () => {
      await redis.quit().catch(() => redis.disconnect());
    },
    (err) => {
      if (!down) options.logger.warn({ err: (err as Error).message }, "response cache: Redis call failed; answering without the cache");
      down = true;
    },
  );
}

function wrap(kind: string, cache: Cache, close: () => Promise<void>, onError?: (err: unknown) => void): ResponseCacheStore {
  const guard = async <T>(work: () => Promise<T> | T, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (!onError) throw err;
      onError(err);
      return fallback;
    }
  };
  return {
    kind,
    get: (key) => guard(async () => ((await cache.get(key)) as unknown as CachedAnswer | null) ?? undefined, undefined),
    set: (key, answer, tags, ttlMs) => guard(async () => void (await cache.set(key, answer as never, tags, ttlMs)), undefined),
    // Invalidation errors are not swallowed: the writer logs them (content-changes.ts).
    invalidate: async (tags) => void (await cache.invalidate(tags)),
    close,
  };
}
