// Gateway mode: newsgraph composes the factchecks subgraph with its own (run in-process) and answers
// one query that spans both; passes the caller's token and request id on; refuses to start on a
// composition error; survives a subgraph going down.
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import pino from "pino";
import { loadConfig } from "../../src/config";
import { servedGraph } from "../../src/federation/served-graph";
import { printNewsSubgraphSchema } from "../../src/federation/subgraph-schema";
import { seed } from "../../src/seed/seed";
import { startApp } from "../../src/http/app";
import { startTestApp, type TestApp } from "../support/test-app";
import { listening, wsClient } from "../readers/support";
import { expectedFactCheck, FACTCHECKS_SDL, startFactchecks, type FactchecksSubgraph } from "./factchecks-subgraph";

const SECRET = "federation-test-secret-0123456789abcdef";

/** An HS256 bearer token for AUTH_JWT_SECRET (signed by hand: what any identity provider would send). */
function bearerToken(sub: string): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const body = `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub, roles: ["READER"], exp: Math.floor(Date.now() / 1000) + 3600 })}`;
  return `${body}.${createHmac("sha256", SECRET).update(body).digest("base64url")}`;
}

const ARTICLE_WITH_FACTCHECKS = /* GraphQL */ `
  query ArticleWithFactChecks($slug: String!) {
    article(slug: $slug) {
      title
      quotes(first: 50) {
        edges {
          node {
            id
            text
            factCheck {
              rating
              source
            }
            speaker {
              name
              wikidataId
              profile {
                summary
              }
            }
          }
        }
      }
    }
  }
`;

