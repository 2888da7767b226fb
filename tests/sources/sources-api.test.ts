// Editors manage sources over GraphQL and on the command line; /metrics shows fetches, items, lag,
// deliveries and the outbox backlog; /readyz stays ready while a source is down.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { signToken } from "../../src/auth/tokens";
import type { Role } from "../../src/auth/identity";
import { projectPath } from "../../src/paths";
import { startLiveWork } from "../../src/sources/live-work";
import { copyTemplateTo } from "../support/pglite-template";
import { startTestApp, type TestApp } from "../support/test-app";
import { feedRoute, rss, startFakeWeb, waitFor, type FakeWeb } from "./support";

const SECRET = "sources-api-test-secret-0123456789abcdef";
let t: TestApp;
let web: FakeWeb;

async function as(sub: string, roles: Role[]): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signToken({ AUTH_JWT_SECRET: SECRET, AUTH_TOKEN_TTL: "1h" }, { sub, roles, name: sub })}` };
}

const ADD = `mutation($input: AddSourceInput!) { addSource(input: $input) { id url kind intervalSeconds enabled outletId consecutiveFailures lastErrorCode } }`;
const LIST = `{ sources { id url enabled intervalSeconds lastStatus lastErrorCode lastErrorMessage consecutiveFailures lastFetchedAt lastSuccessAt nextDueAt itemsStored newestItemAt } }`;

beforeAll(async () => {
  web = await startFakeWeb();
  t = await startTestApp({ AUTH_JWT_SECRET: SECRET, SOURCES_ALLOW_PRIVATE: "false", SOURCES_MIN_INTERVAL_SECONDS: "60" });
});
afterAll(async () => {
  await t.close();
  await web.close();
});

it("lets editors add, list, change, pause and remove sources, with coded errors for bad input", async () => {
  const editor = await as("editor-1", ["EDITOR"]);
  expect((await t.gql(ADD, { input: { url: "https://feeds.example/a.xml" } }, await as("analyst", ["ANALYST"]))).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  const bad = async (input: Record<string, unknown>) => (await t.gql(ADD, { input }, editor)).errors?.[0]?.extensions;
  expect(await bad({ url: "not a url" })).toMatchObject({ code: "BAD_USER_INPUT", reason: "BAD_URL" });
  expect(await bad({ url: "ftp://feeds.example/a.xml" })).toMatchObject({ code: "BAD_USER_INPUT", reason: "UNSUPPORTED_SCHEME" });
  expect(await bad({ url: "http://10.0.0.5/feed.xml" })).toMatchObject({ code: "BAD_USER_INPUT", reason: "PRIVATE_ADDRESS" });
  expect(await bad({ url: "https://feeds.example/a.xml", every: "5s" })).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.every" });
  expect(await bad({ url: "https://feeds.example/a.xml", every: "soon" })).toMatchObject({ code: "BAD_USER_INPUT" });

  const added = await t.gql(ADD, { input: { url: "https://feeds.example/a.xml", outlet: "example-news", every: "10m" } }, editor);
  expect(added.errors).toBeUndefined();
  expect(added.data.addSource).toMatchObject({ url: "https://feeds.example/a.xml", kind: "FEED", intervalSeconds: 600, enabled: true, consecutiveFailures: 0 });
  expect(added.data.addSource.outletId).toBeTruthy();
  expect((await bad({ url: "https://feeds.example/a.xml" }))?.code).toBe("CONFLICT");
  const id = added.data.addSource.id;

  const updated = await t.gql(`mutation($id: ID!) { updateSource(id: $id, input: { every: "1h", kind: SITEMAP }) { intervalSeconds kind } }`, { id }, editor);
  expect(updated.data.updateSource).toEqual({ intervalSeconds: 3600, kind: "SITEMAP" });
  const paused = await t.gql(`mutation($id: ID!) { pauseSource(id: $id) { enabled } }`, { id }, editor);
  expect(paused.data.pauseSource.enabled).toBe(false);
  const resumed = await t.gql(`mutation($id: ID!) { pauseSource(id: $id, paused: false) { enabled } }`, { id }, editor);
  expect(resumed.data.pauseSource.enabled).toBe(true);
  const list = await t.gql(LIST, {}, editor);
  expect(list.data.sources.map((s: { url: string }) => s.url)).toEqual(["https://feeds.example/a.xml"]);
  expect((await t.gql(`mutation($id: ID!) { removeSource(id: $id) }`, { id }, editor)).data.removeSource).toBe(id);
  expect((await t.gql(`mutation($id: ID!) { removeSource(id: $id) }`, { id }, editor)).errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  expect((await t.gql(`mutation { removeSource(id: "nope") }`, {}, editor)).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
});

it("shows fetches, items, lag, deliveries and backlog in /metrics, and /readyz stays ready while a source is down", async () => {
  web.routes.set(
    "/m.xml",
    feedRoute(() => rss("Metered", web.url, [{ title: "Metered item", link: `${web.url}/a/metered`, date: new Date(Date.now() - 60_000).toUTCString() }])),
  );
  await t.db.dataSource.query(`INSERT INTO sources (url, interval_seconds) VALUES ($1, 600), ($2, 600)`, [`${web.url}/m.xml`, `${web.url}/down.xml`]);
  const work = startLiveWork({
    config: { ...t.config, SOURCES_ALLOW_PRIVATE: true, SOURCES_TICK_MS: 50 },
    db: t.db,
    logger: pino({ level: "silent" }),
    registry: t.app.metrics!.registry,
    poll: true,
    deliver: true,
  });
  try {
    await waitFor(async () => {
      const [r] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM sources WHERE last_fetched_at IS NOT NULL AND last_status IS NOT NULL`);
      return r.n === 2;
    }, "both sources polled");
  } finally {
    await work.stop();
  }
  const text = await (await fetch(`${t.url}/metrics`)).text();
  expect(text).toMatch(/newsgraph_source_fetches_total\{outcome="200"\} 1/);
  expect(text).toMatch(/newsgraph_source_fetches_total\{outcome="HTTP_ERROR"\} 1/);
  expect(text).toMatch(/newsgraph_source_items_ingested_total\{outcome="created"\} 1/);
  const lag = Number(/^newsgraph_source_lag_seconds (\S+)$/m.exec(text)?.[1]);
  expect(lag).toBeGreaterThanOrEqual(60);
  expect(text).toMatch(/newsgraph_webhook_outbox_backlog 0/);
  expect(text).toContain("newsgraph_webhook_deliveries_total");
  const ready = await fetch(`${t.url}/readyz`);
  expect(ready.status).toBe(200);
});

