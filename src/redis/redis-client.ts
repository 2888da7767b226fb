// Redis connections for the parts of newsgraph that need Redis (shared rate limits, subscription events,
// readiness). Redis going away must never hang a request or take the process down, and service must
// come back by itself, so every client here:
// - bounds each command (`commandTimeout`): a Redis that accepts connections but never answers (hung,
//   or packets dropped) fails the command instead of holding the request until its time budget; the
//   same bound makes a stuck connection's ready check fail, so the client drops it and reconnects;
// - retries a command once on a new connection at most, then fails it;
// - reconnects forever, at most a second apart, so service resumes within about a second of Redis
//   returning;
// - pings every 2 s, and reconnects when a ping goes unanswered: a connection cut without a reset (a
//   network partition) looks "ready" for ever otherwise, and a subscriber on it would hear nothing;
// - logs losing and regaining the connection once each (not every reconnect attempt), and never lets
//   an 'error' event go unhandled.
import { Redis } from "ioredis";
import type { Logger } from "pino";

/** How long one Redis command may take before it fails, in milliseconds. */
export const REDIS_COMMAND_TIMEOUT_MS = 1_000;
/** How often an idle-or-not connection is checked with PING, in milliseconds. */
export const REDIS_HEARTBEAT_MS = 2_000;

export function createRedisClient(url: string, name: string, logger?: Logger, options: { lazyConnect?: boolean; keyPrefix?: string } = {}): Redis {
  const client = new Redis(url, {
    keyPrefix: options.keyPrefix,
    connectionName: `newsgraph-${name}`,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: (times) => Math.min(times * 100, 1_000),
    lazyConnect: options.lazyConnect ?? false,
  });
  let down = false;
  client.on("error", (err: Error) => {
    if (down) return;
    down = true;
    logger?.warn({ redis: name, err: { message: err.message } }, "Redis connection lost; what needs Redis answers SERVICE_UNAVAILABLE until it is back");
  });
  client.on("ready", () => {
    if (!down) return;
    down = false;
    logger?.info({ redis: name }, "Redis connection back");
  });
  const heartbeat = setInterval(() => {
    if (client.status !== "ready") return;
    client.ping().catch(() => {
      // Still "ready" after an unanswered ping: the link is dead without having been closed.
      if (client.status === "ready") client.disconnect(true);
    });
  }, REDIS_HEARTBEAT_MS);
  heartbeat.unref();
  client.once("end", () => clearInterval(heartbeat));
  return client;
}

/**
 * Resolves once `client` is ready, or rejects after `ms` (a client still making its first connection
 * gets that long; one that lost its connection is usually not back within it).
 */
export function whenRedisReady(client: Redis, ms: number): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  if (client.status === "wait") client.connect().catch(() => undefined);
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off("ready", onReady);
      reject(new Error(`Redis was not ready within ${ms} ms (${client.status})`));
    }, ms);
    client.once("ready", onReady);
  });
}
