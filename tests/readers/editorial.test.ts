// Editors through HTTP and WebSocket: drafts are invisible to everyone but editors by every path;
// publishing reveals them; quotes reach speaker subscribers; mergeSpeakers moves every quote and keeps
// every alias in one transaction; inputs are validated with BAD_USER_INPUT naming the field.
import type { TestApp } from "../support/test-app";
import { authHeaders, listening, RUN, startReadersApp, wsClient, type WsClient } from "./support";

const EVERY_PATH = `query($id: ID!, $slug: String!, $url: String!, $speaker: ID!, $outlet: ID!, $quote: ID!, $words: String!) {
  byId: article(id: $id) { id }
  bySlug: article(slug: $slug) { id }
  byUrl: article(url: $url) { id }
  list: articles(first: 100) { totalCount edges { node { id } } }
  search: articles(filter: { search: $words }) { totalCount edges { node { id } } }
  bySpeakerFilter: articles(filter: { speakerId: $speaker }) { totalCount }
  speaker(id: $speaker) { quoteCount articles { totalCount edges { node { id } } } quotes { totalCount edges { node { id } } } }
  outlet(id: $outlet) { articles { totalCount edges { node { id } } } }
  quotes(filter: { search: $words }) { totalCount edges { node { id } } }
  quote(id: $quote) { id article { id } }
  _entities(representations: [{ __typename: "Article", id: $id }, { __typename: "Quote", id: $quote }]) { ... on Article { id } ... on Quote { id } }
}`;

