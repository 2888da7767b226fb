// The real server process (`node bin/newsgraph.js serve`, embedded database in a temp folder that
// starts as a copy of the migrated test template, since creating a database is not what is tested here):
// - SIGKILL during writes, then a restart on the same DATA_DIR: it opens, and every acknowledged
//   write is there (checked one by one);
// - SIGTERM under load: readiness turns 503 first, every request sent gets its answer, the process
//   exits 0 within 10 s.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startChildServer, type ChildServer } from "../support/child-server";
import { copyTemplateTo } from "../support/pglite-template";

const ADMIN_KEY = "hardening-admin-key-0123456789";
const BASE_ENV = { DATABASE_URL: "", REDIS_URL: "", ADMIN_API_KEY: ADMIN_KEY, SEED_ON_EMPTY: "false" };

let dataDir: string;
let servers: ChildServer[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "ng-faults-"));
  await copyTemplateTo(dataDir);
});
afterEach(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill("SIGKILL");
      await s.exited;
    }
  }
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
});

async function gql(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as any };
}

const CREATE = "mutation Create($name: String!) { createSpeaker(input: { name: $name }) { id name } }";

it("keeps every acknowledged write after SIGKILL mid-write, then drains on SIGTERM under load (readiness 503 first, none dropped, exit 0 within 10 s)", async () => {
  const first = await startChildServer({ ...BASE_ENV, DATA_DIR: dataDir }, 150_000);
  servers.push(first);
  const acknowledged: Array<{ id: string; name: string }> = [];
  let stop = false;
  let n = 0;
  const writer = async () => {
    while (!stop) {
      const name = `Durable Speaker ${n++} ${Date.now()}`;
      try {
        const res = await gql(first.url, CREATE, { name }, { "x-admin-key": ADMIN_KEY });
        if (res.body.data?.createSpeaker?.id) acknowledged.push(res.body.data.createSpeaker);
      } catch {
        return; // the process is gone
      }
    }
  };
  const writers = [writer(), writer(), writer()];
  while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
  first.child.kill("SIGKILL");
  stop = true;
  await Promise.all(writers);
  expect((await first.exited).signal).toBe("SIGKILL");
  expect(acknowledged.length).toBeGreaterThanOrEqual(40);

  const second = await startChildServer({ ...BASE_ENV, DATA_DIR: dataDir, SHUTDOWN_GRACE_MS: "1000" }, 150_000);
  servers.push(second);
  const missing: string[] = [];
  for (const w of acknowledged) {
    const res = await gql(second.url, "query One($id: ID) { speaker(id: $id) { id name } }", { id: w.id });
    if (res.body.data?.speaker?.name !== w.name) missing.push(w.id);
  }
  expect(missing).toEqual([]);
  await drainsOnSigterm(second);
}, 300_000);

// Runs on the restarted server above: starting an embedded database takes seconds, so both checks share it.
async function drainsOnSigterm(server: ChildServer): Promise<void> {
  let notReadyAt = 0;
  let sent = 0;
  let answered = 0;
  const dropped: string[] = [];
  const worker = async () => {
    // Like a load balancer's client: stop sending once readiness says so.
    while (!notReadyAt) {
      sent++;
      try {
        const res = await gql(server.url, "query Load { articles(first: 5) { totalCount edges { node { id } } } }");
        if (res.status === 200 && res.body.data) answered++;
        else dropped.push(`HTTP ${res.status}`);
      } catch (err) {
        dropped.push((err as Error).message);
      }
    }
  };
  const poller = async () => {
    while (!notReadyAt) {
      try {
        const r = await fetch(`${server.url}/readyz`);
        if (r.status === 503) notReadyAt = Date.now();
      } catch {
        notReadyAt = Date.now();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const load = [worker(), worker(), worker(), worker(), poller()];
  // Under load first: a count, not a time, so a slow machine still signals mid-load.
  while (answered < 20 && dropped.length === 0) await new Promise((r) => setTimeout(r, 10));
  const signalledAt = Date.now();
  server.child.kill("SIGTERM");
  await Promise.all(load);
  const exit = await server.exited;
  expect(notReadyAt - signalledAt).toBeLessThan(1000);
  expect(dropped).toEqual([]);
  expect(answered).toBe(sent);
  expect(sent).toBeGreaterThan(10);
  expect(exit.code).toBe(0);
  expect(exit.at - signalledAt).toBeLessThan(10_000);
  expect(server.lines.some((l) => l.includes('"shutting down"'))).toBe(true);
}
