// The real HTTP server over a fresh test database, and a small GraphQL client for it.
import "reflect-metadata";
import pino from "pino";
import { loadConfig, type Config } from "../../src/config";
import { startApp, type RunningApp } from "../../src/http/app";
import { createTestDatabase, type TestDatabase } from "./test-database";

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; [k: string]: unknown } }>;
}

export interface TestApp {
  url: string;
  db: TestDatabase;
  app: RunningApp;
  config: Config;
  /** POSTs an operation to /graphql and returns the parsed body. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export const TEST_ADMIN_KEY = "test-admin-key-0123456789";

export async function startTestApp(env: Record<string, string> = {}, options: { db?: TestDatabase; clock?: () => Date; apolloCacheControl?: boolean } = {}): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: "test", LOG_LEVEL: "silent", ADMIN_API_KEY: TEST_ADMIN_KEY, ...env });
  const db = options.db ?? (await createTestDatabase());
  const app = await startApp({ config, db, logger: pino({ level: "silent" }), clock: options.clock, apolloCacheControl: options.apolloCacheControl }, { port: 0, host: "127.0.0.1" });
  return {
    url: app.url,
    db,
    app,
    config,
    async gql(query, variables, headers = {}) {
      const res = await fetch(`${app.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResponse;
    },
    async close() {
      await app.close();
      if (!options.db) await db.close();
    },
  };
}
