// `newsgraph serve`: opens the database (embedded unless DATABASE_URL), seeds an empty one, serves HTTP.
import { describeConfig, loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { seedIfEmpty } from "../db/seed/seed";
import { startApp } from "../http/app";
import { createLogger } from "../logger";

export async function serve(): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  logger.info({ config: describeConfig(config) }, "starting newsgraph");
  const db = await openConfiguredDatabase(config, {
    onQueryError: (message, sql) => logger.warn({ err: message, sql: sql.slice(0, 500) }, "query failed"),
  });
  if (config.SEED_ON_EMPTY) {
    const seeded = await seedIfEmpty(db.dataSource);
    if (seeded) logger.info({ article: seeded.article.slug, quotes: seeded.quotes }, "seeded the empty database with the seed article");
  }
  const app = await startApp({ config, db, logger }, { port: config.PORT, host: config.HOST });
  logger.info({ url: `${app.url}/graphql`, database: db.embedded ? `embedded (${config.DATA_DIR})` : "postgres", ms: Date.now() - started }, "newsgraph is ready");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await app.close();
      await db.close();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
