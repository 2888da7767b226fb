// `node embedded-init.js DATA_DIR`: creates an embedded (PGlite) database cluster in DATA_DIR and exits.
// Run as a child process by embedded.ts, so the memory initdb takes is returned to the OS with it.
import { PGlite } from "@electric-sql/pglite";
import { EMBEDDED_START_PARAMS } from "./embedded";

async function main(dataDir: string | undefined): Promise<void> {
  if (!dataDir) throw new Error("usage: embedded-init DATA_DIR");
  const db = await PGlite.create({ dataDir, startParams: EMBEDDED_START_PARAMS });
  await db.close();
}

main(process.argv[2]).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
