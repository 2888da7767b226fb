// Reads speakers: lookups, the searchable list, and the distinct speakers of each article.
import type { DataSource } from "typeorm";
import { Speaker } from "../../entities/speaker.entity";
import { assertUuid, BadUserInputError } from "../errors";
import { countBatched, countRows, fetchBatchedPages, fetchPage, type ListQuery, type RawRow } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { hydrate, selectColumns } from "../pagination/entity-rows";
import { normalizeSearch } from "../search/text-search";
import { SqlParams } from "../sql-params";
import type { Visibility } from "../auth/visibility";
import { SPEAKER_STAT_AGGREGATES, speakerQuotesSql } from "../quotes/quote.service";

export type SpeakerOrder = "NAME" | "MOST_QUOTED";

export interface SpeakerLookup {
  id?: string | null;
  slug?: string | null;
  wikidataId?: string | null;
}

export interface ArticleSpeakerEdgeBody {
  node: Speaker;
  quoteCount: number;
}

/** The column and value a speaker lookup names; BAD_USER_INPUT unless exactly one of id, slug or wikidataId is given. */
export function speakerLookupColumn(lookup: SpeakerLookup): { column: "id" | "slug" | "wikidata_id"; value: string } {
  const given = (["id", "slug", "wikidataId"] as const).filter((k) => lookup[k] != null);
  if (given.length !== 1) throw new BadUserInputError("Pass exactly one of id, slug or wikidataId.", given[1] ?? "id");
  if (lookup.id != null) return { column: "id", value: assertUuid(lookup.id, "id") };
  return lookup.slug != null ? { column: "slug", value: lookup.slug } : { column: "wikidata_id", value: lookup.wikidataId as string };
}

/** Escapes LIKE wildcards so user text matches literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class SpeakerService {
  constructor(private readonly ds: DataSource) {}

  async byIds(ids: readonly string[]): Promise<Array<Speaker | null>> {
    const rows: RawRow[] = await this.ds.query(`SELECT ${selectColumns(this.ds, Speaker, "s")} FROM speakers s WHERE s.id = ANY($1::uuid[])`, [ids]);
    const byId = new Map(rows.map((r) => [r.id as string, hydrate(this.ds, Speaker, r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Speakers by a unique column other than id (federation keys), in the order asked; null where there is none. */
  async byUniqueKey(key: "slug" | "wikidataId", values: readonly string[]): Promise<Array<Speaker | null>> {
    const column = key === "slug" ? "slug" : "wikidata_id";
    const rows: RawRow[] = await this.ds.query(`SELECT ${selectColumns(this.ds, Speaker, "s")} FROM speakers s WHERE s.${column} = ANY($1::text[])`, [values]);
    const byValue = new Map(rows.map((r) => [r[key] as string, hydrate(this.ds, Speaker, r)]));
    return values.map((v) => byValue.get(v) ?? null);
  }

  async findOne(lookup: SpeakerLookup, byId: (id: string) => Promise<Speaker | null>): Promise<Speaker | null> {
    const { column, value } = speakerLookupColumn(lookup);
    if (column === "id") return byId(value);
    const rows: RawRow[] = await this.ds.query(`SELECT ${selectColumns(this.ds, Speaker, "s")} FROM speakers s WHERE s.${column} = $1`, [value]);
    return rows[0] ? hydrate(this.ds, Speaker, rows[0]) : null;
  }

  /** The searchable list; MOST_QUOTED counts (in its order and cursors) only the quotes `vis` may see. */
  private listQuery(search: string | null | undefined, order: SpeakerOrder, vis: Visibility): ListQuery {
    const p = new SqlParams();
    const where: string[] = [];
    const text = normalizeSearch(search, "search");
    if (text) {
      const pat = p.add(likePattern(text));
      where.push(`(s.name ILIKE ${pat} OR s.role ILIKE ${pat} OR EXISTS (SELECT 1 FROM unnest(s.aliases) al WHERE al ILIKE ${pat}))`);
    }
    const quoteCount = `(SELECT ${SPEAKER_STAT_AGGREGATES.quoteCount} ${speakerQuotesSql(vis, "q.speaker_id = s.id")})`;
    return {
      select: selectColumns(this.ds, Speaker, "s"),
      from: "speakers s",
      where,
      params: p.values,
      keys:
        order === "MOST_QUOTED"
          ? [
              { expr: `${quoteCount}::int`, type: "int" },
              { expr: "s.id", type: "uuid" },
            ]
          : [
              { expr: "lower(s.name)", type: "text" },
              { expr: "s.id", type: "uuid" },
            ],
      descending: order === "MOST_QUOTED",
    };
  }

  async list(search: string | null | undefined, order: SpeakerOrder, page: PageRequest, vis: Visibility) {
    const q = this.listQuery(search, order, vis);
    const rows = await fetchPage(this.ds, q, page, (r) => ({ node: hydrate(this.ds, Speaker, r) }));
    return { rows, count: () => countRows(this.ds, q) };
  }

  /** The distinct speakers of articles (`:parentIds`) as a keyset query (the read planner composes it too). */
  byArticleQuery(): ListQuery {
    return {
      select: `${selectColumns(this.ds, Speaker, "s")}, aq.quote_count AS "__quoteCount"`,
      from:
        `speakers s JOIN (SELECT q.article_id, q.speaker_id, count(*)::int AS quote_count, min(q.position) AS first_position ` +
        `FROM quotes q WHERE q.article_id = ANY(:parentIds) AND q.speaker_id IS NOT NULL GROUP BY q.article_id, q.speaker_id) aq ON aq.speaker_id = s.id`,
      where: [],
      params: [],
      // Speakers in the order the article first quotes them.
      keys: [
        { expr: "aq.first_position", type: "int" },
        { expr: "s.id", type: "uuid" },
      ],
      descending: false,
    };
  }

  /** The distinct quoted speakers of each article with their quote counts, one page per article. */
  pagesByArticle(articleIds: readonly string[], page: PageRequest) {
    return fetchBatchedPages(this.ds, this.byArticleQuery(), "aq.article_id", articleIds, page, (r): ArticleSpeakerEdgeBody => ({
      node: hydrate(this.ds, Speaker, r),
      quoteCount: Number(r.__quoteCount),
    }));
  }

  countsByArticle(articleIds: readonly string[]) {
    return countBatched(this.ds, this.byArticleQuery(), "aq.article_id", articleIds);
  }
}
