// The news subgraph still gives a federation gateway its inline trace (ftv1) when asked, now that
// newsgraph installs Apollo's inline-trace plugin itself (so Apollo logs nothing about it at start).
import { startTestApp, type TestApp } from "../support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

async function post(headers: Record<string, string>) {
  const res = await fetch(`${t.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query: "{ articles(first: 1) { totalCount } }" }),
  });
  return (await res.json()) as { data: unknown; extensions?: { ftv1?: string } };
}

it("answers with an ftv1 trace only when the gateway asks for one", async () => {
  const traced = await post({ "apollo-federation-include-trace": "ftv1" });
  expect(typeof traced.extensions?.ftv1).toBe("string");
  expect(traced.extensions!.ftv1!.length).toBeGreaterThan(10);
  expect((await post({})).extensions?.ftv1).toBeUndefined();
});
