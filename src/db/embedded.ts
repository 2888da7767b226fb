// The embedded default database: PGlite (Postgres compiled to WebAssembly) served over a private
// Unix socket, so the rest of newsgraph talks to it through `pg` exactly as to a real server.
//
// Memory: creating a cluster (initdb) grows WebAssembly memory the process never gives back — a
// server that initialised its data folder itself sat at about 800 MiB RSS, against about 300 MiB
// when it opened an existing one. So a new data folder is initialised by a short-lived child process
// (embedded-init.ts) and then opened here. Shared buffers are 32 MB rather than Postgres's 128 MB:
// PGlite keeps them inside the WebAssembly memory and touches all of them at start, and one embedded
// session (development, demos, tests) does not need more; the OS caches the data files anyway.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { lockDataDir, type DataDirLock } from "./data-dir-lock";

/** Postgres settings of the embedded database, on top of PGlite's own start parameters. */
export const EMBEDDED_START_PARAMS = [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"];

/** Runs initdb for `dataDir` in a child process, whose memory goes back to the OS when it exits. */
async function initialiseInChild(dataDir: string): Promise<void> {
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [join(__dirname, "embedded-init.js"), dataDir], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`creating the embedded database in ${dataDir} failed (${code ?? signal}): ${stderr.trim()}`));
    });
  });
}

export interface EmbeddedPostgres {
  /** A `postgres://` URL that reaches the embedded database through its socket. */
  url: string;
  db: PGlite;
  /** The data folder's lock (none in memory): this process alone opens the folder until stop(). */
  lock?: DataDirLock;
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
  // Before anything touches the folder: a second process (another `serve`, an `ingest` beside a running
  // server) stops here with DATA_DIR_IN_USE instead of corrupting the database.
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  let db: PGlite | undefined;
  let server: PGLiteSocketServer | undefined;
  let socketDir: string | undefined;
  const port = 5432;
  try {
    if (dataDir && !options.loadDataDir && !existsSync(join(dataDir, "PG_VERSION"))) await initialiseInChild(dataDir);
    db = await PGlite.create({ dataDir, loadDataDir: options.loadDataDir, startParams: EMBEDDED_START_PARAMS });
    // A socket in a fresh private folder: short enough for the 107-byte limit, reachable by no one else.
    socketDir = mkdtempSync(join(tmpdir(), "ng-pg-"));
    server = new PGLiteSocketServer({ db, path: join(socketDir, `.s.PGSQL.${port}`) });
    await server.start();
  } catch (err) {
    await db?.close().catch(() => {});
    if (socketDir) rmSync(socketDir, { recursive: true, force: true });
    lock?.release();
    throw err;
  }
  const url = `postgres://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}`;
  const [pg, socketServer, socketFolder] = [db, server, socketDir];
  let stopped = false;
  return {
    url,
    db: pg,
    lock,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await socketServer.stop();
        await pg.close();
        rmSync(socketFolder, { recursive: true, force: true });
      } finally {
        lock?.release();
      }
    },
  };
}
