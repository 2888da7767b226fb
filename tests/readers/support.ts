// Helpers for the readers-and-editors tests: a test app with token auth, signed tokens per role, a
// graphql-ws client over `ws`, and small waits on what the server has really done.
import { randomBytes } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import { signToken } from "../../src/auth/tokens";
import type { Role } from "../../src/auth/identity";
import type { TopicName } from "../../src/pubsub/news-events";
import { startTestApp, type TestApp } from "../support/test-app";
import type { TestDatabase } from "../support/test-database";

export const TEST_JWT_SECRET = "readers-test-secret-0123456789abcdef";

/** Settings shared by these tests: token auth on, a few moderation words. */
export const READERS_ENV: Record<string, string> = {
  AUTH_JWT_SECRET: TEST_JWT_SECRET,
  COMMENTS_BANNED_WORDS: "bannedword, very bad phrase",
  COMMENTS_SUSPECT_WORDS: "suspectword, fishy",
};

/** A run-unique suffix: Redis is shared by test files and runs, so keys and subjects must not collide. */
export const RUN = randomBytes(4).toString("hex");

export function startReadersApp(env: Record<string, string> = {}, options: { db?: TestDatabase; clock?: () => Date } = {}): Promise<TestApp> {
  return startTestApp({ ...READERS_ENV, ...env }, options);
}

/** A signed bearer token for `sub` with `roles`. */
export async function token(sub: string, roles: Role[] = ["READER"], name?: string): Promise<string> {
  return signToken({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_TOKEN_TTL: "1h" }, { sub, roles, name: name ?? sub });
}

export async function authHeaders(sub: string, roles: Role[] = ["READER"], name?: string): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await token(sub, roles, name)}` };
}

/** Polls `check` until it holds (or fails after `ms`). */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface Subscription<T = any> {
  events: T[];
  errors: unknown[];
  /** Resolves once `n` events arrived. */
  received(n: number, ms?: number): Promise<T[]>;
  stop(): void;
}

export interface WsClient {
  client: Client;
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): Subscription<T>;
  close(): Promise<void>;
}

/** A graphql-ws client for the app at `httpUrl`, signed in with `authorization` when given. */
export function wsClient(httpUrl: string, authorization?: string): WsClient {
  const client = createClient({
    url: httpUrl.replace(/^http/, "ws") + "/graphql",
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
  });
  const stops: Array<() => void> = [];
  return {
    client,
    subscribe<T>(query: string, variables?: Record<string, unknown>): Subscription<T> {
      const events: T[] = [];
      const errors: unknown[] = [];
      const stop = client.subscribe<T>(
        { query, variables },
        {
          next: (v) => {
            if (v.errors) errors.push(v.errors);
            else events.push(v.data as T);
          },
          error: (e) => errors.push(e),
          complete: () => undefined,
        },
      );
      stops.push(stop);
      return {
        events,
        errors,
        stop,
        async received(n, ms = 5000) {
          await waitUntil(() => events.length >= n || errors.length > 0, `${n} subscription events`, ms);
          if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
          return events;
        },
      };
    },
    async close() {
      for (const s of stops) s();
      await client.dispose();
    },
  };
}

/** Resolves once the app really listens on `topic` (and id): the subscription reached the server. */
export function listening(t: TestApp, topic: TopicName, id?: string, n = 1): Promise<void> {
  return waitUntil(() => t.app.services.events.listeners(topic, id) >= n, `a ${topic} subscriber`);
}

export const ADD_COMMENT = `mutation($input: AddCommentInput!) {
  addComment(input: $input) { id body status depth parentId authorName moderation { rule word } }
}`;

/** A published article with a speaker and a quote, created through the editors' API. */
export async function publishedArticle(t: TestApp, title = `Story ${RUN} ${randomBytes(3).toString("hex")}`): Promise<{ id: string; slug: string }> {
  const editor = await authHeaders(`editor-${RUN}`, ["EDITOR"]);
  const created = await t.gql(`mutation($input: CreateArticleInput!) { createArticle(input: $input) { id slug } }`, { input: { title, body: `Body of ${title}.` } }, editor);
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data.createArticle.id;
  const pub = await t.gql(`mutation($id: ID!) { publishArticle(id: $id) { id status } }`, { id }, editor);
  if (pub.errors) throw new Error(JSON.stringify(pub.errors));
  return { id, slug: created.data.createArticle.slug };
}
