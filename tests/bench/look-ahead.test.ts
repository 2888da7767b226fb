// The benchmark's operations on a small corpus through the loader path (READ_PLANNER off: what every
// selection the read planner does not cover gets): the statements each costs (what look-ahead joins
// saved) and that the joined relations are the same as the ones loaded one level down. With the planner
// each of these is one statement (tests/api/sql-statement-count.test.ts, tests/api/read-planner.test.ts).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { generateCorpus } from "../../bench/corpus/corpus";
import { startTestApp, type TestApp } from "../support/test-app";

const ROOT = join(__dirname, "..", "..", "..");
const op = (...path: string[]) => readFileSync(join(ROOT, ...path), "utf8");

let t: TestApp;
let slug: string;
let speakerName: string;

beforeAll(async () => {
  t = await startTestApp({ READ_PLANNER: "false" });
  await generateCorpus(t.db.dataSource, { articles: 40, seed: 3, reset: true });
  const [row] = await t.db.dataSource.query(
    `SELECT a.slug, s.name FROM quotes q JOIN articles a ON a.id = q.article_id JOIN speakers s ON s.id = q.speaker_id
     WHERE q.text LIKE '% budget %' AND a.outlet_id IS NOT NULL ORDER BY q.id LIMIT 1`,
  );
  slug = row.slug;
  speakerName = row.name;
});

afterAll(() => t?.close());

async function run(query: string, variables: Record<string, unknown>) {
  const before = t.db.queries.count;
  const res = await t.gql(query, variables);
  expect(res.errors).toBeUndefined();
  return { data: res.data, statements: t.db.queries.count - before };
}

test("front page: articles with outlets, then quotes with speakers: 2 statements", async () => {
  const { data, statements } = await run(op("schema", "operations", "front-page.graphql"), { first: 20 });
  expect(statements).toBe(2);
  const quoted = data.articles.edges.flatMap((e: any) => e.node.quotes.edges.map((q: any) => q.node));
  expect(quoted.some((q: any) => q.speaker?.name)).toBe(true);
});

test("analysts' quotes: the page with speakers and articles, and the count: 2 statements", async () => {
  const { data, statements } = await run(op("bench", "operations", "newsgraph", "speaker-quotes.graphql"), { speakerName, search: "budget" });
  expect(statements).toBe(2);
  expect(data.quotes.totalCount).toBeGreaterThan(0);
  for (const e of data.quotes.edges) {
    expect(e.node.speaker.name).toBe(speakerName);
    expect(e.node.article.title).toEqual(expect.any(String));
  }
});

test("article page: 8 statements; joined speakers and reply counts match the loaders' answers", async () => {
  const { data, statements } = await run(op("schema", "operations", "article-page.graphql"), { slug });
  expect(statements).toBe(8);
  expect(data.article.outlet.name).toEqual(expect.any(String));
  // The same fields through a fragment the look-ahead follows, and through the loaders (no look-ahead at `quote`).
  const viaFragment = await run(
    `query($slug: String!) { article(slug: $slug) { ...A } } fragment A on Article { outlet { name } quotes(first: 50) { edges { node { id ...S } } } }
     fragment S on Quote { speaker { id name } }`,
    { slug },
  );
  expect(viaFragment.data.article.outlet).toEqual({ name: data.article.outlet.name });
  const joined = viaFragment.data.article.quotes.edges.map((e: any) => e.node);
  expect(joined.map((q: any) => q.speaker)).toEqual(data.article.quotes.edges.map((e: any) => (e.node.speaker ? { id: e.node.speaker.id, name: e.node.speaker.name } : null)));
  for (const q of joined.slice(0, 5)) {
    const one = await run(`query($id: ID!) { quote(id: $id) { speaker { id name } } }`, { id: q.id });
    expect(one.data.quote.speaker).toEqual(q.speaker);
  }
  const comments = data.article.comments.edges.map((e: any) => e.node);
  for (const c of comments.slice(0, 5)) {
    const [{ n }] = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM comments WHERE parent_id = $1 AND status = 'PUBLISHED'`, [c.id]);
    expect(c.replyCount).toBe(n);
  }
});
