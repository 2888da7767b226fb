// The direct lane (src/http/direct-lane.ts): once Apollo Server has accepted a query text and the direct
// execution answered it, repeats skip Apollo's pipeline. They must answer exactly as Apollo does — body,
// status, Content-Type, Cache-Control, request id, log line and metrics — and everything that depends on
// the request (cost of these variables, variables, token, accepted media type, operation name) must still
// be checked on each one. Compared with a server that runs every request through graphql-js
// (DIRECT_EXECUTION off) over the same database.
import { readFileSync } from "node:fs";
import { request, type IncomingHttpHeaders } from "node:http";
import { Writable } from "node:stream";
import pino from "pino";
import { loadConfig } from "../../src/config";
import { startApp, type RunningApp } from "../../src/http/app";
import { SANDBOX_ORIGINS } from "../../src/http/front-door";
import { authHeaders, READERS_ENV } from "../readers/support";
import { operation } from "../support/operations";
import { TEST_ADMIN_KEY } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { seed } from "../../src/seed/seed";
import { projectPath } from "../../src/paths";

interface Answer {
  status: number;
  body: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
  headers: Record<string, string | null>;
}

let db: TestDatabase;
let lane: RunningApp;
let graphqlJs: RunningApp;
const logLines: Array<Record<string, unknown>> = [];

async function start(env: Record<string, string>, logs?: Array<Record<string, unknown>>): Promise<RunningApp> {
  const config = loadConfig({ NODE_ENV: "test", ADMIN_API_KEY: TEST_ADMIN_KEY, ...READERS_ENV, SEED_ON_EMPTY: "false", ...env });
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split("\n")) if (line && logs) logs.push(JSON.parse(line));
      done();
    },
  });
  return startApp({ config, db, logger: pino({ level: "info" }, sink) }, { port: 0, host: "127.0.0.1" });
}

