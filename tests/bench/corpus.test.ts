// The benchmark corpus: exact sizes, a consistent graph, and the same rows for the same seed.
import { corpusSize, generateCorpus } from "../../bench/corpus/corpus";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.close();
});

async function tableCounts() {
  const [row] = await db.dataSource.query(`SELECT
    (SELECT count(*)::int FROM outlets) AS outlets, (SELECT count(*)::int FROM speakers) AS speakers,
    (SELECT count(*)::int FROM articles) AS articles, (SELECT count(*)::int FROM quotes) AS quotes,
    (SELECT count(*)::int FROM reactions) AS reactions, (SELECT count(*)::int FROM comments) AS comments`);
  return row;
}

/** A digest of every id and text, to compare two loads. */
async function fingerprint(): Promise<string> {
  const [row] = await db.dataSource.query(`SELECT md5(
    (SELECT string_agg(id::text || title || body, ',' ORDER BY id) FROM articles) ||
    (SELECT string_agg(id::text || text || coalesce(speaker_id::text, '-'), ',' ORDER BY id) FROM quotes) ||
    (SELECT string_agg(id::text || body || coalesce(parent_id::text, '-'), ',' ORDER BY id) FROM comments)) AS digest`);
  return row.digest;
}

test("a corpus of N articles has the planned sizes and a consistent graph", async () => {
  const counts = await generateCorpus(db.dataSource, { articles: 60, seed: 7 });
  expect(counts).toEqual({ ...corpusSize(60), replies: expect.any(Number) });
  expect(corpusSize(10_000)).toEqual({ outlets: 200, speakers: 2000, articles: 10_000, quotes: 100_000, reactions: 50_000, comments: 200_000 });
  expect(await tableCounts()).toEqual(corpusSize(60));
  expect(counts.replies).toBeGreaterThan(0);

  // Every quote's offsets point at its words in the article body.
  const [{ misplaced }] = await db.dataSource.query(
    `SELECT count(*)::int AS misplaced FROM quotes q JOIN articles a ON a.id = q.article_id
     WHERE substr(a.body, q.start_offset + 1, q.end_offset - q.start_offset) <> q.text`,
  );
  expect(misplaced).toBe(0);
  // Replies stay in their parent's article.
  const [{ strays }] = await db.dataSource.query(`SELECT count(*)::int AS strays FROM comments c JOIN comments p ON p.id = c.parent_id WHERE p.article_id <> c.article_id`);
  expect(strays).toBe(0);
});

test("the same seed gives the same rows; another seed other rows; a filled database is refused", async () => {
  const first = await fingerprint();
  await expect(generateCorpus(db.dataSource, { articles: 60, seed: 7 })).rejects.toThrow(/already holds/);
  await generateCorpus(db.dataSource, { articles: 60, seed: 7, reset: true });
  expect(await fingerprint()).toBe(first);
  await generateCorpus(db.dataSource, { articles: 60, seed: 8, reset: true });
  expect(await fingerprint()).not.toBe(first);
  expect(await tableCounts()).toEqual(corpusSize(60));
});
