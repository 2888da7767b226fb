// newsgraph's field plans: the fields of each node the read planner fetches itself, registered into a
// FieldPlanTable (field-plan-table.ts). Each plan reads its list query or its SQL from the service that
// owns it, so the planner and the DataLoaders run the same SQL.
import { getNamedType, type GraphQLObjectType } from "graphql";
import { articleVisibleSql } from "../articles/article.service";
import { liveCommentsSql, type CommentOrder } from "../comments/comment.service";
import { SPEAKER_STAT_AGGREGATES, speakerQuotesSql, type QuoteFilter, type QuoteOrder } from "../quotes/quote.service";
import { overallSentimentSql, reactionCountRowsSql, reactionCountsSql, SENTIMENTS, summarizeReactions, type ReactionCountRow } from "../reactions/reaction.service";
import { FieldPlanTable, type FieldPlans } from "./field-plan-table";
import { RESPONSE_ONLY } from "./response-compiler";
import { isoSql, leafSql } from "./response-sql";
import { SEARCH_COLUMNS, SEARCH_EDGE, type Plan, type SelectionCompiler } from "./selection-compiler";

/** quoteCount, firstQuotedAt and lastQuotedAt: the speaker's quotes in articles the viewer may see (QuoteService.speakerQuotesSql). */
function speakerStat(aggregate: string, convert: (v: unknown) => unknown, date = false): FieldPlans {
  const plan =
    (response: boolean) =>
    (c: SelectionCompiler, _nodes: unknown, row: string): Plan<unknown> => ({
      sql: `(SELECT ${response && date ? isoSql(aggregate) : aggregate} ${speakerQuotesSql(c.vis, `q.speaker_id = ${row}."id"`)})`,
      build: convert,
    });
  return { entity: plan(false), response: plan(true) };
}

const toDate = (v: unknown) => (v == null ? null : new Date(v as string));

/** Article.reactionSummary: counts by origin and sentiment, summarized in JS (entity mode) or written by SQL (response mode). */
const reactionSummary: FieldPlans = {
  entity: (_c, _nodes, row) => ({
    sql:
      `(SELECT coalesce(json_agg(json_build_object('origin', rs.origin, 'sentiment', rs.sentiment, 'n', rs.n)), '[]'::json) ` +
      `FROM (${reactionCountRowsSql(`r.article_id = ${row}."id"`)}) rs)`,
    build: (v) => summarizeReactions((v ?? []) as ReactionCountRow[]),
  }),
  response: (c, nodes, row, field) => {
    // The counts in one row, and the summary written from them as summarizeReactions makes it.
    const rs = c.alias();
    const leaves: Record<string, { expr: string; nullable: boolean }> = {
      total: { expr: `${rs}.total`, nullable: false },
      reader: { expr: `${rs}.reader`, nullable: false },
      reported: { expr: `${rs}.total - ${rs}.reader`, nullable: false },
      overall: { expr: overallSentimentSql(rs), nullable: true },
    };
    // Fields with a resolver of their own (none today) are graphql-js's.
    const summary = c.object(getNamedType(field.type) as GraphQLObjectType, nodes, (name, fieldNodes, def) => {
      if (def.resolve) return null;
      if (name === "bySentiment") {
        const countType = getNamedType(def.type) as GraphQLObjectType;
        const counts = SENTIMENTS.map((s) =>
          c.object(countType, fieldNodes, (n, _, d) =>
            d.resolve ? null : n === "sentiment" ? leafSql(d.type, `'${s}'`, false) : n === "count" ? leafSql(d.type, `${rs}."${s}"`, false) : null,
          ),
        );
        return `json_build_array(${counts.join(", ")})`;
      }
      const leaf = leaves[name];
      return leaf ? leafSql(def.type, leaf.expr, leaf.nullable) : null;
    });
    return { sql: `(SELECT ${summary} FROM ${reactionCountsSql(`${row}."id"`, rs)})`, build: RESPONSE_ONLY };
  },
};

