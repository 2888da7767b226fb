// The HTTP server around the graph: health, Apollo Sandbox outside production, introspection rules.
import { startTestApp, type TestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

describe("HTTP server", () => {
  let db: TestDatabase;
  let dev: TestApp;
  let prod: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    dev = await startTestApp({ NODE_ENV: "development" }, { db });
    prod = await startTestApp({ NODE_ENV: "production" }, { db });
  });
  afterAll(async () => {
    await dev.close();
    await prod.close();
    await db.close();
  });

  it("answers /healthz with 200 while the database answers", async () => {
    const res = await fetch(`${dev.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });

  it("shows Apollo Sandbox to a browser outside production", async () => {
    const res = await fetch(`${dev.url}/graphql`, { headers: { accept: "text/html" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/sandbox|apollo/i);
  });

  it("serves introspection outside production and refuses it in production", async () => {
    const q = `{ __schema { queryType { name } } }`;
    expect((await dev.gql(q)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    const res = await prod.gql(q);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0].extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
  });

  it("shows no landing page in production", async () => {
    const res = await fetch(`${prod.url}/graphql`, { headers: { accept: "text/html" } });
    expect(await res.text()).not.toMatch(/embeddable-sandbox|apollo-server-landing-page/i);
  });
});
