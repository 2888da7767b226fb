// The read replicas of the primary: one small pg pool each, and a checker that asks every replica, every
// REPLICA_CHECK_INTERVAL_MS, whether it answers and how far its replay has got.
//
// Lag is measured against the primary's own WAL position, sampled on the same tick: the checker keeps a
// short history of (time, primary LSN). A replica that has replayed up to LSN R is "caught up" when R is at
// least the primary's latest position; otherwise it is behind by the age of the oldest sample the replica
// has not reached yet. That is the time since the primary wrote what the replica still lacks (to within one
// tick), and it stays right on a quiet system, unlike `now() - pg_last_xact_replay_timestamp()`, which reads
// as minutes of lag after one write that follows a quiet hour.
import { Pool } from "pg";
import { GuardedClient } from "../database";

/** A WAL position (`pg_lsn` text such as `16/B374D848`) as a number that orders like the LSN. */
export function parseLsn(text: string): bigint {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text);
  if (!m) throw new Error(`not an LSN: ${text}`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

export type ReplicaState = "up" | "lagging" | "down";

export interface ReplicaStatus {
  name: string;
  state: ReplicaState;
  /** Milliseconds behind the primary at the last check (null while down or never checked). */
  lagMs: number | null;
  /** The last replayed position seen (null while unknown). */
  replayLsn: string | null;
  /** Why it is down, when it is. */
  error?: string;
}

/** A replica's name for logs, /readyz and /metrics: host, port and database, never credentials. */
export function replicaName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
}

export class Replica {
  readonly pool: Pool;
  state: ReplicaState = "down";
  lagMs: number | null = null;
  replayLsn: bigint | null = null;
  replayLsnText: string | null = null;
  error: string | undefined = "not checked yet";

  constructor(
    readonly name: string,
    url: string,
    options: { poolSize: number; connectTimeoutMs: number; statementTimeoutMs?: number },
  ) {
    this.pool = new Pool({
      connectionString: url,
      max: options.poolSize,
      Client: GuardedClient,
      connectionTimeoutMillis: options.connectTimeoutMs,
      keepAlive: true,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    });
    // An idle connection killed with its server: the pool drops it; the next check marks the replica down.
    this.pool.on("error", () => {});
  }

  /** A failed read: no more reads until a check finds it healthy again. */
  markDown(reason: string): void {
    this.state = "down";
    this.lagMs = null;
    this.error = reason;
  }

  status(): ReplicaStatus {
    return { name: this.name, state: this.state, lagMs: this.lagMs, replayLsn: this.replayLsnText, ...(this.error ? { error: this.error } : {}) };
  }
}

export interface ReplicaSetOptions {
  urls: string[];
  maxLagMs: number;
  checkIntervalMs: number;
  poolSize: number;
  connectTimeoutMs: number;
  statementTimeoutMs?: number;
  /** The primary's current WAL position (`pg_current_wal_lsn()` as text). */
  primaryLsn(): Promise<string>;
  onStateChange?(status: ReplicaStatus, previous: ReplicaState): void;
}

/** How long the primary's position history reaches back: lag beyond it reads as at least this. */
const HISTORY_MS = 10 * 60_000;

export class ReplicaSet {
  readonly replicas: Replica[];
  private readonly history: Array<{ at: number; lsn: bigint }> = [];
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: ReplicaSetOptions) {
    this.replicas = options.urls.map((url) => new Replica(replicaName(url), url, options));
  }

  get maxLagMs(): number {
    return this.options.maxLagMs;
  }

  /** Checks once now, then every checkIntervalMs. */
  async start(): Promise<void> {
    await this.check();
    const tick = () => {
      if (this.closed) return;
      this.timer = setTimeout(() => void this.check().finally(tick), this.options.checkIntervalMs);
      this.timer.unref();
    };
    tick();
  }

  /** One round of checks (concurrent calls share the round in flight). */
  check(): Promise<void> {
    this.checking ??= this.checkAll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async checkAll(): Promise<void> {
    const at = Date.now();
    let primary: bigint | undefined;
    try {
      primary = parseLsn(await this.options.primaryLsn());
      this.history.push({ at, lsn: primary });
      while (this.history.length > 2 && this.history[0].at < at - HISTORY_MS) this.history.shift();
    } catch {
      // The primary is away: replicas keep their last lag (a replica cannot be judged without it).
    }
    await Promise.all(this.replicas.map((r) => this.checkOne(r, at, primary)));
  }

  private async checkOne(r: Replica, at: number, primary: bigint | undefined): Promise<void> {
    const previous = r.state;
    try {
      const { rows } = await r.pool.query<{ replay: string | null; recovery: boolean }>(`SELECT pg_last_wal_replay_lsn()::text AS replay, pg_is_in_recovery() AS recovery`);
      const { replay, recovery } = rows[0];
      // Promoted (failover) or not a replica at all: reading from it could miss the primary's writes.
      if (!recovery || replay === null) throw new Error("not a streaming replica (not in recovery)");
      r.replayLsn = parseLsn(replay);
      r.replayLsnText = replay;
      if (primary !== undefined) r.lagMs = this.lagOf(r.replayLsn, at);
      r.error = undefined;
      r.state = r.lagMs !== null && r.lagMs <= this.options.maxLagMs ? "up" : "lagging";
    } catch (err) {
      r.markDown((err as Error).message.slice(0, 200));
    }
    if (r.state !== previous) this.options.onStateChange?.(r.status(), previous);
  }

  /** Milliseconds since the primary wrote the oldest WAL that `replay` lacks (0 when caught up). */
  private lagOf(replay: bigint, now: number): number {
    const latest = this.history[this.history.length - 1];
    if (!latest || replay >= latest.lsn) return 0;
    const firstMissing = this.history.find((s) => s.lsn > replay)!;
    return now - firstMissing.at;
  }

  /** Replicas that may take reads now. */
  healthy(): Replica[] {
    return this.replicas.filter((r) => r.state === "up");
  }

  statuses(): ReplicaStatus[] {
    return this.replicas.map((r) => r.status());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.checking?.catch(() => {});
    await Promise.all(this.replicas.map((r) => r.pool.end().catch(() => {})));
  }
}
