// A throwaway PostgreSQL primary and a streaming replica of it, started from the installed binaries in a
// temporary directory on free ports, for the read-replica tests. The shared server of this machine is never
// touched: its pg_hba allows no replication connections, and its configuration is not ours to change.
// PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` OS user.
import { execFile } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "pg";

const run = promisify(execFile);
export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

/** Why the cluster cannot start here, or undefined when it can. */
export function clusterUnavailable(): string | undefined {
  if (!process.env.DATABASE_URL) return "no DATABASE_URL: read replicas need PostgreSQL";
  for (const b of ["initdb", "pg_ctl", "pg_basebackup", "postgres"]) if (!existsSync(join(PG_BIN, b))) return `${join(PG_BIN, b)} is missing`;
  if (process.getuid?.() === 0 && !existsSync("/usr/sbin/runuser") && !existsSync("/sbin/runuser")) return "running as root without runuser (postgres will not run as root)";
  return undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function asPostgres(bin: string, args: string[]): Promise<string> {
  const root = process.getuid?.() === 0;
  const [cmd, argv] = root ? ["runuser", ["-u", "postgres", "--", join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
  const { stdout } = await run(cmd, argv, { timeout: 60_000 });
  return stdout;
}

export interface PgCluster {
  primaryPort: number;
  replicaPort: number;
  /** postgres:// URL of database `db` on the primary / the replica. */
  primaryUrl(db?: string): string;
  replicaUrl(db?: string): string;
  /** Runs SQL on the replica (database `db`). */
  onReplica<T = Record<string, unknown>>(sql: string, db?: string): Promise<T[]>;
  /** Kills the replica (immediate shutdown: no goodbye to its clients), and starts it again. */
  killReplica(): Promise<void>;
  startReplica(): Promise<void>;
  /** Stops both servers and removes the directory. */
  destroy(): Promise<void>;
}

export async function startPgCluster(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), "ng-pgcluster-"));
  const root = process.getuid?.() === 0;
  const uid = root ? Number((await run("id", ["-u", "postgres"])).stdout.trim()) : undefined;
  const gid = root ? Number((await run("id", ["-g", "postgres"])).stdout.trim()) : undefined;
  if (root) chownSync(dir, uid!, gid!);
  const primaryDir = join(dir, "primary");
  const replicaDir = join(dir, "replica");
  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  const started: string[] = [];
  const ctl = (data: string, action: string, extra: string[] = []) =>
    asPostgres("pg_ctl", ["-D", data, "-l", join(dir, `${action === "stop" ? "stop" : "log"}-${data === primaryDir ? "primary" : "replica"}.log`), ...extra, "-w", "-t", "60", action]);
  const stopAll = async () => {
    for (const d of started.reverse()) await asPostgres("pg_ctl", ["-D", d, "-m", "immediate", "-w", "stop"]).catch(() => {});
  };
  try {
    await asPostgres("initdb", ["-D", primaryDir, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"]);
    // Settings shared by the replica (pg_basebackup copies postgresql.conf): quick and small, hot standby,
    // pg_stat_statements so the tests can count what each server ran.
    const conf = [
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${dir}'`,
      "wal_level = replica",
      "max_wal_senders = 4",
      "hot_standby = on",
      "fsync = off",
      "synchronous_commit = off",
      "full_page_writes = off",
      "shared_buffers = 16MB",
      "max_connections = 60",
      "shared_preload_libraries = 'pg_stat_statements'",
      "pg_stat_statements.track = top",
      "",
    ].join("\n");
    appendFileSync(join(primaryDir, "postgresql.conf"), conf);
    await ctl(primaryDir, "start", ["-o", `-p ${primaryPort}`]);
    started.push(primaryDir);
    await asPostgres("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primaryPort), "-U", "postgres", "-D", replicaDir, "-R", "-X", "stream", "-c", "fast", "--no-sync"]);
    writeFileSync(join(dir, "README"), "newsgraph test cluster: removed when the test ends\n");
    await ctl(replicaDir, "start", ["-o", `-p ${replicaPort}`]);
    started.push(replicaDir);
  } catch (err) {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const url = (port: number, db: string) => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    primaryPort,
    replicaPort,
    primaryUrl: (db = "postgres") => url(primaryPort, db),
    replicaUrl: (db = "postgres") => url(replicaPort, db),
    async onReplica<T>(sql: string, db = "postgres") {
      const c = new Client({ connectionString: url(replicaPort, db) });
      await c.connect();
      try {
        return (await c.query(sql)).rows as T[];
      } finally {
        await c.end();
      }
    },
    async killReplica() {
      await asPostgres("pg_ctl", ["-D", replicaDir, "-m", "immediate", "-w", "stop"]);
    },
    async startReplica() {
      await ctl(replicaDir, "start", ["-o", `-p ${replicaPort}`]);
    },
    async destroy() {
      await stopAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
