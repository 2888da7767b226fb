// Health endpoints.
// - /healthz: the process is alive and serving HTTP (200 while it runs, even while shutting down).
// - /readyz: it should get traffic: 503 once shutdown has begun or while the database does not answer;
//   Redis (when configured) is reported, but its absence only degrades (reads keep working without it).
import type { Express } from "express";
import type { Redis } from "ioredis";
import type { Database } from "../db/database";
import { createRedisClient } from "../redis/redis-client";

/** One readiness check: resolves when healthy; `required` checks turn /readyz into 503 when they fail. */
export interface ReadinessCheck {
  name: string;
  required: boolean;
  check(): Promise<void>;
}

export interface Health {
  /** Readiness answers 503 from now on (first step of a graceful shutdown). */
  markShuttingDown(): void;
  readonly shuttingDown: boolean;
  /** Adds a check to /readyz (e.g. another module's dependency). */
  addReadinessCheck(check: ReadinessCheck): void;
  /** Adds a section to /readyz's answer (e.g. each read replica's state and lag). */
  addReadinessDetail(name: string, describe: () => unknown): void;
  close(): Promise<void>;
}

const CHECK_TIMEOUT_MS = 1_500;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function mountHealth(app: Express, db: Database, options: { redisUrl?: string } = {}): Health {
  let shuttingDown = false;
  const checks: ReadinessCheck[] = [{ name: "database", required: true, check: async () => void (await db.dataSource.query("SELECT 1")) }];
  const details = new Map<string, () => unknown>();
  let redis: Redis | undefined;
  if (options.redisUrl) {
    // A small client of its own: readiness must not depend on another module's connection state. Its
    // command timeout also recycles a connection that Redis accepted but never answers.
    const client = createRedisClient(options.redisUrl, "readiness", undefined, { lazyConnect: true });
    redis = client;
    checks.push({
      name: "redis",
      required: false,
      check: async () => {
        if (client.status === "wait" || client.status === "end") await client.connect().catch(() => {});
        await client.ping();
      },
    });
  }

  app.get("/healthz", (_req, res) => {
    res.status(200).json({ status: "ok" });
  });

  app.get("/readyz", async (_req, res) => {
    res.set("cache-control", "no-store");
    if (shuttingDown) {
      res.status(503).json({ status: "shutting-down" });
      return;
    }
    const results: Record<string, string> = {};
    let ready = true;
    let degraded = false;
    await Promise.all(
      checks.map(async (c) => {
        try {
          await withTimeout(c.check(), CHECK_TIMEOUT_MS, c.name);
          results[c.name] = "up";
        } catch {
          results[c.name] = "down";
          if (c.required) ready = false;
          else degraded = true;
        }
      }),
    );
    // Shutdown may have begun while the checks ran.
    if (shuttingDown) {
      res.status(503).json({ status: "shutting-down", checks: results });
      return;
    }
    const extra = Object.fromEntries([...details].map(([name, describe]) => [name, describe()]));
    res.status(ready ? 200 : 503).json({ status: ready ? (degraded ? "degraded" : "ready") : "unavailable", checks: results, ...extra });
  });

  return {
    markShuttingDown() {
      shuttingDown = true;
    },
    get shuttingDown() {
      return shuttingDown;
    },
    addReadinessCheck(check) {
      checks.push(check);
    },
    addReadinessDetail(name, describe) {
      details.set(name, describe);
    },
    async close() {
      if (redis) redis.disconnect();
    },
  };
}