describe("gateway mode over a factchecks subgraph", () => {
  let factchecks: FactchecksSubgraph;
  let t: TestApp;
  let slug: string;
  let stopped = false;

  beforeAll(async () => {
    factchecks = await startFactchecks();
    t = await startTestApp({ SUBGRAPHS: JSON.stringify([{ name: "factchecks", url: factchecks.url }]), AUTH_JWT_SECRET: SECRET });
    slug = (await seed(t.db.dataSource)).article.slug;
    await t.db.dataSource.query(`UPDATE speakers SET wikidata_id = 'Q7747' WHERE name = 'Vladimir Putin'`);
  });
  afterAll(async () => {
    if (!stopped) await factchecks.close();
    await t.close();
  });

  it("answers one query with the article, its quotes, their speakers and each quote's fact-check", async () => {
    const res = await t.gql(ARTICLE_WITH_FACTCHECKS, { slug });
    expect(res.errors).toBeUndefined();
    const quotes = res.data.article.quotes.edges.map((e: any) => e.node);
    expect(quotes.length).toBeGreaterThan(5);
    for (const q of quotes) expect(q.factCheck).toEqual(expectedFactCheck(q.id));
    const putin = quotes.find((q: any) => q.speaker?.name === "Vladimir Putin");
    expect(putin.speaker.profile).toEqual({ summary: "Checked speaker Q7747" });
    const other = quotes.find((q: any) => q.speaker && q.speaker.name !== "Vladimir Putin");
    expect(other.speaker.profile).toBeNull();
  });

  it("passes the caller's Authorization header and request id on to the other subgraph", async () => {
    const token = bearerToken("reader-1");
    const before = factchecks.requests.length;
    const res = await t.gql(ARTICLE_WITH_FACTCHECKS, { slug }, { authorization: `Bearer ${token}`, "x-request-id": "req-federation-1" });
    expect(res.errors).toBeUndefined();
    const seen = factchecks.requests.slice(before);
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) {
      expect(headers.authorization).toBe(`Bearer ${token}`);
      expect(headers["x-request-id"]).toBe("req-federation-1");
    }
  });

  it("still serves the news graph's own root fields and introspection of the supergraph", async () => {
    const res = await t.gql(`{ speakers(first: 2) { totalCount } __type(name: "Quote") { fields { name } } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.speakers.totalCount).toBeGreaterThan(0);
    expect(res.data.__type.fields.map((f: any) => f.name)).toEqual(expect.arrayContaining(["text", "speaker", "factCheck"]));
  });

  it("passes the news subgraph's coded errors through, as in standalone mode", async () => {
    const res = await t.gql(`{ quote(id: "not-an-id") { id factCheck { rating } } }`);
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0].message).toMatch(/id must be an id/);
  });

  it("runs mutations through the gateway and subscriptions on the news subgraph over WebSocket at /graphql", async () => {
    const ws = wsClient(t.url);
    try {
      const [article] = await t.db.dataSource.query(`SELECT id FROM articles WHERE slug = $1`, [slug]);
      const sub = ws.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { id body } }`, { a: article.id });
      await listening(t, "COMMENT_PUBLISHED", article.id);
      const added = await t.gql(
        `mutation($input: AddCommentInput!) { addComment(input: $input) { id status } }`,
        { input: { articleId: article.id, body: "Checked, and fair." } },
        { authorization: `Bearer ${bearerToken("reader-2")}` },
      );
      expect(added.errors).toBeUndefined();
      expect(added.data.addComment.status).toBe("PUBLISHED");
      const events = await sub.received(1);
      expect(events[0].commentAdded).toEqual({ id: added.data.addComment.id, body: "Checked, and fair." });
    } finally {
      await ws.close();
    }
  });

  it("stops with a readable message when the subgraphs do not compose", async () => {
    const rival = await startFactchecks(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      "Conflicts with the news graph: Quote.text is a String there."
      type Quote @key(fields: "id") {
        "Quote id."
        id: ID!
        "Not the news graph's text."
        text: Int
      }
    `);
    try {
      const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", SUBGRAPHS: JSON.stringify([{ name: "factchecks", url: rival.url }]) });
      await expect(startApp({ config, db: t.db, logger: pino({ level: "silent" }) }, { port: 0, host: "127.0.0.1" })).rejects.toThrow(
        /Gateway mode \(SUBGRAPHS\): the supergraph could not be built[\s\S]*Quote\.text/,
      );
    } finally {
      await rival.close();
    }
  });

  /** A supergraph composed ahead of time, as rover would, with factchecks at `url`; the news subgraph's URL leads nowhere. */
  async function supergraphFile(factchecksUrl: string): Promise<{ file: string; remove(): void }> {
    const composed = composeServices([
      { name: "news", url: "http://news.invalid/graphql", typeDefs: parse(await printNewsSubgraphSchema()) },
      { name: "factchecks", url: factchecksUrl, typeDefs: parse(FACTCHECKS_SDL) },
    ]);
    expect(composed.errors).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), "newsgraph-supergraph-"));
    const file = join(dir, "supergraph.graphql");
    writeFileSync(file, composed.supergraphSdl!);
    return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
  }

  it("serves a supergraph composed ahead of time (SUPERGRAPH_FILE), running the news subgraph in-process", async () => {
    const supergraph = await supergraphFile(factchecks.url);
    const g = await startTestApp({ SUPERGRAPH_FILE: supergraph.file }, { db: t.db });
    try {
      const res = await g.gql(ARTICLE_WITH_FACTCHECKS, { slug });
      expect(res.errors).toBeUndefined();
      const quotes = res.data.article.quotes.edges.map((e: any) => e.node);
      for (const q of quotes) expect(q.factCheck).toEqual(expectedFactCheck(q.id));
    } finally {
      await g.close();
      supergraph.remove();
    }
  });

  // Last: it takes the factchecks subgraph down.
  it("gives partial data with SUBGRAPH_UNAVAILABLE errors on the other subgraph's fields only when it is down", async () => {
    await factchecks.close();
    stopped = true;
    const res = await t.gql(ARTICLE_WITH_FACTCHECKS, { slug });
    const quotes = res.data.article.quotes.edges.map((e: any) => e.node);
    expect(res.data.article.title).toBeTruthy();
    expect(quotes.length).toBeGreaterThan(5);
    for (const q of quotes) {
      expect(q.text).toBeTruthy();
      expect(q.factCheck).toBeNull();
    }
    expect(res.errors!.length).toBeGreaterThan(0);
    const paths = new Set<string>();
    for (const e of res.errors!) {
      expect(e.extensions?.code).toBe("SUBGRAPH_UNAVAILABLE");
      expect(e.extensions?.serviceName).toBe("factchecks");
      expect(e.message).toBe("The factchecks subgraph is unavailable (request failed); its fields are null.");
      expect(["factCheck", "profile"]).toContain(e.path![e.path!.length - 1]);
      paths.add(e.path!.join("."));
    }
    // Every quote's fact-check is accounted for by an error at its own path.
    quotes.forEach((_q: unknown, i: number) => expect(paths).toContain(`article.quotes.edges.${i}.node.factCheck`));
  });
});

describe("gateway mode settings", () => {
  it("refuses a supergraph file that is missing or has no news subgraph, and both settings at once", async () => {
    const logger = pino({ level: "silent" });
    const format = (f: any) => f;
    const config = (env: Record<string, string>) => loadConfig({ NODE_ENV: "test", ...env });
    await expect(servedGraph(config({ SUPERGRAPH_FILE: "/nonexistent/supergraph.graphql" }), logger, format)).rejects.toThrow(/does not exist/);
    const dir = mkdtempSync(join(tmpdir(), "newsgraph-supergraph-"));
    try {
      const file = join(dir, "supergraph.graphql");
      const elsewhere = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query { ping: String }`;
      writeFileSync(file, composeServices([{ name: "elsewhere", url: "http://127.0.0.1:1/graphql", typeDefs: parse(elsewhere) }]).supergraphSdl!);
      await expect(servedGraph(config({ SUPERGRAPH_FILE: file }), logger, format)).rejects.toThrow(/no subgraph named "news"/);
      const subgraphs = JSON.stringify([{ name: "factchecks", url: "http://127.0.0.1:1/graphql" }]);
      await expect(servedGraph(config({ SUPERGRAPH_FILE: file, SUBGRAPHS: subgraphs }), logger, format)).rejects.toThrow(/not both/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a SUBGRAPHS value that is not a JSON list of names and URLs", () => {
    expect(() => loadConfig({ SUBGRAPHS: "factchecks=http://x" })).toThrow(/SUBGRAPHS: must be JSON/);
    expect(() => loadConfig({ SUBGRAPHS: JSON.stringify([{ name: "news", url: "http://127.0.0.1:1/graphql" }]) })).toThrow(/newsgraph's own subgraph/);
  });
});
