// Operation limits: every example operation runs under the defaults; abusive operations are refused
// with a coded error before any SQL runs; the limits are configurable; body, batch, CSRF, CORS, APQ
// and safelist behave as documented.
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { operation } from "../support/operations";
import { projectPath } from "../../src/paths";
import { startTestApp, type TestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

const EXAMPLE_VARIABLES: Record<string, Record<string, unknown>> = {
  "article-page": { slug: "no-such-article", comments: 100 },
  "front-page": { first: 100 },
  "quote-search": { search: "economy", first: 100 },
  "speaker-profile": { slug: "no-such-speaker" },
  "speaker-quotes": { speakerName: "Putin", search: "war", first: 100 },
  "speaker-timeline": { slug: "no-such-speaker", interval: "DAY" },
  "gender-by-outlet": { filter: { hasSpeaker: true } },
};

let db: TestDatabase;
let app: TestApp;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp({}, { db });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

async function post(body: unknown, headers: Record<string, string> = {}, target: TestApp = app) {
  const res = await fetch(`${target.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

/** Sends `query` and asserts that it was refused with `code` and that no SQL statement ran. */
async function expectRefusedWithoutSql(query: string, code: string, variables?: Record<string, unknown>) {
  const before = db.queries.count;
  const res = await post({ query, variables });
  expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
  expect(res.body.data ?? null).toBeNull();
  expect(db.queries.count).toBe(before);
  return res;
}

describe("operation limits", () => {
  it("lets every operation in schema/operations/ run, with the largest pages", async () => {
    const files = readdirSync(projectPath("schema", "operations")).filter((f) => f.endsWith(".graphql"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const name = file.replace(/\.graphql$/, "");
      const query = operation(name);
      const res = await post({ query, variables: EXAMPLE_VARIABLES[name] ?? {} });
      // The public read queries run as they are; the others (they need a user, input or a WebSocket) must at least pass the limits.
      if (EXAMPLE_VARIABLES[name]) expect({ name, errors: res.body.errors }).toEqual({ name, errors: undefined });
      const limited = (res.body.errors ?? []).filter((e: any) => e.extensions?.code === "OPERATION_LIMIT_EXCEEDED");
      expect({ name, limited }).toEqual({ name, limited: [] });
    }
  });

  it("refuses a query deeper than the limit before any SQL", async () => {
    let s = "id";
    for (let i = 0; i < 8; i++) s = `quotes(first: 1) { edges { node { article { ${s} } } } }`;
    const res = await expectRefusedWithoutSql(`{ ${s} }`, "OPERATION_LIMIT_EXCEEDED");
    expect(res.body.errors[0].extensions.limit).toBe("depth");
  });

  it("refuses alias floods, directive floods and token floods", async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `a${i}: articles(first: 1) { totalCount }`).join(" ");
    expect((await expectRefusedWithoutSql(`{ ${aliases} }`, "OPERATION_LIMIT_EXCEEDED")).body.errors[0].extensions.limit).toBe("aliases");
    const directives = "@include(if: true) ".repeat(40);
    expect((await expectRefusedWithoutSql(`{ __typename ${directives} }`, "OPERATION_LIMIT_EXCEEDED")).body.errors[0].extensions.limit).toBe("directives");
    const tokens = "__typename ".repeat(5000);
    expect((await expectRefusedWithoutSql(`{ ${tokens} }`, "OPERATION_LIMIT_EXCEEDED")).body.errors[0].extensions.limit).toBe("tokens");
  });

  it("counts first/last (from literals and variables) into the cost, and caps page sizes", async () => {
    const wide = "query Wide($n: Int) { articles(first: $n) { edges { node { quotes(first: $n) { edges { node { speaker { quotes(first: $n) { edges { node { id text } } } } } } } } } } }";
    const res = await expectRefusedWithoutSql(wide, "OPERATION_LIMIT_EXCEEDED", { n: 100 });
    expect(res.body.errors[0].extensions).toMatchObject({ limit: "cost", maxCost: app.config.MAX_QUERY_COST });
    // The same shape with small pages is fine.
    expect((await post({ query: wide, variables: { n: 3 } })).body.errors).toBeUndefined();
    const big = await expectRefusedWithoutSql("query Big($n: Int) { articles(first: $n) { totalCount } }", "BAD_USER_INPUT", { n: 1000 });
    expect(big.body.errors[0].extensions.argumentName).toBe("first");
  });

  it("is configurable", async () => {
    const strict = await startTestApp({ MAX_QUERY_DEPTH: "3", MAX_QUERY_COST: "50" }, { db });
    try {
      const res = await post({ query: operation("article-page"), variables: { slug: "x" } }, {}, strict);
      expect(res.body.errors[0].extensions.code).toBe("OPERATION_LIMIT_EXCEEDED");
      const cheap = await post({ query: "{ articles(first: 2) { totalCount } }" }, {}, strict);
      expect(cheap.body.errors).toBeUndefined();
    } finally {
      await strict.close();
    }
  });
});

describe("HTTP limits", () => {
  it("refuses a body over the limit with a GraphQL-shaped 413", async () => {
    const res = await post({ query: "{ __typename }", variables: { pad: "x".repeat(app.config.MAX_BODY_BYTES + 10) } });
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "body" });
  });

  it("answers malformed JSON with a GraphQL-shaped 400", async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.code).toBe("BAD_REQUEST");
  });

  it("accepts batches up to the limit and refuses larger ones", async () => {
    const ok = await post(Array.from({ length: app.config.MAX_BATCH_OPERATIONS }, () => ({ query: "{ __typename }" })));
    expect(ok.status).toBe(200);
    expect(ok.body).toHaveLength(app.config.MAX_BATCH_OPERATIONS);
    const tooMany = await post(Array.from({ length: app.config.MAX_BATCH_OPERATIONS + 1 }, () => ({ query: "{ __typename }" })));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "batch" });
  });

  it("keeps CSRF prevention on", async () => {
    const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "text/plain" }, body: '{"query":"{ __typename }"}' });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
    const get = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
    expect(get.status).toBe(400);
    const preflighted = await fetch(`${app.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, { headers: { "apollo-require-preflight": "true" } });
    expect(preflighted.status).toBe(200);
  });

  it("allows Apollo Sandbox's origin outside production, and only configured origins in production", async () => {
    const sandbox = "https://studio.apollographql.com";
    const dev = await fetch(`${app.url}/graphql`, { method: "OPTIONS", headers: { origin: sandbox, "access-control-request-method": "POST" } });
    expect(dev.headers.get("access-control-allow-origin")).toBe(sandbox);
    const evil = await fetch(`${app.url}/graphql`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    const prod = await startTestApp({ NODE_ENV: "production", CORS_ORIGINS: "https://news.example" }, { db });
    try {
      const a = await fetch(`${prod.url}/graphql`, { method: "OPTIONS", headers: { origin: sandbox, "access-control-request-method": "POST" } });
      expect(a.headers.get("access-control-allow-origin")).toBeNull();
      const b = await fetch(`${prod.url}/graphql`, { method: "OPTIONS", headers: { origin: "https://news.example", "access-control-request-method": "POST" } });
      expect(b.headers.get("access-control-allow-origin")).toBe("https://news.example");
    } finally {
      await prod.close();
    }
  });

  it("serves automatic persisted queries", async () => {
    const query = "{ articles(first: 1) { totalCount } }";
    const sha256Hash = createHash("sha256").update(query).digest("hex");
    const persistedQuery = { version: 1, sha256Hash };
    const miss = await post({ extensions: { persistedQuery } });
    expect(miss.body.errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    expect((await post({ query, extensions: { persistedQuery } })).body.errors).toBeUndefined();
    const hit = await post({ extensions: { persistedQuery } });
    expect(hit.body.errors).toBeUndefined();
    expect(hit.body.data.articles.totalCount).toEqual(expect.any(Number));
  });
});

describe("production", () => {
  let prod: TestApp;
  beforeAll(async () => {
    prod = await startTestApp({ NODE_ENV: "production" }, { db });
  });
  afterAll(async () => {
    await prod?.close();
  });

  it("turns introspection and field suggestions off", async () => {
    const intro = await post({ query: "{ __schema { queryType { name } } }" }, {}, prod);
    expect(intro.body.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const typo = await post({ query: "{ articlez { totalCount } }" }, {}, prod);
    expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
    const devTypo = await post({ query: "{ articlez { totalCount } }" });
    expect(devTypo.body.errors[0].message).toMatch(/Did you mean/);
  });

  it("can be told to keep introspection on", async () => {
    const open = await startTestApp({ NODE_ENV: "production", INTROSPECTION: "true" }, { db });
    try {
      expect((await post({ query: "{ __schema { queryType { name } } }" }, {}, open)).body.data.__schema.queryType.name).toBe("Query");
    } finally {
      await open.close();
    }
  });
});

describe("safelist mode", () => {
  it("runs only the operations of the manifest", async () => {
    const safe = await startTestApp({ SAFELIST: "true" }, { db });
    try {
      const listed = await post({ query: operation("front-page"), variables: { first: 2 } }, {}, safe);
      expect(listed.body.errors).toBeUndefined();
      const before = db.queries.count;
      const other = await post({ query: "{ articles(first: 2) { totalCount } }" }, {}, safe);
      expect(other.body.errors[0].extensions.code).toBe("OPERATION_NOT_SAFELISTED");
      expect(db.queries.count).toBe(before);
    } finally {
      await safe.close();
    }
  });
});
