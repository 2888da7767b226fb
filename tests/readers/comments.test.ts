// Readers' comments through HTTP and WebSocket: a comment and a reply reach a subscriber and the public
// thread; body rules; the edit window (on the injected clock); soft delete; reports.
import type { TestApp } from "../support/test-app";
import { ADD_COMMENT, authHeaders, listening, publishedArticle, RUN, startReadersApp, wsClient, type WsClient } from "./support";

const THREAD = `query($id: ID!) {
  article(id: $id) {
    commentCount
    comments(orderBy: OLDEST) {
      totalCount
      edges { node { id body status authorName replyCount deletedAt replies { totalCount edges { node { id body parentId depth } } } } }
    }
  }
}`;

describe("reader comments", () => {
  let t: TestApp;
  let now = new Date("2026-01-05T10:00:00Z");
  let ws: WsClient;

  beforeAll(async () => {
    t = await startReadersApp({ COMMENTS_RATE_LIMIT: "50", COMMENTS_EDIT_WINDOW_SECONDS: "600" }, { clock: () => now });
  });
  afterAll(async () => {
    await ws?.close();
    await t.close();
  });

  it("delivers a comment and its reply to a subscriber, and shows both to the public with replies and counts", async () => {
    const article = await publishedArticle(t);
    ws = wsClient(t.url);
    const sub = ws.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { id body parentId authorName article { id } } }`, { a: article.id });
    await listening(t, "COMMENT_PUBLISHED", article.id);

    const alice = await authHeaders(`alice-${RUN}`, ["READER"], "Alice");
    const bob = await authHeaders(`bob-${RUN}`, ["READER"], "Bob");
    const top = await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "  A fair point about the talks.  " } }, alice);
    expect(top.errors).toBeUndefined();
    expect(top.data.addComment).toMatchObject({ body: "A fair point about the talks.", status: "PUBLISHED", depth: 1, authorName: "Alice" });
    const reply = await t.gql(ADD_COMMENT, { input: { articleId: article.id, parentId: top.data.addComment.id, body: "I agree." } }, bob);
    expect(reply.data.addComment).toMatchObject({ status: "PUBLISHED", depth: 2, parentId: top.data.addComment.id });

    const events = await sub.received(2);
    expect(events.map((e) => e.commentAdded.id)).toEqual([top.data.addComment.id, reply.data.addComment.id]);
    expect(events[1].commentAdded).toMatchObject({ body: "I agree.", authorName: "Bob", parentId: top.data.addComment.id, article: { id: article.id } });

    const res = await t.gql(THREAD, { id: article.id });
    expect(res.errors).toBeUndefined();
    const a = res.data.article;
    expect(a.commentCount).toBe(2);
    expect(a.comments.totalCount).toBe(1);
    const node = a.comments.edges[0].node;
    expect(node).toMatchObject({ id: top.data.addComment.id, authorName: "Alice", replyCount: 1 });
    expect(node.replies.totalCount).toBe(1);
    expect(node.replies.edges[0].node).toMatchObject({ id: reply.data.addComment.id, body: "I agree.", depth: 2 });
  });

  it("stores bodies as trimmed NFC plain text and refuses empty, over-long and control-character bodies", async () => {
    const article = await publishedArticle(t);
    const h = await authHeaders(`carol-${RUN}`);
    const decomposed = "Cafe\u0301 <b>menu</b>";
    const ok = await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: decomposed } }, h);
    expect(ok.data.addComment.body).toBe("Café <b>menu</b>");
    expect(ok.data.addComment.body).toBe(ok.data.addComment.body.normalize("NFC"));

    const bad = [
      ["   ", "input.body"],
      ["x".repeat(5001), "input.body"],
      ["bell\u0007", "input.body"],
      ["rtl \u202E override", "input.body"],
    ];
    for (const [body, field] of bad) {
      const res = await t.gql(ADD_COMMENT, { input: { articleId: article.id, body } }, h);
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0].extensions?.argumentName).toBe(field);
    }
    expect((await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "é".repeat(5000) } }, h)).data.addComment.status).toBe("PUBLISHED");
    const badId = await t.gql(ADD_COMMENT, { input: { articleId: "not-a-uuid", body: "hi" } }, h);
    expect(badId.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.articleId" });
  });

  it("nests replies only to the configured depth", async () => {
    const article = await publishedArticle(t);
    const h = await authHeaders(`dave-${RUN}`);
    let parentId: string | null = null;
    for (let depth = 1; depth <= 3; depth++) {
      const res: any = await t.gql(ADD_COMMENT, { input: { articleId: article.id, parentId, body: `level ${depth}` } }, h);
      expect(res.data.addComment.depth).toBe(depth);
      parentId = res.data.addComment.id;
    }
    const tooDeep = await t.gql(ADD_COMMENT, { input: { articleId: article.id, parentId, body: "level 4" } }, h);
    expect(tooDeep.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.parentId" });
  });

  it("lets the author edit within the window on the request clock, and no one else", async () => {
    const article = await publishedArticle(t);
    const erin = await authHeaders(`erin-${RUN}`);
    const frank = await authHeaders(`frank-${RUN}`);
    const c = (await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "Frist!" } }, erin)).data.addComment;
    const EDIT = `mutation($id: ID!, $body: String!) { editComment(id: $id, body: $body) { body editedAt status } }`;
    expect((await t.gql(EDIT, { id: c.id, body: "First!" }, frank)).errors?.[0].extensions?.code).toBe("FORBIDDEN");
    now = new Date(now.getTime() + 5 * 60_000);
    const edited = await t.gql(EDIT, { id: c.id, body: "First!" }, erin);
    expect(edited.data.editComment).toMatchObject({ body: "First!", editedAt: now.toISOString(), status: "PUBLISHED" });
    now = new Date(now.getTime() + 6 * 60_000);
    const late = await t.gql(EDIT, { id: c.id, body: "Too late" }, erin);
    expect(late.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    const stored = await t.db.dataSource.query(`SELECT body FROM comments WHERE id = $1`, [c.id]);
    expect(stored[0].body).toBe("First!");
  });

  it("soft-deletes: the text is gone, a placeholder stays in the thread, counts drop", async () => {
    const article = await publishedArticle(t);
    const gina = await authHeaders(`gina-${RUN}`);
    const top = (await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "Parent" } }, gina)).data.addComment;
    await t.gql(ADD_COMMENT, { input: { articleId: article.id, parentId: top.id, body: "Child" } }, gina);
    const del = await t.gql(`mutation($id: ID!) { deleteComment(id: $id) { status body deletedAt } }`, { id: top.id }, gina);
    expect(del.data.deleteComment).toMatchObject({ status: "DELETED", body: "" });
    const a = (await t.gql(THREAD, { id: article.id })).data.article;
    expect(a.commentCount).toBe(1);
    expect(a.comments.edges[0].node).toMatchObject({ id: top.id, status: "DELETED", body: "" });
    expect(a.comments.edges[0].node.deletedAt).not.toBeNull();
    expect(a.comments.edges[0].node.replies.edges[0].node.body).toBe("Child");
  });

  it("takes reports once per reader into the REPORTED queue, with reasons for moderators", async () => {
    const article = await publishedArticle(t);
    const author = await authHeaders(`hank-${RUN}`);
    const c = (await t.gql(ADD_COMMENT, { input: { articleId: article.id, body: "Rude but clean" } }, author)).data.addComment;
    const REPORT = `mutation($id: ID!, $reason: String!) { reportComment(id: $id, reason: $reason) { id } }`;
    for (const who of ["ivy", "jack", "ivy"]) {
      const res = await t.gql(REPORT, { id: c.id, reason: `${who} finds it rude` }, await authHeaders(`${who}-${RUN}`));
      expect(res.errors).toBeUndefined();
    }
    const mod = await authHeaders(`mod-${RUN}`, ["MODERATOR"]);
    const q = await t.gql(`{ moderationQueue(queue: REPORTED) { counts { reported } comments { edges { node { id moderation { reportCount reports { reason } } } } } } }`, {}, mod);
    expect(q.errors).toBeUndefined();
    const entry = q.data.moderationQueue.comments.edges.find((e: any) => e.node.id === c.id);
    expect(entry.node.moderation.reportCount).toBe(2);
    expect(entry.node.moderation.reports.map((r: any) => r.reason).sort()).toEqual([`ivy finds it rude`, `jack finds it rude`]);
    const empty = await t.gql(`mutation($id: ID!) { reportComment(id: $id, reason: "  ") { id } }`, { id: c.id }, author);
    expect(empty.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "reason" });
  });
});
