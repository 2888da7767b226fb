// The read planner (src/planner) answers exactly as the loader path does: every example operation and a
// set of aliased, fragmented, @skip/@include, paged and refused variants, sent to three servers over the
// same database — one planning with direct execution (the default), one planning through graphql-js
// (DIRECT_EXECUTION off) and one not planning (READ_PLANNER off) — as anonymous, moderator and editor,
// on the seed article and on a generated corpus with drafts, held and deleted comments. The two planning
// servers must also send the same Cache-Control header, and the example operations must be answered
// directly (src/execution/direct-execution.ts), not handed back to graphql-js.
import { generateCorpus } from "../../bench/corpus/corpus";
import { seed } from "../../src/seed/seed";
import { authHeaders, READERS_ENV } from "../readers/support";
import { operation } from "../support/operations";
import { startTestApp, type TestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

interface Case {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  /** Answered by the direct execution (every field planned or plain, and no error). */
  direct?: boolean;
}

interface Fixture {
  slug: string;
  articleId: string;
  articleUrl: string | null;
  draftSlug: string | null;
  speakerName: string;
  speakerId: string;
  speakerSlug: string;
  word: string;
  /** A speaker with the fewest quotes (a rare speaker: the case a walk along the sort index handles worst). */
  rareSpeakerName: string;
}

const NESTED_ARTICLE = `
  fragment Who on Speaker { id name role kind aliases slug }
  fragment QuoteBits on Quote { id text kind startOffset endOffset cue position createdAt speaker { ...Who } }
  query Nested($slug: String!, $withBody: Boolean = false, $skipReplies: Boolean = true, $order: CommentOrder = OLDEST) {
    article(slug: $slug) {
      __typename id slug url title summary publishedAt dateline language topics contentHash commentsOnPage status createdAt updatedAt
      body @include(if: $withBody)
      source: outlet { id slug name domain url }
      outlet { name }
      first: quotes(first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor rank highlight node { ...QuoteBits } } }
      quotes(last: 3) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id article { id title outlet { name } } } } }
      speakers(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { cursor quoteCount node { ...Who quoteCount firstQuotedAt } } }
      positive: reactions(first: 5, sentiment: POSITIVE) { totalCount edges { cursor node { id text sentiment platform origin authorName position createdAt } } }
      reader: reactions(origin: READER) { totalCount edges { node { id } } }
      reactionSummary { total reported reader overall bySentiment { sentiment count } }
      commentCount
      comments(first: 4, orderBy: $order) {
        totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
        edges { cursor node {
          id authorName body status createdAt editedAt depth deletedAt parentId replyCount
          moderation { rule word reportCount }
          replies(first: 2) @skip(if: $skipReplies) { totalCount edges { node { id body } } }
          threaded: replies(first: 3, orderBy: MOST_REPLIED) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id body status replyCount } } }
        } }
      }
      none: comments(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage } edges { cursor } }
      popular: comments(first: 3, orderBy: MOST_REPLIED) { edges { cursor node { id replyCount } } }
    }
  }`;

function cases(f: Fixture): Case[] {
  const list: Case[] = [
    { name: "article page", direct: true, query: operation("article-page"), variables: { slug: f.slug } },
    { name: "article page, 3 comments", direct: true, query: operation("article-page"), variables: { slug: f.slug, comments: 3 } },
    { name: "article page, no such article", direct: true, query: operation("article-page"), variables: { slug: "no-such-article" } },
    { name: "front page", direct: true, query: operation("front-page"), variables: {} },
    { name: "front page, 5", direct: true, query: operation("front-page"), variables: { first: 5 } },
    { name: "speaker quotes", direct: true, query: operation("speaker-quotes"), variables: { speakerName: f.speakerName, search: f.word } },
    { name: "quote search", direct: true, query: operation("quote-search"), variables: { search: f.word } },
    { name: "speaker profile", direct: true, query: operation("speaker-profile"), variables: { slug: f.speakerSlug } },
    {
      name: "speaker by id and by slug: searched quotes, relevance, rank and highlight",
      query: `query($id: ID!, $slug: String!, $q: String!) {
        byId: speaker(id: $id) { id name quoteCount lastQuotedAt
          quotes(filter: { search: $q }, orderBy: RELEVANCE, first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor rank highlight node { id text article { slug } } } } }
        bySlug: speaker(slug: $slug) { slug firstQuotedAt oldest: quotes(orderBy: OLDEST, last: 2) { edges { cursor node { id } } } articles(first: 2) { totalCount edges { cursor rank node { id title } } } }
      }`,
      variables: { id: f.speakerId, slug: f.speakerSlug, q: f.word },
      direct: true,
    },
    { name: "speaker by two keys is refused", query: `query($id: ID!, $slug: String!) { speaker(id: $id, slug: $slug) { id } }`, variables: { id: f.speakerId, slug: f.speakerSlug } },
    {
      name: "speaker: relevance without a search is refused",
      query: `query($slug: String!) { speaker(slug: $slug) { id quotes(orderBy: RELEVANCE) { totalCount } } }`,
      variables: { slug: f.speakerSlug },
    },
    { name: "no such speaker", direct: true, query: `{ speaker(wikidataId: "Q0") { id name } }`, variables: {} },
    { name: "nested article, every field", query: NESTED_ARTICLE, variables: { slug: f.slug } },
    {
      name: "reaction summary: aliases, fragments, __typename, @skip",
      query: `fragment Tone on SentimentCount { __typename n: count sentiment }
        query($slug: String!, $skip: Boolean = true) { article(slug: $slug) { id
          tone: reactionSummary { __typename overall all: total reader reported @skip(if: $skip) bySentiment { ...Tone count } }
          reactionSummary { ... on ReactionSummary { total bySentiment { sentiment } } }
        } }`,
      variables: { slug: f.slug },
      direct: true,
    },
    { name: "nested article, skip and include flipped", query: NESTED_ARTICLE, variables: { slug: f.slug, withBody: true, skipReplies: false, order: "NEWEST" } },
    {
      name: "article by id and by url, aliased",
      query: `query($id: ID!, $url: String!) { byId: article(id: $id) { id title outlet { name } commentCount } byUrl: article(url: $url) { id slug } }`,
      // The seed article has no URL: ask for one that matches nothing.
      variables: { id: f.articleId, url: f.articleUrl ?? "https://example.invalid/none" },
      direct: true,
    },
    { name: "article by two keys is refused", query: `query($id: ID!, $slug: String!) { article(id: $id, slug: $slug) { id } }`, variables: { id: f.articleId, slug: f.slug } },
    { name: "article by a malformed id is refused", query: `{ article(id: "nope") { id } }`, variables: {} },
    {
      name: "a refused nested page size",
      query: `query($slug: String!) { article(slug: $slug) { id title quotes(first: 101) { totalCount } comments(first: 2) { edges { node { id } } } } }`,
      variables: { slug: f.slug },
    },
    { name: "a forged nested cursor", query: `query($slug: String!) { article(slug: $slug) { id comments(after: "bm9wZQ") { totalCount } } }`, variables: { slug: f.slug } },
    {
      name: "articles: search, relevance, rank and highlight",
      query: `query($q: String!) { articles(filter: { search: $q }, orderBy: RELEVANCE, first: 4) { totalCount pageInfo { hasNextPage endCursor } edges { cursor rank highlight node { id title outlet { name } speakers(first: 1) { edges { quoteCount node { name } } } } } } }`,
      variables: { q: f.word },
      direct: true,
    },
    {
      name: "articles: oldest, backwards",
      query: `{ articles(orderBy: OLDEST, last: 3) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id publishedAt } } } }`,
      variables: {},
      direct: true,
    },
    { name: "articles: none asked", direct: true, query: `{ articles(first: 0) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor } } }`, variables: {} },
    { name: "articles: an unknown relevance order is refused", query: `{ articles(orderBy: RELEVANCE) { totalCount } }`, variables: {} },
    {
      name: "quotes: a fragment on the connection, speaker aliased twice",
      query: `fragment Page on QuoteConnection { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id who: speaker { name } speaker { id slug } article { slug comments(first: 1) { totalCount } } } } }
              query($name: String!) { quotes(filter: { speakerName: $name }, first: 7) { ...Page } }`,
      variables: { name: f.speakerName },
      direct: true,
    },
    {
      name: "quotes: a speaker's search, totalCount with a page from the middle and every edge field",
      direct: true,
      query: `query($name: String!, $q: String!) { quotes(filter: { speakerName: $name, search: $q }, first: 2) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor rank highlight node { id text speaker { name } article { title publishedAt } } } } }`,
      variables: { name: f.speakerName, q: f.word },
    },
    {
      name: "quotes: a speaker's search, backwards",
      direct: true,
      query: `query($name: String!, $q: String!) { quotes(filter: { speakerName: $name, search: $q }, last: 2) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
      variables: { name: f.speakerName, q: f.word },
    },
    {
      name: "quotes: a search nothing matches",
      direct: true,
      query: `query($name: String!) { quotes(filter: { speakerName: $name, search: "zzxqvw" }, first: 5) { totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } } } }`,
      variables: { name: f.speakerName },
    },
    {
      name: "quotes: a rare speaker, no search, totalCount only and a page without it",
      direct: true,
      query: `query($name: String!) { counted: quotes(filter: { speakerName: $name }, first: 3) { totalCount edges { node { id } } } plain: quotes(filter: { speakerName: $name }) { pageInfo { hasNextPage endCursor } edges { node { id article { title } } } } }`,
      variables: { name: f.rareSpeakerName },
    },
    {
      name: "quotes: by speaker id and kind, oldest, and by article",
      direct: true,
      query: `query($id: ID!, $article: ID!) { byId: quotes(filter: { speakerId: $id, kind: DIRECT }, orderBy: OLDEST, first: 4) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind } } } byArticle: quotes(filter: { articleId: $article }, orderBy: ARTICLE_ORDER, last: 2) { totalCount pageInfo { hasPreviousPage startCursor } edges { cursor node { id position } } } }`,
      variables: { id: f.speakerId, article: f.articleId },
    },
    {
      name: "quotes: a search by relevance, rank only",
      direct: true,
      query: `query($q: String!) { quotes(filter: { search: $q }, orderBy: RELEVANCE, first: 3) { totalCount pageInfo { hasNextPage endCursor } edges { cursor rank node { id } } } }`,
      variables: { q: f.word },
    },
    {
      // The loader path batches the two lists together (same arguments): the one without rank or
      // highlight comes first, and the other must still get them.
      name: "speaker: the same searched quotes twice, edge fields on the second only",
      direct: true,
      query: `query($slug: String!, $q: String!) { speaker(slug: $slug) { bare: quotes(filter: { search: $q }, first: 2) { edges { node { id } } } full: quotes(filter: { search: $q }, first: 2) { totalCount edges { rank highlight node { id } } } } }`,
      variables: { slug: f.speakerSlug, q: f.word },
    },
    {
      name: "quotes: oldest, with appearances (not planned)",
      query: `{ quotes(orderBy: OLDEST, first: 3) { edges { node { id appearances(first: 2) { totalCount edges { node { id } } } } } } }`,
      variables: {},
    },
  ];
  if (f.draftSlug) list.push({ name: "a draft article", direct: true, query: operation("article-page"), variables: { slug: f.draftSlug } });
  return list;
}

/** Follows every page of an article's comments through both servers: cursors must lead to the same pages. */
const COMMENT_PAGES = `query($slug: String!, $after: String) { article(slug: $slug) { comments(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } }`;

/** A speaker's quotes matching a word, page by page (forward with first/after, backward with last/before). */
const QUOTE_PAGES = `query($name: String!, $q: String!, $after: String, $before: String, $first: Int, $last: Int) {
  quotes(filter: { speakerName: $name, search: $q }, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
  }
}`;

interface QuotePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ node: { id: string } }>;
}

/** An answer without what differs per request and per code path (request id, stack trace). */
function comparable(answer: unknown): unknown {
  return JSON.parse(JSON.stringify(answer, (k, v) => (k === "requestId" || k === "stacktrace" ? undefined : v)));
}

async function fixture(db: TestDatabase): Promise<Fixture> {
  const ds = db.dataSource;
  const [top] = await ds.query(
    `SELECT a.id, a.slug, a.url FROM articles a WHERE a.status = 'PUBLISHED' ORDER BY (SELECT count(*) FROM comments c WHERE c.article_id = a.id) DESC, a.id LIMIT 1`,
  );
  // Reader reactions beside the reported ones, so that the summary's reader and reported counts differ.
  await ds.query(
    `INSERT INTO reactions (article_id, origin, sentiment, user_id) VALUES ($1, 'READER', 'POSITIVE', 'planner-reader-1'), ($1, 'READER', 'NEGATIVE', 'planner-reader-2') ON CONFLICT DO NOTHING`,
    [top.id],
  );
  const [draft] = await ds.query(`SELECT slug FROM articles WHERE status = 'DRAFT' ORDER BY id LIMIT 1`);
  const [quoted] = await ds.query(
    `SELECT s.id, s.slug, s.name, q.text FROM quotes q JOIN speakers s ON s.id = q.speaker_id GROUP BY s.id, s.name, q.text ORDER BY count(*) OVER (PARTITION BY s.id) DESC, s.id, q.text LIMIT 1`,
  );
  const word = (quoted.text as string).split(/\W+/).find((w) => w.length > 4) ?? "said";
  const [rare] = await ds.query(`SELECT s.name FROM quotes q JOIN speakers s ON s.id = q.speaker_id GROUP BY s.id, s.name ORDER BY count(*), s.id LIMIT 1`);
  return {
    slug: top.slug,
    articleId: top.id,
    articleUrl: top.url,
    draftSlug: draft?.slug ?? null,
    speakerName: quoted.name,
    speakerId: quoted.id,
    speakerSlug: quoted.slug,
    word,
    rareSpeakerName: rare.name,
  };
}

/** POSTs an operation and returns the parsed body with the Cache-Control header. */
async function post(app: TestApp, query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query, variables }) });
  return { body: (await res.json()) as { data?: unknown; errors?: unknown[] }, cacheControl: res.headers.get("cache-control") };
}

function describeData(label: string, commentPages: number, load: (db: TestDatabase) => Promise<void>): void {
  describe(label, () => {
    let db: TestDatabase;
    let planned: TestApp;
    let graphqlJs: TestApp;
    let loaders: TestApp;
    let f: Fixture;
    const viewers: Record<string, Record<string, string>> = {};

    beforeAll(async () => {
      db = await createTestDatabase();
      await load(db);
      planned = await startTestApp({ ...READERS_ENV, SEED_ON_EMPTY: "false" }, { db });
      graphqlJs = await startTestApp({ ...READERS_ENV, SEED_ON_EMPTY: "false", DIRECT_EXECUTION: "false" }, { db });
      loaders = await startTestApp({ ...READERS_ENV, SEED_ON_EMPTY: "false", READ_PLANNER: "false" }, { db });
      f = await fixture(db);
      viewers.anonymous = {};
      viewers.moderator = await authHeaders("planner-moderator", ["MODERATOR"]);
      viewers.editor = await authHeaders("planner-editor", ["EDITOR"]);
    }, 240_000);

    afterAll(async () => {
      await planned?.close();
      await graphqlJs?.close();
      await loaders?.close();
      await db?.close();
    });

    it("answers every case as the loader path does, for every viewer", async () => {
      let compared = 0;
      const stats = planned.app.directExecution;
      for (const c of cases(f)) {
        for (const [viewer, headers] of Object.entries(viewers)) {
          const before = stats.direct;
          const direct = await post(planned, c.query, c.variables, headers);
          const viaGraphqlJs = await post(graphqlJs, c.query, c.variables, headers);
          const [a, b] = [direct.body, await loaders.gql(c.query, c.variables, headers)];
          expect({ case: c.name, viewer, answer: comparable(a) }).toEqual({ case: c.name, viewer, answer: comparable(b) });
          expect({ case: c.name, viewer, answer: comparable(viaGraphqlJs.body) }).toEqual({ case: c.name, viewer, answer: comparable(b) });
          expect({ case: c.name, viewer, cacheControl: direct.cacheControl }).toEqual({ case: c.name, viewer, cacheControl: viaGraphqlJs.cacheControl });
          expect({ case: c.name, viewer, direct: stats.direct - before }).toEqual({ case: c.name, viewer, direct: c.direct ? 1 : 0 });
          // Refusals must be refusals, everything else must answer: equal errors alone would prove little.
          expect({ case: c.name, viewer, refused: Boolean(a.errors) }).toEqual({ case: c.name, viewer, refused: /refused|forged/.test(c.name) });
          compared += 1;
        }
      }
      expect(compared).toBeGreaterThan(60);
      // Repeats (the second and third viewer of each case) take the direct lane, and many answers are
      // written by the planner's response mode: all of them are held to the same answers above.
      expect(stats.lane).toBeGreaterThan(20);
      expect(stats.text).toBeGreaterThan(10);
    }, 120_000);

    it("answers each article of one operation with its own data (the lookup's statement is shared, its value is not)", async () => {
      const ds = db.dataSource;
      const slugs: string[] = (await ds.query(`SELECT slug FROM articles WHERE status = 'PUBLISHED' ORDER BY id LIMIT 6`)).map((r: { slug: string }) => r.slug);
      const query = `query($slug: String!, $n: Int!, $tone: Sentiment) { article(slug: $slug) { id slug title
        quotes(first: $n) { totalCount edges { node { id text } } } reactions(first: 5, sentiment: $tone) { totalCount edges { node { id sentiment } } } } }`;
      const before = planned.app.directExecution.text;
      let found = 0;
      const last = slugs[slugs.length - 1];
      const all = [
        ...slugs.map((slug) => ({ slug, n: 2 })),
        { slug: slugs[0], n: 3 },
        { slug: last, n: 2, tone: "NEGATIVE" },
        { slug: slugs[0], n: 2, tone: "POSITIVE" },
        { slug: "no-such-article", n: 2 },
      ];
      for (const vars of all) {
        const [a, b] = [await post(planned, query, vars, {}), await loaders.gql(query, vars)];
        expect({ vars, answer: comparable(a.body) }).toEqual({ vars, answer: comparable(b) });
        if ((a.body.data as { article: unknown } | undefined)?.article) found += 1;
      }
      expect(found).toBe(all.length - 1);
      // Every one answered with PostgreSQL's JSON (response mode), where the shared statement is used.
      expect(planned.app.directExecution.text - before).toBe(all.length);
    });

    it("answers each speaker and word of one list operation with its own quotes (first pages share a statement)", async () => {
      const pairs: Array<{ name: string; text: string }> = await db.dataSource.query(
        `SELECT DISTINCT ON (s.id) s.name, q.text FROM quotes q JOIN speakers s ON s.id = q.speaker_id ORDER BY s.id, q.id LIMIT 5`,
      );
      const query = `query($name: String!, $q: String, $n: Int = 3) { quotes(filter: { speakerName: $name, search: $q }, first: $n) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id text speaker { name } article { title } } } } }`;
      const before = planned.app.directExecution.text;
      const all: Array<Record<string, unknown>> = [];
      for (const { name, text } of pairs) {
        const word = text.split(/\W+/).find((w) => w.length > 4) ?? "said";
        all.push({ name, q: word }, { name }, { name, q: word, n: 1 });
      }
      all.push({ name: "nobody at all", q: "ceasefire" });
      let quotes = 0;
      for (const vars of all) {
        const [a, b] = [await post(planned, query, vars, {}), await loaders.gql(query, vars)];
        expect({ vars, answer: comparable(a.body) }).toEqual({ vars, answer: comparable(b) });
        quotes += (a.body.data as { quotes: { totalCount: number } }).quotes.totalCount;
      }
      expect(quotes).toBeGreaterThan(pairs.length);
      expect(planned.app.directExecution.text - before).toBe(all.length);
    });

    it("cursors lead to the same pages", async () => {
      let after: string | null = null;
      let pages = 0;
      do {
        const [a, b] = [await planned.gql(COMMENT_PAGES, { slug: f.slug, after }), await loaders.gql(COMMENT_PAGES, { slug: f.slug, after })];
        expect(comparable(a)).toEqual(comparable(b));
        const conn: { pageInfo: { hasNextPage: boolean; endCursor: string | null } } = a.data.article.comments;
        after = conn.pageInfo.hasNextPage ? conn.pageInfo.endCursor : null;
        pages += 1;
      } while (after && pages < 50);
      expect(pages).toBeGreaterThanOrEqual(commentPages);
    }, 60_000);

    it("pages through a speaker's searched quotes as the loader path does, forwards and backwards, with the same totalCount", async () => {
      // What the pages must add up to, computed apart from both code paths: the speaker by name, the word
      // through to_tsvector on the quote's text, articles an anonymous reader may see, newest first.
      const expected: Array<{ id: string }> = await db.dataSource.query(
        `SELECT q.id FROM quotes q JOIN speakers s ON s.id = q.speaker_id JOIN articles a ON a.id = q.article_id
         WHERE lower(s.name) = lower($1) AND to_tsvector('english', q.text) @@ plainto_tsquery('english', $2) AND a.status = 'PUBLISHED'
         ORDER BY coalesce(a.published_at, a.created_at) DESC, a.id DESC, q.position, q.id DESC`,
        [f.speakerName, f.word],
      );
      expect(expected.length).toBeGreaterThan(0);
      const walk = async (backward: boolean) => {
        const seen: string[] = [];
        let cursor: string | null = null;
        for (let pages = 0; pages < 200; pages++) {
          const vars = { name: f.speakerName, q: f.word, ...(backward ? { last: 2, before: cursor } : { first: 2, after: cursor }) };
          const [a, b] = [await planned.gql(QUOTE_PAGES, vars), await loaders.gql(QUOTE_PAGES, vars)];
          expect(comparable(a)).toEqual(comparable(b));
          const conn = a.data.quotes as QuotePage;
          expect(conn.totalCount).toBe(expected.length);
          const ids = conn.edges.map((e) => e.node.id);
          if (backward) seen.unshift(...ids);
          else seen.push(...ids);
          const more = backward ? conn.pageInfo.hasPreviousPage : conn.pageInfo.hasNextPage;
          if (!more) break;
          cursor = backward ? conn.pageInfo.startCursor : conn.pageInfo.endCursor;
        }
        return seen;
      };
      expect(await walk(false)).toEqual(expected.map((r) => r.id));
      expect(await walk(true)).toEqual(expected.map((r) => r.id));
    }, 60_000);

    it("sends one statement for the article page and the front page", async () => {
      for (const [query, variables] of [
        [operation("article-page"), { slug: f.slug }],
        [operation("front-page"), {}],
        [operation("speaker-quotes"), { speakerName: f.speakerName, search: f.word }],
      ] as const) {
        const before = db.queries.count;
        const res = await planned.gql(query, variables);
        expect(res.errors).toBeUndefined();
        expect(db.queries.count - before).toBe(1);
      }
    });
  });
}

describeData("the seed article", 1, async (db) => {
  await seed(db.dataSource);
});

describeData("a generated corpus with drafts, held and deleted comments", 3, async (db) => {
  await generateCorpus(db.dataSource, { articles: 40, seed: 7 });
  // Drafts: only editors see them (and the quotes and comments hanging from them).
  await db.dataSource.query(`UPDATE articles SET status = 'DRAFT' WHERE id IN (SELECT id FROM articles ORDER BY id LIMIT 4)`);
});
