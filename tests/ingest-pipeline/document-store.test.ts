// The document store: few statements per article, updates in place that keep quote ids, and no
// duplicates when the same article or the same new speaker arrives from several ingests at once.
import { storeDocument } from "../../src/ingest/store/document-store";
import { storeWithRetry } from "../../src/ingest/ingest.service";
import type { ExtractedDocument } from "../../src/ingest/types";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/** A document whose body holds its quotes at their offsets, so the store sees what extraction would give it. */
function doc(
  title: string,
  quotes: Array<[text: string, speaker: string | null]>,
  speakers: ExtractedDocument["speakers"],
  extra: Partial<ExtractedDocument["article"]> = {},
): ExtractedDocument {
  let body = `${title}.`;
  const placed = quotes.map(([text, speaker]) => {
    body += ` “`;
    const start = body.length;
    body += `${text}” was said.`;
    return { text, speaker, kind: "DIRECT" as const, start, end: start + text.length, cue: "said" };
  });
  return {
    article: { title, url: null, publishedAt: "2025-03-13T11:51:00Z", dateline: null, language: "en", body, ...extra },
    speakers,
    quotes: placed,
    reactions: [{ text: "Finally some good news!", sentiment: "POSITIVE", platform: "X" }],
  };
}

const PUTIN = { name: "Vladimir Putin", role: "President of Russia", kind: "PERSON" as const, aliases: ["Putin"] };

describe("document store", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.close());

  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await db.dataSource.query(sql, params))[0].n);

  it("stores a new article whose speakers are known in one read and one write", async () => {
    await storeDocument(db.dataSource, doc("Kremlin answers", [["We will study the proposal", "Vladimir Putin"]], [PUTIN]));
    const before = db.queries.count;
    const stored = await storeDocument(
      db.dataSource,
      doc(
        "Kremlin answers again",
        [
          ["The idea is good", "Vladimir Putin"],
          ["Not yet", null],
        ],
        [PUTIN],
      ),
    );
    expect(db.queries.count - before).toBe(2);
    expect(stored.created).toBe(true);
    expect(stored.article.title).toBe("Kremlin answers again");
    expect(await count(`SELECT count(*) AS n FROM quotes WHERE article_id = $1`, [stored.article.id])).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM reactions WHERE article_id = $1 AND origin = 'REPORTED'`, [stored.article.id])).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM speakers WHERE name = 'Vladimir Putin'`)).toBe(1);
  });

  it("updates an article in place: same id, kept quotes keep their ids, dropped quotes and old reactions go", async () => {
    const url = "https://example.org/update-in-place";
    const first = await storeDocument(
      db.dataSource,
      doc(
        "Talks resume",
        [
          ["First words", "Vladimir Putin"],
          ["Second words", null],
        ],
        [PUTIN],
        { url },
      ),
    );
    const ids = async () => (await db.dataSource.query(`SELECT id, text FROM quotes WHERE article_id = $1 ORDER BY position`, [first.article.id])) as Array<{ id: string; text: string }>;
    const before = await ids();
    const again = await storeDocument(
      db.dataSource,
      doc(
        "Talks resume",
        [
          ["First words", "Vladimir Putin"],
          ["Second words", null],
        ],
        [PUTIN],
        { url },
      ),
    );
    expect(again.created).toBe(false);
    expect(again.article.id).toBe(first.article.id);
    expect(again.article.updatedAt).toEqual(first.article.updatedAt); // nothing changed, nothing rewritten
    expect(await ids()).toEqual(before);

    const changed = await storeDocument(
      db.dataSource,
      doc(
        "Talks resume",
        [
          ["First words", "Vladimir Putin"],
          ["New words", "Vladimir Putin"],
        ],
        [PUTIN],
        { url, summary: "Updated" },
      ),
    );
    expect(changed.article.id).toBe(first.article.id);
    expect(changed.article.summary).toBe("Updated");
    const after = await ids();
    expect(after.map((q) => q.text)).toEqual(["First words", "New words"]);
    expect(after[0]!.id).toBe(before[0]!.id);
    expect(after.map((q) => q.id)).not.toContain(before[1]!.id);
    expect(await count(`SELECT count(*) AS n FROM reactions WHERE article_id = $1`, [first.article.id])).toBe(1);
  });

  it("adds a new name form as an alias and a fuller name as the canonical one, without a duplicate speaker", async () => {
    await storeDocument(db.dataSource, doc("Minister speaks", [["We are ready", "Lavrov"]], [{ name: "Lavrov", role: null, kind: "PERSON", aliases: [] }]));
    await storeDocument(
      db.dataSource,
      doc("Minister speaks again", [["We are still ready", "Sergei Lavrov"]], [{ name: "Sergei Lavrov", role: "Foreign Minister of Russia", kind: "PERSON", aliases: ["Lavrov"] }]),
    );
    const rows = await db.dataSource.query(`SELECT name, role, aliases FROM speakers WHERE name ILIKE '%lavrov%'`);
    expect(rows).toEqual([{ name: "Sergei Lavrov", role: "Foreign Minister of Russia", aliases: ["Lavrov"] }]);
  });

  it("stores the same new article sent by several ingests at once exactly once", async () => {
    const same = () =>
      doc(
        "Simultaneous story",
        [
          ["One voice", "Olga Petrova"],
          ["Another voice", null],
        ],
        [{ name: "Olga Petrova", role: null, kind: "PERSON", aliases: [] }],
        { url: "https://example.org/simultaneous" },
      );
    const results = await Promise.all(Array.from({ length: 6 }, () => storeWithRetry(db.dataSource, same())));
    expect(new Set(results.map((r) => r.article.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await count(`SELECT count(*) AS n FROM articles WHERE url = 'https://example.org/simultaneous'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM quotes WHERE article_id = $1`, [results[0]!.article.id])).toBe(2);
    expect(await count(`SELECT count(*) AS n FROM speakers WHERE name = 'Olga Petrova'`)).toBe(1);
  });

  it("creates a new speaker named by several articles stored at once exactly once", async () => {
    const speaker = { name: "Ivan Sidorov", role: null, kind: "PERSON" as const, aliases: [] };
    await Promise.all(Array.from({ length: 6 }, (_, i) => storeWithRetry(db.dataSource, doc(`Sidorov story ${i}`, [[`Statement number ${i}`, "Ivan Sidorov"]], [speaker]))));
    expect(await count(`SELECT count(*) AS n FROM speakers WHERE name = 'Ivan Sidorov'`)).toBe(1);
    expect(await count(`SELECT count(*) AS n FROM quotes q JOIN speakers s ON s.id = q.speaker_id WHERE s.name = 'Ivan Sidorov'`)).toBe(6);
  });
});
