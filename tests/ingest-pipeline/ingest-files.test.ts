// Ingest of a folder of mixed sources (text, JSON, RSS, HTML) into the graph: everything lands, a
// second run duplicates nothing, a bad file is named and leaves nothing behind, and Putin's quotes
// then span every source.
import { readFileSync } from "node:fs";
import { expandPaths, ingestFiles } from "../../src/ingest/ingest.service";
import { projectPath } from "../../src/paths";
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from "../support/test-app";

const FOLDER = projectPath("tests", "fixtures", "coverage");

describe("ingest of a folder of mixed sources", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const counts = async () => (await t.gql(`{ articles { totalCount } speakers { totalCount } quotes { totalCount } outlets { totalCount } }`)).data;

  it("stores every article, names the bad file, and duplicates nothing on a second run", async () => {
    const files = expandPaths([FOLDER]);
    expect(files.map((f) => f.slice(FOLDER.length + 1))).toEqual(["broken.json", "putin-ceasefire.txt", "summit.json", "talks.html", "wire.rss.xml"]);
    const first = await ingestFiles(t.db.dataSource, files, { root: FOLDER });
    expect(first.failedFiles).toBe(1);
    const broken = first.outcomes.find((o) => o.file === "broken.json")!;
    expect(broken.error?.code).toBe("INVALID_JSON");
    expect(broken.stored).toEqual([]);
    expect(first.articlesCreated).toBe(5);
    const after1 = await counts();
    expect(after1.articles.totalCount).toBe(5);
    const quoteIds1 = (await t.gql(`{ quotes(first: 100) { edges { node { id } } } }`)).data.quotes.edges.map((e: any) => e.node.id).sort();

    const second = await ingestFiles(t.db.dataSource, files, { root: FOLDER });
    expect(second.articlesCreated).toBe(0);
    expect(second.articlesUpdated).toBe(5);
    expect(await counts()).toEqual(after1);
    const quoteIds2 = (await t.gql(`{ quotes(first: 100) { edges { node { id } } } }`)).data.quotes.edges.map((e: any) => e.node.id).sort();
    expect(quoteIds2).toEqual(quoteIds1);
  });

  it("merges speakers across sources, so Vladimir Putin's quotes span the text, JSON, RSS and HTML articles", async () => {
    const res = await t.gql(`{ speakers(search: "Putin") { totalCount edges { node { name aliases quoteCount articles { totalCount } } } } }`);
    expect(res.data.speakers.totalCount).toBe(1);
    const putin = res.data.speakers.edges[0].node;
    expect(putin.name).toBe("Vladimir Putin");
    expect(putin.articles.totalCount).toBe(4);
    const quotes = await t.gql(`{ quotes(filter: { speakerName: "Putin" }, first: 50) { totalCount edges { node { text article { title url } } } } }`);
    const titles = new Set(quotes.data.quotes.edges.map((e: any) => e.node.article.title));
    expect(titles).toEqual(
      new Set([
        "Putin Backs Trump’s Ceasefire Proposal for Ukraine, Signals Openness to Talks",
        "Kremlin weighs U.S. truce plan",
        "Putin and Trump to speak by phone",
        "Leaders gather for a security summit",
      ]),
    );
  });

  it("links the same quote reported by several outlets", async () => {
    const res = await t.gql(
      `{ quotes(filter: { search: "root causes", speakerName: "Vladimir Putin" }, orderBy: OLDEST) { edges { node { text article { title } appearances { totalCount edges { node { article { title } } } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const rootCauses = res.data.quotes.edges.filter((e: any) => e.node.text === "root causes");
    expect(rootCauses).toHaveLength(3);
    for (const e of rootCauses) {
      expect(e.node.appearances.totalCount).toBe(2);
      const others = e.node.appearances.edges.map((x: any) => x.node.article.title);
      expect(others).not.toContain(e.node.article.title);
    }
  });

  it("keeps outlets from feeds, pages and JSON", async () => {
    const res = await t.gql(`{ outlets { edges { node { name domain articles { totalCount } } } } }`);
    const byName = Object.fromEntries(res.data.outlets.edges.map((e: any) => [e.node.name, e.node]));
    expect(byName["Example Wire"].articles.totalCount).toBe(2);
    expect(byName["Newsroom Example"].domain).toBe("newsroom.example");
  });
});

describe("the ingestArticle mutation", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const M = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { id title url quotes { totalCount edges { node { text speaker { name } } } } } }`;
  const html = readFileSync(projectPath("tests", "fixtures", "coverage", "talks.html"), "utf8");

  it("is refused without the editor role and stores nothing", async () => {
    const res = await t.gql(M, { input: { content: html, format: "HTML" } });
    expect(res.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await t.gql(`{ articles { totalCount } }`)).data.articles.totalCount).toBe(0);
  });

  it("stores an HTML page with its quotes for an admin, and updates rather than duplicates on resend", async () => {
    const headers = { "x-admin-key": TEST_ADMIN_KEY };
    const first = await t.gql(M, { input: { content: html, format: "HTML" } }, headers);
    expect(first.errors).toBeUndefined();
    expect(first.data.ingestArticle.url).toBe("https://daily.example/2025/03/17/putin-trump-call");
    expect(first.data.ingestArticle.quotes.totalCount).toBeGreaterThanOrEqual(3);
    const again = await t.gql(M, { input: { content: html } }, headers);
    expect(again.data.ingestArticle.id).toBe(first.data.ingestArticle.id);
    expect((await t.gql(`{ articles { totalCount } }`)).data.articles.totalCount).toBe(1);
  });

  it("answers bad input with BAD_USER_INPUT naming the field", async () => {
    const headers = { "x-admin-key": TEST_ADMIN_KEY };
    const res = await t.gql(M, { input: { content: "{ not json", format: "JSON" } }, headers);
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].extensions?.argumentName).toBe("input.content");
    const url = await t.gql(M, { input: { content: "Title\n\nBody with “a quote,” said Jane Doe.", format: "TEXT", url: "not a url" } }, headers);
    expect(url.errors?.[0].extensions?.argumentName).toBe("input.url");
  });
});
