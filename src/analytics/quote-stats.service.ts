// Counts over quotes for analysts: buckets by dimension (speaker, outlet, kind, language, topic, speaker
// facets) and period, each with its quote count, distinct articles and first/last publication time.
// Every aggregate is ONE SQL statement over QuoteService.listQuery's FROM and WHERE, so it applies the
// very same filter and visibility rules as the `quotes` list: a bucket's count is what the list would page
// through with the same filter narrowed to the bucket.
import type { DataSource } from "typeorm";
import { BadUserInputError } from "../errors";
import type { Visibility } from "../auth/visibility";
import { decodeCursor, encodeCursor } from "../pagination/cursor";
import type { PageRequest } from "../pagination/page-request";
import type { QuoteFilter, QuoteService } from "../quotes/quote.service";
import { SqlParams } from "../sql-params";

export type QuoteDimension = "SPEAKER" | "OUTLET" | "KIND" | "LANGUAGE" | "TOPIC" | "SPEAKER_KIND" | "GENDER" | "PARTY" | "COUNTRY";
export type StatsInterval = "DAY" | "WEEK" | "MONTH" | "YEAR";

/** The SQL of each dimension: its value, and the join it needs (`gs`: the speaker, `gt`: one topic of the article). */
const DIMENSIONS: Record<QuoteDimension, { expr: string; join?: "speaker" | "topic" }> = {
  SPEAKER: { expr: "q.speaker_id" },
  OUTLET: { expr: "a.outlet_id" },
  KIND: { expr: "q.kind" },
  LANGUAGE: { expr: "a.language" },
  // An article may carry several topics: its quotes count once under each (and under null when it has none).
  TOPIC: { expr: "gt.topic", join: "topic" },
  SPEAKER_KIND: { expr: "gs.kind", join: "speaker" },
  GENDER: { expr: "gs.gender", join: "speaker" },
  PARTY: { expr: "gs.party", join: "speaker" },
  COUNTRY: { expr: "gs.country", join: "speaker" },
};

const UNITS: Record<StatsInterval, string> = { DAY: "day", WEEK: "week", MONTH: "month", YEAR: "year" };

