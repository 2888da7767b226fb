// Outside production, a refused request (a plain `curl /graphql?query=…` stopped by CSRF prevention, a
// syntax error, a bad argument) keeps its message and code but carries no server stack trace; only
// unexpected errors show one, to help the developer.
import { startTestApp, type TestApp } from "../support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ NODE_ENV: "development" });
});
afterAll(() => t.close());

it("answers a plain GET without a preflight header with the CSRF message and no stacktrace", async () => {
  const res = await fetch(`${t.url}/graphql?query=${encodeURIComponent("{ __typename }")}`);
  expect(res.status).toBe(400);
  const body = (await res.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
  expect(body.errors[0].message).toMatch(/cross-site request forgery/i);
  expect(body.errors[0].extensions.code).toBe("BAD_REQUEST");
  expect(body.errors[0].extensions).not.toHaveProperty("stacktrace");
});

it("keeps syntax and validation errors free of stack traces too", async () => {
  for (const query of ["{ articles(", "{ nope }"]) {
    const res = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0].extensions.code).toMatch(/^GRAPHQL_(PARSE|VALIDATION)_FAILED$/);
    expect(body.errors[0].extensions).not.toHaveProperty("stacktrace");
  }
});
