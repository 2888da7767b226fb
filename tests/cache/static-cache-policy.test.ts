// The static cache policy (src/cache/static-cache-policy.ts) gives the answers the Cache-Control that
// Apollo's per-field cache-control plugin gives them: every example operation in schema/operations/
// (but the subscription, which goes over WebSocket) is sent to two servers over the same generated
// corpus — one with the static policy (the default), one with Apollo's plugin — anonymously, as a
// reader and as a moderator, and must get the same header. Where the data leaves selected fields
// unresolved (no such article or speaker) the static policy may only be stricter, never looser.
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "graphql";
import { generateCorpus } from "../../bench/corpus/corpus";
import { projectPath } from "../../src/paths";
import { staticCachePolicy } from "../../src/cache/static-cache-policy";
import { buildNewsSchema } from "../../src/graphql/schema";
import { authHeaders, READERS_ENV } from "../readers/support";
import { operation } from "../support/operations";
import { startTestApp, type TestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

interface Fixture {
  slug: string;
  articleId: string;
  speakerSlug: string;
  speakerName: string;
  word: string;
}

/** Variables for each example operation, on the fixture's data. */
function variablesFor(name: string, f: Fixture, n: number): Array<Record<string, unknown>> {
  switch (name) {
    case "article-page":
      return [{ slug: f.slug }, { slug: f.slug, comments: 2 }];
    case "front-page":
      return [{}, { first: 3 }];
    case "quote-search":
      return [{ search: f.word }];
    case "speaker-profile":
      return [{ slug: f.speakerSlug }];
    case "speaker-quotes":
      return [{ speakerName: f.speakerName }, { speakerName: f.speakerName, search: f.word }];
    case "speaker-timeline":
      return [{ slug: f.speakerSlug }, { slug: f.speakerSlug, interval: "MONTH" }];
    case "gender-by-outlet":
      return [{}, { filter: { hasSpeaker: true } }];
    case "moderation-queue":
      return [{ queue: "PENDING" }, { queue: "REPORTED" }];
    case "add-comment":
      return [{ articleId: f.articleId, body: `Cache policy comment ${n}` }];
    default:
      throw new Error(`No variables for the example operation ${name}: add them to this test.`);
  }
}

interface Header {
  cacheControl: string | null;
  errors: boolean;
}

async function header(t: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string>): Promise<Header> {
  const res = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { errors?: unknown[] };
  return { cacheControl: res.headers.get("cache-control"), errors: !!body.errors };
}

/** How long, and how widely, a header lets an answer be reused: no-store is 0 and private. */
function reuse(h: string | null): { maxAge: number; shared: boolean } {
  const m = /^max-age=(\d+), (public|private)$/.exec(h ?? "");
  return m ? { maxAge: +m[1], shared: m[2] === "public" } : { maxAge: 0, shared: false };
}

describe("the static cache policy", () => {
  let db: TestDatabase;
  let staticApp: TestApp;
  let apolloApp: TestApp;
  let f: Fixture;
  const viewers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await generateCorpus(db.dataSource, { articles: 12, seed: 3 });
    staticApp = await startTestApp({ ...READERS_ENV, SEED_ON_EMPTY: "false" }, { db });
    apolloApp = await startTestApp({ ...READERS_ENV, SEED_ON_EMPTY: "false" }, { db, apolloCacheControl: true });
    const ds = db.dataSource;
    const [top] = await ds.query(`SELECT a.id, a.slug FROM articles a WHERE a.status = 'PUBLISHED' ORDER BY (SELECT count(*) FROM comments c WHERE c.article_id = a.id) DESC, a.id LIMIT 1`);
    const [quoted] = await ds.query(`SELECT s.slug, s.name, q.text FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY s.id, q.id LIMIT 1`);
    const word = (quoted.text as string).split(/\W+/).find((w) => w.length > 4) ?? "said";
    f = { slug: top.slug, articleId: top.id, speakerSlug: quoted.slug, speakerName: quoted.name, word };
    viewers.anonymous = {};
    viewers.reader = await authHeaders("cache-policy-reader");
    viewers.moderator = await authHeaders("cache-policy-moderator", ["MODERATOR"]);
  }, 240_000);

  afterAll(async () => {
    await staticApp?.close();
    await apolloApp?.close();
    await db?.close();
  });

  it("gives every example operation Apollo's Cache-Control, anonymous and signed in", async () => {
    const names = readdirSync(projectPath("schema", "operations"))
      .filter((file) => file.endsWith(".graphql"))
      .map((file) => file.replace(/\.graphql$/, ""))
      .filter((name) => parse(operation(name)).definitions.some((d) => d.kind === "OperationDefinition" && d.operation !== "subscription"));
    expect(names.length).toBeGreaterThanOrEqual(7);
    const seen = new Set<string>();
    let n = 0;
    for (const name of names) {
      for (const variables of variablesFor(name, f, n++)) {
        for (const [viewer, headers] of Object.entries(viewers)) {
          const [s, a] = [await header(staticApp, operation(name), variables, headers), await header(apolloApp, operation(name), variables, headers)];
          expect({ name, variables, viewer, ...s }).toEqual({ name, variables, viewer, ...a });
          seen.add(`${viewer} ${a.cacheControl}`);
        }
      }
    }
    // The comparison covered public, private and uncacheable answers.
    expect(seen).toContain("anonymous max-age=30, public");
    expect(seen).toContain("anonymous max-age=60, public");
    expect(seen).toContain("reader max-age=30, private");
    expect(seen).toContain("anonymous no-store");
    expect(seen).toContain("moderator no-store");
  }, 120_000);

  it("is never looser than Apollo's where the data leaves selected fields unresolved", async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      [operation("article-page"), { slug: "no-such-article" }],
      [operation("speaker-profile"), { slug: "no-such-speaker" }],
      [operation("speaker-quotes"), { speakerName: "Nobody Ever Quoted" }],
      [`{ articles(first: 0) { totalCount edges { node { id comments { totalCount } } } } }`, {}],
      [`query($no: Boolean = false) { articles(first: 2) { edges { node { title commentCount @include(if: $no) } } } }`, {}],
    ];
    let stricter = 0;
    for (const [query, variables] of cases) {
      for (const [viewer, headers] of Object.entries(viewers)) {
        const [s, a] = [reuse((await header(staticApp, query, variables, headers)).cacheControl), reuse((await header(apolloApp, query, variables, headers)).cacheControl)];
        expect({ query, viewer, maxAge: Math.min(s.maxAge, a.maxAge), shared: s.shared && a.shared }).toEqual({ query, viewer, maxAge: s.maxAge, shared: s.shared });
        if (s.maxAge < a.maxAge) stricter++;
      }
    }
    // A missing speaker: Apollo only sees Query.speaker (300 s); the static policy counts its quotes (60 s).
    expect(stricter).toBeGreaterThan(0);
  }, 60_000);

  it("is safe only while no resolver sets a dynamic hint: none does", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(`${dir}/${e.name}`) : e.name.endsWith(".ts") ? [`${dir}/${e.name}`] : []));
    const dynamic = files(projectPath("src")).filter((file) => /\.setCacheHint\(|cacheControl\.cacheHint\b|\.cacheHintFromType\(/.test(readFileSync(file, "utf8")));
    expect(dynamic).toEqual([]);
  });

  it("reads the hints as Apollo does: type hints, field overrides, inheritMaxAge, PRIVATE, root defaults", async () => {
    const schema = await buildNewsSchema();
    const sdl = (q: string) => {
      const doc = parse(q);
      const op = doc.definitions.find((d) => d.kind === "OperationDefinition");
      if (!op || op.kind !== "OperationDefinition") throw new Error("no operation");
      return staticCachePolicy(schema, doc, op);
    };
    // Article is 300 s as a type; Query.articles overrides to 60; the connection and edges inherit.
    expect(sdl(`{ articles { edges { node { id title } } } }`)).toEqual({ maxAge: 60 });
    expect(sdl(`query($s: String!) { article(slug: $s) { id title } }`)).toEqual({ maxAge: 300 });
    // Article.commentCount (a scalar) carries its own 30 s.
    expect(sdl(`query($s: String!) { article(slug: $s) { commentCount } }`)).toEqual({ maxAge: 30 });
    // Comment.moderation is PRIVATE with maxAge 0; __typename adds nothing.
    expect(sdl(`query($s: String!) { article(slug: $s) { __typename comments { edges { node { moderation { rule } } } } } }`)).toEqual({ maxAge: 0, scope: "PRIVATE" });
    // A fragment counts like the selection it stands for.
    expect(sdl(`fragment C on Article { reactionSummary { total } } query($s: String!) { article(slug: $s) { ...C } }`)).toEqual({ maxAge: 30 });
    // Only meta fields: no restriction at all (Apollo answers no-store, as the policy has no maxAge).
    expect(sdl(`{ __typename }`)).toEqual({});
    // A mutation gets the hint of the type it returns, as with Apollo (the response cache never stores mutations).
    expect(sdl(`mutation($id: ID!) { publishArticle(id: $id) { id } }`)).toEqual({ maxAge: 300 });
  });
});
