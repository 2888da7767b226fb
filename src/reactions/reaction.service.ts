// Reads reactions: per-article lists and the per-article summary by sentiment and origin.
import type { DataSource } from "typeorm";
import type { ReactionOrigin } from "../../entities/reaction-origin.enum";
import { Reaction } from "../../entities/reaction.entity";
import { Sentiment } from "../../entities/sentiment.enum";
import { countBatched, fetchBatchedPages, type ListQuery } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { hydrate, selectColumns } from "../pagination/entity-rows";
import { SqlParams } from "../sql-params";

export interface ReactionFilter {
  origin?: ReactionOrigin | null;
  sentiment?: Sentiment | null;
}

export interface ReactionSummaryValue {
  total: number;
  reported: number;
  reader: number;
  bySentiment: Array<{ sentiment: Sentiment; count: number }>;
  overall: Sentiment | null;
}

/** Every sentiment, in the order a summary lists them. */
export const SENTIMENTS: readonly Sentiment[] = [Sentiment.POSITIVE, Sentiment.NEGATIVE, Sentiment.NEUTRAL, Sentiment.MIXED];

/** The tone of a set of reactions as a whole: one clear tone, or MIXED when approval and disapproval meet. */
export function overallSentiment(counts: Map<Sentiment, number>): Sentiment | null {
  const pos = counts.get(Sentiment.POSITIVE) ?? 0;
  const neg = counts.get(Sentiment.NEGATIVE) ?? 0;
  const mixed = counts.get(Sentiment.MIXED) ?? 0;
  const neutral = counts.get(Sentiment.NEUTRAL) ?? 0;
  const total = pos + neg + mixed + neutral;
  if (total === 0) return null;
  if (mixed > 0 || (pos > 0 && neg > 0)) {
    // A strong majority still sets the tone.
    if (pos >= 0.8 * total) return Sentiment.POSITIVE;
    if (neg >= 0.8 * total) return Sentiment.NEGATIVE;
    return Sentiment.MIXED;
  }
  if (pos > 0) return Sentiment.POSITIVE;
  if (neg > 0) return Sentiment.NEGATIVE;
  return Sentiment.NEUTRAL;
}

/**
 * Reactions counted by article, origin and sentiment (`article_id`, `origin`, `sentiment`, `n`) for the
 * articles `articleCondition` on `r` picks: the rows summarizeReactions takes. The one home of that count
 * for the loader (summaries) and the read planner's entity mode.
 */
export function reactionCountRowsSql(articleCondition: string): string {
  return `SELECT r.article_id, r.origin, r.sentiment, count(*) AS n FROM reactions r WHERE ${articleCondition} GROUP BY 1, 2, 3`;
}

/**
 * One article's reaction counts as a derived table `alias` of one row, for SQL that writes the summary
 * itself (the read planner's response mode): `total`, `reader`, and a column per sentiment named as it.
 * The same counts as summarizeReactions takes (`reported` is total − reader).
 */
export function reactionCountsSql(articleExpr: string, alias: string): string {
  const perSentiment = SENTIMENTS.map((s) => `count(*) FILTER (WHERE r.sentiment = '${s}') AS "${s}"`).join(", ");
  return `(SELECT count(*) AS total, count(*) FILTER (WHERE r.origin = 'READER') AS reader, ${perSentiment} FROM reactions r WHERE r.article_id = ${articleExpr}) ${alias}`;
}

/**
 * overallSentiment in SQL, over the counts of reactionCountsSql's `alias`. The 80% test is done in float8,
 * as JavaScript does it, so that both give the same answer to the last bit at every total
 * (tests/api/reaction-summary.test.ts compares them).
 */
export function overallSentimentSql(alias: string): string {
  const n = (s: Sentiment) => `${alias}."${s}"`;
  const all = `(${SENTIMENTS.map(n).join(" + ")})`;
  const strong = (s: Sentiment) => `${n(s)}::float8 >= 0.8::float8 * ${all}::float8`;
  const [pos, neg, mixed] = [n(Sentiment.POSITIVE), n(Sentiment.NEGATIVE), n(Sentiment.MIXED)];
  return (
    `CASE WHEN ${all} = 0 THEN NULL ` +
    `WHEN ${mixed} > 0 OR (${pos} > 0 AND ${neg} > 0) THEN ` +
    `CASE WHEN ${strong(Sentiment.POSITIVE)} THEN 'POSITIVE' WHEN ${strong(Sentiment.NEGATIVE)} THEN 'NEGATIVE' ELSE 'MIXED' END ` +
    `WHEN ${pos} > 0 THEN 'POSITIVE' WHEN ${neg} > 0 THEN 'NEGATIVE' ELSE 'NEUTRAL' END`
  );
}

export class ReactionService {
  constructor(private readonly ds: DataSource) {}

  /** An article's reactions as a keyset query, by article (the read planner composes it into larger statements). */
  listQuery(filter: ReactionFilter): ListQuery {
    const p = new SqlParams();
    const where: string[] = [];
    if (filter.origin) where.push(`r.origin = ${p.add(filter.origin)}`);
    if (filter.sentiment) where.push(`r.sentiment = ${p.add(filter.sentiment)}`);
    return {
      select: selectColumns(this.ds, Reaction, "r"),
      from: "reactions r",
      where,
      params: p.values,
      keys: [
        { expr: "r.position", type: "int" },
        { expr: "r.created_at", type: "timestamptz" },
        { expr: "r.id", type: "uuid" },
      ],
      descending: false,
    };
  }

  pagesByArticle(articleIds: readonly string[], filter: ReactionFilter, page: PageRequest) {
    return fetchBatchedPages(this.ds, this.listQuery(filter), "r.article_id", articleIds, page, (r) => ({ node: hydrate(this.ds, Reaction, r) }));
  }

  countsByArticle(articleIds: readonly string[], filter: ReactionFilter) {
    return countBatched(this.ds, this.listQuery(filter), "r.article_id", articleIds);
  }

  async summaries(articleIds: readonly string[]): Promise<ReactionSummaryValue[]> {
    const rows: Array<ReactionCountRow & { article_id: string }> = await this.ds.query(reactionCountRowsSql("r.article_id = ANY($1::uuid[])"), [articleIds]);
    return articleIds.map((id) => summarizeReactions(rows.filter((r) => r.article_id === id)));
  }
}

/** One article's reactions counted by origin and sentiment (`SELECT origin, sentiment, count(*) … GROUP BY 1, 2`). */
export interface ReactionCountRow {
  origin: string;
  sentiment: Sentiment;
  n: string | number;
}

/** The summary of one article's reactions from its counts by origin and sentiment. */
export function summarizeReactions(counts: readonly ReactionCountRow[]): ReactionSummaryValue {
  const bySentiment = new Map<Sentiment, number>();
  let reported = 0;
  let reader = 0;
  for (const r of counts) {
    const n = Number(r.n);
    bySentiment.set(r.sentiment, (bySentiment.get(r.sentiment) ?? 0) + n);
    if (r.origin === "READER") reader += n;
    else reported += n;
  }
  return {
    total: reported + reader,
    reported,
    reader,
    bySentiment: SENTIMENTS.map((sentiment) => ({ sentiment, count: bySentiment.get(sentiment) ?? 0 })),
    overall: overallSentiment(bySentiment),
  };
}
