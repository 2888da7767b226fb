// What compiling one root field's selection into SQL shares between the two modes (entity-compiler.ts,
// response-compiler.ts): the statement's parameters, row aliases and to-one joins, the entities' columns,
// nested lists over the services' keyset queries, and the connection selection read once for both modes.
// A compiler is made per statement; the mode is its class, chosen once at the root (read-planner.ts).
import { getNamedType, GraphQLError, type FieldNode, type GraphQLField, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import { getArgumentValues } from "graphql/execution/values";
import type { DataSource } from "typeorm";
import { Article } from "../../entities/article.entity";
import { Comment } from "../../entities/comment.entity";
import { Outlet } from "../../entities/outlet.entity";
import { Quote } from "../../entities/quote.entity";
import { Reaction } from "../../entities/reaction.entity";
import { Speaker } from "../../entities/speaker.entity";
import type { ArticleService } from "../articles/article.service";
import type { Visibility } from "../auth/visibility";
import type { CommentService } from "../comments/comment.service";
import type { ConnectionValue } from "../pagination/connection.types";
import { buildMatchedPageQuery, buildMatchQuery, buildPageQuery, PARENT_IDS, type ListQuery } from "../pagination/keyset-query";
import { pageRequest, type ConnectionArgsLike, type PageRequest } from "../pagination/page-request";
import type { QuoteService } from "../quotes/quote.service";
import type { ReactionService } from "../reactions/reaction.service";
import type { SpeakerService } from "../speakers/speaker.service";

/** SQL producing one JSON value, and how to turn that value into what the field resolver returns. */
export interface Plan<T> {
  sql: string;
  build(json: unknown): T;
}

/** The object types the planner builds, and their entities. */
export const ENTITIES = { Article, Outlet, Quote, Speaker, Comment, Reaction } as const;
export type NodeKind = keyof typeof ENTITIES;

/** An edge field beyond node and cursor, read from a column the list query selects. */
export interface EdgeExtra {
  column: string;
  convert(value: unknown): unknown;
}

const numberOrNull = (v: unknown) => (v == null ? null : Number(v));
const stringOrNull = (v: unknown) => (v == null ? null : v);
/** Article and quote lists: rank and highlight when searched, null otherwise. */
export const SEARCH_EDGE: Record<string, EdgeExtra> = {
  rank: { column: "__rank", convert: numberOrNull },
  highlight: { column: "__highlight", convert: stringOrNull },
};

/**
 * A quote search's rank and highlight columns in the list query: connection() reads them only when the
 * edges select them, and Postgres drops a subquery's unread columns (no ts_headline runs otherwise).
 */
export const SEARCH_COLUMNS = { rank: true, highlight: true } as const;

/** Which cursors a connection's selection reads: every edge's, only pageInfo's first and last, or none. */
export type CursorsWanted = "each" | "ends" | "none";

export interface ReadPlannerServices {
  articles: ArticleService;
  quotes: QuoteService;
  comments: CommentService;
  reactions: ReactionService;
  speakers: SpeakerService;
}

export interface Column {
  prop: string;
  date: boolean;
  nullable: boolean;
}

/** The columns of each planned entity: all of them, by property, and those always fetched (id, foreign keys). */
export class EntityColumns {
  private readonly cache = new Map<NodeKind, { all: Column[]; byProp: Map<string, Column>; always: Column[] }>();

  constructor(private readonly ds: DataSource) {}

  of(kind: NodeKind) {
    let cols = this.cache.get(kind);
    if (!cols) {
      const meta = this.ds.getMetadata(ENTITIES[kind]);
      const all = meta.columns.map((col) => ({ prop: col.propertyName, date: col.type === "timestamptz" || col.type === Date, nullable: col.isNullable }));
      // The id and the foreign keys: what the loaders need when a child field falls back to them.
      const always = all.filter((col) => col.prop === "id" || meta.relations.some((r) => r.joinColumns.some((j) => j.propertyName === col.prop)));
      cols = { all, byProp: new Map(all.map((col) => [col.prop, col])), always };
      this.cache.set(kind, cols);
    }
    return cols;
  }
}

/** What every compiler of one planner shares: the database, the services' list queries, columns and field plans. */
export interface PlannerParts {
  ds: DataSource;
  services: ReadPlannerServices;
  columns: EntityColumns;
  fieldPlans: FieldPlanLookup;
}

/**
 * A field's plan for a node whose row is the SQL alias `row`; null leaves the field to its resolver. The
 * compiler passed is the one of the mode the plan was registered for (field-plan-table.ts).
 */
export type FieldPlan = (c: SelectionCompiler, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) => Plan<unknown> | null;

/** How the compilers find registered field plans (FieldPlanTable implements it; they never import plans). */
export interface FieldPlanLookup {
  entity(type: NodeKind, field: string): FieldPlan | undefined;
  response(type: NodeKind, field: string): FieldPlan | undefined;
}

/** `$n` placeholders of a list query moved up by `offset`, so it can sit inside a larger statement. */
function shiftParams(q: ListQuery, offset: number): ListQuery {
  const shift = (sql: string) => sql.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + offset}`);
  return {
    select: shift(q.select),
    from: shift(q.from),
    where: q.where.map(shift),
    ...(q.matchWhere ? { matchWhere: q.matchWhere.map(shift) } : {}),
    params: q.params,
    keys: q.keys.map((k) => ({ ...k, expr: shift(k.expr) })),
    descending: q.descending,
    narrow: q.narrow,
  };
}

/**
 * A connection's value `value` (read from `from`, if any), with the narrow list's match as a CTE when
 * there is one. MATERIALIZED: without it Postgres may fold the CTE into the page's subquery and walk the
 * sort index again.
 */
export function withMatch(match: string | null, q: ListQuery, value: string, from = ""): string {
  if (match) return `(WITH ${match} AS MATERIALIZED (${buildMatchQuery(q)}) SELECT ${value}${from})`;
  return from ? `(SELECT ${value}${from})` : value;
}

/** A connection's selection and its list, ready for a mode to write (SelectionCompiler.connection). */
export interface ConnectionInput {
  kind: NodeKind;
  connType: GraphQLObjectType;
  connFields: Map<string, readonly FieldNode[]>;
  edgeType: GraphQLObjectType;
  edgeFields: Map<string, readonly FieldNode[]>;
  /** The node's field nodes (empty when the edges do not ask for it). */
  nodeNodes: readonly FieldNode[];
  cursors: CursorsWanted;
  /** The list, its parameters moved into the statement's and tied to its parent row. */
  q: ListQuery;
  page: PageRequest;
  /** The CTE name of a narrow list's match, if any. */
  match: string | null;
  /** The totalCount expression, when asked. */
  total: string | null;
  extras: Record<string, EdgeExtra>;
  /** The edge fields asked for that the list computes. */
  extraCols: Array<[string, EdgeExtra]>;
}

export abstract class SelectionCompiler {
  /** The statement's parameters, in order. */
  readonly params: unknown[] = [];
  /** Counter for row aliases (`pl_1`, `pl_2`, …), unique in the statement so subqueries can refer to their parent row. */
  private aliases = 0;
  /** To-one relations of each row alias, as LEFT JOIN LATERAL clauses for the FROM that introduces the row (joinsOf). */
  private readonly joins = new Map<string, string[]>();

  readonly schema: GraphQLSchema;
  readonly fragments: GraphQLResolveInfo["fragments"];
  readonly variables: Record<string, unknown>;

  constructor(
    readonly parts: PlannerParts,
    info: GraphQLResolveInfo,
    readonly vis: Visibility,
  ) {
    this.schema = info.schema;
    this.fragments = info.fragments;
    this.variables = info.variableValues;
  }

  get services(): ReadPlannerServices {
    return this.parts.services;
  }

  /** A node of `kind` whose row is the SQL alias `row`, with its selection below it. */
  abstract node(kind: NodeKind, nodes: readonly FieldNode[], row: string): Plan<object | null>;

  /** A to-one relation: the row of `kind` whose id is `${row}."${fk}"` (and that `condition` allows). */
  abstract relation(kind: NodeKind, nodes: readonly FieldNode[], row: string, fk: string, table: string, condition?: string | null, seenByList?: boolean): Plan<object | null>;

  /** A connection with no rows asked and no total: nothing to fetch. */
  protected abstract emptyConnection(page: PageRequest): Plan<ConnectionValue<object>>;

  /** The connection's SQL (and build) in this mode. */
  protected abstract writeConnection(input: ConnectionInput): Plan<ConnectionValue<object>>;

  alias(): string {
    this.aliases += 1;
    return `pl_${this.aliases}`;
  }

  /** Registers a to-one relation's join on `row` (written by joinsOf). */
  protected addJoin(row: string, join: string): void {
    const joins = this.joins.get(row) ?? [];
    joins.push(join);
    this.joins.set(row, joins);
  }

  /**
   * The to-one relations planned on `row`, as joins to write right after the FROM item that introduces it
   * (after its node is compiled, so that every relation has been registered).
   */
  joinsOf(row: string): string {
    const joins = this.joins.get(row);
    if (!joins) return "";
    this.joins.delete(row);
    return ` ${joins.join(" ")}`;
  }

  /** A count of rows that belong to `${row}`: `from` and `where` name the parent as ROW. */
  count(sql: string): Plan<number> {
    return { sql: `(${sql})`, build: (v) => Number(v ?? 0) };
  }

  /** A nested connection field of the node at `row`: its arguments, list query and parent column. */
  nested(
    kind: NodeKind,
    nodes: readonly FieldNode[],
    field: GraphQLField<unknown, unknown>,
    listFor: (args: Record<string, unknown>) => { list: ListQuery; parentExpr: string; extras?: Record<string, EdgeExtra> },
    row: string,
  ): Plan<ConnectionValue<object>> | null {
    const args = getArgumentValues(field, nodes[0], this.variables);
    const page = pageRequest(args as ConnectionArgsLike);
    const { list, parentExpr, extras } = listFor(args);
    return this.connection(kind, getNamedType(field.type) as GraphQLObjectType, nodes, list, page, { expr: parentExpr, ref: `${row}."id"` }, extras ?? {});
  }

  /**
   * A connection over `list` (one of the services' keyset queries): `parent` ties it to the row it
   * hangs from (null for a root list). Null when its selection has a field the planner does not know.
   */
  connection(
    kind: NodeKind,
    connType: GraphQLObjectType,
    nodes: readonly FieldNode[],
    list: ListQuery,
    page: PageRequest,
    parent: { expr: string; ref: string } | null,
    extras: Record<string, EdgeExtra>,
  ): Plan<ConnectionValue<object>> | null {
    const connFields = collectSubfields(this.schema, this.fragments, this.variables, connType, nodes);
    let edgeNodes: readonly FieldNode[] = [];
    let edgeKeys = 0;
    let wantTotal = false;
    let wantPageInfo = false;
    for (const [, fieldNodes] of connFields) {
      const name = fieldNodes[0].name.value;
      if (name === "edges") {
        edgeNodes = fieldNodes;
        edgeKeys += 1;
      } else if (name === "totalCount") wantTotal = true;
      else if (name === "pageInfo") wantPageInfo = true;
      else if (name !== "__typename") return null;
    }
    // Edges under two aliases share their node objects: planned children could collide. Leave it to the loaders.
    if (edgeKeys > 1) return null;
    const edgeType = getNamedType(connType.getFields().edges.type) as GraphQLObjectType;
    const edgeFields = edgeNodes.length ? collectSubfields(this.schema, this.fragments, this.variables, edgeType, edgeNodes) : new Map<string, readonly FieldNode[]>();
    let nodeNodes: readonly FieldNode[] = [];
    let nodeKeys = 0;
    const wantedExtras = new Set<string>();
    let wantCursor = false;
    for (const [, fieldNodes] of edgeFields) {
      const name = fieldNodes[0].name.value;
      if (name === "node") {
        nodeNodes = fieldNodes;
        nodeKeys += 1;
      } else if (extras[name]) wantedExtras.add(name);
      else if (name === "cursor") wantCursor = true;
      else if (name !== "__typename") return null;
    }
    if (nodeKeys > 1) return null;
    // Cursors cost a key per row in the statement and an encoding per edge: every edge's when asked, else
    // the first and last for pageInfo, else none.
    const cursors: CursorsWanted = wantCursor ? "each" : wantPageInfo ? "ends" : "none";

    // No rows and no total asked: nothing to fetch (and no parameter left unused in the statement).
    if (page.limit === 0 && !wantTotal) return this.emptyConnection(page);
    // The list's own parameters first, then whatever the node's children add, then the page bounds.
    const offset = this.params.length;
    const q = shiftParams(list, offset);
    this.params.push(...list.params);
    if (parent) {
      q.from = q.from.split(PARENT_IDS).join(`ARRAY[${parent.ref}]::uuid[]`);
      q.where = [...q.where, `${parent.expr} = ${parent.ref}`];
      if (q.matchWhere) q.matchWhere = [...q.matchWhere, `${parent.expr} = ${parent.ref}`];
    }
    // A narrow list (a search, a speaker) is matched once into a CTE of its sort keys that the page and
    // the count both read; any other list pages along its sort index and counts on its own.
    const match = page.limit > 0 && q.narrow ? `${this.alias()}_m` : null;
    const where = q.where.length ? ` WHERE ${q.where.join(" AND ")}` : "";
    const total = !wantTotal ? null : match ? `(SELECT count(*) FROM ${match})` : `(SELECT count(*) FROM ${q.from}${where})`;
    // Edge fields only when asked (a search's highlight costs a ts_headline per row), and only when the list computes them.
    const extraCols = Object.entries(extras).filter(([name, e]) => wantedExtras.has(name) && q.select.includes(`"${e.column}"`));
    return this.writeConnection({ kind, connType, connFields, edgeType, edgeFields, nodeNodes, cursors, q, page, match, total, extras, extraCols });
  }

  /**
   * The page query of list `q` (one row past the page, sort keys as "__o…"), matched from CTE `match` when
   * the list is narrow; its page bounds join the statement's parameters.
   */
  protected pageQuery(q: ListQuery, page: PageRequest, match: string | null) {
    q.select += q.keys.map((k, i) => `, (${k.expr}) AS "__o${i}"`).join("");
    const built = match ? buildMatchedPageQuery({ ...q, params: [...this.params] }, page, match) : buildPageQuery({ ...q, params: [...this.params] }, page);
    this.params.push(...built.params.slice(this.params.length));
    return built;
  }
}

/** A refused argument (page size, cursor) leaves the field to its resolver, which raises the same coded error at the same path; anything else is a bug. */
export function isRefusal(err: unknown): boolean {
  return err instanceof GraphQLError;
}
