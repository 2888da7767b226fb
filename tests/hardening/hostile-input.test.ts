// 1,200 hostile and malformed requests (schema-driven injections in every argument and input field,
// broken documents, floods, invalid UTF-8, wrong content types, batches, oversized bodies), anonymous
// and as an admin: every answer is a well-formed GraphQL response with coded errors or valid data,
// never a 5xx, and the server keeps answering. `npm run soak` sends 50,000.
//
// The server is a real `newsgraph serve` process, as in the soak, on a fresh database (the migrated
// template on the embedded database, or a new database on DATABASE_URL's server): the test process
// only generates and checks, so the two share the machine's cores instead of one event loop.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildNewsSchema } from "../../src/graphql/schema";
import { hostileRequests, runHostile } from "../../src/hardening/hostile-requests";
import { projectPath } from "../../src/paths";
import { startChildServer, type ChildServer } from "../support/child-server";
import { copyTemplateTo } from "../support/pglite-template";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const COUNT = 1_200;
const ADMIN_KEY = "hostile-admin-key-0123456789abcdef";

let server: ChildServer;
let dataDir: string | undefined;
let serverDb: TestDatabase | undefined;

beforeAll(async () => {
  const env: Record<string, string> = { ADMIN_API_KEY: ADMIN_KEY, REDIS_URL: "", SEED_ON_EMPTY: "true", LOG_LEVEL: "info" };
  if (process.env.DATABASE_URL) {
    serverDb = await createTestDatabase();
    env.DATABASE_URL = serverDb.url!;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), "ng-hostile-"));
    await copyTemplateTo(dataDir);
    Object.assign(env, { DATABASE_URL: "", DATA_DIR: dataDir });
  }
  server = await startChildServer(env, 150_000);
}, 180_000);
afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  await serverDb?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function exampleDocuments(): string[] {
  const dir = projectPath("schema", "operations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => readFileSync(`${dir}/${f}`, "utf8"));
}

it(`answers ${COUNT} hostile requests with well-formed GraphQL responses and no 5xx`, async () => {
  const schema = await buildNewsSchema();
  const requests = hostileRequests({ schema, count: COUNT, seed: 20261126, validDocuments: exampleDocuments(), identities: [{}, { "x-admin-key": ADMIN_KEY }] });
  const report = await runHostile(server.url, requests, { concurrency: 8 });
  expect(report.sent).toBe(COUNT);
  expect(report.failures).toEqual([]);
  expect(report.fiveXX).toBe(0);
  // Still serving afterwards, and still the same process.
  expect(server.child.exitCode).toBeNull();
  const after = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ __typename }" }) });
  expect(await after.json()).toEqual({ data: { __typename: "Query" } });
  expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
}, 240_000);
