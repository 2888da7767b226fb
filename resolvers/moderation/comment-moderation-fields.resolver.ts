// Comment.moderation (moderators and the author) and CommentModeration.reports (moderators only).
import { Authorized, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { CommentReport } from "../../entities/comment-report.entity";
import { Comment } from "../../entities/comment.entity";
import type { RequestContext } from "../../src/graphql/context";
import { canSeeModeration } from "../../src/moderation/moderation.service";
import { CommentModeration } from "./comment-moderation.type";

@Resolver(() => Comment)
export class CommentModerationFieldsResolver {
  @FieldResolver(() => CommentModeration, {
    nullable: true,
    description: "Why the comment was held or rejected (rule and word) and the moderator's note. Null unless you are a moderator or its author.",
  })
  moderation(@Root() comment: Comment, @Ctx() ctx: RequestContext): CommentModeration | null {
    if (!canSeeModeration(ctx.user, comment)) return null;
    return {
      rule: comment.moderationRule,
      word: comment.moderationWord,
      note: comment.moderationNote,
      decidedAt: comment.moderatedAt,
      reportCount: comment.reportCount,
      commentId: comment.id,
    };
  }
}

@Resolver(() => CommentModeration)
export class CommentModerationReportsResolver {
  @Authorized("MODERATOR")
  @FieldResolver(() => [CommentReport], { description: "Readers' reports on the comment, oldest first. MODERATOR only." })
  reports(@Root() m: CommentModeration, @Ctx() ctx: RequestContext): Promise<CommentReport[]> {
    return ctx.loaders.commentReports.load(m.commentId);
  }
}
