// Reads quotes: the analysts' filtered and searched list, and quotes per article and per speaker.
import type { DataSource } from "typeorm";
import type { QuoteKind } from "../../entities/quote-kind.enum";
import { Quote } from "../../entities/quote.entity";
import { assertUuid, BadUserInputError } from "../errors";
import { countBatched, countRows, fetchBatchedPages, fetchPage, type ListQuery, type RawRow, type SortKey } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { hydrate, hydratePrefixed, selectColumns, selectPrefixed } from "../pagination/entity-rows";
import { Article } from "../../entities/article.entity";
import { Speaker } from "../../entities/speaker.entity";
import { HEADLINE_OPTIONS, highlightSql, normalizeSearch, tsQuery } from "../search/text-search";
import { SqlParams } from "../sql-params";
import type { Visibility } from "../auth/visibility";
import { articleVisibleSql } from "../articles/article.service";
import { quoteAnalystConditions, type QuoteAnalystFilter } from "./quote-filter-sql";

export type QuoteOrder = "NEWEST" | "OLDEST" | "RELEVANCE" | "ARTICLE_ORDER";

export interface QuoteFilter extends QuoteAnalystFilter {
  speakerId?: string | null;
  speakerName?: string | null;
  articleId?: string | null;
  search?: string | null;
  kind?: QuoteKind | null;
  /** Only quotes whose speaker was found with at least this confidence (an editor's choice counts as 1). */
  minConfidence?: number | null;
}

export interface QuoteEdgeBody {
  node: Quote;
  rank: number | null;
  highlight: string | null;
}

const DATE_KEYS = (dir: "asc" | "desc"): SortKey[] => [
  { expr: "a.sort_at", type: "timestamptz" },
  { expr: "a.id", type: "uuid" },
  // Within an article quotes keep their reading order whichever way the dates run.
  { expr: dir === "desc" ? "-q.position" : "q.position", type: "int" },
  { expr: "q.id", type: "uuid" },
];

/** What to fetch in the list's own statement besides the quote (the resolvers look ahead to decide). */
export interface QuoteEmbed {
  speaker?: boolean;
  article?: boolean;
  /** A search's edge fields: ts_rank, and ts_headline (which costs far more), only when the edges ask. */
  rank?: boolean;
  highlight?: boolean;
}

/**
 * The aggregates of a speaker's stats (Speaker.quoteCount, firstQuotedAt, lastQuotedAt) over the rows of
 * `speakerQuotesSql`.
 */
export const SPEAKER_STAT_AGGREGATES = { quoteCount: "count(*)", firstQuotedAt: "min(a.published_at)", lastQuotedAt: "max(a.published_at)" } as const;

/**
 * `FROM … WHERE …` of the quotes that count for a speaker's stats: theirs (`speakerCondition` on `q`), in
 * articles `vis` may see (`a`). The one home of that rule: the loader (speakerStats), the read planner
 * and the speakers' MOST_QUOTED order (and its cursors) all count with it.
 */
export function speakerQuotesSql(vis: Visibility, speakerCondition: string): string {
  const visible = articleVisibleSql(vis, "a");
  return `FROM quotes q JOIN articles a ON a.id = q.article_id WHERE ${speakerCondition}${visible ? ` AND ${visible}` : ""}`;
}

function checkConfidence(value: number): number {
  if (!Number.isFinite(value) || value < 0 || value > 1) throw new BadUserInputError("filter.minConfidence must be between 0 and 1.", "filter.minConfidence");
  return value;
}

/** Quotes with a speaker found at least this surely; one home for the condition (the read planner composes listQuery). */
function minConfidenceSql(ref: string): string {
  return `q.speaker_id IS NOT NULL AND (q.speaker_set_by_editor OR q.attribution_confidence >= ${ref}::float8)`;
}

export class QuoteService {
  constructor(private readonly ds: DataSource) {}

