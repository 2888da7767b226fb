// Entity mode of the read planner: a statement that returns nested JSON of entity rows, built back into
// entity objects with the planned children attached to them (src/planner/planned.ts), for graphql-js or
// the direct execution to walk. What the planner does not cover is left to the field resolvers, which
// then find every column on the node.
import type { FieldNode, GraphQLObjectType } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import type { EntityTarget, ObjectLiteral } from "typeorm";
import type { ConnectionValue } from "../pagination/connection.types";
import { encodeCursor, type CursorValue } from "../pagination/cursor";
import { selectColumns } from "../pagination/entity-rows";
import type { PageRequest } from "../pagination/page-request";
import { attachPlanned } from "./planned";
import { ENTITIES, isRefusal, SelectionCompiler, withMatch, type Column, type ConnectionInput, type CursorsWanted, type EdgeExtra, type NodeKind, type Plan } from "./selection-compiler";

type Json = Record<string, unknown>;

/** json_build_object takes at most 100 arguments: a node with more planned children leaves the rest to the loaders. */
const MAX_CHILDREN = 40;

/** The connection value from the JSON a connection plan fetched: edges with cursors, pageInfo, totalCount. */
function pageValue(json: unknown, page: PageRequest, node: Plan<object | null> | null, extras: Record<string, EdgeExtra>, cursors: CursorsWanted): ConnectionValue<object> {
  const j = json as { r: Array<{ n: unknown; k: CursorValue; e?: Json }>; t?: number };
  const hasMore = j.r.length > page.limit;
  const kept = j.r.slice(0, page.limit);
  if (page.backward) kept.reverse();
  const extraNames = Object.entries(extras);
  const edges = kept.map((r) => {
    const edge: Record<string, unknown> = {};
    for (const [name, e] of extraNames) edge[name] = e.convert(r.e?.[e.column]);
    edge.node = node?.build(r.n);
    if (cursors === "each") edge.cursor = encodeCursor(r.k);
    return edge;
  });
  const first = kept[0];
  const last = kept[kept.length - 1];
  const totalCount = j.t === undefined ? undefined : Number(j.t);
  return {
    edges,
    pageInfo: {
      hasNextPage: page.backward ? Boolean(page.before) : hasMore,
      hasPreviousPage: page.backward ? hasMore : Boolean(page.after),
      startCursor: first && cursors !== "none" ? encodeCursor(first.k) : null,
      endCursor: last && cursors !== "none" ? encodeCursor(last.k) : null,
    },
    count: () => {
      // totalCount is fetched whenever the selection asks for it, and only then is it read.
      if (totalCount === undefined) throw new Error("read planner: totalCount read but not planned");
      return totalCount;
    },
  };
}

