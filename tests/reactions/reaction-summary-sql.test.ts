// The reaction summary written in SQL (the read planner's response mode) against summarizeReactions, the
// JavaScript that the loader path and the walk use: the overall tone for every mix of counts up to 9 per
// sentiment and around the 80% line at larger totals (where 0.8 × total is not exact in floating point).
import { Sentiment } from "../../entities/sentiment.enum";
import { overallSentiment, overallSentimentSql, SENTIMENTS } from "../../src/reactions/reaction.service";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
}, 120_000);

afterAll(async () => {
  await db?.close();
});

function mixes(): number[][] {
  const out: number[][] = [];
  for (let p = 0; p < 10; p++) for (let n = 0; n < 10; n++) for (let u = 0; u < 10; u++) for (let m = 0; m < 10; m++) out.push([p, n, u, m]);
  // Around the 80% line: totals where 0.8 × total rounds above or below the exact 4/5 of it.
  for (const total of [15, 35, 55, 65, 85, 95, 115, 145, 185, 1005, 12345, 99995]) {
    const line = Math.round(0.8 * total);
    for (const pos of [line - 1, line, line + 1]) {
      out.push([pos, total - pos, 0, 0], [pos, 0, 0, total - pos], [total - pos, pos, 0, 0], [0, pos, total - pos, 0]);
    }
  }
  return out;
}

it("gives summarizeReactions' overall tone for every mix of sentiments", async () => {
  const all = mixes();
  const expected = all.map(([p, n, u, m]) =>
    overallSentiment(
      new Map([
        [Sentiment.POSITIVE, p],
        [Sentiment.NEGATIVE, n],
        [Sentiment.NEUTRAL, u],
        [Sentiment.MIXED, m],
      ]),
    ),
  );
  const got: Array<string | null> = [];
  for (let i = 0; i < all.length; i += 2000) {
    const chunk = all.slice(i, i + 2000);
    const values = chunk.map((c, j) => `(${j}, ${c.map((v) => `${v}::bigint`).join(", ")})`).join(", ");
    const cols = SENTIMENTS.map((s) => `"${s}"`).join(", ");
    const rows: Array<{ i: number; overall: string | null }> = await db.dataSource.query(
      `SELECT rs.i, ${overallSentimentSql("rs")} AS overall FROM (VALUES ${values}) AS rs(i, ${cols}) ORDER BY rs.i`,
    );
    got.push(...rows.map((r) => r.overall));
  }
  expect(got.length).toBe(all.length);
  const differ = all.map((c, i) => ({ counts: c, sql: got[i], js: expected[i] })).filter((d) => d.sql !== d.js);
  expect(differ).toEqual([]);
  // Every tone occurs, so the comparison covers each branch.
  expect(new Set(expected)).toEqual(new Set([null, "POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"]));
}, 60_000);
