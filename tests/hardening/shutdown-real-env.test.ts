// Graceful shutdown of a real `newsgraph serve` with NODE_ENV unset and with NODE_ENV=production (not
// only under test): after SIGTERM /readyz answers 503 during the grace period (not "connection
// refused"), requests in flight and sent during the grace period are answered, WebSocket clients get a
// close frame (1001 going away, not 1006), and the process exits 0.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { startChildServer, type ChildServer } from "../support/child-server";
import { copyTemplateTo } from "../support/pglite-template";

let dataDir: string;
let server: ChildServer | undefined;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "ng-shutdown-"));
  await copyTemplateTo(dataDir);
});
afterEach(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
  server = undefined;
  rmSync(dataDir, { recursive: true, force: true });
});

async function openSubscriptionSocket(url: string): Promise<WebSocket> {
  const socket = new WebSocket(`${url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
    socket.on("message", (data) => {
      if (JSON.parse(String(data)).type === "connection_ack") resolve();
    });
  });
  return socket;
}

async function query(url: string): Promise<number> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ articles(first: 5) { edges { node { id } } } }" }),
  });
  const body = (await res.json()) as { data?: unknown };
  return res.status === 200 && body.data ? 200 : res.status;
}

describe.each([
  ["NODE_ENV unset", undefined],
  ["NODE_ENV=production", "production"],
])("graceful shutdown with %s", (_label, nodeEnv) => {
  it("answers 503 on /readyz during the grace period, finishes requests, sends WebSocket clients 1001, exits 0", async () => {
    server = await startChildServer({ NODE_ENV: nodeEnv, DATABASE_URL: "", REDIS_URL: "", DATA_DIR: dataDir, SEED_ON_EMPTY: "false", SHUTDOWN_GRACE_MS: "2000" }, 150_000);
    const { url } = server;
    // Apollo's inline-trace notice is not logged at every start (newsgraph installs the plugin itself).
    expect(server.lines.join("\n")).not.toContain("Enabling inline tracing");
    const socket = await openSubscriptionSocket(url);
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));

    const inFlight = Array.from({ length: 5 }, () => query(url));
    server.child.kill("SIGTERM");
    // During the grace period: readiness says 503, and the server still answers.
    let readiness: number | string = "none";
    for (let i = 0; i < 40 && readiness !== 503; i++) {
      readiness = await fetch(`${url}/readyz`).then(
        (r) => r.status,
        (err: Error) => `refused: ${err.message}`,
      );
      if (readiness !== 503) await new Promise((r) => setTimeout(r, 25));
    }
    expect(readiness).toBe(503);
    const duringGrace = await query(url);
    expect(await Promise.all(inFlight)).toEqual([200, 200, 200, 200, 200]);
    expect(duringGrace).toBe(200);
    expect(await closed).toBe(1001);
    expect((await server.exited).code).toBe(0);
  }, 240_000);
});
