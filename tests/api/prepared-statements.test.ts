// The read planner's statements run as named prepared statements on a PostgreSQL server: each pooled
// connection prepares a statement text once and reuses it, answers are the same as unnamed, only the first
// DB_PREPARED_STATEMENTS texts get a name, and the embedded database never uses them.
import { Client, type Pool } from "pg";
import { QueryFailedError } from "typeorm";
import { isDatabaseUnavailable, isStatementTimeout } from "../../src/db/connection-errors";
import { openDatabase, type Database } from "../../src/db/database";
import { PreparedStatementNames, StatementRunner } from "../../src/db/prepared-statements";
import { seed } from "../../src/seed/seed";
import { generateCorpus } from "../../bench/corpus/corpus";
import { SEARCH_WORDS } from "../../bench/corpus/text";
import { startTestApp, type TestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const FRONT_PAGE = `{ articles(first: 5) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title outlet { name } speakers(first: 2) { edges { quoteCount node { name } } } } } } }`;
const ARTICLE = `query($slug: String!) { article(slug: $slug) { id title quotes(first: 3) { totalCount edges { node { id text speaker { name } } } } comments(first: 2) { edges { node { id } } } } }`;

interface Prepared {
  name: string;
  executions: number;
  /** Executions planned for their own parameter values. */
  custom: number;
}

/** The planner's named statements on every connection of the pool (all checked out at once, so each is seen once). */
async function preparedOnPool(db: TestDatabase): Promise<Prepared[][]> {
  const pool = (db.dataSource.driver as unknown as { master: Pool }).master;
  const clients = await Promise.all(Array.from({ length: Math.max(1, pool.totalCount) }, () => pool.connect()));
  try {
    return await Promise.all(
      clients.map(async (c) => {
        // generic_plans and custom_plans count the executions of a prepared statement (PostgreSQL 14+).
        const { rows } = await c.query<{ name: string; executions: string; custom: string }>(
          `SELECT name, (generic_plans + custom_plans)::text AS executions, custom_plans::text AS custom FROM pg_prepared_statements WHERE name LIKE 'ng\\_%'`,
        );
        return rows.map((r) => ({ name: r.name, executions: Number(r.executions), custom: Number(r.custom) }));
      }),
    );
  } finally {
    for (const c of clients) c.release();
  }
}

describe("PreparedStatementNames", () => {
  it("names the first `limit` distinct texts, the same name each time, and no others", () => {
    const names = new PreparedStatementNames(2);
    const a = names.nameFor("SELECT 1");
    const b = names.nameFor("SELECT 2");
    expect(a).toMatch(/^ng_[0-9a-f]{40}$/);
    expect(b).toMatch(/^ng_[0-9a-f]{40}$/);
    expect(a).not.toBe(b);
    expect(names.nameFor("SELECT 1")).toBe(a);
    expect(names.nameFor("SELECT 3")).toBeUndefined();
    expect(names.nameFor("SELECT 2")).toBe(b);
    expect(names.size).toBe(2);
  });
});

describe("the read planner's prepared statements", () => {
  let db: TestDatabase;
  let prepared: TestApp;
  let unnamed: TestApp;
  let capped: TestApp;
  let slug: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seed(db.dataSource);
    prepared = await startTestApp({}, { db });
    unnamed = await startTestApp({ DB_PREPARED_STATEMENTS: "0" }, { db });
    const rows: Array<{ slug: string }> = await db.dataSource.query(`SELECT slug FROM articles LIMIT 1`);
    slug = rows[0].slug;
  });

  afterAll(async () => {
    await capped?.close();
    await unnamed?.close();
    await prepared?.close();
    await db?.close();
  });

  it("answers as unnamed statements do, and each connection prepares a text once and reuses it (or, embedded, none is named)", async () => {
    const runs = 6;
    for (let i = 0; i < runs; i++) {
      const [a, b] = [await prepared.gql(FRONT_PAGE), await unnamed.gql(FRONT_PAGE)];
      expect(a.errors).toBeUndefined();
      expect(a).toEqual(b);
      const [c, d] = [await prepared.gql(ARTICLE, { slug }), await unnamed.gql(ARTICLE, { slug })];
      expect(c.errors).toBeUndefined();
      expect(c.data.article).not.toBeNull();
      expect(c).toEqual(d);
    }
    const perConnection = await preparedOnPool(db);
    const all = perConnection.flat();
    if (db.embedded) {
      expect(all).toEqual([]);
      return;
    }
    // Two shapes (front page, article page), each prepared at most once per connection ...
    expect(new Set(all.map((p) => p.name)).size).toBe(2);
    for (const onOne of perConnection) expect(new Set(onOne.map((p) => p.name)).size).toBe(onOne.length);
    // ... and executed once per request: fewer preparations than executions means reuse.
    expect(all.reduce((n, p) => n + p.executions, 0)).toBe(2 * runs);
    expect(all.length).toBeLessThan(2 * runs);
  });

  it("runs a root list with a broad filter unnamed (its best plan depends on the values)", async () => {
    const before = (await preparedOnPool(db)).flat().length;
    const quotes = await prepared.gql(`{ quotes(filter: { kind: DIRECT }, first: 3) { totalCount edges { node { id } } } }`);
    expect(quotes.errors).toBeUndefined();
    const articles = await prepared.gql(`{ articles(filter: { topic: "politics" }, first: 3) { totalCount } }`);
    expect(articles.errors).toBeUndefined();
    expect((await preparedOnPool(db)).flat().length).toBe(before);
  });

  it("names a narrow root list (a search, a speaker), whose matches are held whole, and answers as unnamed", async () => {
    const query = `query($q: String!) { quotes(filter: { search: $q }, first: 3) { totalCount edges { cursor rank node { id text } } } }`;
    const before = new Set((await preparedOnPool(db)).flat().map((p) => p.name));
    for (const q of ["the", "minister", "no-such-word-anywhere"]) {
      const [a, b] = [await prepared.gql(query, { q }), await unnamed.gql(query, { q })];
      expect(a.errors).toBeUndefined();
      expect(a).toEqual(b);
    }
    const added = new Set(
      (await preparedOnPool(db))
        .flat()
        .map((p) => p.name)
        .filter((n) => !before.has(n)),
    );
    expect(added.size).toBe(db.embedded ? 0 : 1);
  });

  it("names only the first DB_PREPARED_STATEMENTS texts", async () => {
    if (db.embedded) return; // never named there (previous test)
    capped = await startTestApp({ DB_PREPARED_STATEMENTS: "1" }, { db });
    const before = new Set((await preparedOnPool(db)).flat().map((p) => p.name));
    // A third shape first (it takes the one name), then a fourth (runs unnamed).
    const first = await capped.gql(`{ articles(first: 1) { edges { node { id } } } }`);
    const second = await capped.gql(`{ articles(last: 1) { edges { node { title } } } }`);
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    const added = new Set(
      (await preparedOnPool(db))
        .flat()
        .map((p) => p.name)
        .filter((n) => !before.has(n)),
    );
    expect(added.size).toBe(1);
  });
});

