// Security finding #17.10: `_service { sdl }` handed the whole schema to anyone in production, with
// introspection off. It is served where FEDERATION_SDL is on (the default outside production) and otherwise
// only to a router that sends ROUTER_SECRET in `x-router-secret`.
import { loadConfig } from "../../src/config";
import { startTestApp, type TestApp } from "../support/test-app";

const SECRET = "router-secret-for-tests-0123456789";
const SDL = "{ _service { sdl } }";

describe("_service with FEDERATION_SDL off", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ FEDERATION_SDL: "false", ROUTER_SECRET: SECRET });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses an anonymous client with FORBIDDEN and no SDL", async () => {
    const res = await t.gql(SDL);
    expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(res.data?._service ?? null).toBeNull();
  });

  it("refuses it through a fragment and with a wrong secret", async () => {
    const viaFragment = await t.gql("query { ...F } fragment F on Query { _service { sdl } }");
    expect(viaFragment.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const wrong = await t.gql(SDL, undefined, { "x-router-secret": `${SECRET}x` });
    expect(wrong.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("serves the router that sends ROUTER_SECRET", async () => {
    const res = await t.gql(SDL, undefined, { "x-router-secret": SECRET });
    expect(res.errors).toBeUndefined();
    expect(res.data._service.sdl).toMatch(/type Quote\s+@key\(fields: "id"\)/);
  });

  it("leaves other queries and _entities alone", async () => {
    const res = await t.gql("{ articles(first: 1) { totalCount } }");
    expect(res.errors).toBeUndefined();
  });
});

describe("FEDERATION_SDL's default", () => {
  it("is off in production and on elsewhere", () => {
    expect(loadConfig({ NODE_ENV: "production" }).federationSdl).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", FEDERATION_SDL: "true" }).federationSdl).toBe(true);
    expect(loadConfig({ NODE_ENV: "development" }).federationSdl).toBe(true);
  });
});
