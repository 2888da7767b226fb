// The production topology as separate processes, for tests/federation/topology.test.ts and
// bench/topology.bench.ts: Hive Gateway (the router) over a supergraph composed from deploy/supergraph.json,
// HAProxy (deploy/haproxy.cfg) in front of two `newsgraph serve` processes on one PostgreSQL database,
// and the factchecks subgraph. Everything listens on 127.0.0.1, on free ports.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectPath } from "../../src/paths";
import { composeSupergraph } from "../../scripts/compose-supergraph";
import { startChildServer, type ChildServer } from "./child-server";
import { startFactchecks, type FactchecksSubgraph } from "../federation/factchecks-subgraph";
import { freePort } from "./pg-cluster";

/** Why the topology cannot run here, or undefined. */
export function topologyUnavailable(): string | undefined {
  if (spawnSync("haproxy", ["-v"]).error) return "haproxy is not installed (apt-get install haproxy; .ci/run installs it)";
  if (!process.env.DATABASE_URL) return "no DATABASE_URL: two newsgraph processes need one PostgreSQL database to share";
  return undefined;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export interface Topology {
  /** The router's GraphQL endpoint: what clients use. */
  routerUrl: string;
  /** HAProxy's GraphQL endpoint (newsgraph through the load balancer, no router). */
  balancerUrl: string;
  newsgraph: ChildServer[];
  factchecks: FactchecksSubgraph;
  /** HAProxy's view of each newsgraph server: UP, DOWN, … */
  serverStates(): Promise<Record<string, string>>;
  /** (Re)starts newsgraph process i (0 or 1) on its port. */
  startNewsgraph(i: number): Promise<ChildServer>;
  stop(): Promise<void>;
}

export async function startTopology(databaseUrl: string, env: Record<string, string> = {}): Promise<Topology> {
  const dir = mkdtempSync(join(tmpdir(), "ng-topology-"));
  const ports = { ng: [await freePort(), await freePort()], haproxy: await freePort(), stats: await freePort(), router: await freePort() };
  const children: ChildProcess[] = [];
  const newsgraph: ChildServer[] = [];
  let factchecks: FactchecksSubgraph | undefined;
  const startNewsgraph = async (i: number) => {
    newsgraph[i] = await startChildServer({ DATABASE_URL: databaseUrl, PORT: String(ports.ng[i]), SEED_ON_EMPTY: "false", SHUTDOWN_GRACE_MS: "1500", ...env });
    return newsgraph[i];
  };
  const ended = (c: ChildProcess) => c.exitCode !== null || c.signalCode !== null;
  const terminate = async (c: ChildProcess, graceMs: number) => {
    if (ended(c)) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGTERM");
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
    if (!ended(c)) {
      c.kill("SIGKILL");
      await exited;
    }
    c.stderr?.destroy();
    c.stdout?.destroy();
  };
  const stop = async () => {
    // The router first (no new traffic), then the rest side by side.
    for (const c of children.slice(1)) await terminate(c, 5_000);
    await Promise.all([...children.slice(0, 1).map((c) => terminate(c, 5_000)), ...newsgraph.filter(Boolean).map((n) => terminate(n.child, 12_000))]);
    for (const n of newsgraph.filter(Boolean)) {
      n.child.stdout?.destroy();
      n.child.stderr?.destroy();
    }
    await factchecks?.close();
    rmSync(dir, { recursive: true, force: true });
  };
  const statsUrl = `http://127.0.0.1:${ports.stats}/stats;csv`;
  const serverStates = async () => {
    const csv = await (await fetch(statsUrl)).text();
    const states: Record<string, string> = {};
    for (const line of csv.split("\n")) {
      const cols = line.split(",");
      if (cols[0] === "newsgraph" && cols[1] !== "BACKEND") states[cols[1]] = cols[17];
    }
    return states;
  };
  try {
    factchecks = await startFactchecks();
    await Promise.all([startNewsgraph(0), startNewsgraph(1)]);
    const haproxy = spawn("haproxy", ["-f", projectPath("deploy", "haproxy.cfg"), "-db"], {
      env: {
        ...process.env,
        HAPROXY_BIND: `127.0.0.1:${ports.haproxy}`,
        HAPROXY_STATS_BIND: `127.0.0.1:${ports.stats}`,
        NEWSGRAPH_1: `127.0.0.1:${ports.ng[0]}`,
        NEWSGRAPH_2: `127.0.0.1:${ports.ng[1]}`,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    const haproxyLog: string[] = [];
    haproxy.stderr!.on("data", (c: Buffer) => haproxyLog.push(c.toString()));
    children.push(haproxy);
    await waitFor("HAProxy to see both newsgraph processes up", async () => Object.values(await serverStates()).filter((s) => s === "UP").length === 2);
    const balancerUrl = `http://127.0.0.1:${ports.haproxy}/graphql`;
    const supergraph = join(dir, "supergraph.graphql");
    writeFileSync(supergraph, await composeSupergraph(projectPath("deploy", "supergraph.json"), { NEWS_URL: balancerUrl, FACTCHECKS_URL: factchecks.url }));
    const router = spawn(
      process.execPath,
      [
        projectPath("node_modules", "@graphql-hive", "gateway", "dist", "bin.js"),
        "supergraph",
        supergraph,
        "-c",
        projectPath("deploy", "gateway.config.mjs"),
        "--port",
        String(ports.router),
        "--host",
        "127.0.0.1",
      ],
      { env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "pipe"], cwd: dir },
    );
    const routerLog: string[] = [];
    router.stderr!.on("data", (c: Buffer) => routerLog.push(c.toString()));
    children.push(router);
    const routerUrl = `http://127.0.0.1:${ports.router}/graphql`;
    await waitFor(`the router to answer (${routerLog.join("").slice(-500)})`, async () => (await fetch(`http://127.0.0.1:${ports.router}/readiness`)).ok);
    return { routerUrl, balancerUrl, newsgraph, factchecks, serverStates, startNewsgraph, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