/** The start (UTC) of the `interval` period that `expr` (a timestamptz) falls in. */
export function periodSql(interval: StatsInterval, expr = "a.sort_at"): string {
  return `(date_trunc('${UNITS[interval]}', ${expr} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;
}

export interface QuoteBucketValue {
  /** Start of the period (UTC), null when no interval was asked for. */
  period: Date | null;
  /** The dimension values, by dimension (null: quotes without that value, e.g. without a speaker). */
  values: Partial<Record<QuoteDimension, string | null>>;
  count: number;
  articles: number;
  firstAt: Date | null;
  lastAt: Date | null;
}

export interface QuoteStatsPage {
  buckets: QuoteBucketValue[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  /** Buckets in the whole result; null when the page was empty (count() then asks for it). */
  total: number | null;
}

const MAX_DIMENSIONS = 4;

type Row = Record<string, unknown> & { period: Date | null; n: number; arts: number; first_at: Date | null; last_at: Date | null; total: number };

export class QuoteStatsService {
  constructor(
    private readonly ds: DataSource,
    private readonly quotes: QuoteService,
  ) {}

  private checkDimensions(groupBy: readonly QuoteDimension[]): QuoteDimension[] {
    const dims = [...groupBy];
    if (new Set(dims).size !== dims.length) throw new BadUserInputError("groupBy names a dimension twice.", "groupBy");
    if (dims.length > MAX_DIMENSIONS) throw new BadUserInputError(`groupBy takes at most ${MAX_DIMENSIONS} dimensions.`, "groupBy");
    return dims;
  }

  /**
   * The grouped statement (without order and limit): the list query's FROM and WHERE, grouped by `dims`
   * and the period; `extraWhere` narrows it further (a speaker's own stats).
   */
  private grouped(filter: QuoteFilter, dims: QuoteDimension[], interval: StatsInterval | null, vis: Visibility) {
    // NEWEST: the article is always joined (its sort_at dates the buckets); the order itself is not used.
    const list = this.quotes.listQuery(filter, "NEWEST", vis);
    const p = new SqlParams();
    p.values.push(...list.params);
    let from = list.from;
    if (dims.some((d) => DIMENSIONS[d].join === "speaker")) from += " LEFT JOIN speakers gs ON gs.id = q.speaker_id";
    if (dims.includes("TOPIC")) from += " LEFT JOIN LATERAL unnest(CASE WHEN cardinality(a.topics) = 0 THEN ARRAY[NULL::text] ELSE a.topics END) AS gt(topic) ON true";
    const cols = dims.map((d, i) => `${DIMENSIONS[d].expr} AS d${i}`);
    if (interval) cols.unshift(`${periodSql(interval)} AS period`);
    else cols.unshift("NULL::timestamptz AS period");
    const groups = dims.map((_, i) => `d${i}`);
    if (interval) groups.unshift("period");
    const sql =
      `SELECT ${cols.join(", ")}, count(*)::int AS n, count(DISTINCT q.article_id)::int AS arts, min(a.sort_at) AS first_at, max(a.sort_at) AS last_at ` +
      `FROM ${from}${list.where.length ? ` WHERE ${list.where.join(" AND ")}` : ""}` +
      (groups.length ? ` GROUP BY ${groups.join(", ")}` : "");
    return { sql, p };
  }

  private order(dims: QuoteDimension[], reverse: boolean): string {
    const dir = (d: "ASC" | "DESC") => (reverse ? (d === "ASC" ? "DESC" : "ASC") : d);
    const nulls = reverse ? "NULLS FIRST" : "NULLS LAST";
    return [`period ${dir("ASC")} ${nulls}`, `n ${dir("DESC")}`, ...dims.map((_, i) => `d${i} ${dir("ASC")} ${nulls}`)].join(", ");
  }

  private bucket(dims: QuoteDimension[], r: Row): QuoteBucketValue {
    const values: QuoteBucketValue["values"] = {};
    dims.forEach((d, i) => (values[d] = (r[`d${i}`] as string | null) ?? null));
    return { period: r.period ?? null, values, count: r.n, articles: r.arts, firstAt: r.first_at, lastAt: r.last_at };
  }

  /**
   * One page of buckets, ordered by period, then count (largest first), then the dimension values. Cursors
   * are positions in that order: the buckets are computed whole for each page, and a page starts where the
   * cursor's position was (a write between two pages may shift a bucket across them).
   */
  async stats(filter: QuoteFilter, groupBy: readonly QuoteDimension[], interval: StatsInterval | null, page: PageRequest, vis: Visibility): Promise<QuoteStatsPage> {
    const dims = this.checkDimensions(groupBy);
    const { sql, p } = this.grouped(filter, dims, interval, vis);
    const pos = (c: string | null, name: string) => (c == null ? null : this.position(c, name));
    const after = pos(page.after, "after");
    const before = pos(page.before, "before");
    const start = after == null ? 0 : after + 1;
    const windowed = (order: string, limit: number, offset: number) =>
      `SELECT g.*, count(*) OVER ()::int AS total FROM (${sql}) g ORDER BY ${order} LIMIT ${p.add(limit)} OFFSET ${p.add(offset)}`;
    let rows: Row[];
    let first: number;
    let hasNextPage: boolean;
    let hasPreviousPage: boolean;
    if (!page.backward) {
      const room = before == null ? page.limit : Math.max(0, Math.min(page.limit, before - start));
      rows = await this.ds.query(windowed(this.order(dims, false), room + 1, start), p.values);
      hasNextPage = rows.length > room || (before != null && rows.length > 0);
      rows = rows.slice(0, room);
      first = start;
      hasPreviousPage = start > 0;
    } else if (before != null) {
      first = Math.max(start, before - page.limit);
      rows = await this.ds.query(windowed(this.order(dims, false), Math.max(0, before - first), first), p.values);
      hasNextPage = true;
      hasPreviousPage = first > 0;
    } else {
      // The last page: read the order backwards, and number the rows from the total.
      rows = await this.ds.query(windowed(this.order(dims, true), page.limit, 0), p.values);
      const total = rows[0]?.total ?? 0;
      rows = rows.reverse().filter((_, i) => total - rows.length + i >= start);
      first = Math.max(start, total - rows.length);
      hasNextPage = false;
      hasPreviousPage = first > 0;
    }
    return {
      buckets: rows.map((r) => this.bucket(dims, r)),
      cursors: rows.map((_, i) => encodeCursor([first + i])),
      hasNextPage,
      hasPreviousPage,
      total: rows.length ? rows[0].total : null,
    };
  }

  /** How many buckets the whole result holds (for totalCount when the page itself was empty). */
  async count(filter: QuoteFilter, groupBy: readonly QuoteDimension[], interval: StatsInterval | null, vis: Visibility): Promise<number> {
    const { sql, p } = this.grouped(filter, this.checkDimensions(groupBy), interval, vis);
    const rows: Array<{ n: number }> = await this.ds.query(`SELECT count(*)::int AS n FROM (${sql}) g`, p.values);
    return rows[0].n;
  }

  private position(cursor: string, name: string): number {
    const [v] = decodeCursor(cursor, 1, name);
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) throw new BadUserInputError(`${name} is not a cursor for this list.`, name);
    return v;
  }
}
