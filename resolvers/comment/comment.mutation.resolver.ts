// Readers' comment mutations: post, edit, delete, report. Rules live in CommentWriteService.
import { MaxLength } from "class-validator";
import { Arg, ArgsType, Args, Authorized, Ctx, Field, ID, Mutation, Resolver } from "type-graphql";
import { Comment } from "../../entities/comment.entity";
import type { RequestContext } from "../../src/graphql/context";
import { AddCommentInput } from "./add-comment.input";

@ArgsType()
class EditCommentArgs {
  @Field(() => ID, { description: "The comment to edit." })
  id: string;

  @Field({ description: "The new text (same rules as addComment's body)." })
  @MaxLength(20000, { message: "body must be at most 5000 characters" })
  body: string;
}

@ArgsType()
class ReportCommentArgs {
  @Field(() => ID, { description: "The comment to report." })
  id: string;

  @Field({ description: "Why it breaks the rules, in a few words (1 to 500 characters)." })
  @MaxLength(2000, { message: "reason must be at most 500 characters" })
  reason: string;
}

@Resolver(() => Comment)
export class CommentMutationResolver {
  @Mutation(() => Comment, {
    description:
      "Posts a comment or a reply as the signed-in reader (anonymously only where the server allows it). " +
      "It is checked at once: PUBLISHED, held as PENDING (suspect word, link) or REJECTED (banned word); `moderation` says why. Rate-limited (RATE_LIMITED with retryAfter).",
  })
  addComment(@Ctx() ctx: RequestContext, @Arg("input", () => AddCommentInput, { description: "The comment." }) input: AddCommentInput): Promise<Comment> {
    return ctx.services.commentWrites.addComment(ctx, input);
  }

  @Authorized()
  @Mutation(() => Comment, { description: "Changes the text of the reader's own comment, within the edit window after posting; it is checked again." })
  editComment(@Ctx() ctx: RequestContext, @Args() { id, body }: EditCommentArgs): Promise<Comment> {
    return ctx.services.commentWrites.editComment(ctx, id, body);
  }

  @Authorized()
  @Mutation(() => Comment, { description: 'Deletes the reader\'s own comment (moderators: any comment). A "deleted" placeholder stays in the thread.' })
  deleteComment(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The comment to delete." }) id: string): Promise<Comment> {
    return ctx.services.commentWrites.deleteComment(ctx, id);
  }

  @Authorized()
  @Mutation(() => Comment, { description: "Reports a published comment to the moderators (once per reader and comment)." })
  reportComment(@Ctx() ctx: RequestContext, @Args() { id, reason }: ReportCommentArgs): Promise<Comment> {
    return ctx.services.commentWrites.reportComment(ctx, id, reason);
  }
}
