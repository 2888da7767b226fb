// Security finding #17.8: drafts are hidden from everyone but editors, moderators included. A moderator who
// is not an editor saw held comments on a draft in the queue and its counts, and could decide them. Now the
// queue, its counts and moderateComment all leave out comments on articles the moderator may not see; a
// moderator who is also an editor sees them all.
import { ADD_COMMENT, authHeaders, publishedArticle, RUN, startReadersApp } from "../readers/support";
import type { TestApp } from "../support/test-app";

const QUEUE = `{ moderationQueue(queue: PENDING, first: 100) { counts { pending } comments { edges { node { id } } } } }`;
const MODERATE = `mutation($id: ID!) { moderateComment(id: $id, status: PUBLISHED, note: "fine") { id status } }`;

let t: TestApp;
beforeAll(async () => {
  t = await startReadersApp({ COMMENTS_RATE_LIMIT: "50" });
});
afterAll(async () => {
  await t?.close();
});

it("keeps held comments on a draft out of a non-editor moderator's queue, counts and decisions", async () => {
  const reader = await authHeaders(`md-reader-${RUN}`, ["READER"]);
  const editor = await authHeaders(`md-editor-${RUN}`, ["EDITOR"]);
  const moderator = await authHeaders(`md-mod-${RUN}`, ["MODERATOR"]);
  const editorModerator = await authHeaders(`md-edmod-${RUN}`, ["EDITOR", "MODERATOR"]);

  const shown = await publishedArticle(t);
  const hidden = await publishedArticle(t);
  const onShown = (await t.gql(ADD_COMMENT, { input: { articleId: shown.id, body: "This looks FISHY on a public story" } }, reader)).data.addComment;
  const onHidden = (await t.gql(ADD_COMMENT, { input: { articleId: hidden.id, body: "This looks FISHY on a story soon a draft" } }, reader)).data.addComment;
  expect([onShown.status, onHidden.status]).toEqual(["PENDING", "PENDING"]);
  const back = await t.gql(`mutation($id: ID!) { unpublishArticle(id: $id) { id status } }`, { id: hidden.id }, editor);
  expect(back.errors).toBeUndefined();
  expect(back.data.unpublishArticle.status).toBe("DRAFT");

  const mod = (await t.gql(QUEUE, {}, moderator)).data.moderationQueue;
  const modIds = mod.comments.edges.map((e: any) => e.node.id);
  expect(modIds).toContain(onShown.id);
  expect(modIds).not.toContain(onHidden.id);
  expect(mod.counts.pending).toBe(modIds.length);

  const both = (await t.gql(QUEUE, {}, editorModerator)).data.moderationQueue;
  const bothIds = both.comments.edges.map((e: any) => e.node.id);
  expect(bothIds).toEqual(expect.arrayContaining([onShown.id, onHidden.id]));
  expect(both.counts.pending).toBe(mod.counts.pending + 1);

  const refused = await t.gql(MODERATE, { id: onHidden.id }, moderator);
  expect(refused.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  const decided = await t.gql(MODERATE, { id: onHidden.id }, editorModerator);
  expect(decided.errors).toBeUndefined();
  expect(decided.data.moderateComment.status).toBe("PUBLISHED");
});
