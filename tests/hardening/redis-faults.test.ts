// Redis down, with REDIS_URL configured: reads keep working; what needs Redis (shared rate limits on
// reader writes, subscription events) fails at once with SERVICE_UNAVAILABLE naming Redis, never a
// hang (the time budget's TIMEOUT) nor a bare 500; /readyz says Redis is down; open subscriptions end
// with the same coded error instead of listening in silence; and everything comes back by itself once
// Redis does. Three ways of being down: refusing connections (the server stopped), accepting them
// without ever answering (hung), and open connections that go silent without a reset (a partition).
// The response cache (which keeps its answers in Redis) is on, so reads that go through it are tried too.
//
// The shared Redis is never touched: a private `redis-server` runs on a free port (or, without the
// binary, REDIS_URL's server is used), behind a TCP proxy the test cuts and restores.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { startTcpProxy, type ProxyMode, type TcpProxy } from "../support/tcp-proxy";
import type { TestApp } from "../support/test-app";
import { ADD_COMMENT, authHeaders, listening, publishedArticle, RUN, startReadersApp, waitUntil, wsClient, type WsClient } from "../readers/support";

const haveRedisServer = spawnSync("redis-server", ["--version"]).status === 0;
const describeRedis = haveRedisServer || process.env.REDIS_URL ? describe : describe.skip;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A private redis-server on a free port (nothing saved), or REDIS_URL's server when there is no binary. */
async function startRedis(): Promise<{ host: string; port: number; stop(): Promise<void> }> {
  if (!haveRedisServer) {
    const url = new URL(process.env.REDIS_URL!);
    return { host: url.hostname, port: Number(url.port || 6379), stop: async () => undefined };
  }
  const port = await freePort();
  const child: ChildProcess = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  // Never left running: also when the test process ends before afterAll (a forced exit).
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  const probe = new Redis({ host: "127.0.0.1", port, lazyConnect: true, retryStrategy: () => 50, maxRetriesPerRequest: 0 });
  probe.on("error", () => undefined);
  await waitUntil(async () => (await probe.ping().catch(() => "")) === "PONG", "the private redis-server", 10_000);
  probe.disconnect();
  return {
    host: "127.0.0.1",
    port,
    async stop() {
      process.off("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const READ = `query($id: ID!) { article(id: $id) { id title commentCount comments(first: 10) { totalCount edges { node { id body } } } reactionSummary { total } } articles(first: 5) { totalCount } }`;
const REACT = `mutation($a: ID!) { react(articleId: $a, sentiment: POSITIVE) { id } }`;
const COMMENT_ADDED = `subscription($a: ID!) { commentAdded(articleId: $a) { id body } }`;

describeRedis("Redis down", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let proxy: TcpProxy;
  let t: TestApp;
  let article: { id: string; slug: string };
  let reader: Record<string, string>;
  let n = 0;
  const clients: WsClient[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on("unhandledRejection", onUnhandled);
    redis = await startRedis();
    proxy = await startTcpProxy({ host: redis.host, port: redis.port });
    // A hang would show as the time budget's TIMEOUT; Redis refusals must come well before it.
    t = await startReadersApp({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, RESPONSE_CACHE: "true", COMMENTS_RATE_LIMIT: "1000", WRITES_RATE_LIMIT: "1000", REQUEST_TIMEOUT_MS: "10000" });
    article = await publishedArticle(t);
    reader = await authHeaders(`redis-down-${RUN}`);
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await t?.close();
    await proxy?.close();
    await redis?.stop();
    process.off("unhandledRejection", onUnhandled);
  });

  const comment = () => t.gql(ADD_COMMENT, { input: { articleId: article.id, body: `comment ${++n}` } }, reader);
  const storedComments = async () => Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM comments WHERE article_id = $1`, [article.id]))[0].n);
  const readyz = async () => {
    const res = await fetch(`${t.url}/readyz`);
    return { status: res.status, body: (await res.json()) as { status: string; checks: Record<string, string> } };
  };

  /** A subscription that delivers: subscribe, wait until the server listens, comment, receive it. */
  async function subscriptionDelivers(): Promise<void> {
    const ws = wsClient(t.url);
    clients.push(ws);
    const before = t.app.services.events.listeners("COMMENT_PUBLISHED", article.id);
    const sub = ws.subscribe(COMMENT_ADDED, { a: article.id });
    await listening(t, "COMMENT_PUBLISHED", article.id, before + 1);
    // The subscriber connection may still be re-subscribing its channel after a reconnect: post until
    // one arrives (each post is a real comment; the subscription must deliver one of them).
    await waitUntil(
      async () => {
        const res = await comment();
        expect(res.errors).toBeUndefined();
        await new Promise((r) => setTimeout(r, 100));
        return sub.events.length > 0;
      },
      "a comment delivered to a subscriber",
      10_000,
    );
    expect(sub.events[0].commentAdded.body).toMatch(/^comment \d+$/);
    sub.stop();
  }

  function expectRedisUnavailable(res: { errors?: Array<{ extensions?: Record<string, unknown> }>; data?: unknown }): void {
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "SERVICE_UNAVAILABLE", service: "redis" });
  }

  async function whileDown(mode: ProxyMode): Promise<void> {
    // A subscription open before Redis goes away.
    const ws = wsClient(t.url);
    clients.push(ws);
    const open = ws.subscribe(COMMENT_ADDED, { a: article.id });
    await listening(t, "COMMENT_PUBLISHED", article.id);
    const storedBefore = await storedComments();

    proxy.setMode(mode);

    // It ends with a coded error rather than listening to a bus that delivers nothing.
    await waitUntil(() => open.errors.length > 0, "the open subscription to end", 10_000);
    expect(JSON.stringify(open.errors)).toContain("SERVICE_UNAVAILABLE");

    // Reads keep working, through the response cache's path too (answered without it).
    const res0 = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: READ, variables: { id: article.id } }) });
    const read = (await res0.json()) as { errors?: unknown; data: { article: { id: string } } };
    expect(read.errors).toBeUndefined();
    expect(read.data.article.id).toBe(article.id);
    expect(res0.headers.get("x-cache")).toBe("MISS");

    // Rate-limited writes are refused, coded, over HTTP 503 with Retry-After, and nothing is written.
    const res = await fetch(`${t.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...reader },
      body: JSON.stringify({ query: ADD_COMMENT, variables: { input: { articleId: article.id, body: "while Redis is down" } } }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBeTruthy();
    expectRedisUnavailable((await res.json()) as { errors?: Array<{ extensions?: Record<string, unknown> }> });
    expectRedisUnavailable(await t.gql(REACT, { a: article.id }, reader));
    expect(await storedComments()).toBe(storedBefore);

    // New subscriptions are refused, coded.
    const late = ws.subscribe(COMMENT_ADDED, { a: article.id });
    await waitUntil(() => late.errors.length > 0, "the new subscription to be refused", 10_000);
    expect(JSON.stringify(late.errors)).toContain("SERVICE_UNAVAILABLE");
    expect(late.events).toEqual([]);

    // Readiness reports Redis down; the database is up, so reads are still routed here.
    const ready = await readyz();
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: "degraded", checks: { database: "up", redis: "down" } });
  }

  /** The x-cache header of an anonymous read (the response cache keeps its answers in Redis). */
  const cachedRead = async () =>
    (await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: READ, variables: { id: article.id } }) })).headers.get(
      "x-cache",
    );

  async function recovers(): Promise<void> {
    proxy.setMode("forward");
    await waitUntil(async () => !(await comment()).errors, "rate-limited writes to work again", 15_000);
    await waitUntil(async () => (await readyz()).body.status === "ready", "readiness to report Redis up", 10_000);
    await subscriptionDelivers();
    // The response cache serves from Redis again: a read is stored, and the next one is a hit.
    await waitUntil(async () => (await cachedRead()) === "HIT", "the response cache to answer from Redis again", 10_000);
  }

  it("works through the proxy", async () => {
    expect((await comment()).errors).toBeUndefined();
    await subscriptionDelivers();
    await cachedRead();
    expect(await cachedRead()).toBe("HIT");
    expect((await readyz()).body).toMatchObject({ status: "ready", checks: { redis: "up" } });
  });

  it("refusing connections: reads work, writes and subscriptions fail with SERVICE_UNAVAILABLE, then recover by themselves", async () => {
    await whileDown("refuse");
    await recovers();
  });

  it("accepting connections but never answering: the same, without hanging", async () => {
    await whileDown("blackhole");
    await recovers();
  });

  it("cut without a reset (a network partition): the same, without hanging, the cached read path included", async () => {
    await whileDown("stall");
    await recovers();
  });

  it("never produced an unhandled rejection", () => {
    expect(unhandled).toEqual([]);
  });
});
