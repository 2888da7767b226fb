// The read planner: the root fields `article`, `articles`, `quotes` and `speaker` look ahead at their whole
// selection (fragments, aliases, arguments, @skip/@include) and fetch it with ONE SQL statement that
// returns nested JSON (correlated subqueries with json_build_object/json_agg), the way PostGraphile
// and the raw-SQL peer do. The lists inside it are the services' own keyset queries (same filters,
// visibility rules, order and cursors), composed per parent row instead of batched per field.
//
// The planned values are attached to the objects they belong to (src/planner/planned.ts) and the
// field resolvers return them. Whatever the planner does not cover — a field with a resolver of its
// own that it does not know, a list whose arguments are refused — it leaves to those resolvers, which
// then fetch through their DataLoaders as before (the planner also fetches every column of such a
// node, so those resolvers find what they need on it).
import {
  getNamedType,
  GraphQLError,
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type FragmentSpreadNode,
  type OperationDefinitionNode,
  type VariableNode,
  visit,
} from "graphql";
import { collectSubfields } from "graphql/execution/collectFields";
import { getArgumentValues } from "graphql/execution/values";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import { Article } from "../../entities/article.entity";
import { Comment } from "../../entities/comment.entity";
import { Outlet } from "../../entities/outlet.entity";
import { Quote } from "../../entities/quote.entity";
import { Reaction } from "../../entities/reaction.entity";
import { Speaker } from "../../entities/speaker.entity";
import { articleLookupColumn, articleVisibleSql, type ArticleFilter, type ArticleLookup, type ArticleOrder, type ArticleService } from "../articles/article.service";
import type { Visibility } from "../auth/visibility";
import { commentVisibleSql, type CommentOrder, type CommentService } from "../comments/comment.service";
import type { ConnectionValue } from "../pagination/connection.types";
import { encodeCursor, type CursorValue } from "../pagination/cursor";
import { selectColumns } from "../pagination/entity-rows";
import { buildMatchedPageQuery, buildMatchQuery, buildPageQuery, PARENT_IDS, type ListQuery } from "../pagination/keyset-query";
import { pageRequest, type ConnectionArgsLike, type PageRequest } from "../pagination/page-request";
import { SPEAKER_STAT_AGGREGATES, speakerQuotesSql, type QuoteFilter, type QuoteOrder, type QuoteService } from "../quotes/quote.service";
import { overallSentimentSql, reactionCountsSql, SENTIMENTS, summarizeReactions, type ReactionCountRow, type ReactionService } from "../reactions/reaction.service";
import { speakerLookupColumn, type SpeakerLookup, type SpeakerService } from "../speakers/speaker.service";
import { PreparedStatementNames, StatementRunner } from "../db/prepared-statements";
import { attachPlanned } from "./planned";
import { cursorSql, isoSql, leafSql, ResponseJson, UNSUPPORTED, Unsupported, wantsResponseText } from "./response-sql";

type Json = Record<string, unknown>;

/** SQL producing one JSON value, and how to turn that value into what the field resolver returns. */
interface Plan<T> {
  sql: string;
  build(json: unknown): T;
}

/** The state of compiling one operation's root field into a statement. */
interface Compilation {
  schema: GraphQLSchema;
  fragments: GraphQLResolveInfo["fragments"];
  variables: Record<string, unknown>;
  vis: Visibility;
  params: unknown[];
  /** Counter for row aliases (`pl_1`, `pl_2`, …), unique in the statement so subqueries can refer to their parent row. */
  aliases: number;
  /** Response mode: the statement returns the field's answer as GraphQL serializes it (response-sql.ts), not entity rows. */
  response: boolean;
  /** To-one relations of each row alias, as LEFT JOIN LATERAL clauses for the FROM that introduces the row (joinsOf). */
  joins: Map<string, string[]>;
}

/** The object types the planner builds, and their entities. */
const ENTITIES = { Article, Outlet, Quote, Speaker, Comment, Reaction } as const;
type NodeKind = keyof typeof ENTITIES;

/** A field the planner fetches for a node of some kind, given the SQL alias of the node's row. */
type ChildPlanner = (c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) => Plan<unknown> | null;

/** An edge field beyond node and cursor, read from a column the list query selects. */
interface EdgeExtra {
  column: string;
  convert(value: unknown): unknown;
}

const numberOrNull = (v: unknown) => (v == null ? null : Number(v));
const stringOrNull = (v: unknown) => (v == null ? null : v);
/** Article and quote lists: rank and highlight when searched, null otherwise. */
const SEARCH_EDGE: Record<string, EdgeExtra> = {
  rank: { column: "__rank", convert: numberOrNull },
  highlight: { column: "__highlight", convert: stringOrNull },
};

/**
 * A quote search's rank and highlight columns in the list query: connection() reads them only when the
 * edges select them, and Postgres drops a subquery's unread columns (no ts_headline runs otherwise).
 */
const SEARCH_COLUMNS = { rank: true, highlight: true } as const;

