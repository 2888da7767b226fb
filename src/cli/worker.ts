// `newsgraph worker`: polls the live sources and sends the webhook outbox without serving the API, so
// it can be deployed apart from `serve` (which then runs with SOURCES_POLL=false and
// WEBHOOKS_DELIVER=false, or not: claims are shared safely). With --port it serves /metrics and /healthz.
import { createServer } from "node:http";
import type { Command } from "commander";
import { loadConfig } from "../config";
import { openConfiguredDatabase } from "../db/database";
import { createLogger } from "../logger";
import { createNewsEvents } from "../pubsub/news-events";
import { startLiveWork } from "../sources/live-work";

export function registerWorkerCommand(program: Command): void {
  program
    .command("worker")
    .description("Poll the live sources and send webhook deliveries, without serving GraphQL.")
    .option("-p, --port <port>", "serve /metrics and /healthz on this port of HOST")
    .action(async (opts: { port?: string }) => {
      const config = loadConfig();
      const logger = createLogger(config.LOG_LEVEL);
      const db = await openConfiguredDatabase(config);
      // Quote events reach subscribers of other processes through Redis (REDIS_URL).
      const events = createNewsEvents(config.REDIS_URL, logger);
      const work = startLiveWork({ config, db, logger, events, poll: true, deliver: true });
      const server = opts.port
        ? createServer(async (req, res) => {
            if (req.url === "/metrics") {
              res.setHeader("content-type", work.metrics.registry.contentType);
              res.end(await work.metrics.registry.metrics());
            } else if (req.url === "/healthz") {
              res.setHeader("content-type", "application/json");
              res.end(JSON.stringify({ status: "ok" }));
            } else {
              res.statusCode = 404;
              res.end();
            }
          }).listen(Number(opts.port), config.HOST)
        : null;
      logger.info({ database: db.embedded ? "embedded" : "postgres" }, "newsgraph worker is running");
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, "worker stopping");
        const force = setTimeout(() => process.exit(1), 9_500);
        force.unref();
        try {
          server?.close();
          await work.stop();
          await events.close();
          await db.close();
        } finally {
          process.exit(0);
        }
      };
      process.on("SIGTERM", () => void stop("SIGTERM"));
      process.on("SIGINT", () => void stop("SIGINT"));
    });
}
