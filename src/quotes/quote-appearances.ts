// Where else a quote appeared: the same words (normalised-text hash) in other articles, by the same
// speaker or with the speaker unknown on one side. This is how one quote carried by several outlets links up.
import type { DataSource } from "typeorm";
import { Quote } from "../../entities/quote.entity";
import { articleVisibleSql } from "../articles/article.service";
import type { Visibility } from "../auth/visibility";
import { countBatched, fetchBatchedPages, type ListQuery } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { hydrate, selectColumns } from "../pagination/entity-rows";

export class QuoteAppearances {
  constructor(private readonly ds: DataSource) {}

  private query(vis: Visibility): ListQuery {
    const visible = articleVisibleSql(vis);
    return {
      select: selectColumns(this.ds, Quote, "q"),
      from:
        `quotes p JOIN quotes q ON q.text_hash = p.text_hash AND q.article_id <> p.article_id ` +
        `AND (q.speaker_id IS NULL OR p.speaker_id IS NULL OR q.speaker_id = p.speaker_id) ` +
        `JOIN articles a ON a.id = q.article_id`,
      where: visible ? [visible] : [],
      params: [],
      keys: [
        { expr: "a.sort_at", type: "timestamptz" },
        { expr: "q.id", type: "uuid" },
      ],
      descending: false,
    };
  }

  /** For each quote id, a page of the same quote in other articles, earliest first. */
  pages(quoteIds: readonly string[], page: PageRequest, vis: Visibility) {
    return fetchBatchedPages(this.ds, this.query(vis), "p.id", quoteIds, page, (r) => ({ node: hydrate(this.ds, Quote, r), rank: null, highlight: null }));
  }

  counts(quoteIds: readonly string[], vis: Visibility) {
    return countBatched(this.ds, this.query(vis), "p.id", quoteIds);
  }
}