// Page sizes are written into the statement text, not passed as parameters: with `LIMIT $n` PostgreSQL's
// generic plan assumed a tenth of each table, looked far costlier than the custom plans, and so every
// execution of a named statement was planned again (a quarter of the backend's CPU on the front page).
// The same for the analysts' list by speaker name, matched whole through `= ANY(ARRAY(…))` rather than
// a semi-join (QuoteService.listQuery). Estimates differ only on lists long enough and skewed like real
// coverage: the benchmark's corpus generator, at 5,000 articles.
(process.env.DATABASE_URL ? describe : describe.skip)("a named statement over the benchmark's corpus", () => {
  let t: TestApp;
  let slug: string;
  let pairs: Array<{ name: string; word: string }>;

  beforeAll(async () => {
    t = await startTestApp();
    await generateCorpus(t.db.dataSource, { articles: 5_000, seed: 3 });
    await t.db.dataSource.query("ANALYZE");
    [{ slug }] = await t.db.dataSource.query(`SELECT slug FROM articles WHERE status = 'PUBLISHED' ORDER BY id LIMIT 1`);
    // Speakers as often as they are quoted, each with a word of one of their quotes.
    const rows: Array<{ name: string; text: string }> = await t.db.dataSource.query(
      `SELECT s.name, q.text FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY md5(q.id::text) LIMIT 200`,
    );
    pairs = rows.flatMap((r) => {
      const word = SEARCH_WORDS.find((w) => r.text.includes(` ${w} `));
      return word ? [{ name: r.name, word }] : [];
    });
  }, 120_000);
  afterAll(() => t?.close());

  it("is planned five times for its values and then once for all (or once, without parameters)", async () => {
    const front = `{ articles(first: 20) { edges { node { id outlet { name } quotes(first: 3) { edges { node { id text speaker { name } } } } } } } }`;
    const article = `query($slug: String!) { article(slug: $slug) { id quotes(first: 30) { totalCount edges { node { id text } } } } }`;
    const analyst = `query($name: String!, $word: String) { quotes(filter: { speakerName: $name, search: $word }, first: 50) { totalCount edges { node { id article { title } } } } }`;
    expect(pairs.length).toBeGreaterThan(12);
    for (let i = 0; i < 12; i++) {
      expect((await t.gql(front)).errors).toBeUndefined();
      expect((await t.gql(article, { slug })).errors).toBeUndefined();
      const quotes = await t.gql(analyst, pairs[i]);
      expect(quotes.errors).toBeUndefined();
      expect(quotes.data.quotes.totalCount).toBeGreaterThan(0);
    }
    const all = (await preparedOnPool(t.db)).flat();
    expect(new Set(all.map((p) => p.name)).size).toBe(3);
    expect(all.reduce((n, p) => n + p.executions, 0)).toBe(36);
    // Sequential requests mostly meet the same connection; wherever a statement ran more than five
    // times, the runs past the fifth used the generic plan.
    expect(all.filter((p) => p.executions > 5).length).toBeGreaterThanOrEqual(3);
    for (const p of all) expect(p.custom).toBeLessThanOrEqual(5);
  });
});

