// 1,200 hostile and malformed requests (schema-driven injections in every argument and input field,
// broken documents, floods, invalid UTF-8, wrong content types, batches, oversized bodies), anonymous
// and as an admin: every answer is a well-formed GraphQL response with coded errors or valid data,
// never a 5xx, and the server keeps answering. `npm run soak` sends 50,000.
import { readdirSync, readFileSync } from "node:fs";
import { buildNewsSchema } from "../../src/graphql/schema";
import { hostileRequests, runHostile } from "../support/hostile-requests";
import { projectPath } from "../../src/paths";
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from "../support/test-app";

const COUNT = 1_200;

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

function exampleDocuments(): string[] {
  const dir = projectPath("schema", "operations");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".graphql"))
    .map((f) => readFileSync(`${dir}/${f}`, "utf8"));
}

it(`answers ${COUNT} hostile requests with well-formed GraphQL responses and no 5xx`, async () => {
  const schema = await buildNewsSchema();
  const requests = hostileRequests({ schema, count: COUNT, seed: 20261126, validDocuments: exampleDocuments(), identities: [{}, { "x-admin-key": TEST_ADMIN_KEY }] });
  const report = await runHostile(app.url, requests, { concurrency: 8 });
  expect(report.sent).toBe(COUNT);
  expect(report.failures).toEqual([]);
  expect(report.fiveXX).toBe(0);
  // Still serving afterwards.
  expect((await app.gql("{ __typename }")).data).toEqual({ __typename: "Query" });
  expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
}, 240_000);
