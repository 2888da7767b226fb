// Vary: Accept on GraphQL answers (issue 17, finding 14): the media type depends on Accept, so shared
// caches must key on it. Through Apollo and through the direct lane (repeats of planned reads).
import { startTestApp, type TestApp } from "../support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function varyOf(query: string, accept: string): Promise<string[]> {
  const res = await fetch(`${t.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify({ query }) });
  await res.text();
  return (res.headers.get("vary") ?? "").split(",").map((v) => v.trim().toLowerCase());
}

it("answers with Vary: Accept, through Apollo and the direct lane alike", async () => {
  expect(await varyOf(`{ __typename }`, "application/json")).toContain("accept");
  const planned = `{ articles(first: 1) { totalCount } }`;
  for (let i = 0; i < 3; i++) expect(await varyOf(planned, i % 2 ? "application/graphql-response+json" : "application/json")).toContain("accept");
});
