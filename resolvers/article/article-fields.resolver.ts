// Fields of Article that reach other nodes, through batched loaders. Where the read planner fetched a
// field with its root field, src/planner/planned-fields.ts answers it before these resolvers run.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from "type-graphql";
import { nodeSelects } from "../../src/graphql/selection";
import { Article } from "../../entities/article.entity";
import { Outlet } from "../../entities/outlet.entity";
import type { RequestContext } from "../../src/graphql/context";
import { toNestedConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { CommentConnection } from "../comment/comment-connection.type";
import { CommentsArgs } from "../comment/comments.args";
import { ConnectionArgs } from "../connection.args";
import { QuoteConnection } from "../quote/quote-connection.type";
import { ReactionConnection, ReactionSummary } from "../reaction/reaction-connection.type";
import { ReactionsArgs } from "../reaction/reactions.args";
import { ArticleSpeakerConnection } from "../speaker/speaker-connection.type";

@Resolver(() => Article)
export class ArticleFieldsResolver {
  @FieldResolver(() => Outlet, { nullable: true, description: "The publication the article comes from, when known." })
  outlet(@Root() article: Article, @Ctx() ctx: RequestContext): Promise<Outlet | null> | Outlet | null {
    // Lists that look ahead fetch the outlet with the article.
    if (article.outlet !== undefined) return article.outlet;
    return article.outletId ? ctx.loaders.outletById.load(article.outletId) : null;
  }

  @FieldResolver(() => QuoteConnection, { description: "The article's quotes in reading order." })
  async quotes(@Root() article: Article, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs, @Info() info: GraphQLResolveInfo): Promise<QuoteConnection> {
    const req = pageRequest(args);
    const embed = { speaker: nodeSelects(info, "speaker") };
    const quotes = ctx.services.quotes;
    const page = await ctx.loaders.page("Article.quotes", null, req, article.id, (ids) => quotes.pagesBy("article", ids, {}, "ARTICLE_ORDER", req, ctx.visibility, embed));
    return toNestedConnection(page, req, () => ctx.loaders.count("Article.quotes", null, article.id, (ids) => quotes.countsBy("article", ids, {}, ctx.visibility))) as QuoteConnection;
  }

  @FieldResolver(() => ArticleSpeakerConnection, { description: "The distinct speakers the article quotes, in order of first appearance, each with its quote count." })
  async speakers(@Root() article: Article, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<ArticleSpeakerConnection> {
    const req = pageRequest(args);
    const speakers = ctx.services.speakers;
    const page = await ctx.loaders.page("Article.speakers", null, req, article.id, (ids) => speakers.pagesByArticle(ids, req));
    return toNestedConnection(page, req, () => ctx.loaders.count("Article.speakers", null, article.id, (ids) => speakers.countsByArticle(ids))) as ArticleSpeakerConnection;
  }

  @FieldResolver(() => ReactionConnection, { description: "How the public reacted: reactions reported by the coverage and submitted by readers." })
  async reactions(@Root() article: Article, @Ctx() ctx: RequestContext, @Args() args: ReactionsArgs): Promise<ReactionConnection> {
    const req = pageRequest(args);
    const filter = { origin: args.origin ?? null, sentiment: args.sentiment ?? null };
    const reactions = ctx.services.reactions;
    const page = await ctx.loaders.page("Article.reactions", filter, req, article.id, (ids) => reactions.pagesByArticle(ids, filter, req));
    return toNestedConnection(page, req, () => ctx.loaders.count("Article.reactions", filter, article.id, (ids) => reactions.countsByArticle(ids, filter))) as ReactionConnection;
  }

  @FieldResolver(() => ReactionSummary, { description: "Counts of the article's reactions by sentiment and origin." })
  reactionSummary(@Root() article: Article, @Ctx() ctx: RequestContext): Promise<ReactionSummary> | ReactionSummary {
    return ctx.loaders.reactionSummary.load(article.id);
  }

  @FieldResolver(() => CommentConnection, {
    description: "Top-level reader comments (published ones; moderators also see held ones; deleted ones remain as placeholders); each has its replies.",
  })
  async comments(@Root() article: Article, @Ctx() ctx: RequestContext, @Args() args: CommentsArgs, @Info() info: GraphQLResolveInfo): Promise<CommentConnection> {
    const req = pageRequest(args);
    const comments = ctx.services.comments;
    const withReplyCount = nodeSelects(info, "replyCount");
    const page = await ctx.loaders.page("Article.comments", args.orderBy, req, article.id, (ids) => comments.pagesByArticle(ids, args.orderBy, req, ctx.visibility, withReplyCount));
    // Reply counts fetched with the page: Comment.replyCount then sends no statement of its own.
    for (const row of page.rows) {
      if (row.replyCount !== undefined) {
        ctx.loaders.primeCount("Comment.replyCount", null, row.node.id, row.replyCount, (ids) => comments.replyCounts(ids, ctx.visibility));
      }
    }
    return toNestedConnection(page, req, () =>
      ctx.loaders.count("Article.comments", null, article.id, (ids) => comments.countsByArticle(ids, ctx.visibility)),
    ) as unknown as CommentConnection;
  }

  @FieldResolver(() => Int, { description: "Published reader comments on the article, replies included (moderators also count held ones)." })
  commentCount(@Root() article: Article, @Ctx() ctx: RequestContext): Promise<number> | number {
    return ctx.loaders.commentTotal.load(article.id);
  }
}
