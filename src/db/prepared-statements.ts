// Named (server-side prepared) statements for the read planner's SQL. A planned statement's text depends
// only on the shape of the selection and its values are parameters, so the same few texts repeat: named,
// each pooled connection parses and plans a text once and then only binds and executes it.
import { createHash } from "node:crypto";
import type { Pool, QueryResultRow } from "pg";
import { type DataSource, QueryFailedError } from "typeorm";
import { onReplica } from "./replicas/read-routing";

/**
 * Which statement texts get a name. A named statement lives in every pooled backend until the connection
 * closes (node-postgres never deallocates), so names are handed to the first `limit` distinct texts and
 * never taken back: an LRU would keep naming new shapes and grow every backend without bound, whereas a
 * cap bounds each backend to `limit` statements. Clients can send endless shapes; those beyond the cap
 * run unnamed, as before.
 */
export class PreparedStatementNames {
  private readonly names = new Map<string, string>();

  constructor(readonly limit: number) {}

  /** The statement name for `text`, or undefined when it should run unnamed. */
  nameFor(text: string): string | undefined {
    const known = this.names.get(text);
    if (known !== undefined || this.names.size >= this.limit) return known;
    const name = `ng_${createHash("sha1").update(text).digest("hex")}`;
    this.names.set(text, name);
    return name;
  }

  /** How many texts have a name. */
  get size(): number {
    return this.names.size;
  }
}

/**
 * Runs read statements, named when `names` allows it. Named statements go to TypeORM's pg pool directly
 * (TypeORM's query() passes only text and values); they are still counted and logged through the
 * DataSource's logger and fail as TypeORM's do (QueryFailedError wrapping the driver's error), so
 * statement timeouts and lost connections map to the same client errors.
 */
export class StatementRunner {
  constructor(
    private readonly ds: DataSource,
    private readonly names: PreparedStatementNames | null,
  ) {}

  /** `prepare`: the caller's word that one plan suits every value of this statement's parameters. */
  async rows<T extends QueryResultRow>(text: string, values: unknown[], prepare: boolean): Promise<T[]> {
    const name = prepare ? this.names?.nameFor(text) : undefined;
    // Inside a read scope: the request's replica (src/db/replicas/read-routing.ts).
    const routed = await onReplica<T>(this.ds, { text, values, name }, () => this.onPrimary<T>(text, values, name));
    return routed ?? this.onPrimary<T>(text, values, name);
  }

  private async onPrimary<T extends QueryResultRow>(text: string, values: unknown[], name: string | undefined): Promise<T[]> {
    if (name === undefined) return this.ds.query(text, values);
    this.ds.logger.logQuery(text, values);
    try {
      const result = await (this.ds.driver as unknown as { master: Pool }).master.query<T>({ name, text, values });
      return result.rows;
    } catch (err) {
      this.ds.logger.logQueryError(err as Error, text, values);
      throw new QueryFailedError(text, values, err as Error);
    }
  }
}
