// Prometheus metrics (prom-client) at /metrics: requests by operation and outcome, latency, errors by
// code, database pool use, open subscriptions, and the process's own figures (memory, CPU, event loop).
// One registry per app, so tests can run several apps in one process.
import type { RequestHandler } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { sameSecret } from "../auth/viewer";
import type { Database } from "../db/database";

/** Outcome of one operation, as counted. */
export type Outcome = "ok" | "partial" | "refused" | "unavailable" | "error";

/**
 * Who answered a read the planner covers whole (src/execution/direct-execution.ts): the direct lane in
 * front of Apollo Server (src/http/direct-lane.ts), the direct execution inside Apollo's pipeline, or
 * graphql-js after all (a fallback).
 */
export type PlannedReadPath = "lane" | "direct" | "fallback";

// Operation names come from clients: keep the label set bounded.
const MAX_OPERATION_LABELS = 200;
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

/** The pg Pool under TypeORM's postgres driver, if it is open. */
export function poolStats(db: Database): PoolStats | undefined {
  const pool = (db.dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number; options?: { max?: number } } }).master;
  if (!pool || typeof pool.totalCount !== "number") return undefined;
  return { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max: pool.options?.max ?? 0 };
}

export class Metrics {
  readonly registry = new Registry();
  private readonly requests: Counter<"operation" | "outcome">;
  private readonly duration: Histogram<"operation">;
  private readonly errors: Counter<"code">;
  private readonly subscriptions: Gauge;
  private readonly plannedReads: Counter<"path" | "json">;
  private readonly operationNames = new Set<string>();

  /**
   * `labels.known`: operation names that always get their own label; `labels.firstSeen`: whether other names
   * clients send get one too, the first MAX_OPERATION_LABELS of them (a client can fill those, never the
   * known ones).
   */
  constructor(
    db: Database,
    private readonly labels: { known: ReadonlySet<string>; firstSeen: boolean } = { known: new Set(), firstSeen: true },
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "newsgraph_" });
    this.requests = new Counter({
      name: "newsgraph_graphql_requests_total",
      help: "GraphQL operations by operation name and outcome (ok, partial, refused, unavailable, error).",
      labelNames: ["operation", "outcome"],
      registers,
    });
    this.duration = new Histogram({
      name: "newsgraph_graphql_request_duration_seconds",
      help: "Time to answer a GraphQL operation, by operation name.",
      labelNames: ["operation"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({ name: "newsgraph_graphql_errors_total", help: "Errors sent to clients, by code.", labelNames: ["code"], registers });
    this.plannedReads = new Counter({
      name: "newsgraph_planned_reads_total",
      help: "Reads the read planner covers whole, by who answered them (path: lane, direct, fallback to graphql-js) and who wrote the JSON (json: postgres, node).",
      labelNames: ["path", "json"],
      registers,
    });
    for (const path of ["lane", "direct", "fallback"] as const) this.plannedReads.inc({ path, json: "node" }, 0);
    for (const path of ["lane", "direct"] as const) this.plannedReads.inc({ path, json: "postgres" }, 0);
    this.subscriptions = new Gauge({ name: "newsgraph_open_subscriptions", help: "GraphQL subscriptions open right now.", registers });
    new Gauge({
      name: "newsgraph_db_pool_connections",
      help: "Database pool connections by state (total, idle, waiting clients, max).",
      labelNames: ["state"],
      registers,
      collect() {
        const s = poolStats(db);
        if (!s) return;
        this.set({ state: "total" }, s.total);
        this.set({ state: "idle" }, s.idle);
        this.set({ state: "in_use" }, s.total - s.idle);
        this.set({ state: "waiting" }, s.waiting);
        this.set({ state: "max" }, s.max);
      },
    });
  }

  /** The label for a client-chosen operation name. */
  operationLabel(name: string | null | undefined, resolved: boolean): string {
    if (!resolved) return "(unparsed)";
    if (!name) return "(anonymous)";
    if (!NAME_RE.test(name)) return "(other)";
    if (this.labels.known.has(name) || this.operationNames.has(name)) return name;
    if (!this.labels.firstSeen) return "(other)";
    if (this.operationNames.size >= MAX_OPERATION_LABELS) return "(other)";
    this.operationNames.add(name);
    return name;
  }

  observeRequest(operation: string, outcome: Outcome, seconds: number, errorCodes: string[]): void {
    this.requests.inc({ operation, outcome });
    this.duration.observe({ operation }, seconds);
    for (const code of errorCodes) this.errors.inc({ code: code.slice(0, 64) });
  }

  /** One planned read answered; `postgresJson`: its JSON was written by PostgreSQL (the planner's response mode). */
  observePlannedRead(path: PlannedReadPath, postgresJson: boolean): void {
    this.plannedReads.inc({ path, json: postgresJson ? "postgres" : "node" });
  }

  /** Call when a subscription starts (the WebSocket transport does). */
  subscriptionOpened(): void {
    this.subscriptions.inc();
  }

  /** Call when a subscription ends, however it ends. */
  subscriptionClosed(): void {
    this.subscriptions.dec();
  }

  /** GET /metrics. */
  /** The /metrics endpoint; with `token`, only for `Authorization: Bearer <token>` (compared as digests). */
  handler(token?: string): RequestHandler {
    return async (req, res) => {
      if (token) {
        const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? "")?.[1];
        if (!given || !sameSecret(given, token)) {
          res.status(401).set("www-authenticate", 'Bearer realm="metrics"').type("text/plain").send("metrics need the METRICS_TOKEN bearer token\n");
          return;
        }
      }
      res.set("content-type", this.registry.contentType);
      res.send(await this.registry.metrics());
    };
  }
}
