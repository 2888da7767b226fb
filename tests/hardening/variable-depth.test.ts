// Security finding #17.13: deeply nested JSON variables with the response cache on answered HTTP 500 (a
// stack overflow while the cache key was computed). The variables' nesting is bounded
// (MAX_VARIABLE_DEPTH) before anything walks them: a coded 400 on every path (Apollo's, the direct lane's).
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp({ RESPONSE_CACHE: "true" });
});
afterAll(async () => {
  await app?.close();
});

/** An array nested `depth` levels deep: `[[[…]]]`. */
const nested = (depth: number): unknown => JSON.parse("[".repeat(depth) + "]".repeat(depth));

async function post(query: string, variables: unknown) {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query, variables }, null, 0),
  });
  return { status: res.status, body: (await res.json()) as any };
}

// JSON.stringify itself overflows on such values: the body is written by hand.
async function postDeep(query: string, name: string, depth: number) {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: `{"query":${JSON.stringify(query)},"variables":{"${name}":${"[".repeat(depth)}${"]".repeat(depth)}}}`,
  });
  return { status: res.status, body: (await res.json()) as any };
}

const QUERY = "query Front($first: Int) { articles(first: $first) { totalCount edges { node { title } } } }";

describe("variable nesting", () => {
  it("refuses variables nested 100,000 deep with a coded 400, not a 500", async () => {
    for (const name of ["unused", "first"]) {
      const res = await postDeep(QUERY, name, 100_000);
      expect({ name, status: res.status }).toEqual({ name, status: 400 });
      expect(res.body.errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "variableDepth", maxVariableDepth: app.config.MAX_VARIABLE_DEPTH });
    }
  });

  it("refuses them on the direct lane too, for a query it has answered before", async () => {
    const first = await post(QUERY, { first: 1 });
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    const res = await postDeep(QUERY, "other", 50_000);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions.limit).toBe("variableDepth");
  });

  it("takes variables up to the limit", async () => {
    const max = app.config.MAX_VARIABLE_DEPTH;
    // The variables object is the first level.
    expect((await post(QUERY, { first: 1, extra: nested(max - 1) })).status).toBe(200);
    const over = await post(QUERY, { first: 1, extra: nested(max) });
    expect(over.status).toBe(400);
    expect(over.body.errors[0].extensions.limit).toBe("variableDepth");
  });
});
