// The event target behind Redis-backed subscriptions: events published to a Redis channel per topic,
// received through one subscriber connection. Like @graphql-yoga/redis-event-target, whose shape it
// keeps, but made for Redis going away: a failed PUBLISH or SUBSCRIBE is reported (never an unhandled
// rejection, which would crash a server), and the owner learns when the subscriber connection drops so
// it can end the subscriptions that would otherwise silently miss events.
import type { Redis } from "ioredis";

type Listener = ((event: CustomEvent) => void) | { handleEvent(event: CustomEvent): void };

export interface RedisEventTargetOptions {
  publishClient: Redis;
  subscribeClient: Redis;
  /** Told of every failed PUBLISH/SUBSCRIBE/UNSUBSCRIBE (the event is lost; the caller's write is not). */
  onError(what: "publish" | "subscribe" | "unsubscribe", topic: string, err: unknown): void;
}

export function createRedisEventTarget(options: RedisEventTargetOptions): EventTarget {
  const { publishClient, subscribeClient, onError } = options;
  const callbacksForTopic = new Map<string, Set<(event: CustomEvent) => void>>();
  const listenerFns = new WeakMap<object, (event: CustomEvent) => void>();
  const fnOf = (l: Listener) => {
    if (typeof l === "function") return l;
    let fn = listenerFns.get(l);
    if (!fn) listenerFns.set(l, (fn = (e) => l.handleEvent(e)));
    return fn;
  };

  subscribeClient.on("message", (channel: string, message: string) => {
    const callbacks = callbacksForTopic.get(channel);
    if (!callbacks) return;
    let detail: unknown;
    try {
      detail = message === "" ? null : JSON.parse(message);
    } catch (err) {
      onError("subscribe", channel, err);
      return;
    }
    const event = new CustomEvent(channel, { detail });
    for (const callback of callbacks) callback(event);
  });

  return {
    addEventListener(topic: string, listener: Listener | null) {
      if (!listener) return;
      let callbacks = callbacksForTopic.get(topic);
      if (!callbacks) {
        callbacksForTopic.set(topic, (callbacks = new Set()));
        subscribeClient.subscribe(topic).catch((err: unknown) => onError("subscribe", topic, err));
      }
      callbacks.add(fnOf(listener));
    },
    removeEventListener(topic: string, listener: Listener | null) {
      const callbacks = callbacksForTopic.get(topic);
      if (!listener || !callbacks) return;
      callbacks.delete(fnOf(listener));
      if (callbacks.size > 0) return;
      callbacksForTopic.delete(topic);
      subscribeClient.unsubscribe(topic).catch((err: unknown) => onError("unsubscribe", topic, err));
    },
    dispatchEvent(event: Event) {
      const detail = (event as CustomEvent).detail;
      publishClient.publish(event.type, detail === undefined ? "" : JSON.stringify(detail)).catch((err: unknown) => onError("publish", event.type, err));
      return true;
    },
  } as EventTarget;
}