/** The build of a response-mode plan: its JSON is the answer itself, never turned into values. */
const RESPONSE_ONLY = (): never => {
  throw new Error("read planner: a response-mode plan has no values to build");
};

/** Which cursors a connection's selection reads: every edge's, only pageInfo's first and last, or none. */
type CursorsWanted = "each" | "ends" | "none";

/** Response-mode statements kept per operation, and the longest key (variables) worth keeping one for. */
const MAX_COMPILED_PER_OPERATION = 32;
const MAX_COMPILED_KEY = 2_000;

/** json_build_object takes at most 100 arguments: a node with more planned children leaves the rest to the loaders. */
const MAX_CHILDREN = 40;

interface Column {
  prop: string;
  date: boolean;
  nullable: boolean;
}

export interface ReadPlannerServices {
  articles: ArticleService;
  quotes: QuoteService;
  comments: CommentService;
  reactions: ReactionService;
  speakers: SpeakerService;
}

function rethrowUnlessRefused(err: unknown): null {
  // A list whose arguments are refused (page size, cursor) is left to its resolver, which raises the
  // same coded error at the same path; anything else is a bug and surfaces.
  if (err instanceof GraphQLError) return null;
  throw err;
}

/**
 * True when a root list's statement may be prepared: no filter, or a narrow one. A filtered list's best
 * plan depends on how selective the values are (a speaker with 11,000 quotes or with one, a common or a
 * rare search word); before narrow lists were matched whole (ListQuery.narrow) a cached generic plan that
 * walked the sort index measured ~60% slower on the analysts' query. A narrow list has no such walk to
 * fall into: named, its long text is parsed once per connection (~0.7 ms of backend CPU per statement on
 * the analysts' query), and PostgreSQL's plan cache keeps planning it per value unless a generic plan
 * estimates no costlier (it kept custom plans for the analysts' query). Other filters (a kind, dates, a
 * topic) still run unnamed and are planned for their values each time (README, "The read planner").
 */