describe("editorial mutations", () => {
  let t: TestApp;
  let editor: Record<string, string>;
  const clients: WsClient[] = [];

  beforeAll(async () => {
    t = await startReadersApp({}, { clock: () => new Date("2026-02-01T12:00:00Z") });
    editor = await authHeaders(`editor-${RUN}`, ["EDITOR"], "Edna");
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await t.close();
  });

  it("keeps a draft and its quotes invisible to everyone but editors by every path, until published", async () => {
    const outlet = (await t.db.dataSource.query(`INSERT INTO outlets (slug, name) VALUES ($1, 'Draft Times') RETURNING id`, [`draft-times-${RUN}`]))[0].id;
    const words = `zanzibarquorum${RUN}`;
    const created = await t.gql(
      `mutation($input: CreateArticleInput!) { createArticle(input: $input) { id slug status url } }`,
      { input: { title: `Embargoed ${words}`, body: `The minister said the ${words} would meet.`, url: `https://news.example/${RUN}`, outletId: outlet } },
      editor,
    );
    expect(created.errors).toBeUndefined();
    const article = created.data.createArticle;
    expect(article.status).toBe("DRAFT");
    const speaker = (await t.gql(`mutation { createSpeaker(input: { name: "Draft Minister ${RUN}", aliases: ["the minister"] }) { id } }`, {}, editor)).data.createSpeaker.id;
    const quote = (
      await t.gql(
        `mutation($a: ID!, $s: ID!, $text: String!) { addQuote(input: { articleId: $a, speakerId: $s, text: $text, kind: INDIRECT, cue: "said" }) { id position } }`,
        { a: article.id, s: speaker, text: `the ${words} would meet` },
        editor,
      )
    ).data.addQuote;
    expect(quote.position).toBe(0);
    const vars = { id: article.id, slug: article.slug, url: article.url, speaker, outlet, quote: quote.id, words };

    const hidden = (res: any) => {
      expect(res.errors).toBeUndefined();
      const d = res.data;
      expect([d.byId, d.bySlug, d.byUrl, d.quote]).toEqual([null, null, null, null]);
      expect(d.list.edges.map((e: any) => e.node.id)).not.toContain(article.id);
      expect(d.search.totalCount).toBe(0);
      expect(d.bySpeakerFilter.totalCount).toBe(0);
      expect(d.speaker).toMatchObject({ quoteCount: 0, articles: { totalCount: 0 }, quotes: { totalCount: 0 } });
      expect(d.outlet.articles.totalCount).toBe(0);
      expect(d.quotes.totalCount).toBe(0);
      expect(d._entities).toEqual([null, null]);
    };
    hidden(await t.gql(EVERY_PATH, vars));
    hidden(await t.gql(EVERY_PATH, vars, await authHeaders(`reader-${RUN}`, ["READER", "ANALYST", "MODERATOR"])));
    // Readers cannot comment on or react to it either.
    const comment = await t.gql(`mutation($a: ID!) { addComment(input: { articleId: $a, body: "early" }) { id } }`, { a: article.id }, await authHeaders(`reader-${RUN}`));
    expect(comment.errors?.[0].extensions?.code).toBe("NOT_FOUND");

    const asEditor = await t.gql(EVERY_PATH, vars, editor);
    expect(asEditor.data.byUrl).toEqual({ id: article.id });
    expect(asEditor.data.speaker).toMatchObject({ quoteCount: 1, articles: { totalCount: 1 } });
    expect(asEditor.data.quote).toEqual({ id: quote.id, article: { id: article.id } });

    const published = await t.gql(`mutation($id: ID!) { publishArticle(id: $id) { status publishedAt } }`, { id: article.id }, editor);
    expect(published.data.publishArticle).toEqual({ status: "PUBLISHED", publishedAt: "2026-02-01T12:00:00.000Z" });
    const open = (await t.gql(EVERY_PATH, vars)).data;
    expect(open.byId).toEqual({ id: article.id });
    expect(open.search.totalCount).toBe(1);
    expect(open.speaker).toMatchObject({ quoteCount: 1, articles: { totalCount: 1 }, quotes: { totalCount: 1 } });
    expect(open.outlet.articles.totalCount).toBe(1);
    expect(open._entities).toEqual([{ id: article.id }, { id: quote.id }]);

    await t.gql(`mutation($id: ID!) { unpublishArticle(id: $id) { status } }`, { id: article.id }, editor);
    hidden(await t.gql(EVERY_PATH, vars));
  });

  it("sends new quotes of a speaker to subscribers, updates and deletes quotes and articles", async () => {
    const speaker = (await t.gql(`mutation { createSpeaker(input: { name: "Live Speaker ${RUN}" }) { id } }`, {}, editor)).data.createSpeaker.id;
    const article = (await t.gql(`mutation { createArticle(input: { title: "Live ${RUN}", body: "She said hello there." }) { id } }`, {}, editor)).data.createArticle.id;
    await t.gql(`mutation($id: ID!) { publishArticle(id: $id) { id } }`, { id: article }, editor);
    const ws = wsClient(t.url);
    clients.push(ws);
    const sub = ws.subscribe(`subscription($s: ID!) { quoteAdded(speakerId: $s) { text kind article { id } speaker { id } } }`, { s: speaker });
    await listening(t, "QUOTE_ADDED", speaker);
    const added = await t.gql(
      `mutation($a: ID!, $s: ID!) { addQuote(input: { articleId: $a, speakerId: $s, text: "hello there", kind: DIRECT, startOffset: 9, endOffset: 20 }) { id } }`,
      { a: article, s: speaker },
      editor,
    );
    expect(added.errors).toBeUndefined();
    const [event] = await sub.received(1);
    expect(event.quoteAdded).toEqual({ text: "hello there", kind: "DIRECT", article: { id: article }, speaker: { id: speaker } });

    const fixed = await t.gql(
      `mutation($q: ID!) { updateQuote(id: $q, input: { text: "Hello there", kind: PARTIAL, speakerId: null }) { text kind speaker { id } } }`,
      { q: added.data.addQuote.id },
      editor,
    );
    expect(fixed.data.updateQuote).toEqual({ text: "Hello there", kind: "PARTIAL", speaker: null });
    const offsets = await t.gql(`mutation($q: ID!) { updateQuote(id: $q, input: { endOffset: 999 }) { id } }`, { q: added.data.addQuote.id }, editor);
    expect(offsets.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.endOffset" });
    expect((await t.gql(`mutation($q: ID!) { deleteQuote(id: $q) }`, { q: added.data.addQuote.id }, editor)).data.deleteQuote).toBe(added.data.addQuote.id);
    const updated = await t.gql(
      `mutation($a: ID!) { updateArticle(id: $a, input: { title: "Live, updated", topics: ["Politics", "politics "] }) { title topics slug } }`,
      { a: article },
      editor,
    );
    expect(updated.data.updateArticle).toMatchObject({ title: "Live, updated", topics: ["politics"] });
    expect((await t.gql(`mutation($a: ID!) { deleteArticle(id: $a) }`, { a: article }, editor)).data.deleteArticle).toBe(article);
    expect((await t.gql(`query($a: ID!) { article(id: $a) { id } }`, { a: article }, editor)).data.article).toBeNull();
  });

  it("mergeSpeakers leaves no quote on the merged speaker and keeps all aliases", async () => {
    const mk = async (name: string, aliases: string[], wikidataId?: string) =>
      (await t.gql(`mutation($i: CreateSpeakerInput!) { createSpeaker(input: $i) { id } }`, { i: { name, aliases, wikidataId } }, editor)).data.createSpeaker.id;
    const into = await mk(`Vladimir Putin ${RUN}`, ["Putin", "President Putin"]);
    const from = await mk(`V. Putin ${RUN}`, ["Russian President Vladimir Putin", "putin"], "Q7747");
    const article = (await t.gql(`mutation { createArticle(input: { title: "Merge ${RUN}", body: "Words." }) { id } }`, {}, editor)).data.createArticle.id;
    for (const [s, text] of [
      [from, "one"],
      [from, "two"],
      [into, "three"],
    ]) {
      await t.gql(`mutation($a: ID!, $s: ID!, $t: String!) { addQuote(input: { articleId: $a, speakerId: $s, text: $t, kind: DIRECT }) { id } }`, { a: article, s, t: text }, editor);
    }
    const merged = await t.gql(`mutation($f: ID!, $i: ID!) { mergeSpeakers(from: $f, into: $i) { id aliases wikidataId } }`, { f: from, i: into }, editor);
    expect(merged.errors).toBeUndefined();
    expect(merged.data.mergeSpeakers.id).toBe(into);
    expect(merged.data.mergeSpeakers.aliases).toEqual(["Putin", "President Putin", `V. Putin ${RUN}`, "Russian President Vladimir Putin"]);
    expect(merged.data.mergeSpeakers.wikidataId).toBe("Q7747");
    const left = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM quotes WHERE speaker_id = $1`, [from]);
    expect(left[0].n).toBe(0);
    const moved = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM quotes WHERE speaker_id = $1`, [into]);
    expect(moved[0].n).toBe(3);
    expect((await t.gql(`query($f: ID!) { speaker(id: $f) { id } }`, { f: from }, editor)).data.speaker).toBeNull();
    const again = await t.gql(`mutation($f: ID!, $i: ID!) { mergeSpeakers(from: $f, into: $i) { id } }`, { f: from, i: into }, editor);
    expect(again.errors?.[0].extensions?.code).toBe("NOT_FOUND");
  });

  it("validates inputs with BAD_USER_INPUT naming the field, and reports clashes as CONFLICT", async () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [`mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }`, { i: { title: "", body: "b" } }, "input.title"],
      [`mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }`, { i: { title: "t", body: "b", url: "not a url" } }, "input.url"],
      [`mutation($i: CreateArticleInput!) { createArticle(input: $i) { id } }`, { i: { title: "t", body: "b", outletId: "nope" } }, "input.outletId"],
      [`mutation($i: CreateSpeakerInput!) { createSpeaker(input: $i) { id } }`, { i: { name: "S", wikidataId: "X1" } }, "input.wikidataId"],
      [`mutation($i: AddQuoteInput!) { addQuote(input: $i) { id } }`, { i: { articleId: "x", text: "t", kind: "DIRECT" } }, "input.articleId"],
    ];
    for (const [query, vars, field] of cases) {
      const res = await t.gql(query, vars, editor);
      expect({ field, ext: res.errors?.[0].extensions }).toMatchObject({ field, ext: { code: "BAD_USER_INPUT", argumentName: field } });
    }
    const first = await t.gql(`mutation { createArticle(input: { title: "Twin ${RUN}", body: "Same." }) { id } }`, {}, editor);
    expect(first.errors).toBeUndefined();
    const twin = await t.gql(`mutation { createArticle(input: { title: "Twin ${RUN}", body: "Same." }) { id } }`, {}, editor);
    expect(twin.errors?.[0].extensions?.code).toBe("CONFLICT");
  });

  it("records one reaction per reader, changes and removes it, and streams the summary", async () => {
    const article = (await t.gql(`mutation { createArticle(input: { title: "React ${RUN}", body: "Body." }) { id } }`, {}, editor)).data.createArticle.id;
    await t.gql(`mutation($id: ID!) { publishArticle(id: $id) { id } }`, { id: article }, editor);
    const ws = wsClient(t.url);
    clients.push(ws);
    const sub = ws.subscribe(`subscription($a: ID!) { reactionSummaryChanged(articleId: $a) { total reader reported overall } }`, { a: article });
    await listening(t, "REACTIONS_CHANGED", article);
    const REACT = `mutation($a: ID!, $s: Sentiment!) { react(articleId: $a, sentiment: $s) { reactionSummary { total reader bySentiment { sentiment count } } } }`;
    const kim = await authHeaders(`kim-${RUN}`);
    const lee = await authHeaders(`lee-${RUN}`);
    await t.gql(REACT, { a: article, s: "POSITIVE" }, kim);
    const changed = await t.gql(REACT, { a: article, s: "NEGATIVE" }, kim);
    expect(changed.data.react.reactionSummary).toMatchObject({ total: 1, reader: 1 });
    await t.gql(REACT, { a: article, s: "NEGATIVE" }, lee);
    const gone = await t.gql(`mutation($a: ID!) { unreact(articleId: $a) { reactionSummary { total reader overall } } }`, { a: article }, lee);
    expect(gone.data.unreact.reactionSummary).toEqual({ total: 1, reader: 1, overall: "NEGATIVE" });
    const events = await sub.received(4);
    expect(events.map((e) => e.reactionSummaryChanged.total)).toEqual([1, 1, 2, 1]);
    expect(events[3].reactionSummaryChanged).toEqual({ total: 1, reader: 1, reported: 0, overall: "NEGATIVE" });
  });
});
