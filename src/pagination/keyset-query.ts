// Keyset pagination in SQL: one statement per page for a root list, and one statement for the pages of
// many parents at once (window functions), which is what keeps nested lists free of N+1 queries.
import type { DataSource } from "typeorm";
import { decodeCursor, encodeCursor, type CursorValue } from "./cursor";
import type { PageRequest } from "./page-request";

/** One sort key: a SQL expression and the type its cursor value is cast back to. */
export interface SortKey {
  expr: string;
  type: "timestamptz" | "uuid" | "int" | "float8" | "text";
}

export interface ListQuery {
  /** Select list of the node's columns, e.g. from `selectColumns`. May use $n parameters. */
  select: string;
  /** FROM clause, joins included. */
  from: string;
  /** Conditions joined with AND; `$1`… refer to `params`. */
  where: string[];
  /**
   * The same conditions as they read when the list's matches are held whole (buildMatchQuery), where a
   * form with another plan may suit better; `where` when absent.
   */
  matchWhere?: string[];
  params: unknown[];
  /** Sort keys, most significant first; the last must be unique (the id). */
  keys: SortKey[];
  descending: boolean;
  /**
   * The filter picks out a set small enough to hold whole (a search, a speaker, an article): a planned
   * page then sorts that set's keys and reads the count from it too (buildMatchedPageQuery), instead of
   * walking the sort index hoping to meet the page's rows early and scanning the set again to count.
   */
  narrow?: boolean;
}

