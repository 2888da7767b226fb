// Reads articles: single lookups, the filtered and searched list, and per-speaker article lists.
import type { DataSource } from "typeorm";
import { Article } from "../../entities/article.entity";
import { assertUuid, BadUserInputError } from "../errors";
import { countBatched, countRows, fetchBatchedPages, fetchPage, type ListQuery, type RawRow, type SortKey } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { hydrate, hydratePrefixed, selectColumns, selectPrefixed } from "../pagination/entity-rows";
import { Outlet } from "../../entities/outlet.entity";
import { checkDateRange, HEADLINE_OPTIONS, highlightSql, normalizeSearch, tsQuery } from "../search/text-search";
import { SqlParams } from "../sql-params";
import type { Visibility } from "../auth/visibility";

/** The SQL condition that hides drafts from `vis` (null when it may see them): the one place the rule lives. */
export function articleVisibleSql(vis: Visibility, alias = "a"): string | null {
  return vis.drafts ? null : `${alias}.status = 'PUBLISHED'`;
}

function andVisible(vis: Visibility, alias = "a"): string {
  const cond = articleVisibleSql(vis, alias);
  return cond ? ` AND ${cond}` : "";
}

/** The column and value an article lookup names; BAD_USER_INPUT unless exactly one of id, slug or url is given. */
export function articleLookupColumn(lookup: ArticleLookup): { column: "id" | "slug" | "url"; value: string } {
  const given = (["id", "slug", "url"] as const).filter((k) => lookup[k] != null);
  if (given.length !== 1) throw new BadUserInputError("Pass exactly one of id, slug or url.", given[1] ?? "id");
  if (lookup.id != null) return { column: "id", value: assertUuid(lookup.id, "id") };
  return lookup.slug != null ? { column: "slug", value: lookup.slug } : { column: "url", value: lookup.url as string };
}

export type ArticleOrder = "NEWEST" | "OLDEST" | "RELEVANCE";

export interface ArticleFilter {
  search?: string | null;
  speakerId?: string | null;
  outletId?: string | null;
  topic?: string | null;
  publishedAfter?: Date | null;
  publishedBefore?: Date | null;
}

export interface ArticleEdgeBody {
  node: Article;
  rank: number | null;
  highlight: string | null;
}

export interface ArticleLookup {
  id?: string | null;
  slug?: string | null;
  url?: string | null;
}

export class ArticleService {
  constructor(private readonly ds: DataSource) {}

