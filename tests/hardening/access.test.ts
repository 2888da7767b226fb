// Access rules tried as an attacker: forged or altered tokens; PENDING/REJECTED comments and
// unpublished articles (and their quotes) sought through every read path — by slug, lists, search,
// nested fields, replies, aliases, batches, the federation `_entities` endpoint with nested fields,
// subscriptions and the WebSocket itself; and aliases, fragments, batches and the WebSocket used to get
// around rate limits. Each attempt is refused or sees nothing.
import { SignJWT } from "jose";
import { startTestApp, type TestApp } from "../support/test-app";
import { listening, waitUntil, wsClient, type WsClient } from "../readers/support";

const SECRET = "hardening-jwt-secret-0123456789abcdefghij";
const AUDIENCE = "newsgraph-tests";
const SECRET_TEXT = "PENDING-SECRET-COMMENT-BODY";
const REJECTED_TEXT = "REJECTED-SECRET-COMMENT-BODY";
const DRAFT_TITLE = "Embargoed draft headline";
const DRAFT_QUOTE = "EMBARGOED-DRAFT-QUOTE";
const COMMENT_LIMIT = 5;

let app: TestApp;
const ids: Record<string, string> = {};
const sockets: WsClient[] = [];

beforeAll(async () => {
  app = await startTestApp({
    AUTH_JWT_SECRET: SECRET,
    AUTH_AUDIENCE: AUDIENCE,
    COMMENTS_RATE_LIMIT: String(COMMENT_LIMIT),
    COMMENTS_SUSPECT_WORDS: "fishy",
    COMMENTS_BANNED_WORDS: "bannedword",
  });
  const q = (sql: string, params: unknown[] = []) => app.db.dataSource.query(sql, params);
  const [outlet] = await q(`INSERT INTO outlets (slug, name) VALUES ('the-outlet', 'The Outlet') RETURNING id`);
  const [pub] = await q(
    `INSERT INTO articles (slug, title, body, published_at, content_hash, outlet_id) VALUES ('public-article', 'Public article', 'Body of the public article.', now() - interval '1 day', 'h-public', $1) RETURNING id`,
    [outlet.id],
  );
  const [draft] = await q(
    `INSERT INTO articles (slug, title, body, published_at, content_hash, status, outlet_id) VALUES ('draft-article', $1, 'Embargoed body.', NULL, 'h-draft', 'DRAFT', $2) RETURNING id`,
    [DRAFT_TITLE, outlet.id],
  );
  const [speaker] = await q(`INSERT INTO speakers (slug, name) VALUES ('the-speaker', 'The Speaker') RETURNING id`);
  const [pubQuote] = await q(
    `INSERT INTO quotes (article_id, speaker_id, text, kind, position, text_hash) VALUES ($1, $2, 'A public quote', 'DIRECT', 0, md5('a public quote')) RETURNING id`,
    [pub.id, speaker.id],
  );
  const [draftQuote] = await q(`INSERT INTO quotes (article_id, speaker_id, text, kind, position, text_hash) VALUES ($1, $2, $3, 'DIRECT', 0, md5($3)) RETURNING id`, [
    draft.id,
    speaker.id,
    DRAFT_QUOTE,
  ]);
  const [visible] = await q(`INSERT INTO comments (article_id, author_name, body, status) VALUES ($1, 'Visible', 'A published comment.', 'PUBLISHED') RETURNING id`, [pub.id]);
  const [pending] = await q(`INSERT INTO comments (article_id, author_name, body, status) VALUES ($1, 'Hidden', $2, 'PENDING') RETURNING id`, [pub.id, SECRET_TEXT]);
  const [rejected] = await q(`INSERT INTO comments (article_id, author_name, body, status) VALUES ($1, 'Hidden', $2, 'REJECTED') RETURNING id`, [pub.id, REJECTED_TEXT]);
  const [reply] = await q(`INSERT INTO comments (article_id, parent_id, author_name, body, status, depth) VALUES ($1, $2, 'Hidden', $3, 'PENDING', 2) RETURNING id`, [
    pub.id,
    visible.id,
    SECRET_TEXT + "-REPLY",
  ]);
  // A published comment on the draft: published or not, it must not lead to the draft.
  const [onDraft] = await q(`INSERT INTO comments (article_id, author_name, body, status) VALUES ($1, 'Early', 'Comment on a draft', 'PUBLISHED') RETURNING id`, [draft.id]);
  Object.assign(ids, {
    outlet: outlet.id,
    pub: pub.id,
    draft: draft.id,
    speaker: speaker.id,
    pubQuote: pubQuote.id,
    draftQuote: draftQuote.id,
    visible: visible.id,
    pending: pending.id,
    rejected: rejected.id,
    reply: reply.id,
    onDraft: onDraft.id,
  });
});
afterAll(async () => {
  for (const s of sockets) await s.close();
  await app?.close();
});

