// The seed article through the real HTTP server: what article.expected.json requires is queryable.
import { readFileSync } from "node:fs";
import { seed } from "../../src/seed/seed";
import { projectPath } from "../../src/paths";
import { operation } from "../support/operations";
import { startTestApp, type TestApp } from "../support/test-app";

const expected = JSON.parse(readFileSync(projectPath("tests", "fixtures", "seed", "article.expected.json"), "utf8"));

describe("the seed article", () => {
  let t: TestApp;
  let slug: string;

  beforeAll(async () => {
    t = await startTestApp();
    slug = (await seed(t.db.dataSource)).article.slug;
  });
  afterAll(() => t.close());

  it("answers the analysts' query for Vladimir Putin's quotes with the four required quotes, title and date", async () => {
    const res = await t.gql(operation("speaker-quotes"), { speakerName: "Vladimir Putin" });
    expect(res.errors).toBeUndefined();
    const edges = res.data.quotes.edges;
    const required = expected.quotes.required.filter((q: any) => q.speaker === "Vladimir Putin");
    expect(required).toHaveLength(4);
    for (const q of required) {
      const hit = edges.find((e: any) => e.node.text === q.text);
      expect(hit).toBeDefined();
      expect(hit.node.kind).toBe(q.kind);
      expect(hit.node.speaker.name).toBe("Vladimir Putin");
      expect(hit.node.article.title).toBe(expected.article.title);
      expect(new Date(hit.node.article.publishedAt).toISOString()).toBe(new Date(expected.article.publishedAt).toISOString());
    }
    expect(res.data.quotes.totalCount).toBe(4);
  });

  it("finds the same quotes through an alias, case-insensitively", async () => {
    const res = await t.gql(operation("speaker-quotes"), { speakerName: "putin" });
    expect(res.data.quotes.totalCount).toBe(4);
  });

  it("serves the article page with speakers, quotes in reading order, reactions and an empty comment section", async () => {
    const res = await t.gql(operation("article-page"), { slug });
    expect(res.errors).toBeUndefined();
    const a = res.data.article;
    expect(a.title).toBe(expected.article.title);
    expect(a.dateline).toBe(expected.article.dateline);
    expect(a.publishedAt).toBe("2025-03-13T11:51:00.000Z");
    const names = a.speakers.edges.map((e: any) => e.node.name);
    for (const s of expected.speakers.required) expect(names).toContain(s.name);
    const putin = a.speakers.edges.find((e: any) => e.node.name === "Vladimir Putin");
    expect(putin.quoteCount).toBe(4);
    expect(putin.node.role).toBe("President of Russia");
    const offsets = a.quotes.edges.map((e: any) => e.node.startOffset);
    expect([...offsets].sort((x: number, y: number) => x - y)).toEqual(offsets);
    const texts = a.reactions.edges.map((e: any) => e.node.text);
    for (const r of expected.reactions.required) expect(texts).toContain(r.text);
    expect(a.reactionSummary.overall).toBe(expected.reactions.overall);
    expect(a.commentCount).toBe(0);
    expect(a.comments.totalCount).toBe(0);
    expect(a.comments.edges).toEqual([]);
  });

  it("keeps quote offsets pointing at the quoted words in the body", async () => {
    const res = await t.gql(`query($slug:String!){ article(slug:$slug){ body quotes(first:100){ edges { node { text startOffset endOffset } } } } }`, { slug });
    const body: string = res.data.article.body;
    for (const { node } of res.data.article.quotes.edges) expect(body.slice(node.startOffset, node.endOffset)).toBe(node.text);
  });

  it("never attributes the public's reactions to a named speaker", async () => {
    const res = await t.gql(`{ quotes(first: 100) { edges { node { text speaker { name } } } } }`);
    const attributed = res.data.quotes.edges.filter((e: any) => e.node.speaker).map((e: any) => e.node.text);
    for (const text of expected.quotes.mustNotBeQuotesOfNamedSpeakers) expect(attributed).not.toContain(text);
  });

  it("searches quotes by words with rank and highlight", async () => {
    const res = await t.gql(operation("quote-search"), { search: "negotiate American partners" });
    expect(res.errors).toBeUndefined();
    expect(res.data.quotes.totalCount).toBe(1);
    const edge = res.data.quotes.edges[0];
    expect(edge.rank).toBeGreaterThan(0);
    expect(edge.highlight).toContain("<mark>negotiate</mark>");
  });

  it("shows a speaker's profile with counts and dates", async () => {
    const res = await t.gql(operation("speaker-profile"), { slug: "vladimir-putin" });
    expect(res.errors).toBeUndefined();
    const s = res.data.speaker;
    expect(s.quoteCount).toBe(4);
    expect(s.aliases).toEqual(expect.arrayContaining(["Putin", "Russian President Vladimir Putin"]));
    expect(s.firstQuotedAt).toBe("2025-03-13T11:51:00.000Z");
    expect(s.articles.totalCount).toBe(1);
  });

  it("is idempotent: seeding again updates in place", async () => {
    const again = await seed(t.db.dataSource);
    expect(again.created).toBe(false);
    const res = await t.gql(`{ articles { totalCount } speakers { totalCount } quotes { totalCount } }`);
    expect(res.data).toEqual({ articles: { totalCount: 1 }, speakers: { totalCount: 4 }, quotes: { totalCount: 7 } });
  });
});
