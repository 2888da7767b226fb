// Response mode of the read planner: a statement that returns the root field's answer exactly as GraphQL
// serializes it (response keys, __typename, ISO dates, Relay edges, pageInfo, cursors: response-sql.ts),
// sent by the direct lane as it is. Anything it cannot write with graphql-js's result throws UNSUPPORTED,
// and the root then compiles the field in entity mode instead (read-planner.ts).
import { getNamedType, type FieldNode, type GraphQLField, type GraphQLObjectType } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import type { EntityTarget, ObjectLiteral } from "typeorm";
import type { ConnectionValue } from "../pagination/connection.types";
import { selectColumns } from "../pagination/entity-rows";
import { cursorSql, leafSql, UNSUPPORTED } from "./response-sql";
import { ENTITIES, isRefusal, SelectionCompiler, withMatch, type ConnectionInput, type NodeKind, type Plan } from "./selection-compiler";

/** The build of a response-mode plan: its JSON is the answer itself, never turned into values. */
export const RESPONSE_ONLY = (): never => {
  throw new Error("read planner: a response-mode plan has no values to build");
};

/** SQL for one field of an object, or null when it cannot be written (then UNSUPPORTED). */
export type FieldSql = (name: string, fieldNodes: readonly FieldNode[], def: GraphQLField<unknown, unknown>) => string | null;

export class ResponseCompiler extends SelectionCompiler {
  /**
   * A node: a JSON object with the selection's response keys, in its order, each value as GraphQL
   * serializes it; UNSUPPORTED for anything it cannot write so.
   */
  node(kind: NodeKind, nodes: readonly FieldNode[], row: string): Plan<object | null> {
    return { sql: this.nodeSql(kind, nodes, row), build: RESPONSE_ONLY };
  }

  private nodeSql(kind: NodeKind, nodes: readonly FieldNode[], row: string): string {
    const cols = this.parts.columns.of(kind);
    return this.object(this.schema.getType(kind) as GraphQLObjectType, nodes, (name, fieldNodes, def) => {
      const column = cols.byProp.get(name);
      // A plain field (no resolver of its own: src/graphql/plain-fields.ts) reads its column.
      if (column && !def.resolve) return leafSql(def.type, `${row}."${column.prop}"`, column.nullable);
      const fieldPlan = this.parts.fieldPlans.response(kind, name);
      if (!fieldPlan) return null;
      let plan: Plan<unknown> | null;
      try {
        plan = fieldPlan(this, fieldNodes, row, def);
      } catch (err) {
        // A refused argument is its resolver's to answer, through graphql-js.
        if (isRefusal(err)) throw UNSUPPORTED;
        throw err;
      }
      return plan ? plan.sql : null;
    });
  }

