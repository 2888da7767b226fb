// Two newsgraph instances on one database and one Redis: a comment posted through one reaches a
// subscriber connected to the other (the events cross through Redis pub/sub, not process memory: each
// app has its own event bus), and the rate limit is shared. Runs only when REDIS_URL is set.
import { Redis } from "ioredis";
import type { TestApp } from "../support/test-app";
import { ADD_COMMENT, authHeaders, listening, publishedArticle, RUN, startReadersApp, waitUntil, wsClient, type WsClient } from "./support";

const describeRedis = process.env.REDIS_URL ? describe : describe.skip;

describeRedis("two newsgraph processes on one Redis", () => {
  let a: TestApp;
  let b: TestApp;
  let redis: Redis;
  let ws: WsClient;

  beforeAll(async () => {
    const env = { REDIS_URL: process.env.REDIS_URL!, COMMENTS_RATE_LIMIT: "3" };
    // One clock for both, so the shared rate-limit window cannot roll over mid-test.
    const clock = () => new Date("2026-03-01T09:00:10Z");
    a = await startReadersApp(env, { clock });
    b = await startReadersApp(env, { db: a.db, clock });
    redis = new Redis(process.env.REDIS_URL!);
  });
  afterAll(async () => {
    await ws?.close();
    await b?.close();
    await a?.close();
    await redis?.quit();
  });

  it("delivers a comment posted through one process to a subscriber on the other", async () => {
    expect(a.app.services.events).not.toBe(b.app.services.events);
    const article = await publishedArticle(a);
    ws = wsClient(b.url);
    const sub = ws.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { id body authorName } }`, { a: article.id });
    await listening(b, "COMMENT_PUBLISHED", article.id);
    // The subscriber's process has subscribed to the Redis channel.
    await waitUntil(async () => {
      const [, n] = (await redis.pubsub("NUMSUB", `COMMENT_PUBLISHED:${article.id}`)) as [string, number];
      return Number(n) >= 1;
    }, "the Redis subscription");
    expect(a.app.services.events.listeners("COMMENT_PUBLISHED", article.id)).toBe(0);

    const posted = await a.gql(ADD_COMMENT, { input: { articleId: article.id, body: "Posted through A" } }, await authHeaders(`twin-${RUN}`, ["READER"], "Twin"));
    expect(posted.errors).toBeUndefined();
    const [event] = await sub.received(1);
    expect(event.commentAdded).toEqual({ id: posted.data.addComment.id, body: "Posted through A", authorName: "Twin" });
  });

  it("shares the rate limit between the processes", async () => {
    const article = await publishedArticle(a);
    const h = await authHeaders(`shared-${RUN}`);
    const post = (t: TestApp) => t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "hi" } }, h);
    const codes = [];
    for (const t of [a, b, a, b]) codes.push((await post(t)).errors?.[0].extensions?.code ?? "OK");
    expect(codes).toEqual(["OK", "OK", "OK", "RATE_LIMITED"]);
  });
});
