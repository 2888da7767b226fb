// Security finding #17.1: `_entities` priced once per representation. A representation list repeated a
// few thousand times used to count once in the cost, so one anonymous request could ask for megabytes of
// article bodies. Now the selection costs once per representation (priced for its `__typename`), and
// the number of representations is capped (MAX_ENTITY_REPRESENTATIONS); both refusals come before any SQL.
import { startTestApp, type TestApp } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;
let app: TestApp;
let articleId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await startTestApp({}, { db });
  const [outlet] = await db.dataSource.query(`INSERT INTO outlets (slug, name) VALUES ('o', 'O') RETURNING id`);
  const [article] = await db.dataSource.query(`INSERT INTO articles (slug, title, body, published_at, content_hash, outlet_id) VALUES ('a', 'A', 'Body.', now(), 'h-a', $1) RETURNING id`, [
    outlet.id,
  ]);
  articleId = article.id;
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

const HEAVY = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Article { body quotes(first: 100) { edges { node { text article { body } } } } }
  ... on Outlet { name }
} }`;
const LIGHT = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Article { id } } }`;

const reps = (n: number, typename = "Article") => Array.from({ length: n }, () => ({ __typename: typename, id: articleId }));

async function expectRefused(query: string, variables: Record<string, unknown> | undefined, limit: string) {
  const before = db.queries.count;
  const res = await app.gql(query, variables);
  expect(res.data ?? null).toBeNull();
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit });
  expect(db.queries.count).toBe(before);
  return res;
}

describe("_entities and the cost limit", () => {
  it("counts the selection once per representation", async () => {
    // One representation with this selection is cheap (about 500); fifty of them are not.
    const one = await app.gql(HEAVY, { r: reps(1) });
    expect(one.errors).toBeUndefined();
    expect(one.data._entities).toHaveLength(1);
    const res = await expectRefused(HEAVY, { r: reps(50) }, "cost");
    expect(res.errors![0].extensions!.cost).toBeGreaterThan(app.config.MAX_QUERY_COST);
  });

  it("prices each representation for its own type", async () => {
    // The Outlet branch costs 1: a hundred outlets are far under the limit although the Article branch is not.
    const res = await app.gql(HEAVY, { r: reps(100, "Outlet") });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toHaveLength(100);
  });

  it("counts representations written inline too", async () => {
    const inline = Array.from({ length: 50 }, () => `{ __typename: "Article", id: "${articleId}" }`).join(", ");
    await expectRefused(`{ _entities(representations: [${inline}]) { ... on Article { body quotes(first: 100) { edges { node { text article { body } } } } } } }`, undefined, "cost");
  });

  it("caps the number of representations", async () => {
    const max = app.config.MAX_ENTITY_REPRESENTATIONS;
    const ok = await app.gql(LIGHT, { r: reps(max) });
    expect(ok.errors).toBeUndefined();
    const res = await expectRefused(LIGHT, { r: reps(max + 1) }, "representations");
    expect(res.errors![0].extensions).toMatchObject({ representations: max + 1, maxEntityRepresentations: max });
    // Aliased calls count together.
    const twice = `query($r: [_Any!]!) { a: _entities(representations: $r) { ... on Article { id } } b: _entities(representations: $r) { ... on Article { id } } }`;
    await expectRefused(twice, { r: reps(Math.ceil((max + 1) / 2)) }, "representations");
  });

  it("is configurable", async () => {
    const strict = await startTestApp({ MAX_ENTITY_REPRESENTATIONS: "3" }, { db });
    try {
      expect((await strict.gql(LIGHT, { r: reps(3) })).errors).toBeUndefined();
      expect((await strict.gql(LIGHT, { r: reps(4) })).errors?.[0]?.extensions).toMatchObject({ code: "OPERATION_LIMIT_EXCEEDED", limit: "representations" });
    } finally {
      await strict.close();
    }
  });
});
