// Events behind GraphQL subscriptions. graphql-yoga's pub/sub (the one type-graphql 2 documents) over an
// in-process EventTarget by default, or over Redis pub/sub when REDIS_URL is set, so an event raised in
// one newsgraph process reaches subscribers connected to any other. Payloads carry ids only: each
// subscriber loads the row itself, through its own visibility, so nothing leaks and nothing is stale.
//
// Redis going away: new subscriptions are refused and open ones end, both with SERVICE_UNAVAILABLE
// (`extensions.service: "redis"`), rather than listening in silence to a bus that delivers nothing;
// publishing fails quietly (the write that raised the event is already stored; the failure is logged).
// When Redis is back, new subscriptions work again (the clients reconnect by themselves).
import { createPubSub, Repeater, type PubSub, type PubSubEventTarget } from "@graphql-yoga/subscription";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { ServiceUnavailableError } from "../errors";
import { createRedisClient, whenRedisReady } from "../redis/redis-client";
import { createRedisEventTarget } from "./redis-event-target";

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

/** How long a new subscription waits for the Redis subscriber connection before it is refused. */
const SUBSCRIBE_READY_WAIT_MS = 1_000;

function redisUnavailable(): ServiceUnavailableError {
  return new ServiceUnavailableError("Live updates are not available right now (Redis is not reachable); subscribe again shortly.", { service: "redis" });
}

export class NewsEvents {
  private readonly active = new Map<string, number>();
  /** Ends each open subscription with an error (when the Redis subscriber connection drops). */
  private readonly enders = new Set<(err: Error) => void>();
  private closing = false;

  constructor(
    private readonly pubsub: PubSub<Topics>,
    private readonly clients: Redis[] = [],
    /** The Redis connection subscriptions listen on (none in process memory). */
    private readonly subscriber: Redis | null = null,
  ) {
    subscriber?.on("close", () => this.endAll());
  }

  /** Ends every open subscription with SERVICE_UNAVAILABLE (their events can no longer arrive). */
  endAll(): void {
    if (this.closing) return;
    for (const end of [...this.enders]) end(redisUnavailable());
  }

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
    return new Repeater(async (push, stop) => {
      if (this.subscriber) {
        try {
          await whenRedisReady(this.subscriber, SUBSCRIBE_READY_WAIT_MS);
        } catch {
          stop(redisUnavailable());
          return;
        }
      }
      // PubSub's typed overloads want the topic's exact argument tuple; `id` is known to fit it.
      const subscribe = this.pubsub.subscribe as unknown as (topic: T, id?: string) => AsyncIterableIterator<Topics[T] extends [string, infer P] ? P : Topics[T][0]>;
      const source = id === undefined ? subscribe(topic) : subscribe(topic, id);
      const end = (err: Error) => stop(err);
      this.enders.add(end);
      this.active.set(key, (this.active.get(key) ?? 0) + 1);
      const done = (async () => {
        for await (const e of { [Symbol.asyncIterator]: () => source }) await push(e);
      })();
      await stop;
      this.enders.delete(end);
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
    this.closing = true;
    await Promise.all(this.clients.map((c) => c.quit().catch(() => c.disconnect())));
  }
}

/** In-process events, or Redis-backed ones when `redisUrl` is given. */
export function createNewsEvents(redisUrl?: string | null, logger?: Logger): NewsEvents {
  if (!redisUrl) return new NewsEvents(createPubSub<Topics>());
  const publishClient = createRedisClient(redisUrl, "events-publish", logger);
  const subscribeClient = createRedisClient(redisUrl, "events-subscribe", logger);
  let events: NewsEvents | undefined = undefined;
  const eventTarget = createRedisEventTarget({
    publishClient,
    subscribeClient,
    onError: (what, topic, err) => {
      logger?.warn({ topic, err: { message: (err as Error)?.message } }, `Redis ${what} failed`);
      // A topic that could not be subscribed delivers nothing: its subscribers are told.
      if (what === "subscribe") events?.endAll();
    },
  });
  events = new NewsEvents(createPubSub<Topics>({ eventTarget: eventTarget as PubSubEventTarget<Topics> }), [publishClient, subscribeClient], subscribeClient);
  return events;
}
