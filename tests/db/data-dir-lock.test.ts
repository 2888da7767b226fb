// The embedded data folder's lock, in one process: exclusive, released on close, stale locks (a dead
// PID, a half-written file) taken over.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DataDirInUseError, LOCK_FILE, dataDirHolder, lockDataDir } from "../../src/db/data-dir-lock";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "ng-lock-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The PID of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

it("is exclusive: a second opener gets DATA_DIR_IN_USE naming the holder's PID and port", () => {
  const lock = lockDataDir(dir, "serve");
  lock.update({ port: 4123 });
  let err: unknown;
  try {
    lockDataDir(dir, "ingest");
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(DataDirInUseError);
  expect((err as DataDirInUseError).code).toBe("DATA_DIR_IN_USE");
  expect((err as Error).message).toContain(`in use by newsgraph PID ${process.pid} on port 4123; stop it, or set DATABASE_URL`);
  expect(dataDirHolder(dir)).toMatchObject({ pid: process.pid, command: "serve", port: 4123 });
  lock.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  lockDataDir(dir).release(); // free again
});

it("names the holder's command while it has no port yet", () => {
  const lock = lockDataDir(dir, "ingest");
  expect(() => lockDataDir(dir)).toThrow(`in use by newsgraph PID ${process.pid} (newsgraph ingest)`);
  lock.release();
});

it("takes over a stale lock whose process is gone", () => {
  const pid = deadPid();
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid, command: "serve", port: 4000, startedAt: "2026-01-01T00:00:00Z" }));
  expect(dataDirHolder(dir)).toBeUndefined();
  const lock = lockDataDir(dir, "serve");
  expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid, command: "serve" });
  expect(existsSync(join(dir, `${LOCK_FILE}.takeover`))).toBe(false);
  lock.release();
});

it("takes over a half-written lock file and one left mid-takeover by a dead process", () => {
  writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
  writeFileSync(join(dir, `${LOCK_FILE}.takeover`), String(deadPid()));
  const lock = lockDataDir(dir);
  expect(dataDirHolder(dir)?.pid).toBe(process.pid);
  lock.release();
});

it("release leaves a lock that another process took meanwhile alone", () => {
  const lock = lockDataDir(dir);
  const other = { pid: process.ppid, command: "serve", startedAt: "" };
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify(other));
  lock.release();
  expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
});

it("ignores a lock file that came with a copy of another folder (a dump, a backup)", () => {
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, command: "serve", startedAt: "x", dataDir: "/somewhere/else" }));
  expect(dataDirHolder(dir)).toBeUndefined();
  const lock = lockDataDir(dir);
  expect(dataDirHolder(dir)).toMatchObject({ pid: process.pid, dataDir: dir });
  lock.release();
});
