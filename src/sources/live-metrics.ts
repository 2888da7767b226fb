// Metrics of live sources and webhook deliveries, registered in the app's /metrics registry (or, in a
// lone `newsgraph worker`, in one of its own): fetches by outcome, items ingested, source lag,
// deliveries by outcome and the outbox backlog. The two gauges read the database when scraped.
import { Counter, Gauge, Registry } from "prom-client";
import type { DataSource } from "typeorm";

export class LiveMetrics {
  readonly registry: Registry;
  private readonly fetches: Counter<"outcome">;
  private readonly items: Counter<"outcome">;
  private readonly deliveries: Counter<"outcome">;

  constructor(ds: DataSource, registry?: Registry) {
    this.registry = registry ?? new Registry();
    const registers = [this.registry];
    this.fetches = new Counter({
      name: "newsgraph_source_fetches_total",
      help: "Polls of live sources by outcome: the HTTP status (200, 304) or the error code (TIMEOUT, HTTP_ERROR, NOT_A_FEED …).",
      labelNames: ["outcome"],
      registers,
    });
    this.items = new Counter({
      name: "newsgraph_source_items_ingested_total",
      help: "Feed and sitemap items stored, by outcome (created, updated, draft-kept, failed).",
      labelNames: ["outcome"],
      registers,
    });
    this.deliveries = new Counter({
      name: "newsgraph_webhook_deliveries_total",
      help: "Webhook delivery attempts by outcome (delivered, retry, failed).",
      labelNames: ["outcome"],
      registers,
    });
    new Gauge({
      name: "newsgraph_source_lag_seconds",
      help: "Now minus the newest item's date, for the enabled source furthest behind.",
      registers,
      async collect() {
        const [row]: Array<{ lag: number | null }> = await ds
          .query(`SELECT extract(epoch FROM now() - min(newest_item_at))::float8 AS lag FROM sources WHERE enabled`)
          .catch(() => [{ lag: null }]);
        this.set(Math.max(0, Number(row?.lag ?? 0)));
      },
    });
    new Gauge({
      name: "newsgraph_webhook_outbox_backlog",
      help: "Webhook deliveries waiting to be sent (PENDING).",
      registers,
      async collect() {
        const [row]: Array<{ n: number }> = await ds.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'PENDING'`).catch(() => [{ n: 0 }]);
        this.set(row?.n ?? 0);
      },
    });
  }

  fetched(outcome: string): void {
    this.fetches.inc({ outcome });
  }

  ingested(outcome: string, n = 1): void {
    if (n > 0) this.items.inc({ outcome }, n);
  }

  delivered(outcome: "delivered" | "retry" | "failed", n = 1): void {
    if (n > 0) this.deliveries.inc({ outcome }, n);
  }
}
