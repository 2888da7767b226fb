// Fields of Comment that reach other nodes.
import { Args, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { Article } from "../../entities/article.entity";
import { Comment } from "../../entities/comment.entity";
import type { RequestContext } from "../../src/graphql/context";
import { toNestedConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { CommentConnection } from "./comment-connection.type";
import { RepliesArgs } from "./comments.args";

@Resolver(() => Comment)
export class CommentFieldsResolver {
  @FieldResolver(() => Article, { description: "The article the comment is on." })
  async article(@Root() comment: Comment, @Ctx() ctx: RequestContext): Promise<Article | null> {
    return ctx.loaders.articleById.load(comment.articleId);
  }

  @FieldResolver(() => CommentConnection, {
    description: "Replies to this comment (published ones; moderators also see held ones; deleted ones remain as placeholders), oldest first by default.",
  })
  async replies(@Root() comment: Comment, @Ctx() ctx: RequestContext, @Args() args: RepliesArgs): Promise<CommentConnection> {
    const req = pageRequest(args);
    const comments = ctx.services.comments;
    const page = await ctx.loaders.page("Comment.replies", args.orderBy, req, comment.id, (ids) => comments.pagesByParent(ids, args.orderBy, req, ctx.visibility));
    return toNestedConnection(page, req, () => ctx.loaders.count("Comment.replies", null, comment.id, (ids) => comments.replyListCounts(ids, ctx.visibility))) as CommentConnection;
  }

  @FieldResolver(() => Int, { description: "How many published replies the comment has." })
  replyCount(@Root() comment: Comment, @Ctx() ctx: RequestContext): Promise<number> | number {
    return ctx.loaders.count("Comment.replyCount", null, comment.id, (ids) => ctx.services.comments.replyCounts(ids, ctx.visibility));
  }
}
