// WebSocket limits (issue 17, findings 2 and 6): no message larger than an HTTP body (closed with
// 1009), subscriptions capped per socket and per client, connections capped per address, and a
// socket's token checked on every subscribe and when it expires (closed with 4401).
import { SignJWT } from "jose";
import { rawSocket, type RawSocket } from "../support/raw-ws";
import type { TestApp } from "../support/test-app";
import { listening, publishedArticle, startReadersApp, TEST_JWT_SECRET, token, waitUntil } from "../readers/support";

const COMMENT_ADDED = `subscription($a: ID!) { commentAdded(articleId: $a) { id } }`;
const QUEUED = `subscription { commentQueued { id body } }`;

let offsetMs = 0;
let t: TestApp;
let articleId: string;
const sockets: RawSocket[] = [];

async function open(params: Record<string, unknown> = {}): Promise<RawSocket> {
  const s = await rawSocket(t.url, params);
  sockets.push(s);
  return s;
}

beforeAll(async () => {
  t = await startReadersApp(
    { MAX_BODY_BYTES: "65536", WS_MAX_SUBSCRIPTIONS_PER_SOCKET: "3", WS_MAX_SUBSCRIPTIONS_PER_CLIENT: "5", WS_MAX_CONNECTIONS_PER_ADDRESS: "4" },
    { clock: () => new Date(Date.now() + offsetMs) },
  );
  articleId = (await publishedArticle(t)).id;
});
afterEach(async () => {
  offsetMs = 0;
  await Promise.all(sockets.splice(0).map((s) => s.close()));
  await waitUntil(() => t.app.services.events.listeners("COMMENT_PUBLISHED", articleId) === 0, "subscriptions to end");
});
afterAll(async () => {
  await t?.close();
});

it("closes a socket that sends a message larger than MAX_BODY_BYTES with 1009, and keeps serving", async () => {
  const s = await open();
  s.socket.send(JSON.stringify({ id: "big", type: "subscribe", payload: { query: `subscription { commentQueued { id } } # ${"x".repeat(100_000)}` } }));
  expect(await s.closed).toBe(1009);
  const ok = await open();
  ok.subscribe("a", COMMENT_ADDED, { a: articleId });
  await listening(t, "COMMENT_PUBLISHED", articleId);
  expect((await t.gql(`{ __typename }`)).data).toEqual({ __typename: "Query" });
});

it("caps the subscriptions of one socket, and frees a place when one completes", async () => {
  const s = await open();
  for (const id of ["1", "2", "3"]) s.subscribe(id, COMMENT_ADDED, { a: articleId });
  await listening(t, "COMMENT_PUBLISHED", articleId, 3);
  s.subscribe("4", COMMENT_ADDED, { a: articleId });
  const refused = await s.answer("4");
  expect(refused.type).toBe("error");
  expect(refused.payload[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "subscriptionsPerSocket" });
  s.complete("1");
  await waitUntil(() => t.app.services.events.listeners("COMMENT_PUBLISHED", articleId) === 2, "one subscription to end");
  s.subscribe("5", COMMENT_ADDED, { a: articleId });
  await listening(t, "COMMENT_PUBLISHED", articleId, 3);
});

it("caps the subscriptions of one client (address, or user) over all its sockets", async () => {
  const a = await open();
  const b = await open();
  for (const id of ["1", "2", "3"]) a.subscribe(id, COMMENT_ADDED, { a: articleId });
  for (const id of ["1", "2"]) b.subscribe(id, COMMENT_ADDED, { a: articleId });
  await listening(t, "COMMENT_PUBLISHED", articleId, 5);
  b.subscribe("3", COMMENT_ADDED, { a: articleId });
  expect((await b.answer("3")).payload[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "subscriptionsPerClient" });
  // A signed-in user counts apart from the address's anonymous subscriptions.
  const signedIn = await open({ authorization: `Bearer ${await token("ws-limits-reader")}` });
  signedIn.subscribe("1", COMMENT_ADDED, { a: articleId });
  await listening(t, "COMMENT_PUBLISHED", articleId, 6);
});

it("refuses more connections per address than WS_MAX_CONNECTIONS_PER_ADDRESS with HTTP 429", async () => {
  for (let i = 0; i < 4; i++) await open();
  await expect(rawSocket(t.url)).rejects.toMatchObject({ status: 429 });
  await sockets.pop()!.close();
  await open();
});

it("checks the token again on each subscribe", async () => {
  const s = await open({ authorization: `Bearer ${await token("ws-limits-mod", ["MODERATOR"])}` });
  s.subscribe("1", QUEUED);
  await listening(t, "MODERATION_QUEUE");
  offsetMs = 2 * 3600_000; // past the token's one-hour lifetime
  s.subscribe("2", QUEUED);
  const refused = await s.answer("2");
  expect(refused.type).toBe("error");
  expect(refused.payload[0].extensions.code).toBe("UNAUTHENTICATED");
});

it("closes a socket with 4401 when its token expires, ending its privileged subscriptions", async () => {
  const now = Math.floor(Date.now() / 1000);
  const short = await new SignJWT({ roles: ["MODERATOR"] })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject("ws-limits-short")
    .setIssuedAt(now)
    .setExpirationTime(now + 2)
    .sign(new TextEncoder().encode(TEST_JWT_SECRET));
  const s = await open({ authorization: `Bearer ${short}` });
  s.subscribe("1", QUEUED);
  await listening(t, "MODERATION_QUEUE");
  expect(await s.closed).toBe(4401);
  await waitUntil(() => t.app.services.events.listeners("MODERATION_QUEUE") === 0, "the queue subscription to end");
});
