// /metrics for read replicas: each replica's state and lag, and where planned and loader reads ran.
import { Counter, Gauge, type Registry } from "prom-client";
import type { ReadRouter } from "../db/replicas";
import type { ReadRouterHooks } from "../db/replicas/read-routing";

const STATES = ["up", "lagging", "down"] as const;

/** Registers the replica metrics; returns the hooks the router reports reads through. */
export function registerReplicaMetrics(registry: Registry, router: () => ReadRouter | undefined): ReadRouterHooks {
  const registers = [registry];
  new Gauge({
    name: "newsgraph_replica_state",
    help: "Each read replica's state: 1 for the state it is in (up: takes reads; lagging: behind by more than REPLICA_MAX_LAG_MS; down: does not answer).",
    labelNames: ["replica", "state"],
    registers,
    collect() {
      for (const s of router()?.replicas.statuses() ?? []) for (const state of STATES) this.set({ replica: s.name, state }, s.state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: "newsgraph_replica_lag_seconds",
    help: "How far each read replica's replay is behind the primary, at its last check (absent while it is down).",
    labelNames: ["replica"],
    registers,
    collect() {
      this.reset();
      for (const s of router()?.replicas.statuses() ?? []) if (s.lagMs !== null) this.set({ replica: s.name }, s.lagMs / 1000);
    },
  });
  const reads = new Counter({
    name: "newsgraph_replica_reads_total",
    help: "Read statements of queries sent to a replica (target=replica), or sent there and answered by the primary after the replica failed (target=fallback).",
    labelNames: ["target"],
    registers,
  });
  const failures = new Counter({ name: "newsgraph_replica_failures_total", help: "Reads a replica failed (it is then skipped until healthy).", labelNames: ["replica"], registers });
  reads.inc({ target: "replica" }, 0);
  reads.inc({ target: "fallback" }, 0);
  return {
    onRead: (target) => reads.inc({ target }),
    onReplicaFailed: (replica) => failures.inc({ replica }),
  };
}
