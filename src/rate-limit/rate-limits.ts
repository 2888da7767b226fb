// Rate limits on reader writes, per user (or per address for anonymous use). Counters live in
// rate-limiter-flexible's store: process memory by default, Redis when REDIS_URL is set, so every
// newsgraph process shares them. Windows are fixed and computed from the request's clock (ctx.now),
// which keeps limits testable; the store only counts and expires.
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract, type RateLimiterStoreAbstract } from "rate-limiter-flexible";
import type { Config } from "../config";
import { RateLimitedError, ServiceUnavailableError } from "../errors";
import { createRedisClient } from "../redis/redis-client";

/** What is being limited: posting comments, or any other reader write (edits, reports, reactions). */
export type RateAction = "comment" | "write" | "export";

export interface RateLimit {
  points: number;
  windowSeconds: number;
}

type Limiter = RateLimiterAbstract | RateLimiterStoreAbstract;

export class RateLimits {
  private readonly limiters = new Map<RateAction, { limiter: Limiter; limit: RateLimit }>();

  constructor(
    limits: Record<RateAction, RateLimit>,
    private readonly redis: Redis | null = null,
    keyPrefix = "newsgraph:rl",
  ) {
    for (const [action, limit] of Object.entries(limits) as Array<[RateAction, RateLimit]>) {
      const opts = { keyPrefix: `${keyPrefix}:${action}`, points: limit.points, duration: limit.windowSeconds };
      const limiter = redis ? new RateLimiterRedis({ ...opts, storeClient: redis }) : new RateLimiterMemory(opts);
      this.limiters.set(action, { limiter, limit });
    }
  }

  /**
   * Counts one `action` by `who` (e.g. `user:alice`, `ip:10.0.0.1`) at `now`; throws RATE_LIMITED with
   * `retryAfter` (seconds until the window ends) when the window's points are spent.
   */
  async consume(action: RateAction, who: string, now: Date): Promise<void> {
    const entry = this.limiters.get(action);
    if (!entry) throw new Error(`no rate limit for ${action}`);
    const windowMs = entry.limit.windowSeconds * 1000;
    const bucket = Math.floor(now.getTime() / windowMs);
    const retryAfter = Math.max(1, Math.ceil(((bucket + 1) * windowMs - now.getTime()) / 1000));
    try {
      await entry.limiter.consume(`${who}:${bucket}`, 1);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw new RateLimitedError(retryAfter);
      // Redis down, refusing, or not answering within its command timeout: the write is not counted, so
      // it is refused (coded, HTTP 503) rather than let through unlimited.
      throw new ServiceUnavailableError("The rate-limit store (Redis) is not reachable right now; try again shortly.", { service: "redis" });
    }
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => this.redis?.disconnect());
  }
}

/** The limits the configuration sets, in Redis when REDIS_URL is set. */
export function createRateLimits(
  config: Pick<Config, "COMMENTS_RATE_LIMIT" | "COMMENTS_RATE_WINDOW_SECONDS" | "WRITES_RATE_LIMIT" | "REDIS_URL"> &
    Partial<Pick<Config, "EXPORT_ANONYMOUS_RATE_LIMIT" | "EXPORT_ANONYMOUS_RATE_WINDOW_SECONDS">>,
  logger?: Logger,
): RateLimits {
  const redis = config.REDIS_URL ? createRedisClient(config.REDIS_URL, "rate-limits", logger) : null;
  return new RateLimits(
    {
      comment: { points: config.COMMENTS_RATE_LIMIT, windowSeconds: config.COMMENTS_RATE_WINDOW_SECONDS },
      write: { points: config.WRITES_RATE_LIMIT, windowSeconds: 60 },
      // Anonymous bulk exports (src/http/export-route.ts); 0 turns them off there, so at least 1 here.
      export: { points: Math.max(1, config.EXPORT_ANONYMOUS_RATE_LIMIT ?? 10), windowSeconds: config.EXPORT_ANONYMOUS_RATE_WINDOW_SECONDS ?? 3600 },
    },
    redis,
  );
}
