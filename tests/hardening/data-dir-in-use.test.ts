// Real processes on one embedded data folder: while `newsgraph serve` holds it, a second `serve` and
// an `ingest` stop with DATA_DIR_IN_USE (naming the server's PID and port) and change nothing; after
// the server is SIGKILLed its stale lock is taken over, and what `ingest` stores then is there when the
// server starts again.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectPath } from "../../src/paths";
import { startChildServer, type ChildServer } from "../support/child-server";
import { copyTemplateTo } from "../support/pglite-template";

const BASE_ENV = { DATABASE_URL: "", REDIS_URL: "", SEED_ON_EMPTY: "false" };
const SEED = projectPath("tests", "fixtures", "seed", "article.txt");

let dataDir: string;
let servers: ChildServer[] = [];

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "ng-inuse-"));
  await copyTemplateTo(dataDir);
});
afterEach(async () => {
  for (const s of servers) {
    if (s.child.exitCode === null && s.child.signalCode === null) {
      s.child.kill("SIGKILL");
      await s.exited;
    }
  }
  servers = [];
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the CLI to its end; resolves with its exit code and complete output. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [projectPath("bin", "newsgraph.js"), ...args], {
    env: { ...process.env, ...BASE_ENV, DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", NODE_ENV: "test", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}

async function articleTitles(url: string): Promise<string[]> {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: "{ articles(first: 10) { edges { node { title } } } }" }),
  });
  const body = (await res.json()) as { data: { articles: { edges: Array<{ node: { title: string } }> } } };
  return body.data.articles.edges.map((e) => e.node.title);
}

it("refuses a second process while serve holds the folder, and takes over the lock of a SIGKILLed server", async () => {
  const first = await startChildServer({ ...BASE_ENV, DATA_DIR: dataDir }, 150_000);
  servers.push(first);
  const port = new URL(first.url).port;
  const inUse = `the data folder ${dataDir} is in use by newsgraph PID ${first.child.pid} on port ${port}; stop it, or set DATABASE_URL`;

  const ingest = await cli(["ingest", SEED]);
  expect(ingest.stderr).toContain(inUse);
  expect(ingest.code).not.toBe(0);
  const second = await cli(["serve"]);
  expect(second.stderr).toContain(inUse);
  expect(second.code).not.toBe(0);
  expect(await articleTitles(first.url)).toEqual([]); // the refused ingest stored nothing

  first.child.kill("SIGKILL");
  await first.exited;
  const after = await cli(["ingest", SEED]);
  expect(after.stderr).toBe("");
  expect(after.stdout).toMatch(/^ingested 1\/1 files: 1 articles created/);
  expect(after.code).toBe(0);

  const restarted = await startChildServer({ ...BASE_ENV, DATA_DIR: dataDir }, 150_000);
  servers.push(restarted);
  expect(await articleTitles(restarted.url)).toHaveLength(1);
  restarted.child.kill("SIGTERM");
  expect((await restarted.exited).code).toBe(0);
}, 300_000);
