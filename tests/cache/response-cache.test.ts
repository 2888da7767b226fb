// The response cache and cache control through the HTTP server: anonymous answers are stored and
// served again until a write changes what they show; signed-in answers are private and never shared;
// mutations and moderation data are never cacheable; Cache-Control follows the hints; APQ over GET.
// Runs on the embedded database (in-memory cache), and with REDIS_URL on the Redis cache too.
import { createHash, randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { operation } from "../support/operations";
import type { TestApp } from "../support/test-app";
import { ADD_COMMENT, authHeaders, publishedArticle, RUN, startReadersApp } from "../readers/support";

const PAGE = operation("article-page");
const FRONT = operation("front-page");

interface Answer {
  status: number;
  cache: string | null;
  cacheControl: string | null;
  body: any;
}

async function post(t: TestApp, query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, cache: res.headers.get("x-cache"), cacheControl: res.headers.get("cache-control"), body: await res.json() };
}

const modes: Array<[string, Record<string, string>]> = [["in memory", {}]];
if (process.env.REDIS_URL) modes.push(["in Redis", { REDIS_URL: process.env.REDIS_URL }]);

describe.each(modes)("response cache %s", (_mode, redisEnv) => {
  let t: TestApp;
  let reader: Record<string, string>;
  let editor: Record<string, string>;
  let moderator: Record<string, string>;

  beforeAll(async () => {
    t = await startReadersApp({
      ...redisEnv,
      RESPONSE_CACHE: "true",
      // Redis is shared by test files and runs: this app's keys are its own.
      RESPONSE_CACHE_PREFIX: `newsgraph-test:${RUN}:${randomBytes(4).toString("hex")}`,
      COMMENTS_RATE_LIMIT: "100",
      COMMENTS_SUSPECT_WORDS: "fishy",
    });
    reader = await authHeaders(`reader-${RUN}`);
    editor = await authHeaders(`editor-${RUN}`, ["EDITOR"]);
    moderator = await authHeaders(`moderator-${RUN}`, ["MODERATOR"]);
  });
  afterAll(async () => {
    await t.close();
  });

  it("serves an anonymous article page from the cache, with Cache-Control from the hints", async () => {
    const a = await publishedArticle(t);
    const first = await post(t, PAGE, { slug: a.slug });
    expect(first.body.errors).toBeUndefined();
    expect(first.cache).toBe("MISS");
    // The page shows comments and reactions: the conversation's 30 s is the shortest hint in it.
    expect(first.cacheControl).toBe("max-age=30, public");
    const second = await post(t, PAGE, { slug: a.slug });
    expect(second.cache).toBe("HIT");
    expect(second.body).toEqual(first.body);
    expect(second.cacheControl).toMatch(/^max-age=(29|30), public$/);
  });

  it("drops the article page when a comment is posted on it, and not other articles' pages", async () => {
    const a = await publishedArticle(t);
    const other = await publishedArticle(t);
    await post(t, PAGE, { slug: a.slug });
    await post(t, PAGE, { slug: other.slug });
    expect((await post(t, PAGE, { slug: a.slug })).cache).toBe("HIT");

    const added = await t.gql(ADD_COMMENT, { input: { articleId: a.id, body: `First! ${RUN}` } }, reader);
    expect(added.errors).toBeUndefined();
    const after = await post(t, PAGE, { slug: a.slug });
    expect(after.cache).toBe("MISS");
    expect(after.body.data.article.commentCount).toBe(1);
    expect(after.body.data.article.comments.edges.map((e: any) => e.node.body)).toEqual([`First! ${RUN}`]);
    expect((await post(t, PAGE, { slug: other.slug })).cache).toBe("HIT");
  });

  it("drops the page when a held comment is published by a moderator, and after a reaction", async () => {
    const a = await publishedArticle(t);
    const held = await t.gql(ADD_COMMENT, { input: { articleId: a.id, body: "something fishy here" } }, reader);
    expect(held.data.addComment.status).toBe("PENDING");
    const before = await post(t, PAGE, { slug: a.slug });
    expect(before.body.data.article.commentCount).toBe(0);
    expect((await post(t, PAGE, { slug: a.slug })).cache).toBe("HIT");

    const decided = await t.gql(`mutation($id: ID!) { moderateComment(id: $id, status: PUBLISHED) { id status } }`, { id: held.data.addComment.id }, moderator);
    expect(decided.errors).toBeUndefined();
    const published = await post(t, PAGE, { slug: a.slug });
    expect(published.cache).toBe("MISS");
    expect(published.body.data.article.commentCount).toBe(1);

    await t.gql(`mutation($id: ID!) { react(articleId: $id, sentiment: POSITIVE) { id } }`, { id: a.id }, reader);
    const reacted = await post(t, PAGE, { slug: a.slug });
    expect(reacted.cache).toBe("MISS");
    expect(reacted.body.data.article.reactionSummary.reader).toBe(1);
  });

  it("drops the front page when an article is published, and pages showing an article when editors change it", async () => {
    const first = await post(t, FRONT, { first: 20 });
    expect(first.body.errors).toBeUndefined();
    expect((await post(t, FRONT, { first: 20 })).cache).toBe("HIT");
    const a = await publishedArticle(t, `Breaking ${RUN}`);
    const after = await post(t, FRONT, { first: 20 });
    expect(after.cache).toBe("MISS");
    expect(after.body.data.articles.edges.map((e: any) => e.node.id)).toContain(a.id);

    // A lookup that found nothing is dropped when the article appears.
    const draft = await t.gql(`mutation($input: CreateArticleInput!) { createArticle(input: $input) { id slug } }`, { input: { title: `Embargoed ${RUN}`, body: "Soon." } }, editor);
    const missing = await post(t, PAGE, { slug: draft.data.createArticle.slug });
    expect(missing.body.data.article).toBeNull();
    expect((await post(t, PAGE, { slug: draft.data.createArticle.slug })).cache).toBe("HIT");
    await t.gql(`mutation($id: ID!) { publishArticle(id: $id) { id } }`, { id: draft.data.createArticle.id }, editor);
    const found = await post(t, PAGE, { slug: draft.data.createArticle.slug });
    expect(found.body.data.article.id).toBe(draft.data.createArticle.id);

    // An edited title reaches the article's page and the front page.
    await post(t, PAGE, { slug: a.slug });
    await post(t, FRONT, { first: 20 });
    await t.gql(`mutation($id: ID!, $input: UpdateArticleInput!) { updateArticle(id: $id, input: $input) { id } }`, { id: a.id, input: { title: `Corrected ${RUN}` } }, editor);
    expect((await post(t, PAGE, { slug: a.slug })).body.data.article.title).toBe(`Corrected ${RUN}`);
    const front = await post(t, FRONT, { first: 20 });
    expect(front.body.data.articles.edges.find((e: any) => e.node.id === a.id).node.title).toBe(`Corrected ${RUN}`);
  });

  it("drops quote and speaker answers when editors add a quote or rename the speaker", async () => {
    const a = await publishedArticle(t);
    const sp = await t.gql(`mutation($input: CreateSpeakerInput!) { createSpeaker(input: $input) { id slug } }`, { input: { name: `Ada Quoted ${RUN}`, kind: "PERSON" } }, editor);
    const speakerId = sp.data.createSpeaker.id;
    const SPEAKER = `query($id: ID!) { speaker(id: $id) { id name quoteCount quotes(first: 10) { edges { node { id text } } } } }`;
    expect((await post(t, SPEAKER, { id: speakerId })).body.data.speaker.quoteCount).toBe(0);
    expect((await post(t, SPEAKER, { id: speakerId })).cache).toBe("HIT");
    const q = await t.gql(
      `mutation($input: AddQuoteInput!) { addQuote(input: $input) { id } }`,
      { input: { articleId: a.id, speakerId, text: "We will cache it.", kind: "DIRECT" } },
      editor,
    );
    expect(q.errors).toBeUndefined();
    const after = await post(t, SPEAKER, { id: speakerId });
    expect(after.body.data.speaker.quoteCount).toBe(1);
    const QUOTE = `query($id: ID!) { quote(id: $id) { text speaker { name } } }`;
    expect((await post(t, QUOTE, { id: q.data.addQuote.id })).body.data.quote.speaker.name).toBe(`Ada Quoted ${RUN}`);
    await t.gql(`mutation($id: ID!, $input: UpdateSpeakerInput!) { updateSpeaker(id: $id, input: $input) { id } }`, { id: speakerId, input: { name: `Ada Renamed ${RUN}` } }, editor);
    expect((await post(t, QUOTE, { id: q.data.addQuote.id })).body.data.quote.speaker.name).toBe(`Ada Renamed ${RUN}`);
  });

  it("gives the Redis tag sets an expiry, so they do not outlive the answers", async () => {
    if (!redisEnv.REDIS_URL) return;
    const a = await publishedArticle(t);
    expect((await post(t, PAGE, { slug: a.slug })).cache).toBe("MISS");
    const redis = new Redis(redisEnv.REDIS_URL);
    try {
      const prefix = `${t.config.RESPONSE_CACHE_PREFIX}:`;
      for (const key of [`Article:${a.id}`, "Article"]) {
        const ttl = await redis.ttl(prefix + key);
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(300);
      }
    } finally {
      await redis.quit();
    }
  });

  it("never serves a signed-in viewer's answer to others, nor the cache to signed-in viewers", async () => {
    const a = await publishedArticle(t);
    const held = await t.gql(ADD_COMMENT, { input: { articleId: a.id, body: "a fishy one" } }, reader);
    expect(held.data.addComment.status).toBe("PENDING");
    const THREAD = `query($slug: String!) { article(slug: $slug) { id commentCount comments { edges { node { id body status } } } } }`;
    // The moderator sees the held comment; the answer is private and not stored.
    const mod = await post(t, THREAD, { slug: a.slug }, moderator);
    expect(mod.body.data.article.comments.edges).toHaveLength(1);
    expect(mod.cacheControl).not.toMatch(/public/);
    expect(mod.cache).toBeNull();
    const anon = await post(t, THREAD, { slug: a.slug });
    expect(anon.cache).toBe("MISS");
    expect(anon.body.data.article.comments.edges).toHaveLength(0);
    // A reader's answer is private too (it would show their own pending comments).
    const own = await post(t, PAGE, { slug: a.slug }, reader);
    expect(own.cacheControl).toBe("max-age=30, private");
    expect(own.cache).toBeNull();
    // ...and the anonymous answer, now cached, is not what the moderator gets.
    const mod2 = await post(t, THREAD, { slug: a.slug }, moderator);
    expect(mod2.cache).toBeNull();
    expect(mod2.body.data.article.comments.edges).toHaveLength(1);
  });

  it("never caches mutations or moderation data", async () => {
    const a = await publishedArticle(t);
    const m = await post(t, ADD_COMMENT, { input: { articleId: a.id, body: "hello" } }, reader);
    expect(m.cacheControl).toBe("no-store");
    expect(m.cache).toBeNull();
    const q = await post(t, `query { moderationQueue(queue: PENDING) { counts { pending } } }`, {}, moderator);
    expect(q.body.errors).toBeUndefined();
    expect(q.cacheControl).toBe("no-store");
    const mine = await post(t, `query($slug: String!) { article(slug: $slug) { comments { edges { node { id moderation { rule } } } } } }`, { slug: a.slug });
    expect(mine.cacheControl).toBe("no-store");
    expect((await post(t, `query($slug: String!) { article(slug: $slug) { comments { edges { node { id moderation { rule } } } } } }`, { slug: a.slug })).cache).toBeNull();
  });

  it("answers an automatic persisted query over GET with Cache-Control, from the cache the second time", async () => {
    const a = await publishedArticle(t);
    const query = `query Headline($slug: String!) { article(slug: $slug) { id title publishedAt } }`;
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const params = (withQuery: boolean) =>
      new URLSearchParams({
        ...(withQuery ? { query } : {}),
        variables: JSON.stringify({ slug: a.slug }),
        extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash } }),
      });
    // CSRF prevention: GETs must carry a header a browser form cannot send.
    const get = (withQuery: boolean) => fetch(`${t.url}/graphql?${params(withQuery)}`, { headers: { "apollo-require-preflight": "true" } });

    const unknown = await get(false);
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    const registered = await get(true);
    expect(registered.status).toBe(200);
    expect(((await registered.json()) as any).data.article.id).toBe(a.id);
    const byHash = await get(false);
    expect(byHash.status).toBe(200);
    expect(byHash.headers.get("cache-control")).toMatch(/^max-age=(299|300), public$/);
    expect(byHash.headers.get("x-cache")).toBe("HIT");
    expect(((await byHash.json()) as any).data.article).toEqual({ id: a.id, title: expect.any(String), publishedAt: expect.any(String) });
  });
});

