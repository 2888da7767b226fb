// The production topology, as separate processes (tests/support/topology.ts): Hive Gateway composing the
// news and factchecks subgraphs, HAProxy with health checks on /readyz in front of two newsgraph
// processes on one PostgreSQL database. Clients talk to the router only.
import { seed } from "../../src/seed/seed";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { startTopology, topologyUnavailable, type Topology } from "../support/topology";
import { expectedFactCheck } from "./factchecks-subgraph";
import { ADD_COMMENT, authHeaders, RUN, TEST_JWT_SECRET, wsClient } from "../readers/support";

const unavailable = topologyUnavailable();
if (unavailable) console.log(`topology tests skipped: ${unavailable}`);
const describeTopology = unavailable ? describe.skip : describe;

interface Answer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function post(url: string, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const FRONT = `query Front { articles(first: 5) { edges { node { id title quotes(first: 3) { edges { node { id text } } } } } } }`;

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Runs `workers` loops of front-page queries through `url` until stop(); every answer is recorded with its time. */
function load(url: string, workers = 4) {
  const results: Array<{ started: number; ok: boolean; detail?: string }> = [];
  let running = true;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const started = Date.now();
      try {
        const a = await post(url, FRONT);
        const ok = a.status === 200 && !a.body.errors && Array.isArray(a.body.data?.articles?.edges);
        results.push({ started, ok, ...(ok ? {} : { detail: `${a.status} ${JSON.stringify(a.body).slice(0, 300)}` }) });
      } catch (err) {
        results.push({ started, ok: false, detail: (err as Error).message });
      }
    }
  });
  return {
    results,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describeTopology("router + load balancer + two newsgraph processes", () => {
  let db: TestDatabase;
  let t: Topology;
  let slug: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    slug = (await seed(db.dataSource)).article.slug;
    t = await startTopology(db.url!, { AUTH_JWT_SECRET: TEST_JWT_SECRET, ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}) });
  }, 120_000);

  afterAll(async () => {
    await t?.stop();
    await db?.close();
  }, 60_000);

  it("answers queries and joins entities of both subgraphs through the router", async () => {
    const q = `query($slug: String!) { article(slug: $slug) { title quotes(first: 5) { totalCount edges { node { id text factCheck { rating source } speaker { name } } } } } }`;
    const routed = await post(t.routerUrl, q, { slug });
    expect(routed.body.errors).toBeUndefined();
    const edges = routed.body.data.article.quotes.edges as Array<{ node: { id: string; factCheck: unknown } }>;
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) expect(e.node.factCheck).toEqual(expectedFactCheck(e.node.id));
    // The news fields are what newsgraph answers without the router.
    const direct = await post(t.balancerUrl, `query($slug: String!) { article(slug: $slug) { title quotes(first: 5) { totalCount edges { node { id text speaker { name } } } } } }`, {
      slug,
    });
    expect(routed.body.data.article.title).toBe(direct.body.data.article.title);
    expect(edges.map((e: any) => ({ id: e.node.id, text: e.node.text, speaker: e.node.speaker }))).toEqual(direct.body.data.article.quotes.edges.map((e: any) => e.node));
    expect(t.factchecks.representations).toBeGreaterThanOrEqual(edges.length);
  });

  it("passes the reader's Authorization to newsgraph: a comment posted through the router", async () => {
    const article = (await post(t.routerUrl, `query($slug: String!) { article(slug: $slug) { id } }`, { slug })).body.data.article;
    const posted = await post(
      t.routerUrl,
      ADD_COMMENT,
      { input: { articleId: article.id, body: "Through the router" } },
      await authHeaders(`router-reader-${RUN}`, ["READER"], "Routed Reader"),
    );
    expect(posted.body.errors).toBeUndefined();
    expect(posted.body.data.addComment).toMatchObject({ body: "Through the router", authorName: "Routed Reader", status: "PUBLISHED" });
    // The other newsgraph process sees it too (one database).
    const seen = await post(t.balancerUrl, `query($slug: String!) { article(slug: $slug) { comments(first: 50) { edges { node { body authorName } } } } }`, { slug });
    expect(seen.body.data.article.comments.edges.map((e: any) => e.node)).toContainEqual({ body: "Through the router", authorName: "Routed Reader" });
  });

  it("keeps newsgraph's client-facing errors and codes", async () => {
    const article = (await post(t.routerUrl, `query($slug: String!) { article(slug: $slug) { id } }`, { slug })).body.data.article;
    const cases: Array<[string, Record<string, unknown>, Record<string, string>]> = [
      [ADD_COMMENT, { input: { articleId: article.id, body: "anonymous" } }, {}], // UNAUTHENTICATED
      [ADD_COMMENT, { input: { articleId: article.id, body: "   " } }, await authHeaders(`router-bad-${RUN}`)], // BAD_USER_INPUT
      [`{ article(id: "not-a-uuid") { id } }`, {}, {}], // BAD_USER_INPUT
      [`{ article(slug: "a", id: "b") { id } }`, {}, {}], // exactly one key
    ];
    for (const [query, variables, headers] of cases) {
      const direct = await post(t.balancerUrl, query, variables, headers);
      const routed = await post(t.routerUrl, query, variables, headers);
      expect(direct.body.errors?.[0].extensions?.code).toBeDefined();
      expect({ code: routed.body.errors?.[0].extensions?.code, message: routed.body.errors?.[0].message }).toEqual({
        code: direct.body.errors?.[0].extensions?.code,
        message: direct.body.errors?.[0].message,
      });
    }
  });
  // Events cross between newsgraph processes through Redis only (without it each process has its own).
  (process.env.REDIS_URL ? it : it.skip)("delivers subscriptions through the router (its graphql-ws connection to newsgraph goes through HAProxy)", async () => {
    const article = (await post(t.routerUrl, `query($slug: String!) { article(slug: $slug) { id } }`, { slug })).body.data.article;
    const ws = wsClient(t.routerUrl.replace(/\/graphql$/, ""));
    try {
      const sub = ws.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { id body } }`, { a: article.id });
      // The subscription has reached a newsgraph process once it holds a WebSocket (no event is lost after).
      const posted = await (async () => {
        for (let i = 0; i < 100; i++) {
          await new Promise((r) => setTimeout(r, 100));
          const metrics = await Promise.all(t.newsgraph.map(async (n) => (await fetch(`${n.url}/metrics`)).text()));
          if (metrics.some((m) => /newsgraph_open_subscriptions [1-9]/.test(m))) break;
        }
        return post(t.routerUrl, ADD_COMMENT, { input: { articleId: article.id, body: "Live through the router" } }, await authHeaders(`router-live-${RUN}`));
      })();
      expect(posted.body.errors).toBeUndefined();
      const [event] = await sub.received(1, 15_000);
      expect(event.commentAdded).toEqual({ id: posted.body.data.addComment.id, body: "Live through the router" });
    } finally {
      await ws.close();
    }
  });

  it("drains a newsgraph process on SIGTERM under load with no request lost", async () => {
    const l = load(t.routerUrl);
    try {
      await until("load to run", () => l.results.length >= 20);
      const victim = t.newsgraph[0];
      victim.child.kill("SIGTERM");
      const exit = await victim.exited;
      expect(exit.code).toBe(0);
      const n = l.results.length;
      await until("load after the exit", () => l.results.length >= n + 20);
    } finally {
      await l.stop();
    }
    expect(l.results.filter((r) => !r.ok)).toEqual([]);
    await t.startNewsgraph(0);
    await until("HAProxy to take the restarted process back", async () => (await t.serverStates()).ng1 === "UP");
  }, 60_000);

  it("fails no request once HAProxy has noticed a killed newsgraph process", async () => {
    const l = load(t.routerUrl);
    let killedAt: number;
    let noticedAt = 0;
    try {
      await until("load to run", () => l.results.length >= 20);
      killedAt = Date.now();
      t.newsgraph[1].child.kill("SIGKILL");
      await until("HAProxy to mark the killed process down", async () => (await t.serverStates()).ng2?.startsWith("DOWN") ?? false);
      noticedAt = Date.now();
      await until("load after HAProxy noticed", () => l.results.filter((r) => r.started > noticedAt).length >= 40);
    } finally {
      await l.stop();
    }
    const after = l.results.filter((r) => r.started > noticedAt);
    expect(after.filter((r) => !r.ok)).toEqual([]);
    const lost = l.results.filter((r) => !r.ok);
    console.log(`killed process: HAProxy noticed after ${noticedAt - killedAt} ms; ${lost.length} of ${l.results.length} requests failed (in flight at the kill), none after`);
  }, 60_000);
});
