// Every mutation without the right role answers UNAUTHENTICATED (no token) or FORBIDDEN (wrong role)
// and changes nothing; bad tokens are refused; the admin key still works, as ADMIN.
import type { TestApp } from "../support/test-app";
import { TEST_ADMIN_KEY } from "../support/test-app";
import { signToken } from "../../src/auth/tokens";
import { ADD_COMMENT, RUN, startReadersApp, TEST_JWT_SECRET, wsClient } from "./support";

const TABLES = ["articles", "quotes", "speakers", "comments", "comment_reports", "reactions", "outlets"];

async function snapshot(t: TestApp): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const rows = await t.db.dataSource.query(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x.id), '')) AS h FROM ${table} x`);
    out[table] = `${rows[0].n}:${rows[0].h}`;
  }
  return out;
}

describe("authorization of mutations", () => {
  let t: TestApp;
  let ids: Record<string, string>;
  let editor: Record<string, string>;

  beforeAll(async () => {
    t = await startReadersApp({ AUTH_ISSUER: "https://id.example", AUTH_AUDIENCE: "newsgraph" });
    editor = {
      authorization: `Bearer ${await signToken({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_TOKEN_TTL: "1h", AUTH_ISSUER: "https://id.example", AUTH_AUDIENCE: "newsgraph" }, { sub: `ed-${RUN}`, roles: ["EDITOR"] })}`,
    };
    const article = (await t.gql(`mutation { createArticle(input: { title: "Authz ${RUN}", body: "Body." }) { id } }`, {}, editor)).data.createArticle.id;
    await t.gql(`mutation($id: ID!) { publishArticle(id: $id) { id } }`, { id: article }, editor);
    const s1 = (await t.gql(`mutation { createSpeaker(input: { name: "Ann Authz" }) { id } }`, {}, editor)).data.createSpeaker.id;
    const s2 = (await t.gql(`mutation { createSpeaker(input: { name: "Ben Authz" }) { id } }`, {}, editor)).data.createSpeaker.id;
    const quote = (await t.gql(`mutation($a: ID!, $s: ID!) { addQuote(input: { articleId: $a, speakerId: $s, text: "Words", kind: DIRECT }) { id } }`, { a: article, s: s1 }, editor)).data
      .addQuote.id;
    ids = { article, s1, s2, quote };
  });
  afterAll(() => t.close());

  const EDITOR_MUTATIONS = [
    `mutation { createArticle(input: { title: "X", body: "Y" }) { id } }`,
    `mutation($article: ID!) { updateArticle(id: $article, input: { title: "Changed" }) { id } }`,
    `mutation($article: ID!) { publishArticle(id: $article) { id } }`,
    `mutation($article: ID!) { unpublishArticle(id: $article) { id } }`,
    `mutation($article: ID!) { deleteArticle(id: $article) }`,
    `mutation($article: ID!) { addQuote(input: { articleId: $article, text: "T", kind: DIRECT }) { id } }`,
    `mutation($quote: ID!) { updateQuote(id: $quote, input: { text: "Changed" }) { id } }`,
    `mutation($quote: ID!) { deleteQuote(id: $quote) }`,
    `mutation { createSpeaker(input: { name: "Z" }) { id } }`,
    `mutation($s1: ID!) { updateSpeaker(id: $s1, input: { name: "Changed" }) { id } }`,
    `mutation($s1: ID!, $s2: ID!) { mergeSpeakers(from: $s1, into: $s2) { id } }`,
  ];
  const MODERATOR_MUTATIONS = [`mutation($comment: ID!) { moderateComment(id: $comment, status: REJECTED) { id } }`];
  const READER_MUTATIONS = [
    `mutation($article: ID!) { addComment(input: { articleId: $article, body: "Hello" }) { id } }`,
    `mutation($comment: ID!) { editComment(id: $comment, body: "Changed") { id } }`,
    `mutation($comment: ID!) { deleteComment(id: $comment) { id } }`,
    `mutation($comment: ID!) { reportComment(id: $comment, reason: "rude") { id } }`,
    `mutation($article: ID!) { react(articleId: $article, sentiment: POSITIVE) { id } }`,
    `mutation($article: ID!) { unreact(articleId: $article) { id } }`,
  ];

  async function expectRefused(mutations: string[], headers: Record<string, string> | undefined, code: string, vars: Record<string, string>) {
    const before = await snapshot(t);
    for (const m of mutations) {
      const res = await t.gql(m, vars, headers);
      expect({ m, code: res.errors?.[0].extensions?.code }).toEqual({ m, code });
      expect(res.data?.[Object.keys(res.data ?? {})[0]] ?? null).toBeNull();
    }
    expect(await snapshot(t)).toEqual(before);
  }

  it("answers UNAUTHENTICATED to every mutation without a token, changing nothing", async () => {
    // A comment (by the editor, signed in as a reader would be) for the comment mutations to aim at.
    ids.comment = (await t.gql(ADD_COMMENT, { input: { articleId: ids.article, body: "Mine" } }, editor)).data.addComment.id;
    await expectRefused([...EDITOR_MUTATIONS, ...MODERATOR_MUTATIONS, ...READER_MUTATIONS], undefined, "UNAUTHENTICATED", ids);
  });

  it("answers FORBIDDEN to editorial and moderation mutations from readers, analysts and moderators/editors without the role", async () => {
    const reader = {
      authorization: `Bearer ${await signToken({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_TOKEN_TTL: "1h", AUTH_ISSUER: "https://id.example", AUTH_AUDIENCE: "newsgraph" }, { sub: `r-${RUN}`, roles: ["READER", "ANALYST", "MODERATOR"] })}`,
    };
    await expectRefused(EDITOR_MUTATIONS, reader, "FORBIDDEN", ids);
    await expectRefused(MODERATOR_MUTATIONS, editor, "FORBIDDEN", ids);
    // Another reader cannot edit or delete someone else's comment either.
    const plain = {
      authorization: `Bearer ${await signToken({ AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_TOKEN_TTL: "1h", AUTH_ISSUER: "https://id.example", AUTH_AUDIENCE: "newsgraph" }, { sub: `p-${RUN}`, roles: ["READER"] })}`,
    };
    await expectRefused(READER_MUTATIONS.slice(1, 3), plain, "FORBIDDEN", ids);
  });

  it("refuses forged, expired, wrong-issuer and malformed tokens with UNAUTHENTICATED (HTTP 401)", async () => {
    const base = { AUTH_TOKEN_TTL: "1h", AUTH_ISSUER: "https://id.example", AUTH_AUDIENCE: "newsgraph" };
    const tokens = [
      await signToken({ ...base, AUTH_JWT_SECRET: "some-other-secret-0123456789abcdefgh" }, { sub: "mallory", roles: ["ADMIN"] }),
      await signToken({ ...base, AUTH_JWT_SECRET: TEST_JWT_SECRET }, { sub: "old", roles: ["EDITOR"] }, new Date(Date.now() - 2 * 3600_000)),
      await signToken({ ...base, AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_ISSUER: "https://evil.example" }, { sub: "x", roles: ["EDITOR"] }),
      await signToken({ ...base, AUTH_JWT_SECRET: TEST_JWT_SECRET, AUTH_AUDIENCE: "other" }, { sub: "x", roles: ["EDITOR"] }),
      "not.a.token",
    ];
    const before = await snapshot(t);
    for (const tok of tokens) {
      const res = await fetch(`${t.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tok}` },
        body: JSON.stringify({ query: `mutation { createSpeaker(input: { name: "Forged" }) { id } }` }),
      });
      expect(res.status).toBe(401);
      const body = (await res.json()) as any;
      expect(body.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    }
    expect(await snapshot(t)).toEqual(before);
  });

  it("keeps the admin key working, as ADMIN", async () => {
    const res = await t.gql(`mutation { createSpeaker(input: { name: "Admin Made ${RUN}" }) { name } }`, {}, { "x-admin-key": TEST_ADMIN_KEY });
    expect(res.data.createSpeaker.name).toBe(`Admin Made ${RUN}`);
    const wrong = await t.gql(`{ articles { totalCount } }`, {}, { "x-admin-key": "wrong-key-wrong-key-wrong" });
    expect(wrong.errors?.[0].extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses the moderators' subscription to readers", async () => {
    const ws = wsClient(t.url, editor.authorization);
    const sub = ws.subscribe(`subscription { commentQueued { id } }`);
    await expect(sub.received(1)).rejects.toThrow(/FORBIDDEN/);
    await ws.close();
  });
});