describe("response cache with Redis down", () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis call fails at once.
    t = await startReadersApp({ RESPONSE_CACHE: "true", REDIS_URL: "redis://127.0.0.1:1", RESPONSE_CACHE_PREFIX: `newsgraph-test:${RUN}:down` });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers reads from the database, uncached", async () => {
    const a = await publishedArticle(t);
    for (let i = 0; i < 2; i++) {
      const page = await post(t, PAGE, { slug: a.slug });
      expect(page.status).toBe(200);
      expect(page.body.errors).toBeUndefined();
      expect(page.body.data.article.id).toBe(a.id);
      expect(page.cache).not.toBe("HIT");
    }
  });
});

describe("cache control without the response cache", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startReadersApp({ RESPONSE_CACHE: "false" });
  });
  afterAll(async () => {
    await t.close();
  });

  it("still sends the hints' Cache-Control (public for anonymous, private when signed in) and stores nothing", async () => {
    const a = await publishedArticle(t);
    const anon = await post(t, PAGE, { slug: a.slug });
    expect(anon.cacheControl).toBe("max-age=30, public");
    expect(anon.cache).toBeNull();
    expect((await post(t, PAGE, { slug: a.slug })).cache).toBeNull();
    expect((await post(t, FRONT, { first: 5 })).cacheControl).toBe("max-age=60, public");
    const signedIn = await post(t, PAGE, { slug: a.slug }, await authHeaders(`reader-nc-${RUN}`));
    expect(signedIn.cacheControl).toBe("max-age=30, private");
  });
});
