// Moderators' queries and mutations: the queues with their counts, and decisions on comments.
import { MaxLength } from "class-validator";
import { Args, ArgsType, Authorized, Ctx, Field, ID, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { Comment } from "../../entities/comment.entity";
import type { RequestContext } from "../../src/graphql/context";
import { toConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { CommentConnection } from "../comment/comment-connection.type";
import { ConnectionArgs } from "../connection.args";
import { ModerationDecision } from "./moderation-decision.enum";
import { ModerationQueue } from "./moderation-queue.enum";

@ObjectType({ description: "How many comments wait in each moderation queue." })
export class ModerationQueueCounts {
  @Field(() => Int, { description: "Comments held as PENDING." })
  pending: number;

  @Field(() => Int, { description: "Published comments with open reports." })
  reported: number;
}

@ObjectType({ description: "One moderation queue, a page at a time, with the size of every queue." })
export class ModerationQueuePage {
  @Field(() => ModerationQueueCounts, { description: "Sizes of all queues." })
  counts: ModerationQueueCounts;

  @Field(() => CommentConnection, { description: "The comments of the queue asked for, oldest first." })
  comments: CommentConnection;
}

@ArgsType()
class ModerationQueueArgs extends ConnectionArgs {
  @Field(() => ModerationQueue, { defaultValue: ModerationQueue.PENDING, description: "Which queue." })
  queue: ModerationQueue;
}

@ArgsType()
class ModerateCommentArgs {
  @Field(() => ID, { description: "The comment decided on." })
  id: string;

  @Field(() => ModerationDecision, { description: "PUBLISHED or REJECTED." })
  status: ModerationDecision;

  @Field(() => String, { nullable: true, description: "Why, for the record (at most 1,000 characters)." })
  @MaxLength(4000, { message: "note must be at most 1000 characters" })
  note?: string | null;
}

@Resolver()
export class ModerationResolver {
  @Authorized("MODERATOR")
  @Query(() => ModerationQueuePage, { description: "A moderation queue (PENDING or REPORTED) with counts. MODERATOR only." })
  async moderationQueue(@Ctx() ctx: RequestContext, @Args() args: ModerationQueueArgs): Promise<ModerationQueuePage> {
    const { rows, count } = await ctx.services.moderation.queue(ctx, args.queue, pageRequest(args));
    return { counts: await ctx.services.moderation.counts(ctx), comments: toConnection(rows, count) as CommentConnection };
  }

  @Authorized("MODERATOR")
  @Mutation(() => Comment, { description: "Publishes or rejects a comment, with a note. Publishing a held comment sends it to subscribers. MODERATOR only." })
  moderateComment(@Ctx() ctx: RequestContext, @Args() args: ModerateCommentArgs): Promise<Comment> {
    return ctx.services.moderation.moderate(ctx, args.id, args.status as string as never, args.note);
  }
}