/** A valid token for `sub` with `roles`, signed with the app's secret and audience. */
async function bearer(sub: string, roles: string[] = ["READER"]): Promise<Record<string, string>> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ roles, name: sub })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(sub)
    .setAudience(AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(SECRET));
  return { authorization: `Bearer ${jwt}` };
}

function socket(authorization?: string): WsClient {
  const ws = wsClient(app.url, authorization);
  sockets.push(ws);
  return ws;
}

/** Nothing hidden in `text`: no held or rejected comment, no draft title or quote. */
function expectNothingHidden(text: string): void {
  expect(text).not.toContain(SECRET_TEXT);
  expect(text).not.toContain(REJECTED_TEXT);
  expect(text).not.toContain(DRAFT_TITLE);
  expect(text).not.toContain(DRAFT_QUOTE);
  expect(text).not.toMatch(/INTERNAL_SERVER_ERROR/);
}

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("forged and altered tokens", () => {
  const now = Math.floor(Date.now() / 1000);
  const good = () =>
    new SignJWT({ roles: ["ADMIN"] })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("attacker")
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + 600);
  const cases: Array<[string, () => Promise<string>]> = [
    ["alg none", async () => `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ sub: "attacker", roles: ["ADMIN"], aud: AUDIENCE, exp: now + 600 })}.`],
    ["wrong key", () => good().sign(new TextEncoder().encode("another-secret-0123456789abcdefghijklmn"))],
    [
      "expired",
      () =>
        new SignJWT({ roles: ["ADMIN"] })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject("attacker")
          .setAudience(AUDIENCE)
          .setIssuedAt(now - 7200)
          .setExpirationTime(now - 3600)
          .sign(new TextEncoder().encode(SECRET)),
    ],
    [
      "wrong audience",
      () =>
        new SignJWT({ roles: ["ADMIN"] })
          .setProtectedHeader({ alg: "HS256" })
          .setSubject("attacker")
          .setAudience("someone-else")
          .setExpirationTime(now + 600)
          .sign(new TextEncoder().encode(SECRET)),
    ],
    [
      "payload altered after signing",
      async () => {
        const [h, , s] = (
          await new SignJWT({ roles: ["READER"] })
            .setProtectedHeader({ alg: "HS256" })
            .setSubject("attacker")
            .setAudience(AUDIENCE)
            .setExpirationTime(now + 600)
            .sign(new TextEncoder().encode(SECRET))
        ).split(".");
        return `${h}.${b64url({ sub: "attacker", roles: ["ADMIN"], aud: AUDIENCE, exp: now + 600 })}.${s}`;
      },
    ],
    ["garbage", async () => "not.a.token"],
  ];

  it.each(cases)("refuses a token with %s as UNAUTHENTICATED", async (_name, make) => {
    const res = await post({ query: "{ articles(first: 1) { totalCount } }" }, { authorization: `Bearer ${await make()}` });
    expect(res.status).toBeLessThan(500);
    const body = JSON.parse(res.text);
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(body.data ?? null).toBeNull();
  });
});