it("manages sources from the command line: sources add, list, remove", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), "ng-sources-cli-"));
  // An embedded database made from the migrated template (creating one is not this test's subject).
  if (!process.env.DATABASE_URL) await copyTemplateTo(join(dataDir, "db"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: join(dataDir, "db"), LOG_LEVEL: "silent", SEED_ON_EMPTY: "false", SOURCES_MIN_INTERVAL_SECONDS: "60" };
  if (process.env.DATABASE_URL) env.DATABASE_URL = t.db.url!;
  const run = (...args: string[]) => spawnSync(process.execPath, [projectPath("bin", "newsgraph.js"), "sources", ...args], { env, encoding: "utf8", timeout: 120_000 });
  try {
    const add = run("add", "https://cli.example/feed.xml", "--outlet", "cli-news", "--every", "10m");
    expect(add.stderr).toBe("");
    expect(add.stdout).toMatch(/^added [0-9a-f-]{36} https:\/\/cli\.example\/feed\.xml every 10m/);
    const bad = run("add", "http://192.168.1.1/feed.xml");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("PRIVATE_ADDRESS");
    expect(run("remove", "https://cli.example/feed.xml").stdout).toMatch(/^removed [0-9a-f-]{36} https:\/\/cli\.example\/feed\.xml/);
    expect(run("list").stdout).not.toContain("https://cli.example/feed.xml");
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Each command opens the database anew (the embedded one takes seconds on a busy machine).
}, 240_000);

it("drops the response cache's answers when the poller inside serve stores an article", async () => {
  const cached = await startTestApp({ RESPONSE_CACHE: "true", SOURCES_ALLOW_PRIVATE: "true" }, { db: t.db });
  try {
    const count = async () => (await cached.gql(`{ articles(first: 1) { totalCount } }`)).data.articles.totalCount as number;
    const before = await count();
    expect(await count()).toBe(before);
    web.routes.set(
      "/cached.xml",
      feedRoute(() => rss("Cached", web.url, [{ title: "Fresh for the cache", link: `${web.url}/a/cache-fresh` }])),
    );
    await t.db.dataSource.query(`INSERT INTO sources (url, interval_seconds) VALUES ($1, 600)`, [`${web.url}/cached.xml`]);
    const work = startLiveWork({
      config: { ...cached.config, SOURCES_TICK_MS: 50 },
      db: t.db,
      logger: pino({ level: "silent" }),
      changes: cached.app.services.changes,
      poll: true,
      deliver: false,
    });
    try {
      await waitFor(async () => (await t.db.dataSource.query(`SELECT 1 FROM articles WHERE url = $1`, [`${web.url}/a/cache-fresh`])).length === 1, "the item stored");
    } finally {
      await work.stop();
    }
    expect(await count()).toBe(before + 1);
  } finally {
    await cached.close();
  }
});
