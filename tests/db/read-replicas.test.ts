// Read replicas against a real streaming replica: a throwaway primary and a replica of it, started from the
// installed PostgreSQL binaries (tests/support/pg-cluster.ts). Statements are counted on the replica itself
// (pg_stat_statements), so "the read went to the replica" is what the replica saw, not what newsgraph says.
import { Client } from "pg";
import { openDatabase, type Database } from "../../src/db/database";
import { seed } from "../../src/seed/seed";
import { operation } from "../support/operations";
import { clusterUnavailable, startPgCluster, type PgCluster } from "../support/pg-cluster";
import type { TestApp } from "../support/test-app";
import { ADD_COMMENT, authHeaders, listening, RUN, startReadersApp, waitUntil, wsClient } from "../readers/support";

const unavailable = clusterUnavailable();
if (unavailable) console.log(`read-replica tests skipped: ${unavailable}`);
const describeCluster = unavailable ? describe.skip : describe;

const DB = "ng_replicas";
const MAX_LAG_MS = 1500;

describeCluster("read replicas (a real streaming replica)", () => {
  let cluster: PgCluster;
  let db: Database;
  let t: TestApp;
  let slug: string;
  let articleId: string;

  /** Statements the replica ran for newsgraph's reads (not its health checks, not this counting). */
  const replicaStatements = async (): Promise<number> => {
    const [row] = await cluster.onReplica<{ n: string }>(
      `SELECT coalesce(sum(calls), 0)::text AS n FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
       WHERE d.datname = '${DB}' AND s.query NOT ILIKE '%pg_last_wal_replay_lsn%' AND s.query NOT ILIKE '%pg_stat_statements%'`,
      DB,
    );
    return Number(row.n);
  };
  const replicaState = async (): Promise<{ state: string; lagMs: number | null }> => {
    const ready = (await (await fetch(`${t.url}/readyz`)).json()) as { replicas: Array<{ state: string; lagMs: number | null }> };
    return ready.replicas[0];
  };
  const waitForState = (state: string, ms = 20_000) => waitUntil(async () => (await replicaState()).state === state, `the replica to be ${state}`, ms);
  const comments = async (headers: Record<string, string> = {}) => {
    const res = await t.gql(`query($slug: String!) { article(slug: $slug) { comments(first: 50) { edges { node { id body } } } } }`, { slug }, headers);
    expect(res.errors).toBeUndefined();
    return (res.data.article.comments.edges as Array<{ node: { id: string; body: string } }>).map((e) => e.node.body);
  };
  const pauseReplay = () => cluster.onReplica(`SELECT pg_wal_replay_pause()`, DB);
  const resumeReplay = () => cluster.onReplica(`SELECT pg_wal_replay_resume()`, DB);

  beforeAll(async () => {
    cluster = await startPgCluster();
    const admin = new Client({ connectionString: cluster.primaryUrl() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${DB}`);
    await admin.end();
    db = await openDatabase({ url: cluster.primaryUrl(DB), poolSize: 5 });
    await db.dataSource.query(`CREATE EXTENSION pg_stat_statements`);
    const stored = await seed(db.dataSource);
    slug = stored.article.slug;
    articleId = stored.article.id;
    t = await startReadersApp(
      {
        DATABASE_URL: cluster.primaryUrl(DB),
        DATABASE_REPLICA_URLS: cluster.replicaUrl(DB),
        REPLICA_MAX_LAG_MS: String(MAX_LAG_MS),
        REPLICA_CHECK_INTERVAL_MS: "100",
        ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
      },
      { db },
    );
    await waitForState("up");
    // "up" is about lag in time; the seed may still be on its way: wait until the replica has it.
    await waitUntil(
      async () => (await cluster.onReplica<{ n: string }>(`SELECT count(*)::text AS n FROM articles WHERE id = '${articleId}'`, DB))[0]?.n === "1",
      "the replica to have replayed the seed",
      20_000,
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await db?.close();
    await cluster?.destroy();
  }, 60_000);

  it("sends queries' reads (planned and loaders') to the replica, and a mutation's to the primary", async () => {
    const before = await replicaStatements();
    const page = await t.gql(operation("article-page"), { slug });
    expect(page.errors).toBeUndefined();
    expect(page.data.article.id).toBe(articleId);
    expect(page.data.article.quotes.totalCount).toBeGreaterThan(0);
    const front = await t.gql(operation("front-page"), {});
    expect(front.errors).toBeUndefined();
    expect(front.data.articles.edges.length).toBeGreaterThan(0);
    // A non-planned read (resolved by graphql-js through the loaders) too.
    const viaLoaders = await t.gql(`{ speakers(first: 5) { edges { node { name quoteCount } } } outlets(first: 5) { edges { node { name } } } }`);
    expect(viaLoaders.errors).toBeUndefined();
    expect(viaLoaders.data.speakers.edges.length).toBeGreaterThan(0);
    const afterReads = await replicaStatements();
    expect(afterReads).toBeGreaterThan(before);

    // A mutation (its write and the reads of its answer) never touches the replica.
    const posted = await t.gql(ADD_COMMENT, { input: { articleId, body: "Written on the primary" } }, await authHeaders(`rr-writer-${RUN}`));
    expect(posted.errors).toBeUndefined();
    expect(await replicaStatements()).toBe(afterReads);

    const metrics = await (await fetch(`${t.url}/metrics`)).text();
    expect(metrics).toMatch(/newsgraph_replica_state\{replica="127\.0\.0\.1:\d+\/ng_replicas",state="up"\} 1/);
    expect(metrics).toMatch(/newsgraph_replica_lag_seconds\{replica="127\.0\.0\.1:\d+\/ng_replicas"\} \d/);
    expect(metrics).toMatch(/newsgraph_replica_reads_total\{target="replica"\} [1-9]/);
  });

  it("lets an author read their own comment at once while the replica has not replayed it", async () => {
    const author = await authHeaders(`rr-author-${RUN}`);
    await comments(author); // the author reads from the replica before writing
    await pauseReplay();
    try {
      const ws = wsClient(t.url);
      const sub = ws.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { id body } }`, { a: articleId });
      await listening(t, "COMMENT_PUBLISHED", articleId);
      const posted = await t.gql(ADD_COMMENT, { input: { articleId, body: "Read your own write" } }, author);
      expect(posted.errors).toBeUndefined();
      const before = await replicaStatements();
      // At once, the replica still paused (and within REPLICA_MAX_LAG_MS, so others still read there).
      expect(await comments(author)).toContain("Read your own write");
      expect(await replicaStatements()).toBe(before);
      // The subscriber's event is read from the primary.
      const [event] = await sub.received(1);
      expect(event.commentAdded).toEqual({ id: posted.data.addComment.id, body: "Read your own write" });
      await ws.close();
    } finally {
      await resumeReplay();
    }
    // Once the replica has replayed the write, the author reads from it again.
    await waitUntil(
      async () => {
        const before = await replicaStatements();
        const seen = await comments(author);
        return seen.includes("Read your own write") && (await replicaStatements()) > before;
      },
      "the author's reads back on the replica",
      20_000,
    );
  });

  it("routes around a replica whose replay is paused past REPLICA_MAX_LAG_MS, and back once it catches up", async () => {
    await pauseReplay();
    try {
      const posted = await t.gql(ADD_COMMENT, { input: { articleId, body: "While the replica was paused" } }, await authHeaders(`rr-lag-${RUN}`));
      expect(posted.errors).toBeUndefined();
      await waitForState("lagging");
      expect((await replicaState()).lagMs).toBeGreaterThan(MAX_LAG_MS);
      const ready = (await (await fetch(`${t.url}/readyz`)).json()) as { status: string };
      expect(ready.status).toBe("degraded");
      const before = await replicaStatements();
      // Another viewer (anonymous): the lag rule, not read-your-writes, sends this to the primary.
      expect(await comments()).toContain("While the replica was paused");
      expect(await replicaStatements()).toBe(before);
    } finally {
      await resumeReplay();
    }
    await waitForState("up");
    const before = await replicaStatements();
    expect(await comments()).toContain("While the replica was paused");
    expect(await replicaStatements()).toBeGreaterThan(before);
  });

  it("fills the response cache from the primary, so a write's invalidation is not undone by a replica behind", async () => {
    const cached = await startReadersApp(
      { DATABASE_URL: cluster.primaryUrl(DB), DATABASE_REPLICA_URLS: cluster.replicaUrl(DB), REPLICA_MAX_LAG_MS: "60000", REPLICA_CHECK_INTERVAL_MS: "100", RESPONSE_CACHE: "true" },
      { db },
    );
    const anonymous = async () => {
      const res = await cached.gql(`query($slug: String!) { article(slug: $slug) { comments(first: 50) { edges { node { body } } } } }`, { slug });
      expect(res.errors).toBeUndefined();
      return (res.data.article.comments.edges as Array<{ node: { body: string } }>).map((e) => e.node.body);
    };
    try {
      await anonymous(); // cached
      await pauseReplay();
      const posted = await cached.gql(ADD_COMMENT, { input: { articleId, body: "Invalidates the cache" } }, await authHeaders(`rr-cache-${RUN}`));
      expect(posted.errors).toBeUndefined();
      // The replica is paused but within its (large) lag bound: without the rule the refill would come from it.
      expect(await anonymous()).toContain("Invalidates the cache");
      expect(await anonymous()).toContain("Invalidates the cache");
    } finally {
      await resumeReplay();
      await cached.close();
    }
  });

  it("answers every read while the replica is killed, and reads from it again once it is back", async () => {
    // A second process whose checker will not look again for a minute: its reads find the replica dead
    // themselves (its pooled connections cut, new ones refused) and must be answered by the primary.
    const slow = await startReadersApp({ DATABASE_URL: cluster.primaryUrl(DB), DATABASE_REPLICA_URLS: cluster.replicaUrl(DB), REPLICA_CHECK_INTERVAL_MS: "60000" }, { db });
    try {
      expect((await slow.gql(operation("article-page"), { slug })).errors).toBeUndefined(); // a pooled connection to the replica
      await cluster.killReplica();
      const results = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? slow.gql(operation("front-page"), {}) : slow.gql(operation("article-page"), { slug }))));
      for (const r of results) expect(r.errors).toBeUndefined();
      expect(results[0].data.article.id).toBe(articleId);
      const metrics = await (await fetch(`${slow.url}/metrics`)).text();
      expect(metrics).toMatch(/newsgraph_replica_reads_total\{target="fallback"\} [1-9]/);
      expect(metrics).toMatch(/newsgraph_replica_state\{replica="[^"]+",state="down"\} 1/);
    } finally {
      await slow.close();
    }
    await waitForState("down");
    for (let i = 0; i < 3; i++) expect((await t.gql(operation("article-page"), { slug })).errors).toBeUndefined();
    await cluster.startReplica();
    await waitForState("up");
    await waitUntil(
      async () => {
        const before = await replicaStatements();
        expect((await t.gql(operation("front-page"), {})).errors).toBeUndefined();
        return (await replicaStatements()) > before;
      },
      "reads on the restarted replica",
      20_000,
    );
  }, 60_000);
});
