// One process at a time in an embedded data folder. PGlite is Postgres in one process: two processes
// opening the same folder each believe they own it, and their writes destroy each other (a second
// `serve`, or `ingest` beside a running server, once lost every article and left broken indexes).
//
// The process that opens the folder creates `newsgraph.lock` in it (exclusively, O_EXCL) with its PID,
// its command and, once the HTTP server listens, its port. Another process finds the file and stops
// with DataDirInUseError. A lock whose PID no longer runs (the holder was SIGKILLed or crashed) is
// stale and taken over: under a second exclusive file, so two processes that find the same stale lock
// at once cannot both take it.
import { closeSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";

export const LOCK_FILE = "newsgraph.lock";

/** What the lock file records about its holder. */
export interface LockHolder {
  pid: number;
  /** The newsgraph command that holds the folder (`serve`, `ingest`, …). */
  command: string;
  /** The HTTP port of a serving holder, once it listens. */
  port?: number;
  startedAt: string;
  /** The folder as its holder named it: a lock found in another folder came with a copy (a dump, a backup) and binds no one. */
  dataDir?: string;
}

/** The folder is held by another live process. */
export class DataDirInUseError extends Error {
  readonly code = "DATA_DIR_IN_USE";
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    const who = `newsgraph PID ${holder.pid}` + (holder.port !== undefined ? ` on port ${holder.port}` : ` (newsgraph ${holder.command})`);
    super(
      `DATA_DIR_IN_USE: the data folder ${dataDir} is in use by ${who}; stop it, or set DATABASE_URL to use a PostgreSQL server. ` +
        `(If no such process runs, delete ${join(dataDir, LOCK_FILE)}.)`,
    );
    this.name = "DataDirInUseError";
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Adds facts to the lock file (the port, once the server listens). */
  update(facts: Partial<Pick<LockHolder, "port">>): void;
  /** Removes the lock file (idempotent). */
  release(): void;
}

/** True while a process with this PID exists (EPERM: it exists, owned by someone else). */
function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(path: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8")) as LockHolder;
    return typeof parsed.pid === "number" ? parsed : { pid: -1, command: "?", startedAt: "" };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    // Unreadable or half-written (the holder died while writing it): no live holder can be named.
    return { pid: -1, command: "?", startedAt: "" };
  }
}

/** A lock file that names another folder came with a copy of its folder: it binds no one here. */
function isCopy(holder: LockHolder, dataDir: string): boolean {
  return holder.dataDir !== undefined && holder.dataDir !== dataDir;
}

/** Creates `path` holding `text` only if it does not exist; false if it does. */
function createExclusive(path: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, "wx", 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes the stale lock at `path` (its holder dead, or the file copied from elsewhere), unless another process is doing the same:
 * only the process that creates the takeover file may remove it, and it checks again that the lock is
 * still the stale one before it does.
 */
function removeStale(path: string, stale: LockHolder, dataDir: string): void {
  const takeover = `${path}.takeover`;
  if (!createExclusive(takeover, String(process.pid))) {
    const other = Number(readFileSync(takeover, "utf8"));
    // A takeover file left by a process that died in these few lines: remove it and try again later.
    if (!isAlive(other)) unlinkSync(takeover);
    return;
  }
  try {
    const now = readHolder(path);
    if (now && now.pid === stale.pid && now.startedAt === stale.startedAt && (isCopy(now, dataDir) || !isAlive(now.pid))) unlinkSync(path);
  } finally {
    unlinkSync(takeover);
  }
}

/** Takes the lock of `dataDir` for this process, or throws DataDirInUseError naming its live holder. */
export function lockDataDir(folder: string, command = process.argv[2] ?? "node"): DataDirLock {
  const dataDir = resolve(folder);
  const path = join(dataDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, command, startedAt: new Date().toISOString(), dataDir };
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(path, JSON.stringify(holder) + "\n")) break;
    const existing = readHolder(path);
    if (!existing) continue; // released meanwhile
    if (!isCopy(existing, dataDir) && existing.pid > 0 && isAlive(existing.pid)) throw new DataDirInUseError(dataDir, existing);
    if (attempt >= 50) throw new DataDirInUseError(dataDir, existing);
    removeStale(path, existing, dataDir);
    if (attempt > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20); // another process is taking it over
  }
  let released = false;
  // A process that exits without closing its database (process.exit, an uncaught error) still releases.
  const onExit = () => lock.release();
  process.once("exit", onExit);
  const lock: DataDirLock = {
    path,
    update(facts) {
      if (released) return;
      Object.assign(holder, facts);
      // Replace, never rewrite in place: a reader sees the old or the new file, not half of one.
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(holder) + "\n");
      renameSync(temp, path);
    },
    release() {
      if (released) return;
      released = true;
      process.removeListener("exit", onExit);
      const now = readHolder(path);
      if (now?.pid === process.pid) unlinkSync(path);
    },
  };
  return lock;
}

/** Who holds `dataDir` now, if a live process does (for messages and tests). */
export function dataDirHolder(dataDir: string): LockHolder | undefined {
  const holder = readHolder(join(dataDir, LOCK_FILE));
  return holder && !isCopy(holder, resolve(dataDir)) && holder.pid > 0 && isAlive(holder.pid) ? holder : undefined;
}
