// A migrated embedded database, dumped once per test run, so each test file can start its own fresh
// embedded database in under a second instead of initialising one (about five seconds).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createDataSource } from "../../src/db/database";
import { startEmbeddedPostgres } from "../../src/db/embedded";
import { QueryCounter } from "../../src/db/query-counter";
import { projectPath } from "../../src/paths";

export const TEMPLATE_PATH = projectPath("dist", ".pglite-template.tar");

export async function writeTemplate(): Promise<void> {
  const pg = await startEmbeddedPostgres();
  try {
    const ds = createDataSource(pg.url, 1, new QueryCounter());
    await ds.initialize();
    await ds.runMigrations({ transaction: "each" });
    await ds.destroy();
    const dump = await pg.db.dumpDataDir("none");
    writeFileSync(TEMPLATE_PATH, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pg.stop();
  }
}

export function readTemplate(): Blob | undefined {
  return existsSync(TEMPLATE_PATH) ? new Blob([readFileSync(TEMPLATE_PATH)]) : undefined;
}