describe("hidden comments and unpublished articles", () => {
  const attempts: Array<[string, unknown]> = [
    [
      "comments of the article",
      { query: `{ article(slug: "public-article") { commentCount comments(first: 100) { totalCount edges { node { body replies(first: 100) { edges { node { body } } } } } } } }` },
    ],
    ["the draft by slug", { query: `{ article(slug: "draft-article") { title body } }` }],
    ["article lists", { query: `{ articles(first: 100) { totalCount edges { node { title comments(first: 100) { edges { node { body } } } } } } }` }],
    ["aliases", { query: `{ a: article(slug: "draft-article") { title } b: article(slug: "public-article") { c: comments(first: 100) { edges { node { body } } } } }` }],
    ["search", { query: `{ quotes(filter: { search: "secret" }, first: 100) { edges { node { text article { title } } } } }` }],
  ];

  it.each(attempts)("shows none of them through %s", async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBeLessThan(500);
    expectNothingHidden(res.text);
  });

  it("shows none of them through a batch", async () => {
    const res = await post(attempts.map(([, b]) => b));
    expectNothingHidden(res.text);
  });

  it("shows none of them through search, speakers and outlets", async () => {
    const res = await post({
      query: `{
        quotes(filter: { search: "embargoed" }, first: 100) { totalCount edges { highlight node { text article { title } } } }
        articles(filter: { search: "embargoed" }, first: 100) { totalCount edges { node { title } } }
        speaker(slug: "the-speaker") { quoteCount articles(first: 100) { totalCount edges { node { title } } } quotes(first: 100) { totalCount edges { node { text } } } }
        outlet(slug: "the-outlet") { articles(first: 100) { totalCount edges { node { title } } } }
      }`,
    });
    expectNothingHidden(res.text);
    const { data } = JSON.parse(res.text);
    expect(data.quotes.totalCount).toBe(0);
    expect(data.articles.totalCount).toBe(0);
    // Counts do not betray the draft either.
    expect(data.speaker.quoteCount).toBe(1);
    expect(data.speaker.quotes.totalCount).toBe(1);
    expect(data.speaker.articles.totalCount).toBe(1);
    expect(data.outlet.articles.totalCount).toBe(1);
  });
});

