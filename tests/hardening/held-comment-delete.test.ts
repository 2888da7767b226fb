// An author deleting their own held comment (issue 17, finding 9): a PENDING or REJECTED comment was never
// public, so deleting it must not leave a public "deleted" placeholder with the author's name and place.
import { ADD_COMMENT, authHeaders, publishedArticle, RUN, startReadersApp } from "../readers/support";
import type { TestApp } from "../support/test-app";

let t: TestApp;
beforeAll(async () => {
  t = await startReadersApp();
});
afterAll(async () => {
  await t?.close();
});

const THREAD = `query($id: ID!) { article(id: $id) { commentCount comments(first: 20) { edges { node { id status authorName } } } } }`;
const DELETE = `mutation($id: ID!) { deleteComment(id: $id) { id status body } }`;

it.each([
  ["PENDING", "this looks fishy to me"],
  ["REJECTED", "this is a bannedword comment"],
])("removes an author's own %s comment instead of leaving a public placeholder", async (status, body) => {
  const article = await publishedArticle(t);
  const author = await authHeaders(`held-author-${RUN}`);
  const added = await t.gql(ADD_COMMENT, { input: { articleId: article.id, body } }, author);
  expect(added.data.addComment.status).toBe(status);
  const del = await t.gql(DELETE, { id: added.data.addComment.id }, author);
  expect(del.errors).toBeUndefined();
  const thread = (await t.gql(THREAD, { id: article.id })).data.article;
  expect(thread.comments.edges).toEqual([]);
  expect(thread.commentCount).toBe(0);
  const moderator = await authHeaders(`held-mod-${RUN}`, ["MODERATOR"]);
  const queue = await t.gql(`{ moderationQueue(queue: PENDING) { comments { edges { node { id } } } } }`, {}, moderator);
  expect(queue.errors).toBeUndefined();
  expect(queue.data.moderationQueue.comments.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(added.data.addComment.id);
  const rows = await t.db.dataSource.query(`SELECT status FROM comments WHERE id = $1`, [added.data.addComment.id]);
  expect(rows).toEqual([]);
});
