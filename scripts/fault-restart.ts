// `npm run test:faults`: PostgreSQL restarted under load (CI runs it after the main suite, as root).
// Creates its own database on DATABASE_URL's server, starts `newsgraph serve` on it as a child, keeps
// writers and readers busy, restarts the server with PG_RESTART_COMMAND (default: pg_ctlcluster …
// main restart), and checks: the process never exits; while the database is away every failure is a
// coded SERVICE_UNAVAILABLE answered within ~2 s; service recovers by itself within a few seconds;
// every acknowledged write is there afterwards (checked one by one). Prints the figures; exit 1 on failure.
import "reflect-metadata";
import { exec } from "node:child_process";
import { promisify } from "node:util";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { startChildServer } from "../tests/support/child-server";

/** The parts of a GraphQL response this script reads. */
interface GraphQLBody {
  data?: { createSpeaker?: { id: string; name: string }; speaker?: { name?: string } | null } | null;
  errors?: Array<{ message?: string; extensions?: { code?: string } }>;
}

const RESTART = process.env.PG_RESTART_COMMAND ?? "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main restart";
const ADMIN_KEY = "faults-admin-key-0123456789abcdef";

async function withAdmin<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const c = new Client({ connectionString: url });
    c.on("error", () => {});
    try {
      await c.connect();
      try {
        return await fn(c);
      } finally {
        await c.end().catch(() => {});
      }
    } catch (err) {
      if (attempt >= 30) throw err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error("Set DATABASE_URL to the PostgreSQL server to restart.");
  const name = `ng_faults_${randomBytes(4).toString("hex")}`;
  await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const server = await startChildServer({ DATABASE_URL: url.toString(), REDIS_URL: "", ADMIN_API_KEY: ADMIN_KEY, LOG_LEVEL: "info", SEED_ON_EMPTY: "true" }, 120_000);
  const problems: string[] = [];
  const acknowledged: Array<{ id: string; name: string }> = [];
  const outageLatencies: number[] = [];
  let firstFailureAt = 0;
  let lastFailureAt = 0;
  let restartDoneAt = 0;
  let firstSuccessAfterRestart = 0;
  let requests = 0;
  let stop = false;
  let n = 0;

  const post = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
    const t = Date.now();
    const res = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as GraphQLBody, ms: Date.now() - t, at: Date.now() };
  };

  const worker = async (write: boolean) => {
    while (!stop) {
      requests++;
      try {
        const res = write
          ? await post("mutation C($name: String!) { createSpeaker(input: { name: $name }) { id name } }", { name: `Restart speaker ${n++}` }, { "x-admin-key": ADMIN_KEY })
          : await post("{ articles(first: 5) { totalCount edges { node { id title quotes(first: 3) { edges { node { text } } } } } } }");
        const errors = res.body.errors ?? [];
        if (errors.length) {
          const codes = errors.map((e) => e.extensions?.code);
          if (codes.some((c) => c !== "SERVICE_UNAVAILABLE")) problems.push(`unexpected error ${JSON.stringify(errors[0]).slice(0, 300)}`);
          else outageLatencies.push(res.ms);
          if (res.status !== 503) problems.push(`SERVICE_UNAVAILABLE with HTTP ${res.status}`);
          firstFailureAt ||= res.at;
          lastFailureAt = res.at;
        } else {
          if (restartDoneAt && !firstSuccessAfterRestart && res.at > restartDoneAt) firstSuccessAfterRestart = res.at;
          if (write && res.body.data?.createSpeaker) acknowledged.push(res.body.data.createSpeaker);
        }
      } catch (err) {
        problems.push(`no answer: ${(err as Error).message}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };

  const load = [worker(true), worker(true), worker(false), worker(false), worker(false)];
  await new Promise((r) => setTimeout(r, 2000));
  const restartAt = Date.now();
  console.log(`restarting PostgreSQL: ${RESTART}`);
  // Asynchronously: the load must keep running through the restart.
  await promisify(exec)(RESTART, { shell: "/bin/bash" });
  restartDoneAt = Date.now();
  // Keep the load on until service is back (or 30 s).
  while (!firstSuccessAfterRestart && Date.now() - restartDoneAt < 30_000) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 2000));
  stop = true;
  await Promise.all(load);

  const alive = server.child.exitCode === null;
  if (!alive) problems.push("the server process exited");
  if (!firstSuccessAfterRestart) problems.push("service did not recover within 30 s of the restart");
  // Every acknowledged write, one by one.
  const missing: string[] = [];
  for (const w of acknowledged) {
    const res = await post("query One($id: ID) { speaker(id: $id) { name } }", { id: w.id });
    if (res.body.data?.speaker?.name !== w.name) missing.push(w.id);
  }
  if (missing.length) problems.push(`${missing.length} acknowledged writes lost`);
  const sorted = [...outageLatencies].sort((a, b) => a - b);
  const slowFailures = sorted.filter((ms) => ms > 2_500).length;
  if (slowFailures) problems.push(`${slowFailures} outage errors took longer than 2.5 s`);
  const figures = {
    requests,
    acknowledgedWrites: acknowledged.length,
    writesLost: missing.length,
    outageErrors: outageLatencies.length,
    outageErrorLatencyMs: sorted.length ? { median: sorted[Math.floor(sorted.length / 2)], p99: sorted[Math.floor(sorted.length * 0.99)], max: sorted[sorted.length - 1] } : null,
    restartCommandMs: restartDoneAt - restartAt,
    outageWindowMs: firstFailureAt ? lastFailureAt - firstFailureAt : 0,
    recoveryAfterRestartMs: firstSuccessAfterRestart ? firstSuccessAfterRestart - restartDoneAt : null,
    processAlive: alive,
    problems: problems.slice(0, 10),
  };
  console.log(JSON.stringify(figures, null, 2));
  server.child.kill("SIGTERM");
  await server.exited;
  await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  if (problems.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
