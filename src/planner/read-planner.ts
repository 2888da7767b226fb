// The read planner's root fields: `article`, `articles`, `quotes` and `speaker` look ahead at their whole
// selection (fragments, aliases, arguments, @skip/@include) and fetch it with ONE SQL statement that
// returns nested JSON, the lists inside it being the services' own keyset queries. This file chooses the
// mode once per root field — response mode (response-compiler.ts: the answer as GraphQL serializes it,
// when the direct execution asks and the selection allows) or entity mode (entity-compiler.ts: entity
// rows built back into objects) — runs the statement, and keeps response-mode statements per operation.
// Which fields are planned, and how, is the field plan table's (field-plans.ts). docs/read-planner.md
// tells the whole story.
//
// Whatever the planner does not cover — a field with a resolver of its own that it does not know, a list
// whose arguments are refused — it leaves to those resolvers, which then fetch through their DataLoaders.
import { getNamedType, type FieldNode, type FragmentSpreadNode, type GraphQLObjectType, type GraphQLResolveInfo, type OperationDefinitionNode, type VariableNode, visit } from "graphql";
import type { DataSource, EntityTarget, ObjectLiteral } from "typeorm";
import type { Article } from "../../entities/article.entity";
import type { Speaker } from "../../entities/speaker.entity";
import { articleLookupColumn, articleVisibleSql, type ArticleFilter, type ArticleLookup, type ArticleOrder } from "../articles/article.service";
import type { Visibility } from "../auth/visibility";
import type { ConnectionValue } from "../pagination/connection.types";
import { selectColumns } from "../pagination/entity-rows";
import type { ListQuery } from "../pagination/keyset-query";
import { pageRequest, type ConnectionArgsLike, type PageRequest } from "../pagination/page-request";
import type { QuoteFilter, QuoteOrder } from "../quotes/quote.service";
import { speakerLookupColumn, type SpeakerLookup } from "../speakers/speaker.service";
import { PreparedStatementNames, StatementRunner } from "../db/prepared-statements";
import { EntityCompiler } from "./entity-compiler";
import { newsFieldPlans } from "./field-plans";
import { ResponseCompiler } from "./response-compiler";
import { ResponseJson, UNSUPPORTED, Unsupported, wantsResponseText } from "./response-sql";
import { ENTITIES, EntityColumns, SEARCH_COLUMNS, SEARCH_EDGE, type EdgeExtra, type NodeKind, type PlannerParts, type ReadPlannerServices } from "./selection-compiler";

export type { ReadPlannerServices } from "./selection-compiler";

/** Response-mode statements kept per operation, and the longest key (variables) worth keeping one for. */
const MAX_COMPILED_PER_OPERATION = 32;
const MAX_COMPILED_KEY = 2_000;

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
  private readonly statements: StatementRunner;

  private readonly parts: PlannerParts;

  /** Response-mode statements by parsed operation, then root field, visibility and variables (responseText). */
  private readonly compiled = new WeakMap<OperationDefinitionNode, Map<string, { sql: string; params: unknown[] } | Unsupported>>();

  /** `preparedStatements`: how many distinct statement texts may run as named statements (0: none). */
  constructor(ds: DataSource, services: ReadPlannerServices, preparedStatements = 0) {
    this.statements = new StatementRunner(ds, preparedStatements > 0 ? new PreparedStatementNames(preparedStatements) : null);
    this.parts = { ds, services, columns: new EntityColumns(ds), fieldPlans: FIELD_PLANS };
  }

  private get services(): ReadPlannerServices {
    return this.parts.services;
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
      `(SELECT ${selectColumns(this.parts.ds, ENTITIES[kind] as EntityTarget<ObjectLiteral>, t)} FROM ${table} ` +
      `WHERE ${t}.${column} = $1${column === "id" ? "::uuid" : ""}${condition ? ` AND ${condition}` : ""}) ${row}`;
    const text = await this.responseText(
      info,
      vis,
      (rc) => {
        rc.params.push(value);
        const row = rc.alias();
        const node = rc.node(kind, info.fieldNodes, row);
        return `SELECT (${node.sql})::text AS j FROM ${from(row)}${rc.joinsOf(row)}`;
      },
      true,
      // A lookup's value is the statement's $1 and nothing else: every article page of one operation shares it.
      { shape: column, head: [value] },
    );
    // A ResponseJson stands in for the node: only the direct execution asks for one, and reads it as such.
    if (text) return text as unknown as object;
    const c = new EntityCompiler(this.parts, info, vis);
    c.params.push(value);
    const row = c.alias();
    const node = c.node(kind, info.fieldNodes, row);
    const sql = `SELECT ${node.sql} AS j FROM ${from(row)}${c.joinsOf(row)}`;
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
      (rc) => {
        const plan = rc.connection(kind, connType, info.fieldNodes, list, page, null, extras);
        if (!plan) throw UNSUPPORTED;
        return `SELECT (${plan.sql})::text AS j`;
      },
      prepare,
      shared,
    );
    // A ResponseJson stands in for the connection: only the direct execution asks for one, and reads it as such.
    if (text) return text as unknown as ConnectionValue<object>;
    const c = new EntityCompiler(this.parts, info, vis);
    const plan = c.connection(kind, connType, info.fieldNodes, list, page, null, extras);
    if (!plan) return undefined;
    const rows = await this.statements.rows<{ j: unknown }>(`SELECT ${plan.sql} AS j`, c.params, prepare);
    const value = plan.build(rows[0].j);
    // A root list asked for no rows answers as fetchPage does (no look at the other direction).
    if (page.limit === 0) value.pageInfo = { hasNextPage: false, hasPreviousPage: Boolean(page.after), startCursor: null, endCursor: null };
    return value;
  }

  // ---- the statement cache (response mode) -------------------------------------------------------

  /**
   * The root field's answer as JSON text, when the direct execution asks for it (wantsResponseText) and
   * response mode covers the selection; undefined otherwise (the caller then plans entities as usual).
   */
  private async responseText(info: GraphQLResolveInfo, vis: Visibility, compile: (c: ResponseCompiler) => string, prepare: boolean, shared?: SharedShape): Promise<ResponseJson | undefined> {
    if (!wantsResponseText(info)) return undefined;
    // The statement depends only on the operation, the root field, the variables and the visibility: a
    // request that repeats all four (every visitor's front page) reuses it instead of compiling it again.
    // With a shared shape, the root's own arguments count only through that shape (see SharedShape).
    const variables = JSON.stringify(shared ? selectionVariables(info) : info.variableValues);
    const key = `${String(info.path.key)}\n${vis.drafts}${vis.heldComments}\n${shared ? `${shared.head.length}\n${shared.shape}\n` : ""}${variables}`;
    let byKey = this.compiled.get(info.operation);
    let statement = byKey?.get(key);
    if (!statement) {
      const c = new ResponseCompiler(this.parts, info, vis);
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
}

/** The field plans every planner uses (registered in field-plans.ts). */
const FIELD_PLANS = newsFieldPlans();

/** The fields, by object type, that the planner can fetch (served straight from its values: planned-fields.ts). */
export const PLANNED_FIELDS: Readonly<Record<string, readonly string[]>> = FIELD_PLANS.fields();
