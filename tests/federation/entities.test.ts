// newsgraph as a subgraph (standalone mode serves the subgraph schema): `_service` and `_entities` as
// a router calls them. References resolve through the request's DataLoaders, so 100 entities cost
// the same number of SQL statements as 10, and the visibility rules hold (drafts for editors only,
// held comments for no one without moderation rights).
import { seed } from "../../src/seed/seed";
import { startTestApp, type TestApp } from "../support/test-app";
import { authHeaders, READERS_ENV } from "../readers/support";

const QUOTE_ENTITIES = /* GraphQL */ `
  query QuoteEntities($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Quote {
        id
        text
        speaker {
          name
        }
        article {
          title
        }
      }
    }
  }
`;

describe("the news subgraph's entities", () => {
  let t: TestApp;
  let articleId: string;
  let quoteIds: string[];

  beforeAll(async () => {
    t = await startTestApp(READERS_ENV);
    const seeded = await seed(t.db.dataSource);
    articleId = seeded.article.id;
    // Enough quotes for a batch of 100, spread over the seed article's speakers.
    await t.db.dataSource.query(
      `INSERT INTO quotes (article_id, speaker_id, text, kind, position, text_hash)
       SELECT $1, (SELECT id FROM speakers ORDER BY name OFFSET (g % 3) LIMIT 1), 'Extra quote ' || g, 'DIRECT', 1000 + g, md5('extra ' || g)
       FROM generate_series(1, 100) g`,
      [articleId],
    );
    quoteIds = (await t.db.dataSource.query(`SELECT id FROM quotes ORDER BY position LIMIT 100`)).map((r: { id: string }) => r.id);
  });
  afterAll(() => t.close());

  it("serves its SDL with the federation keys through _service", async () => {
    const res = await t.gql(`{ _service { sdl } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data._service.sdl).toMatch(/type Quote\s+@key\(fields: "id"\)/);
  });

  it("resolves 100 quote references (with speaker and article) in as many SQL statements as 10", async () => {
    const statements = async (ids: string[]) => {
      const before = t.db.queries.count;
      const res = await t.gql(QUOTE_ENTITIES, { representations: ids.map((id) => ({ __typename: "Quote", id })) });
      expect(res.errors).toBeUndefined();
      expect(res.data._entities).toHaveLength(ids.length);
      res.data._entities.forEach((q: any, i: number) => {
        expect(q.id).toBe(ids[i]);
        expect(q.article.title).toBeTruthy();
      });
      return t.db.queries.count - before;
    };
    const ten = await statements(quoteIds.slice(0, 10));
    const hundred = await statements(quoteIds);
    expect(quoteIds).toHaveLength(100);
    expect(hundred).toBe(ten);
    // quotes, then speakers and articles: one statement each.
    expect(hundred).toBe(3);
  });

  it("resolves speakers by id, Wikidata id and slug, and unknown or malformed keys to null", async () => {
    await t.db.dataSource.query(`UPDATE speakers SET wikidata_id = 'Q7747' WHERE name = 'Vladimir Putin'`);
    const [putin] = await t.db.dataSource.query(`SELECT id, slug FROM speakers WHERE name = 'Vladimir Putin'`);
    const res = await t.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Speaker { id name } } }`, {
      r: [
        { __typename: "Speaker", id: putin.id },
        { __typename: "Speaker", wikidataId: "Q7747" },
        { __typename: "Speaker", slug: putin.slug },
        { __typename: "Speaker", wikidataId: "Q1" },
        { __typename: "Speaker", id: "not-a-uuid" },
      ],
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.slice(0, 3)).toEqual(Array(3).fill({ id: putin.id, name: "Vladimir Putin" }));
    expect(res.data._entities.slice(3)).toEqual([null, null]);
  });

  it("resolves articles and outlets by id", async () => {
    const res = await t.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Article { id title outlet { id } } ... on Outlet { id name } } }`, {
      r: [{ __typename: "Article", id: articleId }],
    });
    expect(res.errors).toBeUndefined();
    const article = res.data._entities[0];
    expect(article.id).toBe(articleId);
    if (article.outlet) {
      const outlet = await t.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Outlet { id name } } }`, {
        r: [{ __typename: "Outlet", id: article.outlet.id }],
      });
      expect(outlet.data._entities[0].name).toBeTruthy();
    }
  });

  it("resolves a draft article, and its quotes, for editors only", async () => {
    const [draft] = await t.db.dataSource.query(
      `INSERT INTO articles (slug, title, body, content_hash, status) VALUES ('draft-story', 'Draft story', 'Body.', md5('draft story'), 'DRAFT') RETURNING id`,
    );
    const [quote] = await t.db.dataSource.query(
      `INSERT INTO quotes (article_id, text, kind, position, text_hash) VALUES ($1, 'Not yet public', 'DIRECT', 0, md5('not yet public')) RETURNING id`,
      [draft.id],
    );
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Article { id title } ... on Quote { id text } } }`;
    const r = [
      { __typename: "Article", id: draft.id },
      { __typename: "Quote", id: quote.id },
    ];
    const anonymous = await t.gql(query, { r });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data._entities).toEqual([null, null]);
    const editor = await t.gql(query, { r }, await authHeaders("editor-federation", ["EDITOR"]));
    expect(editor.errors).toBeUndefined();
    expect(editor.data._entities).toEqual([
      { id: draft.id, title: "Draft story" },
      { id: quote.id, text: "Not yet public" },
    ]);
  });

  it("keeps comments that are not published out of _entities, except for moderators", async () => {
    const rows = await t.db.dataSource.query(
      `INSERT INTO comments (article_id, author_name, body, status) VALUES ($1, 'Ann', 'Visible', 'PUBLISHED'), ($1, 'Bob', 'Held', 'PENDING') RETURNING id, status`,
      [articleId],
    );
    const res = await t.gql(`query($r: [_Any!]!) { _entities(representations: $r) { ... on Comment { id body status } } }`, {
      r: rows.map((r: { id: string }) => ({ __typename: "Comment", id: r.id })),
    });
    expect(res.errors).toBeUndefined();
    expect(res.data._entities).toEqual([{ id: rows[0].id, body: "Visible", status: "PUBLISHED" }, null]);
    const moderator = await t.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Comment { id status } } }`,
      { r: rows.map((r: { id: string }) => ({ __typename: "Comment", id: r.id })) },
      await authHeaders("moderator-federation", ["MODERATOR"]),
    );
    expect(moderator.data._entities.map((c: { status: string }) => c.status)).toEqual(["PUBLISHED", "PENDING"]);
  });
});
