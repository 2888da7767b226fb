// Subscription streams: events of a topic, each turned into the row it names as the subscriber may see
// it (re-read through the subscriber's visibility, with fresh loaders), events it may not see dropped.
import { Repeater } from "@graphql-yoga/subscription";
import type { Comment } from "../../entities/comment.entity";
import { CommentStatus } from "../../entities/comment-status.enum";
import type { Quote } from "../../entities/quote.entity";
import type { ReactionSummaryValue } from "../reactions/reaction.service";
import { requireRole } from "../auth/actor";
import { assertUuid, NotFoundError } from "../errors";
import type { RequestContext } from "../graphql/context";
import { Loaders } from "../loaders/loaders";

/** A subscription's context lives as long as the subscription: each event gets fresh loaders so nothing is stale. */
function refresh(ctx: RequestContext): void {
  ctx.loaders = new Loaders(ctx.services, ctx.visibility);
}

/**
 * Each event of `source` loaded into what it names, events that load to null dropped. A load that fails
 * while the subscription is open ends it with that error (the subscriber receives it); one still running
 * when the subscription closed has nobody to tell, so its failure (the database going away as the server
 * shuts down) is dropped instead of surfacing as an unhandled rejection, as it did with yoga's `map`.
 */
export function loadEach<E, T>(source: AsyncIterable<E>, load: (e: E) => Promise<T | null>): AsyncIterable<T> {
  return new Repeater<T>(async (push, stop) => {
    const events = source[Symbol.asyncIterator]();
    let stopped = false;
    void stop.then(() => {
      stopped = true;
      void events.return?.();
    });
    for (let next = await events.next(); !next.done && !stopped; next = await events.next()) {
      let value: T | null;
      try {
        value = await load(next.value);
      } catch (err) {
        if (stopped) break;
        throw err;
      }
      if (value !== null) await push(value);
    }
    stop();
  });
}

async function assertArticleVisible(ctx: RequestContext, articleId: string): Promise<string> {
  const id = assertUuid(articleId, "articleId");
  if (!(await ctx.services.articles.byIds([id], ctx.visibility))[0]) throw new NotFoundError("Article", id);
  return id;
}

/** Comments on the article as they become public. */
export async function commentAddedStream(ctx: RequestContext, articleId: string): Promise<AsyncIterable<Comment>> {
  const id = await assertArticleVisible(ctx, articleId);
  return loadEach(ctx.services.events.subscribe("COMMENT_PUBLISHED", id), async (e) => {
    refresh(ctx);
    const c = (await ctx.services.comments.byIds([e.commentId], ctx.visibility))[0];
    return c && c.status === CommentStatus.PUBLISHED ? c : null;
  });
}

/** Comments entering a moderation queue (held, or reported). MODERATOR only. */
export async function commentQueuedStream(ctx: RequestContext): Promise<AsyncIterable<Comment>> {
  requireRole(ctx, "MODERATOR");
  return loadEach(ctx.services.events.subscribe("MODERATION_QUEUE"), async (e) => {
    refresh(ctx);
    return (await ctx.services.comments.byIds([e.commentId], ctx.visibility))[0] ?? null;
  });
}

/** The article's reaction summary each time it changes. */
export async function reactionSummaryStream(ctx: RequestContext, articleId: string): Promise<AsyncIterable<ReactionSummaryValue>> {
  const id = await assertArticleVisible(ctx, articleId);
  return loadEach(ctx.services.events.subscribe("REACTIONS_CHANGED", id), async () => {
    refresh(ctx);
    if (!(await ctx.services.articles.byIds([id], ctx.visibility))[0]) return null;
    return (await ctx.services.reactions.summaries([id]))[0];
  });
}

/** New quotes of the speaker, in published articles (or drafts, for editors). */
export async function quoteAddedStream(ctx: RequestContext, speakerId: string): Promise<AsyncIterable<Quote>> {
  const id = assertUuid(speakerId, "speakerId");
  if (!(await ctx.services.speakers.byIds([id]))[0]) throw new NotFoundError("Speaker", id);
  return loadEach(ctx.services.events.subscribe("QUOTE_ADDED", id), async (e) => {
    refresh(ctx);
    const q = (await ctx.services.quotes.byIds([e.quoteId], ctx.visibility))[0];
    return q && q.speakerId === id ? q : null;
  });
}
