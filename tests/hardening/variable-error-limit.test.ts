// graphql-js gives up coercing variables after 50 bad values with an error that carries no code and no
// variable node, so it reached clients as INTERNAL_SERVER_ERROR (found by the hostile-input fuzzer on a
// list-of-enums argument). It is the client's input: BAD_USER_INPUT, with no stack trace.
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function post(variables: unknown) {
  const res = await fetch(`${app.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
    body: JSON.stringify({ query: "query Q($kinds: [QuoteDimension!]) { quoteStats(groupBy: $kinds) { totalCount } }", variables }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

it("codes 60 bad enum values in one list variable as BAD_USER_INPUT", async () => {
  const { status, body } = await post({ kinds: Array.from({ length: 60 }, (_, i) => `NOT_A_DIMENSION_${i}`) });
  expect(status).toBeLessThan(500);
  expect(body.data ?? null).toBeNull();
  expect(body.errors.length).toBeGreaterThan(0);
  for (const e of body.errors) {
    expect(e.extensions.code).toBe("BAD_USER_INPUT");
    expect(e.extensions.stacktrace).toBeUndefined();
  }
  expect(body.errors.some((e: any) => /Too many errors processing variables/.test(e.message))).toBe(true);
});

it("codes a few bad values the same way (graphql-js's own per-value errors)", async () => {
  const { body } = await post({ kinds: ["NOPE"] });
  expect(body.errors[0].extensions.code).toBe("BAD_USER_INPUT");
});
