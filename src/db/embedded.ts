// The embedded default database: PGlite (Postgres compiled to WebAssembly) served over a private
// Unix socket, so the rest of newsgraph talks to it through `pg` exactly as to a real server.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A `postgres://` URL that reaches the embedded database through its socket. */
  url: string;
  db: PGlite;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the data files; omit for an in-memory database (tests). */
  dataDir?: string;
  /** A data directory dump (from `dumpDataDir`) to start from, instead of an empty cluster. */
  loadDataDir?: Blob | File;
}

/** Starts PGlite and a socket server for it. PGlite is a single session: use a pool of one connection. */
export async function startEmbeddedPostgres(options: EmbeddedOptions = {}): Promise<EmbeddedPostgres> {
  let dataDir: string | undefined;
  if (options.dataDir) {
    dataDir = resolve(options.dataDir);
    mkdirSync(dataDir, { recursive: true });
  }
  const db = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir });
  // A socket in a fresh private folder: short enough for the 107-byte limit, reachable by no one else.
  const socketDir = mkdtempSync(join(tmpdir(), "ng-pg-"));
  const port = 5432;
  const server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${port}`) });
  await server.start();
  const url = `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`;
  let stopped = false;
  return {
    url,
    db,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}
