// `GET /` points to an offline GraphiQL at /graphiql, whose every script and stylesheet is served by
// newsgraph itself (no CDN), with the example operations preloaded; in production neither explorer is
// offered. (tests/api/landing-page-browser.test.ts runs the page in headless Chromium when one is installed.)
import { readdirSync } from "node:fs";
import { projectPath } from "../../src/paths";
import { startTestApp, type TestApp } from "../support/test-app";

describe("outside production", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: "development" });
  });
  afterAll(() => t.close());

  it("GET / links to GraphiQL (offline) and to Apollo Sandbox", async () => {
    const res = await fetch(`${t.url}/`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('href="/graphiql"');
    expect(html).toContain('href="/graphql"');
  });

  it("serves GraphiQL with every asset from this server and the example operations preloaded", async () => {
    const res = await fetch(`${t.url}/graphiql`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBe(4);
    for (const ref of refs) {
      expect(ref.startsWith("/")).toBe(true); // nothing from another origin
      const asset = await fetch(`${t.url}${ref}`);
      expect([ref, asset.status]).toEqual([ref, 200]);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    const operations = readdirSync(projectPath("schema", "operations")).filter((f) => f.endsWith(".graphql"));
    for (const name of ["FrontPage", "ArticlePage", "SpeakerQuotes", "QuoteSearch"]) expect(html).toContain(`query ${name}(`);
    expect((html.match(/"query":/g) ?? []).length).toBe(operations.length);
    expect((await fetch(`${t.url}/graphiql/assets/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe("in production", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ NODE_ENV: "production" });
  });
  afterAll(() => t.close());

  it("answers / without offering the explorers, and has no /graphiql", async () => {
    const html = await (await fetch(`${t.url}/`)).text();
    expect(html).not.toContain('href="/graphiql"');
    expect((await fetch(`${t.url}/graphiql`)).status).toBe(404);
  });
});