/** The fields of each node the planner fetches (all other non-column fields fall back to their resolvers). */
export function newsFieldPlans(): FieldPlanTable {
  return (
    new FieldPlanTable()
      // ---- Article
      .register("Article", "outlet", (c, nodes, row) => c.relation("Outlet", nodes, row, "outletId", "outlets o"))
      // Every article the planner reaches is one the viewer may see (the root lookup, the article lists and
      // Quote.article all apply the same condition): its quotes need not check it again, quote by quote.
      .register("Article", "quotes", (c, nodes, row, field) =>
        c.nested("Quote", nodes, field, () => ({ list: c.services.quotes.listQuery({}, "ARTICLE_ORDER", c.vis, {}, true), parentExpr: "q.article_id", extras: SEARCH_EDGE }), row),
      )
      .register("Article", "speakers", (c, nodes, row, field) =>
        c.nested(
          "Speaker",
          nodes,
          field,
          () => ({ list: c.services.speakers.byArticleQuery(), parentExpr: "aq.article_id", extras: { quoteCount: { column: "__quoteCount", convert: Number } } }),
          row,
        ),
      )
      .register("Article", "reactions", (c, nodes, row, field) =>
        c.nested(
          "Reaction",
          nodes,
          field,
          (args) => ({ list: c.services.reactions.listQuery({ origin: (args.origin as never) ?? null, sentiment: (args.sentiment as never) ?? null }), parentExpr: "r.article_id" }),
          row,
        ),
      )
      .register("Article", "reactionSummary", reactionSummary)
      .register("Article", "comments", (c, nodes, row, field) =>
        c.nested("Comment", nodes, field, (args) => ({ list: c.services.comments.listQuery(true, args.orderBy as CommentOrder, c.vis), parentExpr: "c.article_id" }), row),
      )
      .register("Article", "commentCount", (c, _nodes, row) => c.count(`SELECT count(*) ${liveCommentsSql(c.vis, "cc", `cc.article_id = ${row}."id"`)}`))
      // ---- Quote
      .register("Quote", "speaker", (c, nodes, row) => c.relation("Speaker", nodes, row, "speakerId", "speakers s"))
      // Every planned quote comes from a quote list (QuoteService.listQuery), which keeps only quotes of
      // articles the viewer may see, under this same condition: the article is there for each of them.
      .register("Quote", "article", (c, nodes, row) => c.relation("Article", nodes, row, "articleId", "articles a", articleVisibleSql(c.vis, "a"), true))
      // ---- Comment
      .register("Comment", "replies", (c, nodes, row, field) =>
        c.nested("Comment", nodes, field, (args) => ({ list: c.services.comments.listQuery(false, args.orderBy as CommentOrder, c.vis), parentExpr: "c.parent_id" }), row),
      )
      .register("Comment", "replyCount", (c, _nodes, row) => c.count(`SELECT count(*) ${liveCommentsSql(c.vis, "cc", `cc.parent_id = ${row}."id"`)}`))
      // ---- Speaker
      .register("Speaker", "quotes", (c, nodes, row, field) =>
        c.nested(
          "Quote",
          nodes,
          field,
          (args) => ({
            list: c.services.quotes.listQuery({ ...((args.filter as QuoteFilter | undefined) ?? {}) }, args.orderBy as QuoteOrder, c.vis, SEARCH_COLUMNS),
            parentExpr: "q.speaker_id",
            extras: SEARCH_EDGE,
          }),
          row,
        ),
      )
      .register("Speaker", "articles", (c, nodes, row, field) =>
        c.nested("Article", nodes, field, () => ({ list: c.services.articles.bySpeakerQuery(c.vis), parentExpr: "sq.speaker_id", extras: SEARCH_EDGE }), row),
      )
      .register(
        "Speaker",
        "quoteCount",
        speakerStat(SPEAKER_STAT_AGGREGATES.quoteCount, (v) => Number(v ?? 0)),
      )
      .register("Speaker", "firstQuotedAt", speakerStat(SPEAKER_STAT_AGGREGATES.firstQuotedAt, toDate, true))
      .register("Speaker", "lastQuotedAt", speakerStat(SPEAKER_STAT_AGGREGATES.lastQuotedAt, toDate, true))
  );
}
