// Access rules tried as an attacker: forged or altered tokens, and PENDING/REJECTED comments and
// unpublished articles sought through every read path (by slug, lists, search, nested fields,
// replies, aliases, batches). Each attempt is refused or sees nothing. (Subscriptions and `_entities`
// are covered by the readers' and federation tests; more paths belong here as they land.)
import { SignJWT } from "jose";
import { startTestApp, type TestApp } from "../support/test-app";

const SECRET = "hardening-jwt-secret-0123456789abcdefghij";
const AUDIENCE = "newsgraph-tests";
const SECRET_TEXT = "PENDING-SECRET-COMMENT-BODY";
const REJECTED_TEXT = "REJECTED-SECRET-COMMENT-BODY";
const DRAFT_TITLE = "Embargoed draft headline";

let app: TestApp;
let articleSlug: string;

beforeAll(async () => {
  app = await startTestApp({ AUTH_JWT_SECRET: SECRET, AUTH_AUDIENCE: AUDIENCE });
  const q = (sql: string, params: unknown[] = []) => app.db.dataSource.query(sql, params);
  const [pub] = await q(`INSERT INTO articles (slug, title, body, published_at, content_hash) VALUES ('public-article', 'Public article', 'Body of the public article.', now() - interval '1 day', 'h-public') RETURNING id, slug`);
  articleSlug = pub.slug;
  await q(`INSERT INTO articles (slug, title, body, published_at, content_hash, status) VALUES ('draft-article', $1, 'Embargoed body.', NULL, 'h-draft', 'DRAFT')`, [DRAFT_TITLE]);
  const [visible] = await q(`INSERT INTO comments (article_id, author_name, body, status) VALUES ($1, 'Visible', 'A published comment.', 'PUBLISHED') RETURNING id`, [pub.id]);
  await q(`INSERT INTO comments (article_id, author_name, body, status) VALUES ($1, 'Hidden', $2, 'PENDING')`, [pub.id, SECRET_TEXT]);
  await q(`INSERT INTO comments (article_id, author_name, body, status) VALUES ($1, 'Hidden', $2, 'REJECTED')`, [pub.id, REJECTED_TEXT]);
  await q(`INSERT INTO comments (article_id, parent_id, author_name, body, status, depth) VALUES ($1, $2, 'Hidden', $3, 'PENDING', 2)`, [pub.id, visible.id, SECRET_TEXT + "-REPLY"]);
});
afterAll(async () => {
  await app?.close();
});

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${app.url}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

describe("forged and altered tokens", () => {
  const now = Math.floor(Date.now() / 1000);
  const good = () => new SignJWT({ roles: ["ADMIN"] }).setProtectedHeader({ alg: "HS256" }).setSubject("attacker").setAudience(AUDIENCE).setIssuedAt(now).setExpirationTime(now + 600);
  const cases: Array<[string, () => Promise<string>]> = [
    ["alg none", async () => `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ sub: "attacker", roles: ["ADMIN"], aud: AUDIENCE, exp: now + 600 })}.`],
    ["wrong key", () => good().sign(new TextEncoder().encode("another-secret-0123456789abcdefghijklmn"))],
    ["expired", () => new SignJWT({ roles: ["ADMIN"] }).setProtectedHeader({ alg: "HS256" }).setSubject("attacker").setAudience(AUDIENCE).setIssuedAt(now - 7200).setExpirationTime(now - 3600).sign(new TextEncoder().encode(SECRET))],
    ["wrong audience", () => new SignJWT({ roles: ["ADMIN"] }).setProtectedHeader({ alg: "HS256" }).setSubject("attacker").setAudience("someone-else").setExpirationTime(now + 600).sign(new TextEncoder().encode(SECRET))],
    [
      "payload altered after signing",
      async () => {
        const [h, , s] = (await new SignJWT({ roles: ["READER"] }).setProtectedHeader({ alg: "HS256" }).setSubject("attacker").setAudience(AUDIENCE).setExpirationTime(now + 600).sign(new TextEncoder().encode(SECRET))).split(".");
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
    ["comments of the article", { query: `{ article(slug: "public-article") { commentCount comments(first: 100) { totalCount edges { node { body replies(first: 100) { edges { node { body } } } } } } } }` }],
    ["the draft by slug", { query: `{ article(slug: "draft-article") { title body } }` }],
    ["article lists", { query: `{ articles(first: 100) { totalCount edges { node { title comments(first: 100) { edges { node { body } } } } } } }` }],
    ["aliases", { query: `{ a: article(slug: "draft-article") { title } b: article(slug: "public-article") { c: comments(first: 100) { edges { node { body } } } } }` }],
    ["search", { query: `{ quotes(filter: { search: "secret" }, first: 100) { edges { node { text article { title } } } } }` }],
  ];

  it.each(attempts)("shows none of them through %s", async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toContain(SECRET_TEXT);
    expect(res.text).not.toContain(REJECTED_TEXT);
    expect(res.text).not.toContain(DRAFT_TITLE);
    expect(res.text).not.toMatch(/INTERNAL_SERVER_ERROR/);
  });

  it("shows none of them through a batch", async () => {
    const res = await post(attempts.map(([, b]) => b));
    expect(res.text).not.toContain(SECRET_TEXT);
    expect(res.text).not.toContain(DRAFT_TITLE);
  });
});
