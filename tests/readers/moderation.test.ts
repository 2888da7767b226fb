// The moderation pipeline through HTTP and WebSocket: a suspect word holds a comment as PENDING, which
// no public path shows; moderators see it with its reason in the queue; publishing it sends it to
// subscribers. Banned words reject, links hold, and both say which rule and word did it.
import type { TestApp } from "../support/test-app";
import { ADD_COMMENT, authHeaders, listening, publishedArticle, RUN, startReadersApp, wsClient, type WsClient } from "./support";

const PUBLIC_PATHS = `query($id: ID!, $slug: String!, $c: ID!) {
  article(id: $id) {
    commentCount
    comments { totalCount edges { node { id replyCount replies { totalCount edges { node { id } } } } } }
  }
  bySlug: article(slug: $slug) { comments(orderBy: MOST_REPLIED) { edges { node { id } } } }
  _entities(representations: [{ __typename: "Comment", id: $c }]) { ... on Comment { id body } }
}`;

describe("comment moderation", () => {
  let t: TestApp;
  const clients: WsClient[] = [];
  let reader: Record<string, string>;
  let moderator: Record<string, string>;

  beforeAll(async () => {
    t = await startReadersApp({ COMMENTS_RATE_LIMIT: "50" });
    reader = await authHeaders(`reader-${RUN}`, ["READER"], "Rita");
    moderator = await authHeaders(`moderator-${RUN}`, ["MODERATOR"], "Max");
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
    await t.close();
  });

  it("holds a suspect comment out of every public path, shows it with its reason to moderators, and delivers it once published", async () => {
    const article = await publishedArticle(t);
    const publicWs = wsClient(t.url);
    const modWs = wsClient(t.url, moderator.authorization);
    clients.push(publicWs, modWs);
    const publicSub = publicWs.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { id body status } }`, { a: article.id });
    const queueSub = modWs.subscribe(`subscription { commentQueued { id status moderation { rule word } } }`);
    await listening(t, "COMMENT_PUBLISHED", article.id);
    await listening(t, "MODERATION_QUEUE");

    const parent = (await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "A clean parent" } }, reader)).data.addComment;
    const held = await t.gql(ADD_COMMENT, { input: { articleId: article.id, parentId: parent.id, body: "This deal looks FISHY to me" } }, reader);
    expect(held.errors).toBeUndefined();
    // The author is told why.
    expect(held.data.addComment).toMatchObject({ status: "PENDING", moderation: { rule: "SUSPECT_WORD", word: "fishy" } });
    const heldId = held.data.addComment.id;

    const queued = await queueSub.received(1);
    expect(queued[0].commentQueued).toMatchObject({ id: heldId, status: "PENDING", moderation: { rule: "SUSPECT_WORD", word: "fishy" } });

    // Invisible to the public by every path.
    const pub = await t.gql(PUBLIC_PATHS, { id: article.id, slug: article.slug, c: heldId });
    expect(pub.errors).toBeUndefined();
    expect(pub.data.article.commentCount).toBe(1);
    expect(pub.data.article.comments.totalCount).toBe(1);
    const node = pub.data.article.comments.edges[0].node;
    expect(node).toMatchObject({ id: parent.id, replyCount: 0, replies: { totalCount: 0, edges: [] } });
    expect(pub.data.bySlug.comments.edges.map((e: any) => e.node.id)).toEqual([parent.id]);
    expect(pub.data._entities).toEqual([null]);
    // Nor to another reader, nor can they see the reason of someone else's comment.
    const other = await t.gql(PUBLIC_PATHS, { id: article.id, slug: article.slug, c: heldId }, await authHeaders(`other-${RUN}`));
    expect(other.data.article.comments.edges[0].node.replies.totalCount).toBe(0);
    expect(JSON.stringify(other.data)).not.toContain(heldId);
    // Nor can the public ask for the queue.
    expect((await t.gql(`{ moderationQueue { counts { pending } } }`)).errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
    expect((await t.gql(`{ moderationQueue { counts { pending } } }`, {}, reader)).errors?.[0].extensions?.code).toBe("FORBIDDEN");

    // Moderators see it in the queue, with the reason, and in the thread.
    const queue = await t.gql(
      `{ moderationQueue(queue: PENDING) { counts { pending reported } comments { totalCount edges { node { id body status moderation { rule word } } } } } }`,
      {},
      moderator,
    );
    expect(queue.errors).toBeUndefined();
    expect(queue.data.moderationQueue.counts.pending).toBe(1);
    expect(queue.data.moderationQueue.comments.edges).toEqual([
      { node: { id: heldId, body: "This deal looks FISHY to me", status: "PENDING", moderation: { rule: "SUSPECT_WORD", word: "fishy" } } },
    ]);
    const modView = await t.gql(PUBLIC_PATHS, { id: article.id, slug: article.slug, c: heldId }, moderator);
    expect(modView.data.article.comments.edges[0].node.replies.edges.map((e: any) => e.node.id)).toEqual([heldId]);
    expect(publicSub.events).toHaveLength(1); // only the clean parent so far

    // A moderator publishes it: subscribers receive it and the public sees it.
    const decided = await t.gql(`mutation($id: ID!) { moderateComment(id: $id, status: PUBLISHED, note: "Fair criticism") { status moderation { note } } }`, { id: heldId }, moderator);
    expect(decided.data.moderateComment).toMatchObject({ status: "PUBLISHED", moderation: { note: "Fair criticism" } });
    const events = await publicSub.received(2);
    expect(events[1].commentAdded).toMatchObject({ id: heldId, status: "PUBLISHED" });
    const after = await t.gql(PUBLIC_PATHS, { id: article.id, slug: article.slug, c: heldId });
    expect(after.data.article.commentCount).toBe(2);
    expect(after.data.article.comments.edges[0].node.replyCount).toBe(1);
    expect(after.data._entities).toEqual([{ id: heldId, body: "This deal looks FISHY to me" }]);
    const counts = await t.gql(`{ moderationQueue { counts { pending } } }`, {}, moderator);
    expect(counts.data.moderationQueue.counts.pending).toBe(0);
  });

  it("rejects banned words and holds links, naming the rule and the word or link", async () => {
    const article = await publishedArticle(t);
    const banned = await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "What a Very  Bad phrase this is" } }, reader);
    expect(banned.data.addComment).toMatchObject({ status: "REJECTED", moderation: { rule: "BANNED_WORD", word: "very bad phrase" } });
    const link = await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "Read more at https://spam.example/win now" } }, reader);
    expect(link.data.addComment).toMatchObject({ status: "PENDING", moderation: { rule: "LINK", word: "https://spam.example/win" } });
    const bare = await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "see cheap-pills.com today" } }, reader);
    expect(bare.data.addComment.moderation).toEqual({ rule: "LINK", word: "cheap-pills.com" });
    // Substrings of listed words do not count.
    const clean = await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "The suspectwordly fishyness is fine" } }, reader);
    expect(clean.data.addComment).toMatchObject({ status: "PUBLISHED", moderation: { rule: null, word: null } });
    const pub = await t.gql(`query($id: ID!) { article(id: $id) { commentCount comments { edges { node { id } } } } }`, { id: article.id });
    expect(pub.data.article.commentCount).toBe(1);
    expect(pub.data.article.comments.edges.map((e: any) => e.node.id)).toEqual([clean.data.addComment.id]);
    // A moderator can reject, the author cannot then edit it away.
    const rejected = await t.gql(
      `mutation($id: ID!) { moderateComment(id: $id, status: REJECTED, note: "spam") { status moderation { rule note } } }`,
      { id: link.data.addComment.id },
      moderator,
    );
    expect(rejected.data.moderateComment).toMatchObject({ status: "REJECTED", moderation: { rule: "LINK", note: "spam" } });
    const edit = await t.gql(`mutation($id: ID!) { editComment(id: $id, body: "innocent") { id } }`, { id: link.data.addComment.id }, reader);
    expect(edit.errors?.[0].extensions?.code).toBe("FORBIDDEN");
  });
});