  /** Articles by id, in the order asked, null where none exists or `vis` may not see it (for the DataLoader). */
  async byIds(ids: readonly string[], vis: Visibility): Promise<Array<Article | null>> {
    const rows: RawRow[] = await this.ds.query(`SELECT ${selectColumns(this.ds, Article, "a")} FROM articles a WHERE a.id = ANY($1::uuid[])${andVisible(vis)}`, [ids]);
    const byId = new Map(rows.map((r) => [r.id as string, hydrate(this.ds, Article, r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** The one article named by exactly one of id, slug or url. */
  /** `withOutlet` fetches the outlet in the same statement (the resolver looked ahead). */
  async findOne(lookup: ArticleLookup, byId: (id: string) => Promise<Article | null>, vis: Visibility, withOutlet = false): Promise<Article | null> {
    const { column, value } = articleLookupColumn(lookup);
    if (column === "id") return byId(value);
    const outlet = withOutlet ? { select: `, ${selectPrefixed(this.ds, Outlet, "o", "outlet")}`, join: " LEFT JOIN outlets o ON o.id = a.outlet_id" } : { select: "", join: "" };
    const rows: RawRow[] = await this.ds.query(`SELECT ${selectColumns(this.ds, Article, "a")}${outlet.select} FROM articles a${outlet.join} WHERE a.${column} = $1${andVisible(vis)}`, [
      value,
    ]);
    return rows[0] ? this.edge(rows[0]).node : null;
  }

  /** The filtered, sorted list as a keyset query (the read planner composes it into larger statements). */
  listQuery(filter: ArticleFilter, order: ArticleOrder, vis: Visibility, withOutlet = false): ListQuery {
    const p = new SqlParams();
    const where: string[] = [];
    const visible = articleVisibleSql(vis);
    if (visible) where.push(visible);
    const search = normalizeSearch(filter.search, "filter.search");
    checkDateRange(filter.publishedAfter, filter.publishedBefore, "filter.publishedAfter", "filter.publishedBefore");
    let extra = "";
    let rank: string | null = null;
    let keys: SortKey[];
    if (search) {
      const q = tsQuery(p.add(search));
      rank = `ts_rank(a.search_vector, ${q})::float8`;
      where.push(`a.search_vector @@ ${q}`);
      extra = `, ${rank} AS "__rank", ${highlightSql(`ts_headline('english', a.title || E'\\n' || a.body, ${q}, '${HEADLINE_OPTIONS}')`)} AS "__highlight"`;
    }
    if (filter.speakerId != null) {
      where.push(`EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id AND q.speaker_id = ${p.add(assertUuid(filter.speakerId, "filter.speakerId"))})`);
    }
    if (filter.outletId != null) where.push(`a.outlet_id = ${p.add(assertUuid(filter.outletId, "filter.outletId"))}`);
    if (filter.topic != null) where.push(`a.topics @> ARRAY[${p.add(filter.topic.trim().toLowerCase())}::text]`);
    if (filter.publishedAfter) where.push(`a.published_at >= ${p.add(filter.publishedAfter)}`);
    if (filter.publishedBefore) where.push(`a.published_at <= ${p.add(filter.publishedBefore)}`);
    if (order === "RELEVANCE") {
      if (!rank) throw new BadUserInputError("orderBy RELEVANCE needs filter.search.", "orderBy");
      keys = [
        { expr: rank, type: "float8" },
        { expr: "a.id", type: "uuid" },
      ];
    } else {
      keys = [
        { expr: "a.sort_at", type: "timestamptz" },
        { expr: "a.id", type: "uuid" },
      ];
    }
    if (withOutlet) extra += `, ${selectPrefixed(this.ds, Outlet, "o", "outlet")}`;
    return {
      select: selectColumns(this.ds, Article, "a") + extra,
      from: withOutlet ? "articles a LEFT JOIN outlets o ON o.id = a.outlet_id" : "articles a",
      where,
      params: p.values,
      keys,
      descending: order !== "OLDEST",
    };
  }

  private edge = (r: RawRow): ArticleEdgeBody => {
    const node = hydrate(this.ds, Article, r);
    if ("outlet.id" in r) node.outlet = hydratePrefixed(this.ds, Outlet, r, "outlet");
    return { node, rank: r.__rank == null ? null : Number(r.__rank), highlight: (r.__highlight as string | undefined) ?? null };
  };

  /** `withOutlet` fetches each article's outlet in the same statement (the resolver looked ahead). */
  async list(filter: ArticleFilter, order: ArticleOrder, page: PageRequest, vis: Visibility, withOutlet = false) {
    const q = this.listQuery(filter, order, vis, withOutlet);
    const rows = await fetchPage(this.ds, q, page, this.edge);
    return { rows, count: () => countRows(this.ds, q) };
  }

  /** Each outlet's articles, newest first, one page per outlet, in one statement. */
  pagesByOutlet(outletIds: readonly string[], page: PageRequest, vis: Visibility) {
    return fetchBatchedPages(this.ds, this.listQuery({}, "NEWEST", vis), "a.outlet_id", outletIds, page, this.edge);
  }

  countsByOutlet(outletIds: readonly string[], vis: Visibility) {
    return countBatched(this.ds, this.listQuery({}, "NEWEST", vis), "a.outlet_id", outletIds);
  }

  /** The articles quoting speakers (`sq.speaker_id`) as a keyset query (the read planner composes it too). */
  bySpeakerQuery(vis: Visibility): ListQuery {
    const visible = articleVisibleSql(vis);
    return {
      select: `${selectColumns(this.ds, Article, "a")}`,
      from: `articles a JOIN (SELECT DISTINCT q.article_id, q.speaker_id FROM quotes q WHERE q.speaker_id = ANY(:parentIds)) sq ON sq.article_id = a.id`,
      where: visible ? [visible] : [],
      params: [],
      keys: [
        { expr: "a.sort_at", type: "timestamptz" },
        { expr: "a.id", type: "uuid" },
      ],
      descending: true,
    };
  }

  /** The articles quoting each speaker, newest first, one page per speaker, in one statement. */
  pagesBySpeaker(speakerIds: readonly string[], page: PageRequest, vis: Visibility) {
    return fetchBatchedPages(this.ds, this.bySpeakerQuery(vis), "sq.speaker_id", speakerIds, page, (r) => ({ node: hydrate(this.ds, Article, r) }));
  }

  countsBySpeaker(speakerIds: readonly string[], vis: Visibility) {
    return countBatched(this.ds, this.bySpeakerQuery(vis), "sq.speaker_id", speakerIds);
  }
}
