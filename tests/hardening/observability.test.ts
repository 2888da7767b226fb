// /healthz, /readyz, /metrics, structured request logs, and what clients see of unexpected errors.
import { Writable } from "node:stream";
import pino from "pino";
import { loadConfig } from "../../src/config";
import { startApp, type RunningApp } from "../../src/http/app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const SECRET_TOKEN = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlciJ9.c2lnbmF0dXJlLXNlY3JldA";
const PASSWORD = "hunter2-very-secret-password";

let db: TestDatabase;
const lines: string[] = [];

async function start(env: Record<string, string> = {}): Promise<RunningApp> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "info", ...env });
  const sink = new Writable({
    write(chunk, _enc, cb) {
      lines.push(...String(chunk).split("\n").filter(Boolean));
      cb();
    },
  });
  return startApp({ config, db, logger: pino({ level: "info" }, sink) }, { port: 0, host: "127.0.0.1" });
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function post(app: RunningApp, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe("health, readiness and metrics", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start();
  });
  afterAll(async () => {
    await app?.close();
  });

  it("answers /healthz and /readyz", async () => {
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "up" } });
  });

  it("counts requests by operation and outcome, latency, errors by code, pool use and subscriptions", async () => {
    await post(app, { query: "query FrontPageProbe { articles(first: 1) { totalCount } }" });
    await post(app, { query: "query Broken { articlez }" });
    app.metrics!.subscriptionOpened();
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toMatch(/newsgraph_graphql_requests_total\{operation="FrontPageProbe",outcome="ok"\} 1/);
    expect(text).toMatch(/newsgraph_graphql_requests_total\{operation="\(unparsed\)",outcome="refused"\} \d/);
    expect(text).toMatch(/newsgraph_graphql_request_duration_seconds_bucket\{le="0.1",operation="FrontPageProbe"\}/);
    expect(text).toMatch(/newsgraph_graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} \d/);
    expect(text).toMatch(/newsgraph_db_pool_connections\{state="max"\} \d/);
    expect(text).toMatch(/newsgraph_open_subscriptions 1/);
    expect(text).toMatch(/newsgraph_process_resident_memory_bytes \d/);
    app.metrics!.subscriptionClosed();
  });

  it("turns readiness to 503 once shutdown begins, while liveness stays 200", async () => {
    const other = await start();
    other.health.markShuttingDown();
    expect((await fetch(`${other.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${other.url}/healthz`)).status).toBe(200);
    await other.close();
  });
});

describe("logs and errors", () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await start({ NODE_ENV: "production" });
    // Make one query fail unexpectedly: a table the service reads is gone (only in this test database).
    await db.dataSource.query("ALTER TABLE outlets RENAME TO outlets_hidden");
  });
  afterAll(async () => {
    await db.dataSource.query("ALTER TABLE outlets_hidden RENAME TO outlets");
    await app?.close();
  });

  it("logs each request with request id, operation name, duration and user id, and never tokens or passwords", async () => {
    lines.length = 0;
    const res = await post(
      app,
      { query: "query LoggedProbe($password: String) { articles(first: 1) { totalCount } }", variables: { password: PASSWORD } },
      { "x-request-id": "req-logged-1" },
    );
    // A (forged) token is refused, and appears in no log line either.
    const forged = await post(app, { query: "query TokenProbe { articles(first: 1) { totalCount } }" }, { authorization: SECRET_TOKEN, "x-request-id": "req-logged-2" });
    expect(forged.status).toBeLessThan(500);
    expect(res.headers.get("x-request-id")).toBe("req-logged-1");
    const line = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === "req-logged-1" && l.msg === "graphql request");
    expect(line).toMatchObject({ requestId: "req-logged-1", operationName: "LoggedProbe", userId: null });
    // Once per line (the request's child logger carries it; the line itself must not repeat it).
    const raw = lines.find((l) => l.includes('"req-logged-1"') && l.includes('"graphql request"'))!;
    expect(raw.match(/"requestId"/g)).toHaveLength(1);
    expect(typeof line.durationMs).toBe("number");
    const all = lines.join("\n");
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain("c2lnbmF0dXJlLXNlY3JldA");
  });

  it("masks unexpected errors in production, with the request id, and logs them in full under it", async () => {
    lines.length = 0;
    const res = await post(app, { query: "{ outlets(first: 5) { edges { node { id name } } } }" }, { "x-request-id": "req-broken-1" });
    const error = res.body.errors[0];
    expect(error.extensions).toEqual({ code: "INTERNAL_SERVER_ERROR", requestId: "req-broken-1" });
    expect(error.message).toBe("Internal server error");
    expect(JSON.stringify(res.body)).not.toMatch(/relation|SELECT|stack|hidden/i);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === "req-broken-1" && l.msg === "unexpected error");
    expect(JSON.stringify(logged.err)).toMatch(/outlet/);
  });
});
