// Quotes out: watches over GraphQL, outbox rows written with the quotes, signed deliveries (verified
// with standardwebhooks), retries with backoff, FAILED after the retry window with the error visible,
// replay, and the SSRF rule on webhook URLs.
import { Webhook } from "standardwebhooks";
import { signToken } from "../../src/auth/tokens";
import type { Role } from "../../src/auth/identity";
import { ingestContent } from "../../src/ingest/ingest.service";
import { WebhookDeliverer } from "../../src/webhooks/deliverer";
import { WatchService } from "../../src/webhooks/watch.service";
import { startTestApp, type TestApp } from "../support/test-app";
import { articleBody, silent, startFakeWeb, testPolicy, type FakeWeb } from "./support";

const SECRET = "webhooks-test-secret-0123456789abcdef";
let t: TestApp;
let web: FakeWeb;
// The real time (tokens are checked against the clock), moved ahead by the tests.
let now = new Date();

async function as(sub: string, roles: Role[]): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await signToken({ AUTH_JWT_SECRET: SECRET, AUTH_TOKEN_TTL: "30d" }, { sub, roles, name: sub })}` };
}

const deliverers: WebhookDeliverer[] = [];
function deliverer(maxAgeSeconds = 86_400): WebhookDeliverer {
  return deliverers[
    deliverers.push(
      new WebhookDeliverer({
        ds: t.db.dataSource,
        policy: testPolicy({ timeoutMs: 2000 }),
        logger: silent,
        concurrency: 4,
        maxAgeSeconds,
        clock: () => now,
        random: () => 0,
        firstRetryMs: 10_000,
      }),
    ) - 1
  ]!;
}

const CREATE = `mutation($input: CreateWatchInput!) { createWatch(input: $input) { secret watch { id url words } } }`;
const DELIVERIES = `query($id: ID!, $status: DeliveryStatus) { watchDeliveries(watchId: $id, status: $status) { id quoteId status attempts lastStatus lastError deliveredAt } }`;

function article(tag: string): string {
  return JSON.stringify({
    article: { title: `Webhook story ${tag}`, url: `https://news.example/${tag}`, body: articleBody(tag), publishedAt: "2026-12-07T08:00:00Z", outletName: "Example News" },
  });
}

beforeAll(async () => {
  web = await startFakeWeb();
  t = await startTestApp({ AUTH_JWT_SECRET: SECRET, SOURCES_ALLOW_PRIVATE: "true" }, { clock: () => now });
});
afterAll(async () => {
  for (const d of deliverers) d.close();
  await t.close();
  await web.close();
});

it("lets analysts (not plain readers) create a watch; its secret is shown once", async () => {
  const denied = await t.gql(CREATE, { input: { url: `${web.url}/hook` } }, await as("reader-1", ["READER"]));
  expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  const anon = await t.gql(CREATE, { input: { url: `${web.url}/hook` } });
  expect(anon.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  const bad = await t.gql(CREATE, { input: { url: "gopher://x" } }, await as("analyst-1", ["ANALYST"]));
  expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "UNSUPPORTED_SCHEME" });
  const ok = await t.gql(CREATE, { input: { url: `${web.url}/hook`, words: "homes" } }, await as("analyst-1", ["ANALYST"]));
  expect(ok.errors).toBeUndefined();
  expect(ok.data.createWatch.secret).toMatch(/^whsec_/);
  const list = await t.gql(`{ watches { id url } }`, {}, await as("analyst-1", ["ANALYST"]));
  expect(list.data.watches).toHaveLength(1);
  expect(JSON.stringify(list.data)).not.toContain("whsec_");
  // Someone else's watch is not found.
  const other = await t.gql(DELIVERIES, { id: ok.data.createWatch.watch.id }, await as("analyst-2", ["ANALYST"]));
  expect(other.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
});

it("refuses webhook URLs on private addresses unless SOURCES_ALLOW_PRIVATE", async () => {
  const strict = new WatchService(t.db.dataSource, false);
  await expect(strict.create({ id: "x", admin: false }, { url: "http://127.0.0.1:8080/hook" })).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", reason: "PRIVATE_ADDRESS" } });
  await expect(strict.create({ id: "x", admin: false }, { url: "http://169.254.169.254/latest" })).rejects.toMatchObject({ extensions: { reason: "PRIVATE_ADDRESS" } });
});

