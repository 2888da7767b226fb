// Database faults against the PostgreSQL server (DATABASE_URL; the embedded database has no separate
// server to lose — see process-faults.test.ts for SIGKILL of it). Only this test database's backends
// are touched:
// - its connections killed under load (pg_terminate_backend): the process stays up, failures are coded
//   SERVICE_UNAVAILABLE, service recovers by itself, and every acknowledged write is there;
// - the database away (connections refused): requests fail within ~2 s with SERVICE_UNAVAILABLE
//   (HTTP 503), readiness is 503, and service comes back by itself when it returns.
import { Client } from "pg";
import { openDatabase } from "../../src/db/database";
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const serverUrl = process.env.DATABASE_URL;
const describeOnServer = serverUrl ? describe : describe.skip;

describeOnServer("PostgreSQL faults", () => {
  let template: TestDatabase;
  let app: TestApp;
  let admin: Client;
  let dbName: string;

  beforeAll(async () => {
    // A fresh database (migrated by createTestDatabase), reopened with the production connection settings.
    template = await createTestDatabase();
    const fast = await openDatabase({ url: template.url, poolSize: 5, migrate: false, connection: { connectTimeoutMs: 2000, statementTimeoutMs: 5000 } });
    app = await startTestApp({}, { db: { ...fast, url: template.url } });
    dbName = new URL(template.url!).pathname.slice(1);
    admin = new Client({ connectionString: serverUrl });
    await admin.connect();
  });
  afterAll(async () => {
    await admin?.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`).catch(() => {});
    await admin?.end();
    await app?.close();
    await app?.db.close();
    await template?.close();
  });

  async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
    const started = Date.now();
    const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as any, ms: Date.now() - started };
  }

  const terminate = () => admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [dbName]);

  it("survives its connections being killed under load, and loses no acknowledged write", async () => {
    const acknowledged: Array<{ id: string; name: string }> = [];
    const codes = new Map<string, number>();
    let stop = false;
    let n = 0;
    const worker = async (write: boolean) => {
      while (!stop) {
        const res = write
          ? await post("mutation C($name: String!) { createSpeaker(input: { name: $name }) { id name } }", { name: `Fault speaker ${n++}` }, { "x-admin-key": TEST_ADMIN_KEY })
          : await post("{ articles(first: 5) { totalCount edges { node { id title } } } }");
        expect(res.status === 200 || res.status === 503).toBe(true);
        for (const e of res.body.errors ?? []) {
          const key = e.extensions.code === "SERVICE_UNAVAILABLE" ? e.extensions.code : `${e.extensions.code}: ${e.message}`;
          codes.set(key, (codes.get(key) ?? 0) + 1);
        }
        if (write && res.body.data?.createSpeaker) acknowledged.push(res.body.data.createSpeaker);
      }
    };
    const load = [worker(true), worker(true), worker(false), worker(false)];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await terminate();
    }
    await new Promise((r) => setTimeout(r, 500));
    stop = true;
    await Promise.all(load);
    expect([...codes.keys()].filter((c) => c !== "SERVICE_UNAVAILABLE")).toEqual([]);
    // Recovered by itself.
    expect((await post("{ articles(first: 1) { totalCount } }")).body.errors).toBeUndefined();
    const missing: string[] = [];
    for (const w of acknowledged) {
      const res = await post("query One($id: ID) { speaker(id: $id) { name } }", { id: w.id });
      if (res.body.data?.speaker?.name !== w.name) missing.push(w.id);
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    expect(missing).toEqual([]);
  }, 60_000);

  it("fails fast with SERVICE_UNAVAILABLE while the database is away, and recovers by itself", async () => {
    await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS false`);
    await terminate();
    const during = await post("{ articles(first: 1) { totalCount } }");
    expect(during.status).toBe(503);
    expect(during.body.errors[0].extensions.code).toBe("SERVICE_UNAVAILABLE");
    expect(during.ms).toBeLessThan(2_500);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(503);
    const back = Date.now();
    await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
    let recoveredMs = -1;
    while (Date.now() - back < 10_000) {
      const res = await post("{ articles(first: 1) { totalCount } }");
      if (!res.body.errors) {
        recoveredMs = Date.now() - back;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(recoveredMs).toBeGreaterThanOrEqual(0);
    expect(recoveredMs).toBeLessThan(5_000);
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  }, 60_000);
});