export class EntityCompiler extends SelectionCompiler {
  /**
   * A node of `kind` whose row is the SQL alias `row` (columns named after the entity's properties):
   * its selected columns as a JSON object, plus the planned children under "__p" by response key.
   */
  node(kind: NodeKind, nodes: readonly FieldNode[], row: string): Plan<object | null> {
    const type = this.schema.getType(kind) as GraphQLObjectType;
    const fields = collectSubfields(this.schema, this.fragments, this.variables, type, nodes);
    const cols = this.parts.columns.of(kind);
    const wanted = new Set<Column>(cols.always);
    let everyColumn = false;
    const children: Array<{ key: string; plan: Plan<unknown> }> = [];
    for (const [key, fieldNodes] of fields) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") continue;
      const column = cols.byProp.get(name);
      const fieldPlan = this.parts.fieldPlans.entity(kind, name);
      if (column) wanted.add(column);
      else if (fieldPlan && children.length < MAX_CHILDREN) {
        const mark = this.params.length;
        let plan: Plan<unknown> | null;
        try {
          plan = fieldPlan(this, fieldNodes, row, type.getFields()[name]);
        } catch (err) {
          if (!isRefusal(err)) throw err;
          plan = null;
        }
        if (plan) children.push({ key, plan });
        else this.params.length = mark;
      } else {
        // A field with a resolver of its own the planner does not know: give that resolver the whole row.
        everyColumn = true;
      }
    }
    const used = everyColumn ? cols.all : [...wanted];
    const pairs = used.map((col) => `'${col.prop}', ${row}."${col.prop}"`);
    if (children.length) pairs.push(`'__p', json_build_object(${children.map((ch) => `'${ch.key}', ${ch.plan.sql}`).join(", ")})`);
    const Entity = ENTITIES[kind] as unknown as new () => Record<string, unknown>;
    return {
      sql: `json_build_object(${pairs.join(", ")})`,
      build(json) {
        if (json == null) return null;
        const j = json as Json;
        const out = new Entity();
        for (const col of used) {
          const v = j[col.prop];
          out[col.prop] = col.date && v != null ? new Date(v as string) : v;
        }
        const planned = j.__p as Json | undefined;
        for (const ch of children) attachPlanned(out, ch.key, ch.plan.build(planned?.[ch.key]));
        return out;
      },
    };
  }

  relation(kind: NodeKind, nodes: readonly FieldNode[], row: string, fk: string, table: string, condition?: string | null): Plan<object | null> {
    const alias = this.alias();
    const node = this.node(kind, nodes, alias);
    const t = table.split(" ")[1];
    const lookup =
      `SELECT ${selectColumns(this.parts.ds, ENTITIES[kind] as EntityTarget<ObjectLiteral>, t)} FROM ${table} ` + `WHERE ${t}.id = ${row}."${fk}"${condition ? ` AND ${condition}` : ""}`;
    // A lateral join on the parent's row rather than a scalar subquery per row: PostgreSQL costs a join's
    // repeated lookups as the index scans they are, where a subquery on a small table (a few hundred
    // outlets) was planned as a sequential scan repeated for every row (a quarter of the front page's
    // backend CPU). The id is unique, so the join adds no rows; the relation's own relations follow it.
    this.addJoin(row, `LEFT JOIN LATERAL (${lookup}) ${alias} ON true${this.joinsOf(alias)}`);
    return { sql: `CASE WHEN ${alias}."id" IS NULL THEN NULL ELSE ${node.sql} END`, build: node.build };
  }

  protected emptyConnection(page: PageRequest): Plan<ConnectionValue<object>> {
    return { sql: `json_build_object('r', '[]'::json)`, build: (json) => pageValue(json, page, null, {}, "none") };
  }

  protected writeConnection({ kind, nodeNodes, cursors, q, page, match, total, extras, extraCols }: ConnectionInput): Plan<ConnectionValue<object>> {
    let pageSql: string | null = null;
    let node: Plan<object | null> | null = null;
    if (page.limit > 0) {
      const row = this.alias();
      node = this.node(kind, nodeNodes, row);
      const built = this.pageQuery(q, page, match);
      const dir = q.descending !== page.backward ? "DESC" : "ASC";
      const keys = cursors === "none" ? "" : `, 'k', json_build_array(${q.keys.map((_, i) => `${row}."__k${i}"`).join(", ")})`;
      const order = q.keys.map((_, i) => `${row}."__o${i}" ${dir}`).join(", ");
      const edgeExtras = extraCols.length ? `, 'e', json_build_object(${extraCols.map(([, e]) => `'${e.column}', ${row}."${e.column}"`).join(", ")})` : "";
      pageSql = `(SELECT coalesce(json_agg(json_build_object('n', ${node.sql}${keys}${edgeExtras}) ORDER BY ${order}), '[]'::json) ` + `FROM (${built.sql}) ${row}${this.joinsOf(row)})`;
    }
    const value = `json_build_object('r', ${pageSql ?? "'[]'::json"}${total ? `, 't', ${total}` : ""})`;
    const built = node;
    return { sql: withMatch(match, q, value), build: (json) => pageValue(json, page, built, extras, cursors) };
  }
}
