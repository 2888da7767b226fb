// Live updates over graphql-ws at /graphql. Each stream re-reads what it sends through the
// subscriber's own visibility (src/pubsub/streams.ts): the public only ever receives published content.
import { Arg, Ctx, ID, Resolver, Root, Subscription } from "type-graphql";
import { Comment } from "../../entities/comment.entity";
import { Quote } from "../../entities/quote.entity";
import type { RequestContext } from "../../src/graphql/context";
import { commentAddedStream, commentQueuedStream, quoteAddedStream, reactionSummaryStream } from "../../src/pubsub/streams";
import type { ReactionSummaryValue } from "../../src/reactions/reaction.service";
import { ReactionSummary } from "../reaction/reaction-connection.type";

interface SubscribeData<A = Record<string, string>> {
  args: A;
  context: RequestContext;
}

@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Comment, {
    description: "Comments on an article as they become public: posted clean, or published by a moderator.",
    subscribe: ({ args, context }: SubscribeData) => commentAddedStream(context, args.articleId),
  })
  commentAdded(@Root() comment: Comment, @Arg("articleId", () => ID, { description: "The article." }) _articleId: string): Comment {
    return comment;
  }

  @Subscription(() => Comment, {
    description: "Comments entering a moderation queue: held by the automatic rules, or reported by readers. MODERATOR only.",
    subscribe: ({ context }: SubscribeData) => commentQueuedStream(context),
  })
  commentQueued(@Root() comment: Comment, @Ctx() _ctx: RequestContext): Comment {
    return comment;
  }

  @Subscription(() => ReactionSummary, {
    description: "An article's reaction summary each time a reader reacts (or stops reacting).",
    subscribe: ({ args, context }: SubscribeData) => reactionSummaryStream(context, args.articleId),
  })
  reactionSummaryChanged(@Root() summary: ReactionSummaryValue, @Arg("articleId", () => ID, { description: "The article." }) _articleId: string): ReactionSummaryValue {
    return summary;
  }

  @Subscription(() => Quote, {
    description: "New quotes attributed to a speaker (added, or re-attributed by an editor) in published articles.",
    subscribe: ({ args, context }: SubscribeData) => quoteAddedStream(context, args.speakerId),
  })
  quoteAdded(@Root() quote: Quote, @Arg("speakerId", () => ID, { description: "The speaker." }) _speakerId: string): Quote {
    return quote;
  }
}
