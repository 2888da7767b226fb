// Every example in README.md returns data on a fresh start (the seed article): each ```graphql block, and
// each curl command of a ```sh block, sent as written. The token recipe is followed too: one exported
// AUTH_JWT_SECRET for the server and for `newsgraph token`, whose token the server must accept.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { readFileSync } from "node:fs";
import { seed } from "../../src/seed/seed";
import { projectPath } from "../../src/paths";
import { startTestApp, type TestApp } from "../support/test-app";

const README = readFileSync(projectPath("README.md"), "utf8");
const SECRET = "readme-example-secret-0123456789abcdef";
const graphqlBlocks = [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
const shellBlocks = [...README.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
const curlBlocks = shellBlocks.filter((b) => /curl .*\/graphql/.test(b));

/** The problems of an answer that would show a newcomer nothing: errors, null roots, empty lists or counts. */
function emptiness(value: unknown, path = "data"): string[] {
  if (value === null || value === undefined) return [`${path} is ${value}`];
  if (Array.isArray(value)) return value.length === 0 ? [`${path} is empty`] : value.flatMap((v, i) => emptiness(v, `${path}[${i}]`));
  if (typeof value === "object") {
    const out: string[] = [];
    for (const [k, v] of Object.entries(value)) {
      if (k === "totalCount" && v === 0) out.push(`${path}.totalCount is 0`);
      // Only lists must be non-empty; scalar nulls (a speaker without a role, a quote without a cue) are data.
      if (Array.isArray(v) || (typeof v === "object" && v !== null)) out.push(...emptiness(v, `${path}.${k}`));
    }
    return out;
  }
  return [];
}

/** The JSON body of `--data '…'` in a curl command (the shell's backslash-newlines joined). */
function curlBody(block: string): { query: string } {
  const m = /--data '([^']*)'/.exec(block.replace(/\\\n\s*/g, " "));
  if (!m) throw new Error(`no --data '…' in:\n${block}`);
  return JSON.parse(m[1]!) as { query: string };
}

/**
 * Runs the `newsgraph token …` line of the block, as the README says, with the exported secret. Not with
 * spawnSync: the server under test runs in this process, and a blocked event loop let its keep-alive
 * sockets time out under the client's feet (ECONNRESET on a loaded machine).
 */
async function tokenFrom(block: string): Promise<string> {
  const m = /\$\(node bin\/newsgraph\.js (token [^)]*)\)/.exec(block);
  if (!m) throw new Error(`no token command in:\n${block}`);
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [projectPath("bin", "newsgraph.js"), ...m[1]!.split(/\s+/)], {
    env: { ...process.env, AUTH_JWT_SECRET: SECRET },
    encoding: "utf8",
  });
  expect(stderr).toBe("");
  return stdout.trim();
}

describe("README examples", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ AUTH_JWT_SECRET: SECRET });
    await seed(t.db.dataSource);
  });
  afterAll(() => t.close());

  it("has GraphQL examples and curl examples, and the token recipe exports one secret for both", () => {
    expect(graphqlBlocks.length).toBeGreaterThanOrEqual(3);
    expect(curlBlocks.length).toBeGreaterThanOrEqual(2);
    const recipe = curlBlocks.find((b) => b.includes("$TOKEN"))!;
    expect(recipe).toMatch(/^export AUTH_JWT_SECRET=/m);
    expect(recipe.indexOf("export AUTH_JWT_SECRET")).toBeLessThan(recipe.indexOf("npm start"));
  });

  it.each(graphqlBlocks.map((q, i) => [i, q]))("GraphQL block %i returns data", async (_i, query) => {
    const res = await t.gql(query);
    expect(res.errors).toBeUndefined();
    expect(emptiness(res.data)).toEqual([]);
  });

  it.each(curlBlocks.map((b, i) => [i, b]))("curl block %i returns data", async (_i, block) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (block.includes("$TOKEN")) headers.authorization = `Bearer ${await tokenFrom(block)}`;
    const res = await fetch(`${t.url}/graphql`, { method: "POST", headers, body: JSON.stringify(curlBody(block)) });
    const body = (await res.json()) as { data?: unknown; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(res.status).toBe(200);
    expect(emptiness(body.data)).toEqual([]);
  });
});
