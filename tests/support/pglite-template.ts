// A migrated embedded database, dumped once per test run, so each test file can start its own fresh
// embedded database in under a second instead of initialising one (about five seconds, and tens of
// seconds on a busy machine). It is made the way `newsgraph serve` makes a new DATA_DIR (a cluster
// created on disk by a child process, then migrated), so that path runs in every test run too.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDataSource } from "../../src/db/database";
import { startEmbeddedPostgres } from "../../src/db/embedded";
import { QueryCounter } from "../../src/db/query-counter";
import { projectPath } from "../../src/paths";

export const TEMPLATE_PATH = projectPath("dist", ".pglite-template.tar");

export async function writeTemplate(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "ng-template-"));
  const pg = await startEmbeddedPostgres({ dataDir });
  try {
    const ds = createDataSource(pg.url, 1, new QueryCounter());
    await ds.initialize();
    await ds.runMigrations({ transaction: "each" });
    await ds.destroy();
    const dump = await pg.db.dumpDataDir("none");
    writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pg.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function readTemplate(): Blob | undefined {
  return existsSync(TEMPLATE_PATH) ? new Blob([readFileSync(TEMPLATE_PATH)]) : undefined;
}

/**
 * Fills the empty folder `dataDir` with the migrated template, so a `newsgraph serve` child process
 * on it opens an existing database instead of creating one (for tests whose subject is not creation:
 * crashes, restarts, shutdown). The template is written first when this run has none (on PostgreSQL
 * runs the global setup skips it).
 */
export async function copyTemplateTo(dataDir: string): Promise<void> {
  if (!existsSync(TEMPLATE_PATH)) await writeTemplate();
  mkdirSync(dataDir, { recursive: true });
  const tar = spawnSync("tar", ["-xf", TEMPLATE_PATH, "-C", dataDir], { encoding: "utf8" });
  if (tar.status !== 0) throw new Error(`could not unpack ${TEMPLATE_PATH} into ${dataDir}: ${tar.stderr || tar.error?.message}`);
}