it("delivers each matching quote once, signed, after a receiver fails twice; the outbox row comes with the quote", async () => {
  // The first test's watch goes: only this test's watches match from here on.
  const first = (await t.gql(`{ watches { id } }`, {}, await as("analyst-1", ["ANALYST"]))).data.watches[0].id;
  const gone = await t.gql(`mutation($id: ID!) { deleteWatch(id: $id) }`, { id: first }, await as("analyst-1", ["ANALYST"]));
  expect(gone.data.deleteWatch).toBe(first);
  const headers = await as("analyst-3", ["ANALYST"]);
  const created = await t.gql(CREATE, { input: { url: `${web.url}/flaky-hook`, words: "plan is a promise" } }, headers);
  const { secret, watch } = created.data.createWatch;
  let calls = 0;
  const accepted: Array<{ id: string; body: any }> = [];
  web.routes.set("/flaky-hook", (req, res, body) => {
    calls++;
    if (calls <= 2) {
      res.statusCode = 500;
      return res.end("down");
    }
    // The Standard Webhooks verification a receiver would run (its clock is the real one: so is the test's here).
    try {
      new Webhook(secret).verify(body, req.headers as Record<string, string>);
    } catch {
      res.statusCode = 400;
      return res.end("bad signature");
    }
    accepted.push({ id: String(req.headers["webhook-id"]), body: JSON.parse(body) });
    res.statusCode = 204;
    res.end();
  });
  await ingestContent(t.db.dataSource, article("flaky"), { format: "json" });
  // The test clock starts at the real time; the outbox rows were written by the database's clock.
  now = new Date(Math.max(now.getTime(), Date.now()) + 1000);
  const pending = await t.gql(DELIVERIES, { id: watch.id }, headers);
  expect(pending.data.watchDeliveries).toHaveLength(1);
  expect(pending.data.watchDeliveries[0]).toMatchObject({ status: "PENDING", attempts: 0 });

  const d = deliverer();
  expect(await d.tick()).toBe(1);
  expect(await d.tick()).toBe(0); // not due again yet: backoff
  now = new Date(now.getTime() + 10_000);
  expect(await d.tick()).toBe(1);
  now = new Date(now.getTime() + 20_000);
  expect(await d.tick()).toBe(1);
  now = new Date(now.getTime() + 3_600_000);
  expect(await d.tick()).toBe(0);
  expect(calls).toBe(3);
  expect(accepted).toHaveLength(1);
  const delivered = (await t.gql(DELIVERIES, { id: watch.id }, headers)).data.watchDeliveries[0];
  expect(delivered).toMatchObject({ status: "DELIVERED", attempts: 3, lastStatus: 204 });
  expect(accepted[0]!.id).toBe(delivered.id);
  expect(accepted[0]!.body).toMatchObject({
    type: "quote.created",
    quote: { id: delivered.quoteId, text: expect.stringContaining("plan is a promise") },
    speaker: { name: "Tom Reyes" },
    article: { title: "Webhook story flaky", url: "https://news.example/flaky" },
  });
});

it("marks a delivery FAILED with its last error once the receiver stays down past the retry window, and replays it", async () => {
  const headers = await as("analyst-4", ["ANALYST"]);
  const created = await t.gql(CREATE, { input: { url: `${web.url}/down-hook`, words: "homes this city needs" } }, headers);
  const { watch } = created.data.createWatch;
  web.routes.set("/down-hook", (_req, res) => {
    res.statusCode = 503;
    res.end();
  });
  await ingestContent(t.db.dataSource, article("down"), { format: "json" });
  // Back to the real time: the retry window counts from when the database wrote the row.
  now = new Date(Date.now() + 1000);
  const d = deliverer(120);
  for (let i = 0; i < 10; i++) {
    await d.tick();
    now = new Date(now.getTime() + 60_000);
  }
  // Ticks a minute apart: attempts at +1 s, +61 s and +121 s; the next retry (40 s later) would fall past
  // the 120 s window from the write, so the third failure marks it FAILED and nothing is sent after.
  expect(web.hits("/down-hook")).toBe(3);
  const failed = await t.gql(DELIVERIES, { id: watch.id, status: "FAILED" }, headers);
  expect(failed.data.watchDeliveries).toHaveLength(1);
  expect(failed.data.watchDeliveries[0]).toMatchObject({ status: "FAILED", attempts: 3, lastStatus: 503, lastError: expect.stringContaining("HTTP_ERROR") });

  const got: string[] = [];
  web.routes.set("/down-hook", (req, res) => {
    got.push(String(req.headers["webhook-id"]));
    res.end("ok");
  });
  const replay = await t.gql(`mutation($id: ID!, $since: DateTimeISO!) { replayDeliveries(watchId: $id, since: $since) }`, { id: watch.id, since: "2026-01-01T00:00:00Z" }, headers);
  expect(replay.errors).toBeUndefined();
  expect(replay.data.replayDeliveries).toBe(1);
  expect(await d.tick()).toBe(1);
  expect(got).toEqual([failed.data.watchDeliveries[0].id]);
});