  /**
   * An object: the selection's response keys in order, `__typename` written here and every other field's
   * SQL from `value`, which gives null for a field it cannot write (then UNSUPPORTED).
   */
  object(type: GraphQLObjectType, nodes: readonly FieldNode[], value: FieldSql): string {
    const defs = type.getFields();
    const pairs: string[] = [];
    for (const [key, fieldNodes] of collectSubfields(this.schema, this.fragments, this.variables, type, nodes)) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") {
        pairs.push(`'${key}', '${type.name}'`);
        continue;
      }
      const sql = value(name, fieldNodes, defs[name]);
      if (sql === null) throw UNSUPPORTED;
      pairs.push(`'${key}', ${sql}`);
    }
    // json_build_object takes at most 100 arguments.
    if (pairs.length > 50) throw UNSUPPORTED;
    return `json_build_object(${pairs.join(", ")})`;
  }

  relation(kind: NodeKind, nodes: readonly FieldNode[], row: string, fk: string, table: string, condition?: string | null, seenByList = false): Plan<object | null> {
    // A relation the viewer may not see would need graphql-js's error under a non-null field, unless the
    // list the parent came from already keeps only rows whose relation is visible.
    if (condition && !seenByList) throw UNSUPPORTED;
    const alias = this.alias();
    const node = this.nodeSql(kind, nodes, alias);
    const t = table.split(" ")[1];
    const lookup =
      `SELECT ${selectColumns(this.parts.ds, ENTITIES[kind] as EntityTarget<ObjectLiteral>, t)} FROM ${table} ` + `WHERE ${t}.id = ${row}."${fk}"${condition ? ` AND ${condition}` : ""}`;
    // A lateral join, as in entity mode (entity-compiler.ts says why).
    this.addJoin(row, `LEFT JOIN LATERAL (${lookup}) ${alias} ON true${this.joinsOf(alias)}`);
    return { sql: `CASE WHEN ${alias}."id" IS NULL THEN NULL ELSE ${node} END`, build: RESPONSE_ONLY };
  }

  protected emptyConnection(): Plan<ConnectionValue<object>> {
    throw UNSUPPORTED;
  }

  /**
   * The connection: its selection's keys in order — edges (node, cursor, edge fields), pageInfo,
   * totalCount — over the same page query, in one pass over its rows (at most `limit` + 1).
   */
  protected writeConnection({ kind, connType, connFields, edgeType, edgeFields, q, page, match, total, extras }: ConnectionInput): Plan<ConnectionValue<object>> {
    // An empty page answers without a look at its rows (pageValue's special cases): not in response mode.
    if (page.limit <= 0) throw UNSUPPORTED;
    const limit = Math.trunc(page.limit);
    const row = this.alias();
    const edgePairs: string[] = [];
    const cursor = cursorSql(q.keys.map((_, i) => `${row}."__k${i}"`));
    const edgeDefs = edgeType.getFields();
    for (const [key, fieldNodes] of edgeFields) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") edgePairs.push(`'${key}', '${edgeType.name}'`);
      else if (name === "node") edgePairs.push(`'${key}', ${this.nodeSql(kind, fieldNodes, row)}`);
      else if (name === "cursor") edgePairs.push(`'${key}', ${cursor}`);
      else if (extras[name]) {
        const column = extras[name].column;
        // An edge field the list does not compute is null (as pageValue makes it).
        const computed = q.select.includes(`"${column}"`);
        edgePairs.push(`'${key}', ${computed ? leafSql(edgeDefs[name].type, `${row}."${column}"`, false) : leafSql(edgeDefs[name].type, "NULL", true)}`);
      } else throw UNSUPPORTED;
    }
    const readDir = q.descending ? "DESC" : "ASC";
    const order = q.keys.map((_, i) => `${row}."__o${i}" ${readDir}`).join(", ");
    const agg = `${row}_a`;
    const more = `(${agg}.n > ${limit})`;
    const pairs: string[] = [];
    let wantCursors = false;
    // Whether pageInfo asks if rows follow (or, paging backwards, precede) the page: only then is the row
    // past the page fetched and counted.
    let wantMore = false;
    for (const [key, fieldNodes] of connFields) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") pairs.push(`'${key}', '${connType.name}'`);
      else if (name === "totalCount") pairs.push(`'${key}', ${total}`);
      else if (name === "edges") pairs.push(`'${key}', ${agg}.e`);
      else if (name === "pageInfo") {
        const infoType = getNamedType(connType.getFields().pageInfo.type) as GraphQLObjectType;
        const infoPairs: string[] = [];
        for (const [infoKey, infoNodes] of collectSubfields(this.schema, this.fragments, this.variables, infoType, fieldNodes)) {
          const field = infoNodes[0].name.value;
          const value =
            field === "__typename"
              ? `'${infoType.name}'`
              : field === "hasNextPage"
                ? page.backward
                  ? String(Boolean(page.before))
                  : more
                : field === "hasPreviousPage"
                  ? page.backward
                    ? more
                    : String(Boolean(page.after))
                  : field === "startCursor"
                    ? `${agg}.ks[1]`
                    : field === "endCursor"
                      ? `${agg}.ks[array_length(${agg}.ks, 1)]`
                      : null;
          if (value === null) throw UNSUPPORTED;
          if (field === "startCursor" || field === "endCursor") wantCursors = true;
          if (value === more) wantMore = true;
          infoPairs.push(`'${infoKey}', ${value}`);
        }
        pairs.push(`'${key}', json_build_object(${infoPairs.join(", ")})`);
      } else throw UNSUPPORTED;
    }
    // buildPageQuery fetches one row past the page; without wantMore, asking for one row less fetches the page alone.
    const built = this.pageQuery(q, wantMore ? page : { ...page, limit: page.limit - 1 }, match);
    // Rows come in the direction of the page (backwards for `last`/`before`), numbered so when the one past
    // the page is among them; edges read forwards.
    const fetchDir = q.descending !== page.backward ? "DESC" : "ASC";
    const numbered = wantMore
      ? `(SELECT x.*, row_number() OVER (ORDER BY ${q.keys.map((_, i) => `x."__o${i}" ${fetchDir}`).join(", ")}) AS "__rn" FROM (${built.sql}) x) ${row}`
      : `(${built.sql}) ${row}`;
    const kept = wantMore ? `FILTER (WHERE ${row}."__rn" <= ${limit})` : "";
    const aggregate =
      `SELECT coalesce(json_agg(json_build_object(${edgePairs.join(", ")}) ORDER BY ${order}) ${kept}, '[]'::json) AS e, count(*) AS n` +
      // The page's cursors, for pageInfo's startCursor and endCursor only.
      `${wantCursors ? `, array_agg(${cursor} ORDER BY ${order}) ${kept} AS ks` : ""} FROM ${numbered}${this.joinsOf(row)}`;
    return { sql: withMatch(match, q, `json_build_object(${pairs.join(", ")})`, ` FROM (${aggregate}) ${agg}`), build: RESPONSE_ONLY };
  }
}