export interface PageRows<Row> {
  rows: Row[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Rows in the whole list (only for batched pages, where it comes free with the window). */
  total?: number;
}

interface Built {
  sql: string;
  params: unknown[];
}

export type RawRow = Record<string, unknown>;

/** Placeholder a batched query's FROM clause may use for the array of parent ids. */
export const PARENT_IDS = ":parentIds";

function keyCols(keys: SortKey[], source: (i: number) => string, dir: "ASC" | "DESC"): string {
  return keys.map((_, i) => `${source(i)} ${dir}`).join(", ");
}

/** The cursor bounds of a page as SQL conditions on the key expressions `keyRef(i)`. */
function bounds(q: ListQuery, page: PageRequest, keyRef: (i: number) => string, params: unknown[]): string[] {
  const conds: string[] = [];
  const tuple = `(${q.keys.map((_, i) => keyRef(i)).join(", ")})`;
  const add = (cursor: string, name: string, afterInOrder: boolean) => {
    const values: CursorValue = decodeCursor(cursor, q.keys.length, name);
    const placeholders = values.map((v, i) => {
      params.push(v);
      return `$${params.length}::${q.keys[i].type}`;
    });
    // "after" in a descending list means smaller keys.
    const op = afterInOrder !== q.descending ? ">" : "<";
    conds.push(`${tuple} ${op} (${placeholders.join(", ")})`);
  };
  if (page.after) add(page.after, "after", true);
  if (page.before) add(page.before, "before", false);
  return conds;
}

function toPage<Row>(raw: RawRow[], page: PageRequest, keyCount: number, mapRow: (r: RawRow) => Row, total?: number): PageRows<Row> {
  const hasMore = raw.length > page.limit;
  const kept = raw.slice(0, page.limit);
  if (page.backward) kept.reverse();
  const cursors = kept.map((r) => encodeCursor(Array.from({ length: keyCount }, (_, i) => r[`__k${i}`] as string | null)));
  return {
    rows: kept.map(mapRow),
    cursors,
    hasNextPage: page.backward ? Boolean(page.before) : hasMore,
    hasPreviousPage: page.backward ? hasMore : Boolean(page.after),
    total,
  };
}

/**
 * The LIMIT of a page query (one row past the page), written into the text rather than passed as a
 * parameter. With `LIMIT $n` PostgreSQL's generic plan for a prepared statement assumes a tenth of the
 * table, costs far more than the custom plans, and so is never chosen: every execution of a named
 * statement was planned again (a quarter of the backend's CPU on the front page). With the number in
 * the text the generic plan costs what the custom ones do and is reused. The page size is a validated
 * whole number (pageRequest), checked again here since it becomes SQL text.
 */
function limitPastPage(page: PageRequest): string {
  if (!Number.isSafeInteger(page.limit) || page.limit < 0) throw new Error(`page size ${String(page.limit)} is not a whole number`);
  return String(page.limit + 1);
}

/** One page of a root list: a single statement using the sort index. */
export function buildPageQuery(q: ListQuery, page: PageRequest): Built {
  const params = [...q.params];
  const where = [...q.where, ...bounds(q, page, (i) => `(${q.keys[i].expr})`, params)];
  const dir = q.descending !== page.backward ? "DESC" : "ASC";
  const keyText = q.keys.map((k, i) => `(${k.expr})::text AS "__k${i}"`).join(", ");
  const sql =
    `SELECT ${q.select}, ${keyText} FROM ${q.from}` +
    (where.length ? ` WHERE ${where.join(" AND ")}` : "") +
    ` ORDER BY ${keyCols(q.keys, (i) => `(${q.keys[i].expr})`, dir)} LIMIT ${limitPastPage(page)}`;
  return { sql, params };
}

/**
 * The sort keys (as "__o0"…) of every row of a narrow list, for a MATERIALIZED CTE that a page
 * (buildMatchedPageQuery) and a count both read: one scan of the matching rows instead of two.
 */
export function buildMatchQuery(q: ListQuery): string {
  const keys = q.keys.map((k, i) => `(${k.expr}) AS "__o${i}"`).join(", ");
  const where = q.matchWhere ?? q.where;
  return `SELECT ${keys} FROM ${q.from}` + (where.length ? ` WHERE ${where.join(" AND ")}` : "");
}

/**
 * The page buildPageQuery returns (same columns, rows and cursors; in no particular order, the caller
 * sorts by "__o…"), cut from the keys in CTE `match` (buildMatchQuery) and joined back to its rows by the
 * last key, which is unique: the sort handles narrow key tuples only, and the select list (a search's
 * ts_headline, say) runs for the page's rows alone.
 */
export function buildMatchedPageQuery(q: ListQuery, page: PageRequest, match: string): Built {
  const params = [...q.params];
  const where = bounds(q, page, (i) => `${match}."__o${i}"`, params);
  const dir = q.descending !== page.backward ? "DESC" : "ASC";
  const last = q.keys.length - 1;
  const cut =
    `SELECT * FROM ${match}` + (where.length ? ` WHERE ${where.join(" AND ")}` : "") + ` ORDER BY ${keyCols(q.keys, (i) => `${match}."__o${i}"`, dir)} LIMIT ${limitPastPage(page)}`;
  const keyText = q.keys.map((k, i) => `(${k.expr})::text AS "__k${i}"`).join(", ");
  const sql = `SELECT ${q.select}, ${keyText} FROM ${q.from} JOIN (${cut}) ${match}_page ON (${q.keys[last].expr}) = ${match}_page."__o${last}"`;
  return { sql, params };
}

export async function fetchPage<Row>(ds: DataSource, q: ListQuery, page: PageRequest, mapRow: (r: RawRow) => Row): Promise<PageRows<Row>> {
  if (page.limit === 0) return { rows: [], cursors: [], hasNextPage: false, hasPreviousPage: Boolean(page.after) };
  const { sql, params } = buildPageQuery(q, page);
  const raw: RawRow[] = await ds.query(sql, params);
  return toPage(raw, page, q.keys.length, mapRow);
}

/** How many rows the whole root list holds. */
export async function countRows(ds: DataSource, q: ListQuery): Promise<number> {
  const rows: Array<{ n: string }> = await ds.query(`SELECT count(*) AS n FROM ${q.from}` + (q.where.length ? ` WHERE ${q.where.join(" AND ")}` : ""), q.params);
  return Number(rows[0].n);
}

/**
 * The same page for every parent in `parentIds`, in one statement: rows are numbered per parent
 * (`row_number() OVER (PARTITION BY parent …)`) and cut at the page size; totals come from the window.
 */
export function buildBatchedPageQuery(q: ListQuery, parentExpr: string, parentIds: readonly string[], page: PageRequest): Built {
  const params = [...q.params];
  params.push(parentIds);
  const parentParam = `$${params.length}::uuid[]`;
  const cond = [...q.where, `${parentExpr} = ANY(${parentParam})`];
  // A FROM clause may pre-filter by parent itself (e.g. inside an aggregate subquery).
  const from = q.from.split(PARENT_IDS).join(parentParam);
  const keyRaw = q.keys.map((k, i) => `(${k.expr}) AS "__o${i}", (${k.expr})::text AS "__k${i}"`).join(", ");
  const inner = `SELECT ${q.select}, ${parentExpr} AS "__parent", ${keyRaw}, count(*) OVER (PARTITION BY ${parentExpr}) AS "__total" ` + `FROM ${from} WHERE ${cond.join(" AND ")}`;
  const outerWhere = bounds(q, page, (i) => `s."__o${i}"`, params);
  const dir = q.descending !== page.backward ? "DESC" : "ASC";
  params.push(page.limit + 1);
  const numbered =
    `SELECT s.*, row_number() OVER (PARTITION BY s."__parent" ORDER BY ${keyCols(q.keys, (i) => `s."__o${i}"`, dir)}) AS "__rn" ` +
    `FROM (${inner}) s` +
    (outerWhere.length ? ` WHERE ${outerWhere.join(" AND ")}` : "");
  const sql = `SELECT * FROM (${numbered}) r WHERE r."__rn" <= $${params.length} ORDER BY r."__parent", r."__rn"`;
  return { sql, params };
}

export async function fetchBatchedPages<Row>(
  ds: DataSource,
  q: ListQuery,
  parentExpr: string,
  parentIds: readonly string[],
  page: PageRequest,
  mapRow: (r: RawRow) => Row,
): Promise<Map<string, PageRows<Row>>> {
  const byParent = new Map<string, RawRow[]>();
  const totals = new Map<string, number>();
  if (page.limit > 0) {
    const { sql, params } = buildBatchedPageQuery(q, parentExpr, parentIds, page);
    const raw: RawRow[] = await ds.query(sql, params);
    for (const r of raw) {
      const parent = r.__parent as string;
      let list = byParent.get(parent);
      if (!list) byParent.set(parent, (list = []));
      list.push(r);
      totals.set(parent, Number(r.__total));
    }
  }
  const out = new Map<string, PageRows<Row>>();
  for (const id of parentIds) {
    // A parent with no row on this page still needs its total when asked; callers fall back to a count.
    out.set(id, toPage(byParent.get(id) ?? [], page, q.keys.length, mapRow, totals.get(id)));
  }
  return out;
}

/** Per-parent row counts for a batched list, for `totalCount` when the page itself cannot tell it. */
export async function countBatched(ds: DataSource, q: ListQuery, parentExpr: string, parentIds: readonly string[]): Promise<Map<string, number>> {
  const params = [...q.params, parentIds];
  const parentParam = `$${params.length}::uuid[]`;
  const from = q.from.split(PARENT_IDS).join(parentParam);
  const where = [...q.where, `${parentExpr} = ANY(${parentParam})`];
  const rows: Array<{ parent: string; n: string }> = await ds.query(`SELECT ${parentExpr} AS parent, count(*) AS n FROM ${from} WHERE ${where.join(" AND ")} GROUP BY 1`, params);
  return new Map(rows.map((r) => [r.parent, Number(r.n)]));
}
