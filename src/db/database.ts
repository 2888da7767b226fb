// Opens newsgraph's database: the embedded PGlite by default, a PostgreSQL server when DATABASE_URL is set.
import { DataSource } from "typeorm";
import { ENTITIES } from "../../entities";
import type { Config } from "../config";
import { startEmbeddedPostgres, type EmbeddedOptions, type EmbeddedPostgres } from "./embedded";
import { MIGRATIONS } from "./migrations";
import { QueryCounter } from "./query-counter";

export interface Database {
  dataSource: DataSource;
  queries: QueryCounter;
  /** True on the embedded database (a single session: one connection). */
  embedded: boolean;
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
}

/** A DataSource over `url` with newsgraph's entities and migrations. Never synchronizes. */
export function createDataSource(url: string, poolSize: number, logger: QueryCounter): DataSource {
  return new DataSource({
    type: "postgres",
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: "migrations",
    synchronize: false,
    logger,
    extra: { max: poolSize, connectionTimeoutMillis: 5000 },
  });
}

/** Connects (starting the embedded database first when no URL is given) and applies migrations. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  let url = options.url;
  if (!url) {
    embedded = await startEmbeddedPostgres(options.embedded);
    url = embedded.url;
  }
  const queries = new QueryCounter(options.onQueryError);
  const dataSource = createDataSource(url, embedded ? 1 : (options.poolSize ?? 10), queries);
  try {
    await dataSource.initialize();
    if (options.migrate !== false) await dataSource.runMigrations({ transaction: "each" });
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw err;
  }
  return {
    dataSource,
    queries,
    embedded: Boolean(embedded),
    async close() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}

/** The database the configuration names. */
export function openConfiguredDatabase(config: Config, options: Omit<OpenDatabaseOptions, "url" | "poolSize"> = {}) {
  return openDatabase({
    url: config.DATABASE_URL,
    poolSize: config.DB_POOL_SIZE,
    embedded: config.DATABASE_URL ? undefined : { dataDir: config.DATA_DIR },
    ...options,
  });
}
