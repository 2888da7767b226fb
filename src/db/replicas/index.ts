// Read replicas (DATABASE_REPLICA_URLS): the replica set and its checker, read-your-writes state, and the
// router that picks where a request reads. See docs/deploy.md.
import type { Logger } from "pino";
import type { Config } from "../../config";
import type { Database } from "../database";
import { createRedisClient } from "../../redis/redis-client";
import { onPrimary, ReadRouter, routeDataSourceReads, type ReadRouterHooks } from "./read-routing";
import { ReplicaSet } from "./replica-set";
import { MemoryViewerWrites, RedisViewerWrites } from "./viewer-writes";

export { ReadRouter } from "./read-routing";
export type { ReplicaStatus } from "./replica-set";

/** How long a viewer's write keeps their reads on the primary at most: far above any lag a replica may have and still take reads. */
export function viewerWriteTtlMs(maxLagMs: number): number {
  return Math.max(60_000, maxLagMs * 10);
}

/**
 * The router over DATABASE_REPLICA_URLS, checked once before it returns (replicas that are down then are
 * skipped until a later check finds them up); undefined without replicas.
 */
export async function startReadRouting(config: Config, db: Database, logger: Logger, hooks: ReadRouterHooks = {}): Promise<ReadRouter | undefined> {
  if (!config.DATABASE_REPLICA_URLS?.length) return undefined;
  if (db.embedded) throw new Error("DATABASE_REPLICA_URLS needs DATABASE_URL: the embedded database has no replicas");
  const log = logger.child({ component: "replicas" });
  // Lag is measured against what the primary has written (a replica cannot be ahead of it); a viewer's write
  // against the insert position, which is at or past its commit even with synchronous_commit off.
  const primaryLsn = () => onPrimary(async () => ((await db.dataSource.query(`SELECT pg_current_wal_lsn()::text AS lsn`)) as Array<{ lsn: string }>)[0].lsn);
  const set = new ReplicaSet({
    urls: config.DATABASE_REPLICA_URLS,
    maxLagMs: config.REPLICA_MAX_LAG_MS,
    checkIntervalMs: config.REPLICA_CHECK_INTERVAL_MS,
    poolSize: config.DB_POOL_SIZE,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    primaryLsn,
    onStateChange: (s, previous) => log.info({ replica: s.name, state: s.state, previous, lagMs: s.lagMs, error: s.error }, "replica state changed"),
  });
  const ttl = viewerWriteTtlMs(config.REPLICA_MAX_LAG_MS);
  const writes = config.REDIS_URL ? new RedisViewerWrites(createRedisClient(config.REDIS_URL, "viewer-writes", log), ttl) : new MemoryViewerWrites(ttl);
  routeDataSourceReads(db.dataSource);
  const insertLsn = () => onPrimary(async () => ((await db.dataSource.query(`SELECT pg_current_wal_insert_lsn()::text AS lsn`)) as Array<{ lsn: string }>)[0].lsn);
  const router = new ReadRouter(set, writes, insertLsn, {
    ...hooks,
    onReplicaFailed: (replica, err) => {
      log.warn({ replica, err: { message: err.message, code: (err as { code?: string }).code } }, "replica failed a read; reads go elsewhere until it is healthy");
      hooks.onReplicaFailed?.(replica, err);
    },
  });
  await set.start();
  return router;
}
