// `newsgraph ingest` runs in a process of its own: with RESPONSE_CACHE and REDIS_URL, what it stores
// drops the answers the servers' shared cache holds (a lookup that found nothing, the front page).
// Needs a PostgreSQL server and Redis (the embedded database is a single session of the test process).
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectPath } from "../../src/paths";
import type { TestApp } from "../support/test-app";
import { RUN, startReadersApp } from "../readers/support";

const run = promisify(execFile);
const shared = process.env.DATABASE_URL && process.env.REDIS_URL ? describe : describe.skip;
const LOOKUP = `query($url: String!) { article(url: $url) { id title } }`;
const FRONT = `query { articles(first: 50) { edges { node { id title } } } }`;

shared("newsgraph ingest and the shared response cache", () => {
  let t: TestApp;
  const prefix = `newsgraph-test:${RUN}:${randomBytes(4).toString("hex")}`;
  const env = () => ({ ...process.env, DATABASE_URL: t.db.url!, REDIS_URL: process.env.REDIS_URL!, RESPONSE_CACHE: "true", RESPONSE_CACHE_PREFIX: prefix, LOG_LEVEL: "warn" });

  beforeAll(async () => {
    t = await startReadersApp({ REDIS_URL: process.env.REDIS_URL!, RESPONSE_CACHE: "true", RESPONSE_CACHE_PREFIX: prefix });
  });
  afterAll(async () => {
    await t.close();
  });

  async function anonymous(query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables }) });
    return { cache: res.headers.get("x-cache"), body: (await res.json()) as any };
  }

  it("drops the cached lookup and front page when the command line stores the article", async () => {
    const url = "https://www.rivernews.example/bridge";
    expect((await anonymous(LOOKUP, { url })).body.data.article).toBeNull();
    expect((await anonymous(LOOKUP, { url })).cache).toBe("HIT");
    await anonymous(FRONT);
    expect((await anonymous(FRONT)).cache).toBe("HIT");

    await run(process.execPath, [projectPath("bin", "newsgraph.js"), "ingest", join(projectPath("tests", "fixtures", "ingest"), "article.json")], { env: env() });

    const found = await anonymous(LOOKUP, { url });
    expect(found.cache).toBe("MISS");
    expect(found.body.data.article.title).toBe("Bridge reopens after repairs");
    const front = await anonymous(FRONT);
    expect(front.cache).toBe("MISS");
    expect(front.body.data.articles.edges.map((e: any) => e.node.id)).toContain(found.body.data.article.id);
  });
});