// Named statements fail as TypeORM's queries do, so format-error maps them the same way.
(process.env.DATABASE_URL ? describe : describe.skip)("a named statement's failures", () => {
  let db: TestDatabase;
  let limited: Database;

  beforeAll(async () => {
    db = await createTestDatabase();
    limited = await openDatabase({ url: db.url, poolSize: 1, migrate: false, connection: { statementTimeoutMs: 200 } });
  });

  afterAll(async () => {
    await limited?.close();
    await db?.close();
  });

  it("a statement timeout is a QueryFailedError with SQLSTATE 57014", async () => {
    const runner = new StatementRunner(limited.dataSource, new PreparedStatementNames(10));
    const err = await runner.rows("SELECT pg_sleep($1::float) AS j", [2], true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QueryFailedError);
    expect(isStatementTimeout(err)).toBe(true);
    // The statement stays prepared on its connection and runs again.
    expect(await runner.rows("SELECT pg_sleep($1::float) AS j", [0], true)).toEqual([{ j: "" }]);
  });

  it("a killed connection is SERVICE_UNAVAILABLE, and the statement is prepared again on the next connection", async () => {
    const runner = new StatementRunner(limited.dataSource, new PreparedStatementNames(10));
    const text = "SELECT $1::int + 1 AS j";
    expect(await runner.rows(text, [1], true)).toEqual([{ j: 2 }]);
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    try {
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    } finally {
      await admin.end();
    }
    // The pool may or may not have noticed the dead idle connection before the next checkout.
    const failed = await runner.rows(text, [2], true).then(
      () => null,
      (e: unknown) => e,
    );
    if (failed) expect(isDatabaseUnavailable(failed)).toBe(true);
    expect(await runner.rows(text, [3], true)).toEqual([{ j: 4 }]);
  });
});
