// Relay pagination end to end: forward and backward through whole lists, nested pages, and the
// coded errors for bad paging arguments and ids.
import { buildGraph, type BuiltGraph } from "../support/factory";
import { startTestApp, type TestApp } from "../support/test-app";

describe("pagination and argument errors", () => {
  let t: TestApp;
  let g: BuiltGraph;

  beforeAll(async () => {
    t = await startTestApp();
    g = await buildGraph(t.db.dataSource, {
      outlets: 3,
      speakers: 4,
      articles: 45,
      quotesPerArticle: 7,
      reactionsPerArticle: 2,
      commentsPerArticle: 12,
      repliesPerComment: 3,
      commentedArticles: 1,
    });
  });
  afterAll(() => t.close());

  const PAGE = `query($first:Int,$after:String,$last:Int,$before:String,$order:ArticleOrder!){
    articles(first:$first, after:$after, last:$last, before:$before, orderBy:$order){
      totalCount pageInfo{hasNextPage hasPreviousPage startCursor endCursor} edges{cursor node{slug publishedAt}} } }`;

  it.each(["NEWEST", "OLDEST"])("walks all articles forward and backward, %s", async (order) => {
    const forward: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: any = await t.gql(PAGE, { first: 10, after, order });
      expect(res.errors).toBeUndefined();
      expect(res.data.articles.totalCount).toBe(45);
      forward.push(...res.data.articles.edges.map((e: any) => e.node.slug));
      if (!res.data.articles.pageInfo.hasNextPage) break;
      after = res.data.articles.pageInfo.endCursor;
    }
    expect(forward).toHaveLength(45);
    expect(new Set(forward).size).toBe(45);
    const expectedOrder = [...g.articleSlugs];
    if (order === "NEWEST") expectedOrder.reverse();
    expect(forward).toEqual(expectedOrder);

    const backward: string[] = [];
    let before: string | null = null;
    for (let i = 0; i < 10; i++) {
      const res: any = await t.gql(PAGE, { last: 10, before, order });
      backward.unshift(...res.data.articles.edges.map((e: any) => e.node.slug));
      if (!res.data.articles.pageInfo.hasPreviousPage) break;
      before = res.data.articles.pageInfo.startCursor;
    }
    expect(backward).toEqual(forward);
  });

  it("pages nested lists (an article's quotes, a comment's replies) with cursors", async () => {
    const Q = `query($slug:String!,$after:String){ article(slug:$slug){ quotes(first:3, after:$after){ totalCount pageInfo{hasNextPage endCursor} edges{node{position}} }
      comments(first:5){ totalCount edges{ node{ replyCount replies(first:2){ totalCount pageInfo{hasNextPage} edges{node{body}} } } } } } }`;
    const seen: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res: any = await t.gql(Q, { slug: g.articleSlugs[0], after });
      expect(res.errors).toBeUndefined();
      const quotes = res.data.article.quotes;
      expect(quotes.totalCount).toBe(7);
      seen.push(...quotes.edges.map((e: any) => e.node.position));
      const comments = res.data.article.comments;
      expect(comments.totalCount).toBe(12);
      expect(comments.edges).toHaveLength(5);
      for (const c of comments.edges) {
        expect(c.node.replyCount).toBe(3);
        expect(c.node.replies.totalCount).toBe(3);
        expect(c.node.replies.edges).toHaveLength(2);
        expect(c.node.replies.pageInfo.hasNextPage).toBe(true);
      }
      if (!quotes.pageInfo.hasNextPage) break;
      after = quotes.pageInfo.endCursor;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("filters articles by outlet, speaker, topic and dates", async () => {
    const res = await t.gql(
      `query($o:ID!,$s:ID!){ byOutlet: articles(filter:{outletId:$o}){ totalCount } bySpeaker: articles(filter:{speakerId:$s}){ totalCount }
        byTopic: articles(filter:{topic:"PEACE"}){ totalCount } early: articles(filter:{publishedBefore:"2025-01-01T05:00:00Z"}){ totalCount } }`,
      { o: g.outletIds[0], s: g.speakerIds[0] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.byOutlet.totalCount).toBe(15);
    expect(res.data.bySpeaker.totalCount).toBeGreaterThan(0);
    expect(res.data.byTopic.totalCount).toBe(4);
    expect(res.data.early.totalCount).toBe(6);
  });

  it.each([
    [`{ articles(first: 101) { totalCount } }`, "first"],
    [`{ articles(last: 101) { totalCount } }`, "last"],
    [`{ articles(first: -1) { totalCount } }`, "first"],
    [`{ articles(first: 2, last: 2) { totalCount } }`, "last"],
    [`{ articles(after: "not a cursor!") { totalCount } }`, "after"],
    [`{ articles(after: "WzFd") { totalCount } }`, "after"],
    [`{ articles(orderBy: RELEVANCE) { totalCount } }`, "orderBy"],
    [`{ article(id: "42") { id } }`, "id"],
    [`{ article { id } }`, "id"],
    [`{ quotes(filter: { speakerId: "x'; DROP TABLE quotes; --" }) { totalCount } }`, "filter.speakerId"],
    [`{ quotes(filter: { from: "2025-02-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }) { totalCount } }`, "filter.from"],
    [`{ quotes(filter: { search: "${"x".repeat(201)}" }) { totalCount } }`, "filter.search"],
  ])("refuses %s with BAD_USER_INPUT naming %s", async (query, argumentName) => {
    const res = await t.gql(query);
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].extensions?.argumentName).toBe(argumentName);
  });

  it("answers null for a well-formed id that matches nothing", async () => {
    const res = await t.gql(`{ article(id: "00000000-0000-4000-8000-000000000000") { id } speaker(slug: "nobody") { id } quote(id: "00000000-0000-4000-8000-000000000000") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ article: null, speaker: null, quote: null });
  });

  it("treats search text as words, never as SQL", async () => {
    const res = await t.gql(`query($s:String!){ quotes(filter:{search:$s}){ totalCount } articles(filter:{search:$s}){ totalCount } speakers(search:$s){ totalCount } }`, {
      s: "peace' OR 1=1; -- % _ \\",
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.speakers.totalCount).toBe(0);
  });
});
