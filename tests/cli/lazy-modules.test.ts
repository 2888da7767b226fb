// A standalone server on PostgreSQL must not carry what only other modes use: @apollo/gateway (with
// composition and the query planner, ~15 MB of heap) is for gateway mode, PGlite for the embedded
// database. Checked in a fresh Node process, whose require cache tells what was loaded.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const DIST = join(__dirname, "..", "..");

/**
 * The child writes its module list to a file with writeFileSync before it exits, and the parent reads
 * the file after the child has exited: a list of ~200 KB on a pipe could be cut short by process.exit
 * (a fresh clone under load once read only the first 219,264 characters).
 */
function loadedAfter(script: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "ng-lazy-"));
  const out = join(dir, "modules.json");
  try {
    execFileSync(
      process.execPath,
      [
        "-e",
        `${script}.then(() => { require("node:fs").writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))); process.exit(0); }, (e) => { console.error(e); process.exit(1); })`,
      ],
      { cwd: DIST, stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, LOG_LEVEL: "silent" } },
    );
    return JSON.parse(readFileSync(out, "utf8")) as string[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const has = (files: string[], pkg: string) => files.some((f) => f.includes(`/node_modules/${pkg}/`));

test("standalone mode builds its graph without loading @apollo/gateway", () => {
  const files = loadedAfter(
    `const { loadConfig } = require("./src/config"); const { createLogger } = require("./src/logger");` +
      `require("./src/http/app");` +
      `require("./src/federation/served-graph").servedGraph(loadConfig({}), createLogger("silent"), (f) => f)`,
  );
  expect(has(files, "@apollo/subgraph")).toBe(true); // the graph was built
  expect(has(files, "@apollo/gateway")).toBe(false);
  expect(has(files, "@apollo/composition")).toBe(false);
});

test("the server's modules do not load PGlite until the embedded database is opened", () => {
  const files = loadedAfter(`require("./src/cli/serve"); require("./src/http/app"); require("./src/db/database"); Promise.resolve()`);
  expect(has(files, "typeorm")).toBe(true);
  expect(has(files, "@electric-sql/pglite")).toBe(false);
});
