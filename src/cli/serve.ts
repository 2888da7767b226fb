// `newsgraph serve`: opens the database (embedded unless DATABASE_URL), seeds an empty one, serves HTTP.
import { describeConfig, loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { seedIfEmpty } from "../seed/seed";
import { startApp } from "../http/app";
import { createLogger } from "../logger";
import { startLiveWork } from "../sources/live-work";

export async function serve(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, config.LOG_FORMAT);
  logger.info({ config: describeConfig(config) }, "starting newsgraph");
  const db = await openConfiguredDatabase(config, {
    onQueryError: (message, sql) => logger.warn({ err: message, sql: sql.slice(0, 500) }, "query failed"),
    onPoolError: (err) => logger.warn({ err: { message: err.message, code: (err as { code?: string }).code } }, "idle database connection lost"),
  });
  if (config.SEED_ON_EMPTY) {
    const seeded = await seedIfEmpty(db.dataSource);
    if (seeded) logger.info({ article: seeded.article.slug, quotes: seeded.quotes }, "seeded the empty database with the seed article");
  }
  const app = await startApp({ config, db, logger }, { port: config.PORT, host: config.HOST });
  db.announcePort(Number(new URL(app.url).port));
  // Live sources and the webhook outbox (SOURCES_POLL, WEBHOOKS_DELIVER): src/sources/live-work.ts.
  const live = startLiveWork({ config, db, logger, events: app.services.events, changes: app.services.changes, registry: app.metrics?.registry });
  logger.info({ url: `${app.url}/graphql`, database: db.embedded ? `embedded (${config.DATA_DIR})` : "postgres", ms: Date.now() - started }, "newsgraph is ready");
  // A stray rejection (e.g. a connection dropped mid-flight) is logged; it must not take the server down.
  process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled promise rejection"));
  let stopping = false;
  // Graceful shutdown, within 10 s: readiness answers 503 at once; after SHUTDOWN_GRACE_MS (load
  // balancers stop routing) the server stops accepting connections, in-flight requests finish
  // (up to 7 s), WebSocket clients get a close frame, then the database closes.
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const began = Date.now();
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => {
      logger.error({ ms: Date.now() - began }, "shutdown took too long; exiting");
      process.exit(1);
    }, 9_500);
    force.unref();
    let code = 0;
    try {
      app.health.markShuttingDown();
      await new Promise((resolve) => setTimeout(resolve, config.SHUTDOWN_GRACE_MS));
      await live.stop();
      await app.close();
      await db.close();
      logger.info({ ms: Date.now() - began }, "stopped");
    } catch (err) {
      code = 1;
      logger.error({ err }, "shutdown failed");
    } finally {
      process.exit(code);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