describe("the federation endpoint (_entities)", () => {
  const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on Article { title body quotes(first: 100) { edges { node { text } } } comments(first: 100) { edges { node { body } } } }
    ... on Comment { body article { title } replies(first: 100) { totalCount edges { node { body } } } }
    ... on Quote { text article { title } }
    ... on Speaker { quoteCount quotes(first: 100) { totalCount edges { node { text article { title } } } } articles(first: 100) { edges { node { title } } } }
    ... on Outlet { articles(first: 100) { totalCount edges { node { title } } } }
  } }`;

  it("resolves hidden entities to null, and shows nothing hidden below visible ones", async () => {
    const r = [
      { __typename: "Article", id: ids.draft },
      { __typename: "Comment", id: ids.pending },
      { __typename: "Comment", id: ids.rejected },
      { __typename: "Comment", id: ids.reply },
      { __typename: "Comment", id: ids.onDraft },
      { __typename: "Quote", id: ids.draftQuote },
      { __typename: "Article", id: ids.pub },
      { __typename: "Comment", id: ids.visible },
      { __typename: "Speaker", id: ids.speaker },
      { __typename: "Speaker", slug: "the-speaker" },
      { __typename: "Outlet", id: ids.outlet },
    ];
    const res = await post({ query: ENTITIES, variables: { r } });
    expect(res.status).toBe(200);
    expectNothingHidden(res.text);
    const { data, errors } = JSON.parse(res.text);
    expect(errors).toBeUndefined();
    expect(data._entities.slice(0, 6)).toEqual([null, null, null, null, null, null]);
    const [article, comment, speaker, bySlug, outlet] = data._entities.slice(6);
    expect(article.comments.edges.map((e: any) => e.node.body)).toEqual(["A published comment."]);
    expect(comment.replies.totalCount).toBe(0);
    for (const s of [speaker, bySlug]) {
      expect(s.quoteCount).toBe(1);
      expect(s.quotes.edges.map((e: any) => e.node.text)).toEqual(["A public quote"]);
    }
    expect(outlet.articles.totalCount).toBe(1);
  });

  it("lets a reader with a token see no more than the public", async () => {
    const res = await post(
      {
        query: ENTITIES,
        variables: {
          r: [
            { __typename: "Article", id: ids.draft },
            { __typename: "Comment", id: ids.pending },
          ],
        },
      },
      await bearer("curious-reader"),
    );
    expectNothingHidden(res.text);
    expect(JSON.parse(res.text).data._entities).toEqual([null, null]);
  });
});

describe("subscriptions", () => {
  it("refuses subscriptions to a draft's comments and reactions as NOT_FOUND", async () => {
    const ws = socket();
    const comments = ws.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { body } }`, { a: ids.draft });
    const reactions = ws.subscribe(`subscription($a: ID!) { reactionSummaryChanged(articleId: $a) { total } }`, { a: ids.draft });
    await waitUntil(() => comments.errors.length > 0 && reactions.errors.length > 0, "both refusals");
    expect(JSON.stringify(comments.errors)).toContain("NOT_FOUND");
    expect(JSON.stringify(reactions.errors)).toContain("NOT_FOUND");
    expectNothingHidden(JSON.stringify([comments.errors, reactions.errors]));
  });

  it("refuses the moderation queue to the public and to readers", async () => {
    const anonymous = socket().subscribe(`subscription { commentQueued { body } }`);
    const reader = socket((await bearer("queue-reader")).authorization).subscribe(`subscription { commentQueued { body } }`);
    await waitUntil(() => anonymous.errors.length > 0 && reader.errors.length > 0, "both refusals");
    expect(JSON.stringify(anonymous.errors)).toContain("UNAUTHENTICATED");
    expect(JSON.stringify(reader.errors)).toContain("FORBIDDEN");
  });

  it("delivers neither held nor rejected comments, nor quotes added to a draft", async () => {
    const ws = socket((await bearer("sub-watcher")).authorization);
    const comments = ws.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { body status } }`, { a: ids.pub });
    const quotes = ws.subscribe(`subscription($s: ID!) { quoteAdded(speakerId: $s) { text article { title } } }`, { s: ids.speaker });
    await listening(app, "COMMENT_PUBLISHED", ids.pub);
    await listening(app, "QUOTE_ADDED", ids.speaker);
    const writer = await bearer("sub-writer");
    const editor = await bearer("sub-editor", ["EDITOR"]);
    const add = (body: string) => app.gql(`mutation($i: AddCommentInput!) { addComment(input: $i) { status } }`, { i: { articleId: ids.pub, body } }, writer);
    expect((await add(`${SECRET_TEXT} looks fishy`)).data.addComment.status).toBe("PENDING");
    expect((await add(`${REJECTED_TEXT} bannedword`)).data.addComment.status).toBe("REJECTED");
    const addQuote = `mutation($a: ID!, $s: ID!, $t: String!) { addQuote(input: { articleId: $a, speakerId: $s, text: $t, kind: DIRECT }) { id } }`;
    expect((await app.gql(addQuote, { a: ids.draft, s: ids.speaker, t: `${DRAFT_QUOTE} two` }, editor)).errors).toBeUndefined();
    // Then a clean comment and a public quote: only these arrive, and in order, so the others were not just late.
    expect((await add("A clean comment")).data.addComment.status).toBe("PUBLISHED");
    expect((await app.gql(addQuote, { a: ids.pub, s: ids.speaker, t: "Another public quote" }, editor)).errors).toBeUndefined();
    await comments.received(1);
    await quotes.received(1);
    expect(comments.events).toEqual([{ commentAdded: { body: "A clean comment", status: "PUBLISHED" } }]);
    expect(quotes.events).toEqual([{ quoteAdded: { text: "Another public quote", article: { title: "Public article" } } }]);
    await app.db.dataSource.query(`DELETE FROM quotes WHERE text IN ($1, 'Another public quote')`, [`${DRAFT_QUOTE} two`]);
  });

  it("serves no queries or mutations over the WebSocket, where HTTP's limits would not apply", async () => {
    const ws = socket();
    const query = ws.subscribe(`query($s: String!) { article(slug: $s) { title comments(first: 100) { edges { node { body } } } } }`, { s: "draft-article" });
    const mutation = ws.subscribe(`mutation { addComment(input: { articleId: "${ids.pub}", body: "over the socket" }) { id } }`);
    await waitUntil(() => query.errors.length > 0 && mutation.errors.length > 0, "both refusals");
    expect(JSON.stringify([query.errors, mutation.errors])).toContain("Only subscriptions are served over WebSocket");
    expect(query.events).toEqual([]);
    expect(mutation.events).toEqual([]);
  });

  it("applies the operation limits (aliases, depth, cost) to subscriptions too", async () => {
    const ws = socket();
    const aliases = Array.from({ length: 50 }, (_, i) => `a${i}: body`).join(" ");
    const flood = ws.subscribe(`subscription($a: ID!) { commentAdded(articleId: $a) { ${aliases} } }`, { a: ids.pub });
    const deep = ws.subscribe(
      `subscription($s: ID!) { quoteAdded(speakerId: $s) { speaker { quotes { edges { node { speaker { quotes { edges { node { speaker { quotes { edges { node { text } } } } } } } } } } } } } }`,
      { s: ids.speaker },
    );
    const costly = ws.subscribe(
      `subscription($s: ID!) { quoteAdded(speakerId: $s) { speaker { quotes(first: 100) { edges { node { speaker { quotes(first: 100) { edges { node { text } } } } } } } } } }`,
      { s: ids.speaker },
    );
    await waitUntil(() => flood.errors.length > 0 && deep.errors.length > 0 && costly.errors.length > 0, "three refusals");
    for (const sub of [flood, deep, costly]) expect(JSON.stringify(sub.errors)).toContain("OPERATION_LIMIT_EXCEEDED");
  });
});

describe("rate limits, around which aliases, fragments, batches and sockets do not get", () => {
  const ADD = (alias: string, i: number) => `${alias}: addComment(input: { articleId: "${ids.pub}", body: "burst ${i}" }) { id }`;
  const stored = async (author: string) => Number((await app.db.dataSource.query(`SELECT count(*) AS n FROM comments WHERE author_id = $1`, [author]))[0].n);

  it("refuses 50 aliased addComment in one document before writing anything", async () => {
    const doc = `mutation { ${Array.from({ length: 50 }, (_, i) => ADD(`c${i}`, i)).join(" ")} }`;
    const res = await post({ query: doc }, await bearer("alias-flood"));
    expect(JSON.parse(res.text).errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "aliases" });
    expect(await stored("alias-flood")).toBe(0);
  });

  it("refuses 50 aliased react, and the same aliases hidden in fragments", async () => {
    const react = `mutation { ${Array.from({ length: 50 }, (_, i) => `r${i}: react(articleId: "${ids.pub}", sentiment: POSITIVE) { id }`).join(" ")} }`;
    const viaFragments = `mutation { ...A ...B } fragment A on Mutation { ${Array.from({ length: 25 }, (_, i) => ADD(`a${i}`, i)).join(" ")} } fragment B on Mutation { ${Array.from({ length: 25 }, (_, i) => ADD(`b${i}`, i)).join(" ")} }`;
    for (const query of [react, viaFragments]) {
      const res = await post({ query }, await bearer("alias-fragments"));
      expect(JSON.parse(res.text).errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "aliases" });
    }
    expect(await stored("alias-fragments")).toBe(0);
    const reactions = await app.db.dataSource.query(`SELECT count(*)::int AS n FROM reactions WHERE user_id = 'alias-fragments'`);
    expect(reactions[0].n).toBe(0);
  });

  it("counts every aliased addComment that the alias limit lets through: only the rate limit's worth are written", async () => {
    const doc = `mutation { ${Array.from({ length: 12 }, (_, i) => ADD(`c${i}`, i)).join(" ")} }`;
    const res = JSON.parse((await post({ query: doc }, await bearer("alias-dozen"))).text);
    // Mutation fields run one after another; the first refused one (non-null) ends the operation.
    expect(res.errors[0]).toMatchObject({ path: [`c${COMMENT_LIMIT}`], extensions: { code: "RATE_LIMITED" } });
    expect(await stored("alias-dozen")).toBe(COMMENT_LIMIT);
  });

  it("refuses an array batch of 20 operations, and counts batches within the limit one by one", async () => {
    const one = (i: number) => ({ query: `mutation { ${ADD("c", i)} }` });
    const auth = await bearer("batcher");
    const big = await post(
      Array.from({ length: 20 }, (_, i) => one(i)),
      auth,
    );
    expect(big.status).toBe(400);
    expect(JSON.parse(big.text).errors[0].extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "batch" });
    expect(await stored("batcher")).toBe(0);
    // Four batches of five (the most a batch may hold): twenty attempts, the rate limit's worth written.
    const answers = (
      await Promise.all(
        Array.from({ length: 4 }, (_, b) =>
          post(
            Array.from({ length: 5 }, (_, i) => one(b * 5 + i)),
            auth,
          ),
        ),
      )
    ).flatMap((r) => JSON.parse(r.text));
    expect(answers).toHaveLength(20);
    expect(answers.filter((a: any) => a.data?.c)).toHaveLength(COMMENT_LIMIT);
    expect(answers.filter((a: any) => a.errors?.[0]?.extensions?.code === "RATE_LIMITED")).toHaveLength(20 - COMMENT_LIMIT);
    expect(await stored("batcher")).toBe(COMMENT_LIMIT);
  });
});