function preparable(filter: object, list: ListQuery): boolean {
  return list.narrow === true || Object.values(filter).every((v) => v === null || v === undefined);
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
function withMatch(match: string | null, q: ListQuery, value: string, from = ""): string {
  if (match) return `(WITH ${match} AS MATERIALIZED (${buildMatchQuery(q)}) SELECT ${value}${from})`;
  return from ? `(SELECT ${value}${from})` : value;
}

/**
 * What a root field's statement text is made of besides its selection and the variables used in it
 * (selectionVariables): `shape`, computed from the root's arguments, and `head`, the values of the
 * statement's first parameters, which are this request's and nothing else's. Requests of one operation
 * with the same shape share one compiled statement, each binding its own head.
 */
interface SharedShape {
  shape: string;
  head: readonly unknown[];
}

/**
 * Variable names used below a field (not in its own arguments), fragments followed; by the field's first
 * node (the document's own object, where the fieldNodes array is made anew for each execution).
 */
const selectionVariableNames = new WeakMap<FieldNode, string[]>();

/**
 * The values of the variables used in the root field's selection, fragments included, but not in its
 * own arguments: what a lookup's statement text may depend on besides the lookup's column (rootNode).
 */
function selectionVariables(info: GraphQLResolveInfo): Record<string, unknown> {
  let names = selectionVariableNames.get(info.fieldNodes[0]);
  if (!names) {
    const found = new Set<string>();
    const seen = new Set<string>();
    const visitor = {
      Variable: (node: VariableNode) => void found.add(node.name.value),
      FragmentSpread: (node: FragmentSpreadNode) => {
        const name = node.name.value;
        const fragment = info.fragments[name];
        if (fragment && !seen.has(name)) {
          seen.add(name);
          visit(fragment, visitor);
        }
      },
    };
    for (const node of info.fieldNodes) if (node.selectionSet) visit(node.selectionSet, visitor);
    names = [...found].sort();
    selectionVariableNames.set(info.fieldNodes[0], names);
  }
  const out: Record<string, unknown> = {};
  for (const name of names) out[name] = info.variableValues[name];
  return out;
}

export class ReadPlanner {
  private readonly columnCache = new Map<NodeKind, { all: Column[]; byProp: Map<string, Column>; always: Column[] }>();

  private readonly statements: StatementRunner;

  /** Response-mode statements by parsed operation, then root field, visibility and variables (responseText). */
  private readonly compiled = new WeakMap<OperationDefinitionNode, Map<string, { sql: string; params: unknown[] } | Unsupported>>();

  /** `preparedStatements`: how many distinct statement texts may run as named statements (0: none). */
  constructor(
    private readonly ds: DataSource,
    private readonly services: ReadPlannerServices,
    preparedStatements = 0,
  ) {
    this.statements = new StatementRunner(ds, preparedStatements > 0 ? new PreparedStatementNames(preparedStatements) : null);
  }

  // ---- root fields ----------------------------------------------------------------------------

  /** Root `article`: the article and everything selected below it, in one statement. */
  article(lookup: ArticleLookup, vis: Visibility, info: GraphQLResolveInfo): Promise<Article | null> {
    const { column, value } = articleLookupColumn(lookup);
    return this.rootNode(info, vis, "Article", "articles a", column, value, articleVisibleSql(vis, "a")) as Promise<Article | null>;
  }

  /** Root `speaker`: the speaker and everything selected below it, in one statement. */
  speaker(lookup: SpeakerLookup, vis: Visibility, info: GraphQLResolveInfo): Promise<Speaker | null> {
    const { column, value } = speakerLookupColumn(lookup);
    return this.rootNode(info, vis, "Speaker", "speakers s", column, value, null) as Promise<Speaker | null>;
  }

  /** One node found by a unique column (`table` is `name alias`), with everything selected below it. */
  private async rootNode(info: GraphQLResolveInfo, vis: Visibility, kind: NodeKind, table: string, column: string, value: string, condition: string | null) {
    const t = table.split(" ")[1];
    // The row, as the alias `row`: $1 is the looked-up value.
    const from = (row: string) =>
      `(SELECT ${selectColumns(this.ds, ENTITIES[kind] as EntityTarget<ObjectLiteral>, t)} FROM ${table} ` +
      `WHERE ${t}.${column} = $1${column === "id" ? "::uuid" : ""}${condition ? ` AND ${condition}` : ""}) ${row}`;
    const text = await this.responseText(
      info,
      vis,
      (rc) => {
        rc.params.push(value);
        const row = this.alias(rc);
        const node = this.responseNode(rc, kind, info.fieldNodes, row);
        return `SELECT (${node})::text AS j FROM ${from(row)}${this.joinsOf(rc, row)}`;
      },
      true,
      // A lookup's value is the statement's $1 and nothing else: every article page of one operation shares it.
      { shape: column, head: [value] },
    );
    // A ResponseJson stands in for the node: only the direct execution asks for one, and reads it as such.
    if (text) return text as unknown as object;
    const c = this.compilation(info, vis);
    c.params.push(value);
    const row = this.alias(c);
    const node = this.node(c, kind, info.fieldNodes, row);
    const sql = `SELECT ${node.sql} AS j FROM ${from(row)}${this.joinsOf(c, row)}`;
    // A lookup by a unique column plans the same for every value: safe to prepare.
    const rows = await this.statements.rows<{ j: unknown }>(sql, c.params, true);
    return rows[0] ? node.build(rows[0].j) : null;
  }

  /** Root `articles`: one page of the list with everything selected below it. */
  articles(filter: ArticleFilter, order: ArticleOrder, args: ConnectionArgsLike, vis: Visibility, info: GraphQLResolveInfo) {
    const list = this.services.articles.listQuery(filter, order, vis);
    return this.rootConnection(info, vis, "Article", list, pageRequest(args), SEARCH_EDGE, preparable(filter, list));
  }

  /** Root `quotes`: one page of the analysts' list with everything selected below it. */
  quotes(filter: QuoteFilter, order: QuoteOrder, args: ConnectionArgsLike, vis: Visibility, info: GraphQLResolveInfo) {
    const list = this.services.quotes.listQuery(filter, order, vis, SEARCH_COLUMNS);
    return this.rootConnection(info, vis, "Quote", list, pageRequest(args), SEARCH_EDGE, preparable(filter, list));
  }

  /**
   * A root connection, or undefined when its own selection has something the planner does not know
   * (the resolver then takes the loader path).
   */
  private async rootConnection(
    info: GraphQLResolveInfo,
    vis: Visibility,
    kind: NodeKind,
    list: ListQuery,
    page: PageRequest,
    extras: Record<string, EdgeExtra>,
    prepare: boolean,
  ): Promise<ConnectionValue<object> | undefined> {
    const connType = getNamedType(info.returnType) as GraphQLObjectType;
    // A first page's statement is the list's text and the page size; its values are the list's parameters
    // (the analysts' speaker and word), which lead the statement's (connection). A page after a cursor
    // has its bounds at the end of them: it keeps a statement per set of variables.
    const shared: SharedShape | undefined =
      page.after == null && page.before == null
        ? { shape: JSON.stringify([list.select, list.from, list.where, list.matchWhere, list.keys, list.descending, list.narrow, page.limit, page.backward]), head: list.params }
        : undefined;
    const text = await this.responseText(
      info,
      vis,
      (c) => {
        const plan = this.connection(c, kind, connType, info.fieldNodes, list, page, null, extras);
        if (!plan) throw UNSUPPORTED;
        return `SELECT (${plan.sql})::text AS j`;
      },
      prepare,
      shared,
    );
    // A ResponseJson stands in for the connection: only the direct execution asks for one, and reads it as such.
    if (text) return text as unknown as ConnectionValue<object>;
    const c = this.compilation(info, vis);
    const plan = this.connection(c, kind, connType, info.fieldNodes, list, page, null, extras);
    if (!plan) return undefined;
    const rows = await this.statements.rows<{ j: unknown }>(`SELECT ${plan.sql} AS j`, c.params, prepare);
    const value = plan.build(rows[0].j);
    // A root list asked for no rows answers as fetchPage does (no look at the other direction).
    if (page.limit === 0) value.pageInfo = { hasNextPage: false, hasPreviousPage: Boolean(page.after), startCursor: null, endCursor: null };
    return value;
  }

  // ---- compilation ----------------------------------------------------------------------------

  private compilation(info: GraphQLResolveInfo, vis: Visibility, response = false): Compilation {
    return { schema: info.schema, fragments: info.fragments, variables: info.variableValues, vis, params: [], aliases: 0, response, joins: new Map() };
  }

  /**
   * The root field's answer as JSON text, when the direct execution asks for it (wantsResponseText) and
   * response mode covers the selection; undefined otherwise (the caller then plans entities as usual).
   */
  private async responseText(
    info: GraphQLResolveInfo,
    vis: Visibility,
    compile: (c: Compilation) => string,
    prepare: boolean,
    shared?: SharedShape,
  ): Promise<ResponseJson | undefined> {
    if (!wantsResponseText(info)) return undefined;
    // The statement depends only on the operation, the root field, the variables and the visibility: a
    // request that repeats all four (every visitor's front page) reuses it instead of compiling it again.
    // With a shared shape, the root's own arguments count only through that shape (see SharedShape).
    const variables = JSON.stringify(shared ? selectionVariables(info) : info.variableValues);
    const key = `${String(info.path.key)}\n${vis.drafts}${vis.heldComments}\n${shared ? `${shared.head.length}\n${shared.shape}\n` : ""}${variables}`;
    let byKey = this.compiled.get(info.operation);
    let statement = byKey?.get(key);
    if (!statement) {
      const c = this.compilation(info, vis, true);
      try {
        statement = { sql: compile(c), params: c.params };
      } catch (err) {
        if (err !== UNSUPPORTED) throw err;
        statement = UNSUPPORTED;
      }
      if (variables.length <= MAX_COMPILED_KEY) {
        if (!byKey) this.compiled.set(info.operation, (byKey = new Map()));
        // A few variable sets per operation: beyond that, start over (the common case repeats one).
        if (byKey.size >= MAX_COMPILED_PER_OPERATION) byKey.clear();
        byKey.set(key, statement);
      }
    }
    if (statement instanceof Unsupported) return undefined;
    const params = shared ? [...shared.head, ...statement.params.slice(shared.head.length)] : statement.params;
    const rows = await this.statements.rows<{ j: string | null }>(statement.sql, params, prepare);
    return new ResponseJson(rows[0]?.j ?? "null");
  }

  /**
   * The to-one relations planned on `row`, as joins to write right after the FROM item that introduces it
   * (after its node is compiled, so that every relation has been registered).
   */
  private joinsOf(c: Compilation, row: string): string {
    const joins = c.joins.get(row);
    if (!joins) return "";
    c.joins.delete(row);
    return ` ${joins.join(" ")}`;
  }

  private alias(c: Compilation): string {
    c.aliases += 1;
    return `pl_${c.aliases}`;
  }

  private columns(kind: NodeKind) {
    let cols = this.columnCache.get(kind);
    if (!cols) {
      const meta = this.ds.getMetadata(ENTITIES[kind]);
      const all = meta.columns.map((col) => ({ prop: col.propertyName, date: col.type === "timestamptz" || col.type === Date, nullable: col.isNullable }));
      // The id and the foreign keys: what the loaders need when a child field falls back to them.
      const always = all.filter((col) => col.prop === "id" || meta.relations.some((r) => r.joinColumns.some((j) => j.propertyName === col.prop)));
      cols = { all, byProp: new Map(all.map((col) => [col.prop, col])), always };
      this.columnCache.set(kind, cols);
    }
    return cols;
  }

  /**
   * A node of `kind` whose row is the SQL alias `row` (columns named after the entity's properties):
   * its selected columns as a JSON object, plus the planned children under "__p" by response key.
   */
  private node(c: Compilation, kind: NodeKind, nodes: readonly FieldNode[], row: string): Plan<object | null> {
    const type = c.schema.getType(kind) as GraphQLObjectType;
    const fields = collectSubfields(c.schema, c.fragments, c.variables, type, nodes);
    const cols = this.columns(kind);
    const wanted = new Set<Column>(cols.always);
    let everyColumn = false;
    const children: Array<{ key: string; plan: Plan<unknown> }> = [];
    for (const [key, fieldNodes] of fields) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") continue;
      const column = cols.byProp.get(name);
      const planner = CHILD_PLANNERS[kind][name];
      if (column) wanted.add(column);
      else if (planner && children.length < MAX_CHILDREN) {
        const mark = c.params.length;
        let plan: Plan<unknown> | null;
        try {
          plan = planner.call(this, c, fieldNodes, row, type.getFields()[name]);
        } catch (err) {
          plan = rethrowUnlessRefused(err);
        }
        if (plan) children.push({ key, plan });
        else c.params.length = mark;
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

  /**
   * Response mode's node: a JSON object with the selection's response keys, in its order, each value as
   * GraphQL serializes it (src/planner/response-sql.ts); UNSUPPORTED for anything it cannot write so.
   */
  private responseNode(c: Compilation, kind: NodeKind, nodes: readonly FieldNode[], row: string): string {
    const cols = this.columns(kind);
    return this.responseObject(c, c.schema.getType(kind) as GraphQLObjectType, nodes, (name, fieldNodes, def) => {
      const column = cols.byProp.get(name);
      // A plain field (no resolver of its own: src/graphql/plain-fields.ts) reads its column.
      if (column && !def.resolve) return leafSql(def.type, `${row}."${column.prop}"`, column.nullable);
      const planner = CHILD_PLANNERS[kind][name];
      if (!planner) return null;
      let plan: Plan<unknown> | null;
      try {
        plan = planner.call(this, c, fieldNodes, row, def);
      } catch (err) {
        // A refused argument is its resolver's to answer, through graphql-js.
        if (err instanceof GraphQLError) throw UNSUPPORTED;
        throw err;
      }
      return plan ? plan.sql : null;
    });
  }

  /**
   * Response mode's object: the selection's response keys in order, `__typename` written here and every
   * other field's SQL from `value`, which gives null for a field it cannot write (then UNSUPPORTED).
   */
  private responseObject(
    c: Compilation,
    type: GraphQLObjectType,
    nodes: readonly FieldNode[],
    value: (name: string, fieldNodes: readonly FieldNode[], def: GraphQLField<unknown, unknown>) => string | null,
  ): string {
    const defs = type.getFields();
    const pairs: string[] = [];
    for (const [key, fieldNodes] of collectSubfields(c.schema, c.fragments, c.variables, type, nodes)) {
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

  /** A to-one relation: the row of `entity` whose id is `${row}."${fk}"` (and that `condition` allows). */
  private relation(
    c: Compilation,
    kind: NodeKind,
    nodes: readonly FieldNode[],
    row: string,
    fk: string,
    table: string,
    condition?: string | null,
    seenByList = false,
  ): Plan<object | null> {
    // Response mode: a relation the viewer may not see would need graphql-js's error under a non-null
    // field, unless the list the parent came from already keeps only rows whose relation is visible.
    if (c.response && condition && !seenByList) throw UNSUPPORTED;
    const alias = this.alias(c);
    const node = c.response ? { sql: this.responseNode(c, kind, nodes, alias), build: RESPONSE_ONLY } : this.node(c, kind, nodes, alias);
    const t = table.split(" ")[1];
    const lookup =
      `SELECT ${selectColumns(this.ds, ENTITIES[kind] as EntityTarget<ObjectLiteral>, t)} FROM ${table} ` +
      `WHERE ${t}.id = ${row}."${fk}"${condition ? ` AND ${condition}` : ""}`;
    // A lateral join on the parent's row rather than a scalar subquery per row: PostgreSQL costs a join's
    // repeated lookups as the index scans they are, where a subquery on a small table (a few hundred
    // outlets) was planned as a sequential scan repeated for every row (a quarter of the front page's
    // backend CPU). The id is unique, so the join adds no rows; the relation's own relations follow it.
    const joins = c.joins.get(row) ?? [];
    joins.push(`LEFT JOIN LATERAL (${lookup}) ${alias} ON true${this.joinsOf(c, alias)}`);
    c.joins.set(row, joins);
    return { sql: `CASE WHEN ${alias}."id" IS NULL THEN NULL ELSE ${node.sql} END`, build: node.build };
  }

  /** A count of rows that belong to `${row}`: `from` and `where` name the parent as ROW. */
  private count(sql: string): Plan<number> {
    return { sql: `(${sql})`, build: (v) => Number(v ?? 0) };
  }

  /**
   * A connection over `list` (one of the services' keyset queries): `parent` ties it to the row it
   * hangs from (null for a root list). Null when its selection has a field the planner does not know.
   */
  private connection(
    c: Compilation,
    kind: NodeKind,
    connType: GraphQLObjectType,
    nodes: readonly FieldNode[],
    list: ListQuery,
    page: PageRequest,
    parent: { expr: string; ref: string } | null,
    extras: Record<string, EdgeExtra>,
  ): Plan<ConnectionValue<object>> | null {
    const connFields = collectSubfields(c.schema, c.fragments, c.variables, connType, nodes);
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
    const edgeFields = edgeNodes.length ? collectSubfields(c.schema, c.fragments, c.variables, edgeType, edgeNodes) : new Map<string, readonly FieldNode[]>();
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
    if (page.limit === 0 && !wantTotal) {
      if (c.response) throw UNSUPPORTED;
      return { sql: `json_build_object('r', '[]'::json)`, build: (json) => this.pageValue(json, page, null, {}, "none") };
    }
    // The list's own parameters first, then whatever the node's children add, then the page bounds.
    const offset = c.params.length;
    const q = shiftParams(list, offset);
    c.params.push(...list.params);
    if (parent) {
      q.from = q.from.split(PARENT_IDS).join(`ARRAY[${parent.ref}]::uuid[]`);
      q.where = [...q.where, `${parent.expr} = ${parent.ref}`];
      if (q.matchWhere) q.matchWhere = [...q.matchWhere, `${parent.expr} = ${parent.ref}`];
    }
    // A narrow list (a search, a speaker) is matched once into a CTE of its sort keys that the page and
    // the count both read; any other list pages along its sort index and counts on its own.
    const match = page.limit > 0 && q.narrow ? `${this.alias(c)}_m` : null;
    const where = q.where.length ? ` WHERE ${q.where.join(" AND ")}` : "";
    const total = !wantTotal ? null : match ? `(SELECT count(*) FROM ${match})` : `(SELECT count(*) FROM ${q.from}${where})`;
    // Edge fields only when asked (a search's highlight costs a ts_headline per row), and only when the list computes them.
    const extraCols = Object.entries(extras).filter(([name, e]) => wantedExtras.has(name) && q.select.includes(`"${e.column}"`));

    if (c.response) return { sql: this.responseConnection(c, kind, connType, connFields, edgeType, edgeFields, q, page, match, total, extras), build: RESPONSE_ONLY };

    let pageSql: string | null = null;
    let node: Plan<object | null> | null = null;
    if (page.limit > 0) {
      const row = this.alias(c);
      node = this.node(c, kind, nodeNodes, row);
      const built = this.pageQuery(c, q, page, match);
      const dir = q.descending !== page.backward ? "DESC" : "ASC";
      const keys = cursors === "none" ? "" : `, 'k', json_build_array(${q.keys.map((_, i) => `${row}."__k${i}"`).join(", ")})`;
      const order = q.keys.map((_, i) => `${row}."__o${i}" ${dir}`).join(", ");
      const edgeExtras = extraCols.length ? `, 'e', json_build_object(${extraCols.map(([, e]) => `'${e.column}', ${row}."${e.column}"`).join(", ")})` : "";
      pageSql =
        `(SELECT coalesce(json_agg(json_build_object('n', ${node.sql}${keys}${edgeExtras}) ORDER BY ${order}), '[]'::json) ` +
        `FROM (${built.sql}) ${row}${this.joinsOf(c, row)})`;
    }
    const value = `json_build_object('r', ${pageSql ?? "'[]'::json"}${total ? `, 't', ${total}` : ""})`;
    return { sql: withMatch(match, q, value), build: (json) => this.pageValue(json, page, node, extras, cursors) };
  }

  /**
   * Response mode's connection: its selection's keys in order — edges (node, cursor, edge fields), pageInfo,
   * totalCount — over the same page query, in one pass over its rows (at most `limit` + 1).
   */
  private responseConnection(
    c: Compilation,
    kind: NodeKind,
    connType: GraphQLObjectType,
    connFields: Map<string, readonly FieldNode[]>,
    edgeType: GraphQLObjectType,
    edgeFields: Map<string, readonly FieldNode[]>,
    q: ListQuery,
    page: PageRequest,
    match: string | null,
    total: string | null,
    extras: Record<string, EdgeExtra>,
  ): string {
    // An empty page answers without a look at its rows (pageValue's special cases): not in response mode.
    if (page.limit <= 0) throw UNSUPPORTED;
    const limit = Math.trunc(page.limit);
    const row = this.alias(c);
    const edgePairs: string[] = [];
    const cursor = cursorSql(q.keys.map((_, i) => `${row}."__k${i}"`));
    const edgeDefs = edgeType.getFields();
    for (const [key, fieldNodes] of edgeFields) {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") edgePairs.push(`'${key}', '${edgeType.name}'`);
      else if (name === "node") edgePairs.push(`'${key}', ${this.responseNode(c, kind, fieldNodes, row)}`);
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
        for (const [infoKey, infoNodes] of collectSubfields(c.schema, c.fragments, c.variables, infoType, fieldNodes)) {
          const field = infoNodes[0].name.value;
          const value =
            field === "__typename"
              ? `'${infoType.name}'`
              : field === "hasNextPage"
                ? page.backward ? String(Boolean(page.before)) : more
                : field === "hasPreviousPage"
                  ? page.backward ? more : String(Boolean(page.after))
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
    const built = this.pageQuery(c, q, wantMore ? page : { ...page, limit: page.limit - 1 }, match);
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
      `${wantCursors ? `, array_agg(${cursor} ORDER BY ${order}) ${kept} AS ks` : ""} FROM ${numbered}${this.joinsOf(c, row)}`;
    return withMatch(match, q, `json_build_object(${pairs.join(", ")})`, ` FROM (${aggregate}) ${agg}`);
  }

  /**
   * The page query of list `q` (one row past the page, sort keys as "__o…"), matched from CTE `match` when
   * the list is narrow; its page bounds join the statement's parameters.
   */
  private pageQuery(c: Compilation, q: ListQuery, page: PageRequest, match: string | null) {
    q.select += q.keys.map((k, i) => `, (${k.expr}) AS "__o${i}"`).join("");
    const built = match ? buildMatchedPageQuery({ ...q, params: [...c.params] }, page, match) : buildPageQuery({ ...q, params: [...c.params] }, page);
    c.params.push(...built.params.slice(c.params.length));
    return built;
  }

  /** The connection value from the JSON a connection plan fetched: edges with cursors, pageInfo, totalCount. */
  private pageValue(json: unknown, page: PageRequest, node: Plan<object | null> | null, extras: Record<string, EdgeExtra>, cursors: CursorsWanted): ConnectionValue<object> {
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

  /** A nested connection field of the node at `row`: its arguments, list query and parent column. */
  private nested(
    c: Compilation,
    kind: NodeKind,
    nodes: readonly FieldNode[],
    field: GraphQLField<unknown, unknown>,
    listFor: (args: Record<string, unknown>) => { list: ListQuery; parentExpr: string; extras?: Record<string, EdgeExtra> },
    row: string,
  ): Plan<ConnectionValue<object>> | null {
    const args = getArgumentValues(field, nodes[0], c.variables);
    const page = pageRequest(args as ConnectionArgsLike);
    const { list, parentExpr, extras } = listFor(args);
    return this.connection(c, kind, getNamedType(field.type) as GraphQLObjectType, nodes, list, page, { expr: parentExpr, ref: `${row}."id"` }, extras ?? {});
  }

  // ---- the fields each kind of node can have planned --------------------------------------------

  planArticleOutlet(c: Compilation, nodes: readonly FieldNode[], row: string) {
    return this.relation(c, "Outlet", nodes, row, "outletId", "outlets o");
  }

  planArticleQuotes(c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) {
    // Every article the planner reaches is one the viewer may see (the root lookup, the article lists and
    // Quote.article all apply the same condition): its quotes need not check it again, quote by quote.
    return this.nested(c, "Quote", nodes, field, () => ({ list: this.services.quotes.listQuery({}, "ARTICLE_ORDER", c.vis, {}, true), parentExpr: "q.article_id", extras: SEARCH_EDGE }), row);
  }

  planArticleSpeakers(c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) {
    return this.nested(
      c,
      "Speaker",
      nodes,
      field,
      () => ({ list: this.services.speakers.byArticleQuery(), parentExpr: "aq.article_id", extras: { quoteCount: { column: "__quoteCount", convert: Number } } }),
      row,
    );
  }

  planArticleReactions(c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) {
    return this.nested(
      c,
      "Reaction",
      nodes,
      field,
      (args) => ({ list: this.services.reactions.listQuery({ origin: (args.origin as never) ?? null, sentiment: (args.sentiment as never) ?? null }), parentExpr: "r.article_id" }),
      row,
    );
  }

  planArticleComments(c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) {
    return this.nested(c, "Comment", nodes, field, (args) => ({ list: this.services.comments.listQuery(true, args.orderBy as CommentOrder, c.vis), parentExpr: "c.article_id" }), row);
  }

  planArticleReactionSummary(c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>): Plan<unknown> {
    if (c.response) {
      // The counts in one row, and the summary written from them as summarizeReactions makes it.
      const rs = this.alias(c);
      const leaves: Record<string, { expr: string; nullable: boolean }> = {
        total: { expr: `${rs}.total`, nullable: false },
        reader: { expr: `${rs}.reader`, nullable: false },
        reported: { expr: `${rs}.total - ${rs}.reader`, nullable: false },
        overall: { expr: overallSentimentSql(rs), nullable: true },
      };
      // Fields with a resolver of their own (none today) are graphql-js's.
      const summary = this.responseObject(c, getNamedType(field.type) as GraphQLObjectType, nodes, (name, fieldNodes, def) => {
        if (def.resolve) return null;
        if (name === "bySentiment") {
          const countType = getNamedType(def.type) as GraphQLObjectType;
          const counts = SENTIMENTS.map((s) =>
            this.responseObject(c, countType, fieldNodes, (n, _, d) =>
              d.resolve ? null : n === "sentiment" ? leafSql(d.type, `'${s}'`, false) : n === "count" ? leafSql(d.type, `${rs}."${s}"`, false) : null,
            ),
          );
          return `json_build_array(${counts.join(", ")})`;
        }
        const leaf = leaves[name];
        return leaf ? leafSql(def.type, leaf.expr, leaf.nullable) : null;
      });
      return { sql: `(SELECT ${summary} FROM ${reactionCountsSql(`${row}."id"`, rs)})`, build: RESPONSE_ONLY };
    }
    // Summarized in JS (summarizeReactions) from the counts by origin and sentiment.
    return {
      sql:
        `(SELECT coalesce(json_agg(json_build_object('origin', rs.origin, 'sentiment', rs.sentiment, 'n', rs.n)), '[]'::json) ` +
        `FROM (SELECT r.origin, r.sentiment, count(*) AS n FROM reactions r WHERE r.article_id = ${row}."id" GROUP BY 1, 2) rs)`,
      build: (v) => summarizeReactions((v ?? []) as ReactionCountRow[]),
    };
  }

  planArticleCommentCount(c: Compilation, _nodes: readonly FieldNode[], row: string) {
    return this.count(`SELECT count(*) FROM comments cc WHERE ${commentVisibleSql(c.vis, "cc")} AND cc.article_id = ${row}."id"`);
  }

  planQuoteSpeaker(c: Compilation, nodes: readonly FieldNode[], row: string) {
    return this.relation(c, "Speaker", nodes, row, "speakerId", "speakers s");
  }

  planQuoteArticle(c: Compilation, nodes: readonly FieldNode[], row: string) {
    // Every planned quote comes from a quote list (QuoteService.listQuery), which keeps only quotes of
    // articles the viewer may see, under this same condition: the article is there for each of them.
    return this.relation(c, "Article", nodes, row, "articleId", "articles a", articleVisibleSql(c.vis, "a"), true);
  }

  planCommentReplies(c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) {
    return this.nested(c, "Comment", nodes, field, (args) => ({ list: this.services.comments.listQuery(false, args.orderBy as CommentOrder, c.vis), parentExpr: "c.parent_id" }), row);
  }

  planSpeakerQuotes(c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) {
    return this.nested(
      c,
      "Quote",
      nodes,
      field,
      (args) => ({ list: this.services.quotes.listQuery({ ...((args.filter as QuoteFilter | undefined) ?? {}) }, args.orderBy as QuoteOrder, c.vis, SEARCH_COLUMNS), parentExpr: "q.speaker_id", extras: SEARCH_EDGE }),
      row,
    );
  }

  planSpeakerArticles(c: Compilation, nodes: readonly FieldNode[], row: string, field: GraphQLField<unknown, unknown>) {
    return this.nested(c, "Article", nodes, field, () => ({ list: this.services.articles.bySpeakerQuery(c.vis), parentExpr: "sq.speaker_id", extras: SEARCH_EDGE }), row);
  }

  /** quoteCount, firstQuotedAt and lastQuotedAt: the speaker's quotes in articles the viewer may see (as QuoteService.speakerStats). */
  private speakerStat(c: Compilation, row: string, aggregate: string, convert: (v: unknown) => unknown, date = false): Plan<unknown> {
    return {
      sql: `(SELECT ${c.response && date ? isoSql(aggregate) : aggregate} ${speakerQuotesSql(c.vis, `q.speaker_id = ${row}."id"`)})`,
      build: convert,
    };
  }

  planSpeakerQuoteCount(c: Compilation, _nodes: readonly FieldNode[], row: string) {
    return this.speakerStat(c, row, SPEAKER_STAT_AGGREGATES.quoteCount, (v) => Number(v ?? 0));
  }

  planSpeakerFirstQuotedAt(c: Compilation, _nodes: readonly FieldNode[], row: string) {
    return this.speakerStat(c, row, SPEAKER_STAT_AGGREGATES.firstQuotedAt, (v) => (v == null ? null : new Date(v as string)), true);
  }

  planSpeakerLastQuotedAt(c: Compilation, _nodes: readonly FieldNode[], row: string) {
    return this.speakerStat(c, row, SPEAKER_STAT_AGGREGATES.lastQuotedAt, (v) => (v == null ? null : new Date(v as string)), true);
  }

  planCommentReplyCount(c: Compilation, _nodes: readonly FieldNode[], row: string) {
    return this.count(`SELECT count(*) FROM comments cc WHERE ${commentVisibleSql(c.vis, "cc", false)} AND cc.parent_id = ${row}."id"`);
  }
}

/** Which fields of which node the planner fetches itself (all other non-column fields fall back to their resolvers). */
const CHILD_PLANNERS: Record<NodeKind, Record<string, ChildPlanner>> = {
  Article: {
    outlet: ReadPlanner.prototype.planArticleOutlet,
    quotes: ReadPlanner.prototype.planArticleQuotes,
    speakers: ReadPlanner.prototype.planArticleSpeakers,
    reactions: ReadPlanner.prototype.planArticleReactions,
    reactionSummary: ReadPlanner.prototype.planArticleReactionSummary,
    comments: ReadPlanner.prototype.planArticleComments,
    commentCount: ReadPlanner.prototype.planArticleCommentCount,
  },
  Quote: {
    speaker: ReadPlanner.prototype.planQuoteSpeaker,
    article: ReadPlanner.prototype.planQuoteArticle,
  },
  Comment: {
    replies: ReadPlanner.prototype.planCommentReplies,
    replyCount: ReadPlanner.prototype.planCommentReplyCount,
  },
  Speaker: {
    quotes: ReadPlanner.prototype.planSpeakerQuotes,
    articles: ReadPlanner.prototype.planSpeakerArticles,
    quoteCount: ReadPlanner.prototype.planSpeakerQuoteCount,
    firstQuotedAt: ReadPlanner.prototype.planSpeakerFirstQuotedAt,
    lastQuotedAt: ReadPlanner.prototype.planSpeakerLastQuotedAt,
  },
  Outlet: {},
  Reaction: {},
};

/** The fields, by object type, that the planner can fetch (served straight from its values: planned-fields.ts). */
export const PLANNED_FIELDS: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(CHILD_PLANNERS).map(([type, fields]) => [type, Object.keys(fields)]),
);
