// Which database a read goes to. Reads go to the primary unless the code around them says otherwise: a
// request that is a query opens a read scope (src/http/read-routing.ts), and the statements run inside it
// through DataSource.query() or the prepared-statement runner go to the replica picked for that request.
// Everything else — transactions (their own query runner), mutations, subscriptions, cache invalidation,
// the CLI — never sees a scope and stays on the primary.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Pool, QueryResultRow } from "pg";
import { type DataSource, QueryFailedError } from "typeorm";
import type { Replica, ReplicaSet } from "./replica-set";
import { parseLsn } from "./replica-set";
import type { ViewerWrites } from "./viewer-writes";

/** Where one request reads. `replica` undefined: the primary. */
interface ReadScope {
  replica?: Replica;
  router?: ReadRouter;
}

const scopes = new AsyncLocalStorage<ReadScope>();

export type ReadTarget = "replica" | "primary";

export interface ReadRouterHooks {
  /** One statement answered, by where it ran (`fallback`: a replica failed it and the primary answered). */
  onRead?(target: ReadTarget | "fallback"): void;
  /** A replica failed a read and was taken out until its next healthy check. */
  onReplicaFailed?(replica: string, err: Error): void;
}

export class ReadRouter {
  private next = 0;

  constructor(
    readonly replicas: ReplicaSet,
    private readonly writes: ViewerWrites,
    /** The primary's WAL insert position (`pg_current_wal_insert_lsn()` as text): at or past every commit so far. */
    private readonly insertLsn: () => Promise<string>,
    readonly hooks: ReadRouterHooks = {},
  ) {}

  /**
   * The replica for a read request of `viewer` (null: anonymous without an address), or undefined for the
   * primary: a healthy replica, one that has replayed the viewer's last write if they made one.
   */
  async pick(viewer: string | null): Promise<Replica | undefined> {
    let candidates = this.replicas.healthy();
    if (candidates.length === 0) return undefined;
    if (viewer !== null) {
      let last: string | undefined;
      try {
        last = await this.writes.last(viewer);
      } catch {
        return undefined; // cannot tell whether they just wrote (Redis away): the primary has it all
      }
      if (last !== undefined) {
        const lsn = lastRecordEnd(parseLsn(last));
        candidates = candidates.filter((r) => r.replayLsn !== null && r.replayLsn >= lsn);
        if (candidates.length === 0) return undefined;
      }
    }
    this.next = (this.next + 1) % candidates.length;
    return candidates[this.next];
  }

  /** After `viewer`'s write committed: their reads stay on the primary until a replica has replayed it. */
  async recordWrite(viewer: string): Promise<void> {
    await this.writes.record(viewer, await this.insertLsn());
  }

  /** Runs `fn` with its reads on `replica` (undefined: the primary). */
  run<T>(replica: Replica | undefined, fn: () => T): T {
    return scopes.run({ replica, router: this }, fn);
  }

  async close(): Promise<void> {
    await this.replicas.close();
    await this.writes.close();
  }
}

const XLOG_PAGE = 8192n;
const XLOG_SEGMENT = 16n * 1024n * 1024n;

/**
 * The insert position as the end of the last record: at the start of a WAL page the insert position points
 * past the page header (24 bytes; 40 at a segment's first page), while a replica's replay position stops
 * at the end of the record before it. Without this, a write whose commit ended a page would keep its
 * author on the primary until the next WAL record.
 */
function lastRecordEnd(insert: bigint): bigint {
  if (insert % XLOG_SEGMENT === 40n) return insert - 40n;
  if (insert % XLOG_PAGE === 24n) return insert - 24n;
  return insert;
}

/** The replica the current read scope reads from, if any. */
export function currentReplica(): Replica | undefined {
  return scopes.getStore()?.replica;
}

/** Only plain reads may leave the primary (a query's SQL is only ever SELECT or WITH … SELECT). */
function isRead(sql: string): boolean {
  return /^\s*(SELECT|WITH)\b/i.test(sql) && !/\bFOR\s+(UPDATE|SHARE|NO\s+KEY\s+UPDATE|KEY\s+SHARE)\b/i.test(sql);
}

/**
 * Errors a replica gives that the primary would not: the replica is away or restarting (no SQLSTATE, or
 * class 08 connection / 57P operator intervention), or recovery cancelled the statement (40001 on a hot
 * standby, 57014 is a timeout and stays a timeout).
 */
function replicaFault(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith("08") || code.startsWith("57P") || code === "40001" || code === "53300";
}

/**
 * Runs a read on the scope's replica when there is one; on a replica fault, takes the replica out and runs
 * it on the primary instead. Counted and logged through the DataSource's logger like every statement.
 * Returns undefined when the statement is not the replica's (no scope, or not a plain read).
 */
export async function onReplica<T extends QueryResultRow>(ds: DataSource, query: { text: string; values?: unknown[]; name?: string }, primary: () => Promise<T[]>): Promise<T[] | undefined> {
  const scope = scopes.getStore();
  if (!scope?.replica || !isRead(query.text)) return undefined;
  const { replica, router } = scope;
  ds.logger.logQuery(query.text, query.values);
  try {
    const result = await (replica.pool as Pool).query<T>({ text: query.text, values: query.values, ...(query.name ? { name: query.name } : {}) });
    router?.hooks.onRead?.("replica");
    return result.rows;
  } catch (err) {
    if (!replicaFault(err)) {
      ds.logger.logQueryError(err as Error, query.text, query.values);
      throw new QueryFailedError(query.text, query.values ?? [], err as Error);
    }
    replica.markDown((err as Error).message.slice(0, 200));
    router?.hooks.onReplicaFailed?.(replica.name, err as Error);
    // The rest of this request reads from the primary too.
    scope.replica = undefined;
    router?.hooks.onRead?.("fallback");
    return primary();
  }
}

const ROUTED = Symbol("newsgraph.routedReads");

/**
 * Lets DataSource.query() send reads to the current scope's replica. Statements with a query runner (in a
 * transaction, or on a checked-out connection) are never routed. Idempotent; a no-op outside a read scope.
 */
export function routeDataSourceReads(ds: DataSource): void {
  const marked = ds as unknown as { [ROUTED]?: boolean };
  if (marked[ROUTED]) return;
  marked[ROUTED] = true;
  const original = ds.query.bind(ds);
  ds.query = (async (sql: string, parameters?: unknown[], queryRunner?: unknown) => {
    if (queryRunner) return original(sql, parameters, queryRunner as never);
    const rows = await onReplica(ds, { text: sql, values: parameters }, () => original(sql, parameters));
    return rows ?? original(sql, parameters);
  }) as DataSource["query"];
}

/** Runs `fn` with no read scope: its statements go to the primary whatever request it serves. */
export function onPrimary<T>(fn: () => T): T {
  return scopes.exit(fn);
}

/** Points the current request's read scope (opened by ReadRouter.run) at `replica`; false without a scope. */
export function readFrom(replica: Replica | undefined): boolean {
  const scope = scopes.getStore();
  if (!scope) return false;
  scope.replica = replica;
  return true;
}