  /** Quotes by id; null where none exists or its article is hidden from `vis`. */
  async byIds(ids: readonly string[], vis: Visibility): Promise<Array<Quote | null>> {
    const visible = articleVisibleSql(vis);
    const rows: RawRow[] = await this.ds.query(
      `SELECT ${selectColumns(this.ds, Quote, "q")} FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = ANY($1::uuid[])` + (visible ? ` AND ${visible}` : ""),
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id as string, hydrate(this.ds, Quote, r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * The filtered, sorted list as a keyset query (the read planner composes it into larger statements).
   * `articleChecked`: the list hangs from one article the caller already knows the viewer may see (the read
   * planner's Article.quotes); the article is then joined only when something else reads it (date keys or
   * filters, an embedded article), not to check its visibility again for every quote.
   */
  listQuery(filter: QuoteFilter, order: QuoteOrder, vis: Visibility, embed: QuoteEmbed = {}, articleChecked = false): ListQuery {
    const p = new SqlParams();
    const where: string[] = [];
    /** The speaker-name condition as a paged list reads it, and as a list matched whole reads it. */
    let matchSpeaker: [string, string] | null = null;
    // Outlet, topic, language, speaker kind and presence, and the date window (src/quotes/quote-filter-sql.ts).
    const analyst = quoteAnalystConditions(filter, p);
    const joinArticle = !articleChecked || Boolean(embed.article || analyst.article) || (order !== "RELEVANCE" && order !== "ARTICLE_ORDER");
    const visible = articleVisibleSql(vis);
    if (joinArticle && visible) where.push(visible);
    where.push(...analyst.where);
    const search = normalizeSearch(filter.search, "filter.search");
    let extra = "";
    let rank: string | null = null;
    if (search) {
      const tq = tsQuery(p.add(search));
      rank = `ts_rank(q.search_vector, ${tq})::float8`;
      where.push(`q.search_vector @@ ${tq}`);
      if (embed.rank) extra += `, ${rank} AS "__rank"`;
      if (embed.highlight) extra += `, ${highlightSql(`ts_headline('english', q.text, ${tq}, '${HEADLINE_OPTIONS}')`)} AS "__highlight"`;
    }
    if (filter.speakerId != null) where.push(`q.speaker_id = ${p.add(assertUuid(filter.speakerId, "filter.speakerId"))}`);
    if (filter.speakerName != null) {
      const name = filter.speakerName.trim().toLowerCase();
      if (!name) throw new BadUserInputError("filter.speakerName must not be empty.", "filter.speakerName");
      // The speakers first (one indexed lookup over every name and alias, see the speaker-name-keys
      // migration), then their quotes through quotes_speaker_idx. Paged along the sort index, a semi-join,
      // not `= ANY(ARRAY(…))`: the index's statistics then tell Postgres it is one speaker's quotes (~50
      // rows), where an array it cannot see made it guess ~560 and walk every article newest first for a
      // rare speaker's few quotes. Matched whole (the planner's narrow lists), the array: there is no walk
      // to get wrong, and its plan suits every name, so PostgreSQL keeps the named statement's generic
      // plan instead of planning each execution again (the semi-join's estimates kept it planning).
      const speakers = `SELECT s.id FROM speakers s WHERE speaker_name_keys(s.name, s.aliases) @> ARRAY[${p.add(name)}]::text[]`;
      where.push(`q.speaker_id IN (${speakers})`);
      matchSpeaker = [where[where.length - 1], `q.speaker_id = ANY(ARRAY(${speakers}))`];
    }
    if (filter.articleId != null) where.push(`q.article_id = ${p.add(assertUuid(filter.articleId, "filter.articleId"))}`);
    if (filter.kind != null) where.push(`q.kind = ${p.add(filter.kind)}`);
    if (filter.minConfidence != null) where.push(minConfidenceSql(p.add(checkConfidence(filter.minConfidence))));
    let keys: SortKey[];
    let descending = true;
    switch (order) {
      case "RELEVANCE":
        if (!rank) throw new BadUserInputError("orderBy RELEVANCE needs filter.search.", "orderBy");
        keys = [
          { expr: rank, type: "float8" },
          { expr: "q.id", type: "uuid" },
        ];
        break;
      case "ARTICLE_ORDER":
        keys = [
          { expr: "q.position", type: "int" },
          { expr: "q.id", type: "uuid" },
        ];
        descending = false;
        break;
      case "OLDEST":
        keys = DATE_KEYS("asc");
        descending = false;
        break;
      default:
        keys = DATE_KEYS("desc");
    }
    // The article is joined anyway (visibility, date keys); the speaker is one more join.
    if (embed.article) extra += `, ${selectPrefixed(this.ds, Article, "a", "article")}`;
    if (embed.speaker) extra += `, ${selectPrefixed(this.ds, Speaker, "sp", "speaker")}`;
    return {
      select: selectColumns(this.ds, Quote, "q") + extra,
      from: (joinArticle ? "quotes q JOIN articles a ON a.id = q.article_id" : "quotes q") + (embed.speaker ? " LEFT JOIN speakers sp ON sp.id = q.speaker_id" : ""),
      where,
      ...(matchSpeaker ? { matchWhere: where.map((w) => (w === matchSpeaker![0] ? matchSpeaker![1] : w)) } : {}),
      params: p.values,
      keys,
      descending,
      narrow: Boolean(search) || filter.speakerId != null || filter.speakerName != null || filter.articleId != null,
    };
  }

  private edge = (r: RawRow): QuoteEdgeBody => {
    const node = hydrate(this.ds, Quote, r);
    if ("speaker.id" in r) node.speaker = hydratePrefixed(this.ds, Speaker, r, "speaker");
    if ("article.id" in r) node.article = hydratePrefixed(this.ds, Article, r, "article") ?? undefined;
    return { node, rank: r.__rank == null ? null : Number(r.__rank), highlight: (r.__highlight as string | undefined) ?? null };
  };

  async list(filter: QuoteFilter, order: QuoteOrder, page: PageRequest, vis: Visibility, embed: QuoteEmbed = {}) {
    const q = this.listQuery(filter, order, vis, embed);
    const rows = await fetchPage(this.ds, q, page, this.edge);
    return { rows, count: () => countRows(this.ds, q) };
  }

  /** One page of quotes for each parent (`parent` says whether ids are articles or speakers), in one statement. */
  pagesBy(parent: "article" | "speaker", ids: readonly string[], filter: QuoteFilter, order: QuoteOrder, page: PageRequest, vis: Visibility, embed: QuoteEmbed = {}) {
    return fetchBatchedPages(this.ds, this.listQuery(filter, order, vis, embed), `q.${parent}_id`, ids, page, this.edge);
  }

  countsBy(parent: "article" | "speaker", ids: readonly string[], filter: QuoteFilter, vis: Visibility) {
    return countBatched(this.ds, this.listQuery(filter, "ARTICLE_ORDER", vis), `q.${parent}_id`, ids);
  }

  /** Quote count and first/last quoted dates for each speaker. */
  async speakerStats(speakerIds: readonly string[], vis: Visibility) {
    const { quoteCount, firstQuotedAt, lastQuotedAt } = SPEAKER_STAT_AGGREGATES;
    const rows: Array<{ speaker_id: string; n: string; first: Date | null; last: Date | null }> = await this.ds.query(
      `SELECT q.speaker_id, ${quoteCount} AS n, ${firstQuotedAt} AS first, ${lastQuotedAt} AS last ${speakerQuotesSql(vis, "q.speaker_id = ANY($1::uuid[])")} GROUP BY q.speaker_id`,
      [speakerIds],
    );
    const byId = new Map(rows.map((r) => [r.speaker_id, { quoteCount: Number(r.n), firstQuotedAt: r.first, lastQuotedAt: r.last }]));
    return speakerIds.map((id) => byId.get(id) ?? { quoteCount: 0, firstQuotedAt: null, lastQuotedAt: null });
  }
}
