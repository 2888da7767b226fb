// A TypeORM logger that counts SQL statements (for the N+1 tests and metrics) and logs failures.
import type { Logger as TypeOrmLogger, QueryRunner } from "typeorm";

export type QueryListener = (sql: string) => void;

/** Counts every statement TypeORM sends; tests read `count` before and after an operation. */
export class QueryCounter implements TypeOrmLogger {
  count = 0;
  private listeners = new Set<QueryListener>();

  constructor(private readonly onError?: (message: string, sql: string) => void) {}

  /** Calls `listener` with each statement until the returned function is called. */
  listen(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  logQuery(query: string, _parameters?: unknown[], _queryRunner?: QueryRunner): void {
    this.count++;
    for (const l of this.listeners) l(query);
  }

  logQueryError(error: string | Error, query: string): void {
    this.onError?.(typeof error === "string" ? error : error.message, query);
  }

  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
