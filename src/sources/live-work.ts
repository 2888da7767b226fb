// The background work of live sources and quotes out, as run inside `newsgraph serve` (SOURCES_POLL,
// WEBHOOKS_DELIVER) or alone by `newsgraph worker`: two loops, one polling sources, one sending the
// webhook outbox. Each tick's failure (database away) is logged and the loop goes on.
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { ContentChanges } from "../cache/content-changes";
import type { Config } from "../config";
import type { Database } from "../db/database";
import type { NewsEvents } from "../pubsub/news-events";
import { WebhookDeliverer } from "../webhooks/deliverer";
import { LiveMetrics } from "./live-metrics";
import { SourcePoller } from "./poller";
import type { FetchPolicy } from "./safe-fetch";

export interface LiveWork {
  poller: SourcePoller | null;
  deliverer: WebhookDeliverer | null;
  metrics: LiveMetrics;
  stop(): Promise<void>;
}

export function fetchPolicy(config: Config): FetchPolicy {
  return {
    allowPrivate: config.SOURCES_ALLOW_PRIVATE,
    userAgent: config.SOURCES_USER_AGENT,
    connectTimeoutMs: config.SOURCES_CONNECT_TIMEOUT_MS,
    timeoutMs: config.SOURCES_TIMEOUT_MS,
    maxBytes: config.SOURCES_MAX_BYTES,
    maxRedirects: config.SOURCES_MAX_REDIRECTS,
  };
}

function loop(name: string, tickMs: number, logger: Logger, tick: () => Promise<boolean>): () => Promise<void> {
  let stopped = false;
  let wake: (() => void) | null = null;
  const running = (async () => {
    while (!stopped) {
      let busy = false;
      try {
        busy = await tick();
      } catch (err) {
        logger.warn({ err: (err as Error).message, loop: name }, "background tick failed");
      }
      if (stopped) break;
      if (!busy) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, tickMs).unref();
        });
        wake = null;
      }
    }
  })();
  return async () => {
    stopped = true;
    (wake as (() => void) | null)?.();
    await running;
  };
}

export function startLiveWork(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  events?: NewsEvents;
  changes?: ContentChanges;
  registry?: Registry;
  poll?: boolean;
  deliver?: boolean;
}): LiveWork {
  const { config, db } = deps;
  const logger = deps.logger.child({ component: "live-sources" });
  const metrics = new LiveMetrics(db.dataSource, deps.registry);
  const policy = fetchPolicy(config);
  const poll = deps.poll ?? config.SOURCES_POLL;
  const deliver = deps.deliver ?? config.WEBHOOKS_DELIVER;
  const poller = poll
    ? new SourcePoller({
        ds: db.dataSource,
        policy,
        logger,
        concurrency: config.SOURCES_CONCURRENCY,
        perHost: config.SOURCES_PER_HOST,
        maxBackoffSeconds: config.SOURCES_MAX_BACKOFF_SECONDS,
        events: deps.events,
        changes: deps.changes,
        metrics,
      })
    : null;
  const deliverer = deliver
    ? new WebhookDeliverer({
        ds: db.dataSource,
        policy: { ...policy, timeoutMs: config.WEBHOOK_TIMEOUT_MS, maxBytes: 65_536 },
        logger,
        concurrency: config.WEBHOOK_CONCURRENCY,
        maxAgeSeconds: config.WEBHOOK_MAX_AGE_SECONDS,
        metrics,
      })
    : null;
  const stops = [
    ...(poller ? [loop("sources", config.SOURCES_TICK_MS, logger, async () => (await poller.tick()).length >= config.SOURCES_CONCURRENCY * 4)] : []),
    ...(deliverer ? [loop("webhooks", config.SOURCES_TICK_MS, logger, async () => (await deliverer.tick()) >= config.WEBHOOK_CONCURRENCY * 4)] : []),
  ];
  if (stops.length) logger.info({ poll, deliver }, "live sources started");
  return {
    poller,
    deliverer,
    metrics,
    async stop() {
      await Promise.all(stops.map((s) => s()));
      deliverer?.close();
    },
  };
}
