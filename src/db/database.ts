// Opens newsgraph's database: the embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set.
import { Client, type ClientConfig } from "pg";
import { DataSource, MigrationExecutor } from "typeorm";
import { ENTITIES } from "../../entities";
import type { Config } from "../config";
// Types only: PGlite is loaded when the embedded database is used, not with DATABASE_URL.
import type { EmbeddedOptions, EmbeddedPostgres } from "./embedded";
import { describeConnectFailure } from "./connection-errors";
import { MIGRATIONS } from "./migrations";
import { QueryCounter } from "./query-counter";

export interface Database {
  dataSource: DataSource;
  queries: QueryCounter;
  /** True on the embedded database (a single session: one connection). */
  embedded: boolean;
  /** Records the HTTP port of the serving process in the embedded data folder's lock (no-op otherwise). */
  announcePort(port: number): void;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** postgres:// URL; omit for the embedded database. */
  url?: string;
  /** For the embedded database: where it keeps its files (omit for memory) or a dump to start from. */
  embedded?: EmbeddedOptions;
  poolSize?: number;
  /** Apply pending migrations after connecting (the default). */
  migrate?: boolean;
  onQueryError?: (message: string, sql: string) => void;
  /** Connection limits; see ConnectionOptions. */
  connection?: ConnectionOptions;
  /** Errors of idle pooled connections (e.g. the server restarted): reported here, never thrown. */
  onPoolError?: (err: Error) => void;
}

/** How connections behave when the database is slow or away. */
export interface ConnectionOptions {
  /** PostgreSQL statement_timeout in ms (0: none). The embedded database accepts it but cannot enforce it. */
  statementTimeoutMs?: number;
  /** How long to wait for a connection (new or from the pool) before failing, in ms. */
  connectTimeoutMs?: number;
  /** Errors of idle pooled connections (server restarted, backend terminated): logged, never thrown. */
  onPoolError?: (err: Error) => void;
}

/**
 * A pg Client that never lets an 'error' event go unhandled. A connection killed by the server
 * (pg_terminate_backend, restart) emits 'error' at moments when neither the pool nor TypeORM listens
 * (between checkout and TypeORM's listener); unhandled, that crashes the process. The pool and TypeORM
 * still see the error through their own listeners, and the pool drops the dead client.
 */
export class GuardedClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on("error", () => {});
  }
}

/** A DataSource over `url` with newsgraph's entities and migrations. Never synchronizes. */
export function createDataSource(url: string, poolSize: number, logger: QueryCounter, connection: ConnectionOptions = {}): DataSource {
  return new DataSource({
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "migrations",
    synchronize: false,
    logger,
    // Fail fast while the database is away (SERVICE_UNAVAILABLE), and never let a dead idle connection's
    // error reach the process as an unhandled 'error' event: the pool drops it and opens a new one later.
    extra: {
      max: poolSize,
      Client: GuardedClient,
      connectionTimeoutMillis: connection.connectTimeoutMs ?? 5000,
      keepAlive: true,
      ...(connection.statementTimeoutMs ? { statement_timeout: connection.statementTimeoutMs } : {}),
    },
    poolErrorHandler: connection.onPoolError ?? (() => {}),
  });
}

/** Connects (starting the embedded database first when no URL is given) and applies migrations. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.url;
  if (!url) {
    const { startEmbeddedPostgres } = await import("./embedded");
    embedded = await startEmbeddedPostgres(options.embedded);
    url = embedded.url;
  }
  const queries = new QueryCounter(options.onQueryError);
  const dataSource = createDataSource(url, embedded ? 1 : (options.poolSize ?? 10), queries, {
    ...options.connection,
    // The embedded database is one session in this process: it cannot be "away", and waiting for it is
    // queueing, not an outage (a short timeout would answer SERVICE_UNAVAILABLE under mere load).
    ...(embedded ? { connectTimeoutMs: Math.max(options.connection?.connectTimeoutMs ?? 0, 10_000) } : {}),
    onPoolError: options.onPoolError ?? options.connection?.onPoolError,
  });
  try {
    try {
      await dataSource.initialize();
    } catch (err) {
      // A server named by DATABASE_URL that cannot be reached: say which setting and what to check.
      throw options.url ? describeConnectFailure(err, options.url) : err;
    }
    if (options.migrate !== false) await runMigrationsWithoutTimeout(dataSource);
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    dataSource,
    queries,
    embedded: Boolean(embedded),
    announcePort(port) {
      embedded?.lock?.update({ port });
    },
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** Applies pending migrations on one connection with statement_timeout off: a migration may take longer than a request may. */
async function runMigrationsWithoutTimeout(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query("SET statement_timeout = 0");
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = "each";
    await executor.executePendingMigrations();
  } finally {
    // Back to the connection's own setting (from its startup parameters) before the pool reuses it.
    await runner.query("RESET statement_timeout").catch(() => {});
    await runner.release();
  }
}

/** The database the configuration names. */
export function openConfiguredDatabase(config: Config, options: Omit<OpenDatabaseOptions, "url" | "poolSize"> = {}) {
  return openDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DB_POOL_SIZE,
    embedded: config.DATABASE_URL ? undefined : { dataDir: config.DATA_DIR },
    connection: { statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS, connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS },
    ...options,
  });
}
