// Events behind GraphQL subscriptions. graphql-yoga's pub/sub (the one type-graphql 2 documents) over an
// in-process EventTarget by default, or over Redis pub/sub when REDIS_URL is set, so an event raised in
// one newsgraph process reaches subscribers connected to any other. Payloads carry ids only: each
// subscriber loads the row itself, through its own visibility, so nothing leaks and nothing is stale.
import { createPubSub, Repeater, type PubSub } from "@graphql-yoga/subscription";
import { createRedisEventTarget } from "@graphql-yoga/redis-event-target";
import { Redis } from "ioredis";

export interface CommentEvent {
  articleId: string;
  commentId: string;
}

export interface ReactionEvent {
  articleId: string;
}

export interface QuoteEvent {
  speakerId: string;
  quoteId: string;
}

type Topics = {
  /** A comment became visible to the public (posted clean, or published by a moderator). */
  COMMENT_PUBLISHED: [articleId: string, payload: CommentEvent];
  /** A comment entered the moderation queue (held as PENDING, or reported). */
  MODERATION_QUEUE: [payload: CommentEvent];
  REACTIONS_CHANGED: [articleId: string, payload: ReactionEvent];
  QUOTE_ADDED: [speakerId: string, payload: QuoteEvent];
};

export type TopicName = keyof Topics;

export class NewsEvents {
  private readonly active = new Map<string, number>();

  constructor(
    private readonly pubsub: PubSub<Topics>,
    private readonly clients: Redis[] = [],
  ) {}

  commentPublished(e: CommentEvent): void {
    this.pubsub.publish("COMMENT_PUBLISHED", e.articleId, e);
  }

  commentQueued(e: CommentEvent): void {
    this.pubsub.publish("MODERATION_QUEUE", e);
  }

  reactionsChanged(e: ReactionEvent): void {
    this.pubsub.publish("REACTIONS_CHANGED", e.articleId, e);
  }

  quoteAdded(e: QuoteEvent): void {
    this.pubsub.publish("QUOTE_ADDED", e.speakerId, e);
  }

  /** The events of one topic (and id); counted while iterated so tests can wait for a subscriber. */
  subscribe<T extends TopicName>(topic: T, id?: string): AsyncIterable<Topics[T] extends [string, infer P] ? P : Topics[T][0]> {
    const key = id === undefined ? topic : `${topic}:${id}`;
    const source = (id === undefined ? (this.pubsub.subscribe as any)(topic) : (this.pubsub.subscribe as any)(topic, id)) as AsyncIterableIterator<any>;
    return new Repeater(async (push, stop) => {
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
      const done = (async () => {
        for await (const e of { [Symbol.asyncIterator]: () => source }) await push(e);
      })();
      await stop;
      await source.return?.();
      await done.catch(() => undefined);
      this.active.set(key, (this.active.get(key) ?? 1) - 1);
    });
  }

  /** How many subscriptions of this process listen to `topic` (and `id`). */
  listeners(topic: TopicName, id?: string): number {
    return this.active.get(id === undefined ? topic : `${topic}:${id}`) ?? 0;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/** In-process events, or Redis-backed ones when `redisUrl` is given. */
export function createNewsEvents(redisUrl?: string | null): NewsEvents {
  if (!redisUrl) return new NewsEvents(createPubSub<Topics>());
  const publishClient = new Redis(redisUrl);
  const subscribeClient = new Redis(redisUrl);
  const eventTarget = createRedisEventTarget<any>({ publishClient, subscribeClient });
  return new NewsEvents(createPubSub<Topics>({ eventTarget }), [publishClient, subscribeClient]);
}