/** A POST through node:http, which (unlike fetch) sends an `Origin` header as given. */
function send(app: RunningApp, body: string, headers: Record<string, string>): Promise<{ status: number; text: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(`${app.url}/graphql`, { method: "POST", headers: { "content-length": String(Buffer.byteLength(body)), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function post(app: RunningApp, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await send(app, JSON.stringify(body), { "content-type": "application/json", ...headers });
  const names = ["content-type", "cache-control", "x-request-id", "access-control-allow-origin", "vary", "retry-after"];
  return { status: res.status, body: JSON.parse(res.text) as Answer["body"], headers: Object.fromEntries(names.map((n) => [n, (res.headers[n] as string | undefined) ?? null])) };
}

/** Sends the request to both servers: the lane's answer (sent twice, so the second one takes the lane) and graphql-js's. */
async function both(body: unknown, headers: Record<string, string> = {}) {
  await post(lane, body, headers);
  const before = { ...lane.directExecution };
  const viaLane = await post(lane, body, headers);
  const viaGraphqlJs = await post(graphqlJs, body, headers);
  const after = lane.directExecution;
  return { viaLane, viaGraphqlJs, laneAnswers: after.lane - before.lane, textAnswers: after.text - before.text, fallbacks: after.fallback - before.fallback };
}

/** newsgraph_planned_reads_total from /metrics, as "path/json" → count. */
async function plannedReads(app: RunningApp): Promise<Record<string, number>> {
  const text = await (await fetch(`${app.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const m of text.matchAll(/^newsgraph_planned_reads_total\{path="(\w+)",json="(\w+)"\} (\d+)$/gm)) counts[`${m[1]}/${m[2]}`] = Number(m[3]);
  return counts;
}

/** An answer without what differs per request (request ids, stack traces). */
function withoutRequestId(a: Answer) {
  const body = JSON.parse(JSON.stringify(a.body, (k, v) => (k === "requestId" || k === "stacktrace" ? undefined : v)));
  return { ...a, body, headers: { ...a.headers, "x-request-id": undefined } };
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seed(db.dataSource);
  lane = await start({}, logLines);
  graphqlJs = await start({ DIRECT_EXECUTION: "false" });
}, 120_000);

afterAll(async () => {
  await lane?.close();
  await graphqlJs?.close();
  await db?.close();
});

describe("the direct lane", () => {
  it("answers repeats of the example reads as Apollo does, for anonymous and signed-in viewers", async () => {
    const reader = await authHeaders("lane-reader", ["READER"]);
    const [{ slug }] = await db.dataSource.query(`SELECT slug FROM articles LIMIT 1`);
    const [{ name }] = await db.dataSource.query(`SELECT s.name FROM speakers s JOIN quotes q ON q.speaker_id = s.id LIMIT 1`);
    // [operation, variables, answered with the planner's response-mode JSON text].
    const cases: Array<[string, Record<string, unknown>, boolean]> = [
      ["article-page", { slug }, true],
      ["front-page", {}, true],
      ["front-page", { first: 2 }, true],
      // Search rank is a Float: Postgres and JavaScript may print it differently, so it is walked.
      ["speaker-quotes", { speakerName: name, search: "ceasefire" }, false],
      ["quote-search", { search: "ceasefire" }, false],
      ["bench/speaker-quotes", { speakerName: name, search: "ceasefire" }, true],
    ];
    for (const [op, variables, text] of cases) {
      const query = op.startsWith("bench/") ? readFileSync(projectPath("bench", "operations", "newsgraph", `${op.slice(6)}.graphql`), "utf8") : operation(op);
      // A browser at an allowed origin (outside production, Apollo Sandbox's): CORS headers as Express's.
      for (const headers of [{}, reader, { accept: "application/graphql-response+json" }, { origin: SANDBOX_ORIGINS[0] }]) {
        const { viaLane, viaGraphqlJs, laneAnswers, textAnswers } = await both({ query, variables }, headers);
        expect({ op, headers, laneAnswers, textAnswers }).toEqual({ op, headers, laneAnswers: 1, textAnswers: text ? 1 : 0 });
        expect({ op, answer: withoutRequestId(viaLane) }).toEqual({ op, answer: withoutRequestId(viaGraphqlJs) });
        expect(viaLane.status).toBe(200);
        expect(viaLane.body.errors).toBeUndefined();
      }
    }
    // The lane's answer to an allowed origin carries CORS's headers.
    const fromSandbox = await post(lane, { query: operation("front-page") }, { origin: SANDBOX_ORIGINS[0] });
    expect(fromSandbox.headers).toMatchObject({ "access-control-allow-origin": SANDBOX_ORIGINS[0], vary: "Accept, Origin" });
    // Signed in: private; anonymous: public (the static policy of the article page).
    const anonymous = await post(lane, { query: operation("article-page"), variables: { slug } });
    const signedIn = await post(lane, { query: operation("article-page"), variables: { slug } }, reader);
    expect(anonymous.headers["cache-control"]).toMatch(/public/);
    expect(signedIn.headers["cache-control"]).toMatch(/private/);
  });

  it("echoes the request id, logs the request and counts it in the metrics", async () => {
    const query = "query LaneLogged { articles(first: 1) { totalCount edges { node { id } } } }";
    await post(lane, { query });
    const before = lane.directExecution.lane;
    const countedBefore = await plannedReads(lane);
    const res = await post(lane, { query }, { "x-request-id": "lane-logged-1" });
    expect(lane.directExecution.lane - before).toBe(1);
    // Prometheus has the lane's answer too, with who wrote its JSON (this one: PostgreSQL, response mode).
    const counted = await plannedReads(lane);
    expect(Object.keys(counted).sort()).toEqual(["direct/node", "direct/postgres", "fallback/node", "lane/node", "lane/postgres"]);
    expect(counted["lane/postgres"] + counted["lane/node"] - countedBefore["lane/postgres"] - countedBefore["lane/node"]).toBe(1);
    expect(counted["direct/postgres"] + counted["direct/node"]).toBeGreaterThan(0);
    expect(res.headers["x-request-id"]).toBe("lane-logged-1");
    const line = logLines.find((l) => l.requestId === "lane-logged-1" && l.msg === "graphql request");
    expect(line).toMatchObject({ operationName: "LaneLogged", operationType: "query", outcome: "ok", status: 200, userId: null });
    const metrics = await (await fetch(`${lane.url}/metrics`)).text();
    const count = metrics.split("\n").find((l) => l.startsWith("newsgraph_graphql_requests_total") && l.includes('operation="LaneLogged"') && l.includes('outcome="ok"'));
    expect(count).toMatch(/ 2$/);
  });

  it("still checks what depends on the request: cost of the variables, variables, token, media type", async () => {
    const query = operation("front-page");
    await post(lane, { query });
    const refusals: Array<[string, Record<string, unknown>, Record<string, string>]> = [
      ["page over the cap", { query, variables: { first: 1000 } }, {}],
      ["variable of the wrong type", { query, variables: { first: "ten" } }, {}],
      ["forged token", { query }, { authorization: "Bearer not-a-token" }],
      ["unacceptable media type", { query }, { accept: "text/html" }],
    ];
    for (const [name, body, headers] of refusals) {
      const before = { ...lane.directExecution };
      const a = await post(lane, body, headers);
      const b = await post(graphqlJs, body, headers);
      expect({ name, lane: lane.directExecution.lane - before.lane }).toEqual({ name, lane: 0 });
      expect({ name, answer: withoutRequestId(a) }).toEqual({ name, answer: withoutRequestId(b) });
      expect({ name, refused: a.status >= 400 || Boolean(a.body.errors) }).toEqual({ name, refused: true });
    }
  });

  it("keeps operation names apart, and hands what it cannot answer to graphql-js once", async () => {
    const doc = `query One { articles(first: 1) { edges { node { id } } } } query Two { articles(first: 2) { edges { node { slug } } } }`;
    const one = await both({ query: doc, operationName: "One" });
    const two = await both({ query: doc, operationName: "Two" });
    expect(one.laneAnswers).toBe(1);
    expect(two.laneAnswers).toBe(1);
    type Edges = { articles: { edges: Array<{ node: Record<string, unknown> }> } };
    expect(Object.keys((one.viaLane.body.data as Edges).articles.edges[0].node)).toEqual(["id"]);
    expect(Object.keys((two.viaLane.body.data as Edges).articles.edges[0].node)).toEqual(["slug"]);
    expect(withoutRequestId(two.viaLane)).toEqual(withoutRequestId(two.viaGraphqlJs));

    // A forged nested cursor: the planner leaves the list to its resolver, so the direct execution hands
    // the request to graphql-js, which answers with the coded error (and is tried once, not twice).
    const forged = `query($slug: String!, $after: String) { article(slug: $slug) { id comments(first: 2, after: $after) { totalCount } } }`;
    const [{ slug }] = await db.dataSource.query(`SELECT slug FROM articles LIMIT 1`);
    await post(lane, { query: forged, variables: { slug, after: null } });
    const before = { ...lane.directExecution };
    const countedBefore = await plannedReads(lane);
    const a = await post(lane, { query: forged, variables: { slug, after: "bm9wZQ" } });
    const b = await post(graphqlJs, { query: forged, variables: { slug, after: "bm9wZQ" } });
    expect(withoutRequestId(a)).toEqual(withoutRequestId(b));
    expect(a.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(lane.directExecution.lane - before.lane).toBe(0);
    expect(lane.directExecution.fallback - before.fallback).toBe(1);
    const counted = await plannedReads(lane);
    expect(counted["fallback/node"] - countedBefore["fallback/node"]).toBe(1);
    expect(counted["lane/node"] + counted["lane/postgres"]).toBe(countedBefore["lane/node"] + countedBefore["lane/postgres"]);
  });

  it("reads bodies as Express's JSON parser does, and hands the ones it does not answer to Express", async () => {
    const query = operation("front-page");
    await post(lane, { query });
    const json = { "content-type": "application/json" };
    // [case, body text, headers, answered by the lane].
    const cases: Array<[string, string, Record<string, string>, boolean]> = [
      ["UTF-8 stated", JSON.stringify({ query }), { "content-type": "application/json; charset=UTF-8" }, true],
      ["byte order mark", `\uFEFF${JSON.stringify({ query })}`, json, true],
      ["malformed JSON", `{"query": ${JSON.stringify(query)}`, json, false],
      ["JSON but not an object", JSON.stringify(query), json, false],
      ["empty body", "", json, false],
      ["batch", JSON.stringify([{ query }, { query }]), json, false],
      ["other charset", JSON.stringify({ query }), { "content-type": "application/json; charset=latin1" }, false],
      ["not JSON", `query=${encodeURIComponent(query)}`, { "content-type": "application/x-www-form-urlencoded" }, false],
      ["over the body limit", JSON.stringify({ query, variables: { pad: "x".repeat(2 * 2 ** 20) } }), json, false],
      ["persisted-query extension", JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } }), json, false],
    ];
    for (const [name, body, headers, answered] of cases) {
      const before = lane.directExecution.lane;
      const answer = async (app: RunningApp) => {
        const res = await send(app, body, { "apollo-require-preflight": "1", ...headers });
        const text = res.text;
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text, (k, v) => (k === "requestId" || k === "stacktrace" ? undefined : v));
        } catch {
          // not JSON: compared as text
        }
        return { status: res.status, type: res.headers["content-type"], body: parsed };
      };
      const a = await answer(lane);
      const b = await answer(graphqlJs);
      expect({ name, lane: lane.directExecution.lane - before }).toEqual({ name, lane: answered ? 1 : 0 });
      expect({ name, answer: a }).toEqual({ name, answer: b });
    }
    // What the lane read and Express refused is counted and logged as Express's refusals are.
    const res = await fetch(`${lane.url}/graphql`, { method: "POST", headers: { ...json, "x-request-id": "lane-malformed-1" }, body: "{nope" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Answer["body"]).errors?.[0]?.extensions?.code).toBe("BAD_REQUEST");
    expect(res.headers.get("x-request-id")).toBe("lane-malformed-1");
    await new Promise((r) => setTimeout(r, 50));
    expect(logLines.some((l) => l.msg === "http request refused" && l.status === 400)).toBe(true);
  });

  it("keeps the time budget on the requests it answers", async () => {
    const slow = await start({ REQUEST_TIMEOUT_MS: "100", DB_PREPARED_STATEMENTS: "0" });
    const query = operation("front-page");
    const original = db.dataSource.query.bind(db.dataSource);
    try {
      expect((await post(slow, { query })).status).toBe(200);
      // Every statement now takes longer than the budget.
      db.dataSource.query = (async (...args: Parameters<typeof original>) => {
        await new Promise((r) => setTimeout(r, 400));
        return original(...args);
      }) as typeof db.dataSource.query;
      const before = slow.directExecution.lane;
      const res = await post(slow, { query }, { "x-request-id": "lane-slow-1" });
      expect(res.status).toBe(503);
      expect(res.body.errors?.[0]?.extensions?.code).toBe("TIMEOUT");
      expect(res.headers["retry-after"]).toBe("1");
      expect(res.headers["x-request-id"]).toBe("lane-slow-1");
      // The lane's answer came too late and was dropped (counted as the lane's all the same).
      await new Promise((r) => setTimeout(r, 600));
      expect(slow.directExecution.lane - before).toBe(1);
      const metrics = await (await fetch(`${slow.url}/metrics`)).text();
      expect(metrics).toMatch(/newsgraph_graphql_requests_total\{operation="\(http\)",outcome="unavailable"\} 1/);
    } finally {
      db.dataSource.query = original;
      await slow.close();
    }
  });
});
