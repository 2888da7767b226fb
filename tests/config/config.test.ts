// Configuration is validated once, with every bad variable named, and secrets masked in logs.
import { ConfigError, describeConfig, loadConfig } from "../../src/config";

describe("loadConfig", () => {
  it("has working defaults: embedded database, port 4000, Sandbox and introspection outside production", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 4000, embedded: true, introspection: true, SEED_ON_EMPTY: true, DATA_DIR: "./data" });
  });

  it("turns introspection off in production unless asked", () => {
    expect(loadConfig({ NODE_ENV: "production" }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", INTROSPECTION: "true" }).introspection).toBe(true);
  });

  it("names every invalid variable", () => {
    expect(() => loadConfig({ PORT: "eighty", DATABASE_URL: "not a url" })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "not a url" });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it("masks secrets when describing itself", () => {
    const d = describeConfig(loadConfig({ DATABASE_URL: "postgres://u:secret@h/db" }));
    expect(JSON.stringify(d)).not.toContain("secret");
  });
});
