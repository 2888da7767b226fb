// INFO finding #17.14: /metrics was open, and clients could fill its operation-name label slots with
// names of their own. In `known` mode (production's default) only the operations newsgraph knows
// (SAFELIST_DIR's and METRICS_OPERATION_NAMES) get a label; METRICS_TOKEN protects the endpoint.
import { startTestApp, type TestApp } from "../support/test-app";

const TOKEN = "metrics-token-for-tests-0123456789";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ METRICS_OPERATION_LABELS: "known", METRICS_OPERATION_NAMES: "MyClientQuery", METRICS_TOKEN: TOKEN });
});
afterAll(async () => {
  await t?.close();
});

const scrape = (headers: Record<string, string> = {}) => fetch(`${t.url}/metrics`, { headers });

it("asks for the bearer token", async () => {
  expect((await scrape()).status).toBe(401);
  expect((await scrape({ authorization: "Bearer wrong-token-of-some-length" })).status).toBe(401);
  expect((await scrape({ authorization: `Bearer ${TOKEN}` })).status).toBe(200);
});

it("labels known operations by name and every other name as (other)", async () => {
  for (let i = 0; i < 30; i++) await t.gql(`query Filler${i} { __typename }`);
  await t.gql(`query FrontPage { articles(first: 1) { totalCount } }`);
  await t.gql(`query MyClientQuery { __typename }`);
  const text = await (await scrape({ authorization: `Bearer ${TOKEN}` })).text();
  expect(text).not.toMatch(/operation="Filler\d+"/);
  expect(text).toMatch(/newsgraph_graphql_requests_total\{operation="\(other\)",outcome="ok"\} 30/);
  expect(text).toMatch(/newsgraph_graphql_requests_total\{operation="FrontPage",outcome="ok"\} 1/);
  expect(text).toMatch(/newsgraph_graphql_requests_total\{operation="MyClientQuery",outcome="ok"\} 1/);
});
