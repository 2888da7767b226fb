// No N+1: the heaviest operations cost the same number of SQL statements on small data and on data
// ten times larger. Counted with the DataSource's query counter.
import { buildGraph, type GraphSize } from "../support/factory";
import { operation } from "../support/operations";
import { startTestApp, type TestApp } from "../support/test-app";

// Every list the operations touch is ten times longer in LARGE (pages cap what is returned, not what is scanned).
const SMALL: GraphSize = { outlets: 2, speakers: 5, articles: 25, quotesPerArticle: 4, reactionsPerArticle: 4, commentsPerArticle: 3, repliesPerComment: 1, commentedArticles: 5 };
const LARGE: GraphSize = { outlets: 20, speakers: 50, articles: 250, quotesPerArticle: 40, reactionsPerArticle: 40, commentsPerArticle: 30, repliesPerComment: 10, commentedArticles: 5 };

async function statements(t: TestApp, query: string, variables: Record<string, unknown>): Promise<number> {
  const before = t.db.queries.count;
  const res = await t.gql(query, variables);
  expect(res.errors).toBeUndefined();
  return t.db.queries.count - before;
}

describe("SQL statements per operation", () => {
  const counts: Record<string, Record<string, number>> = { small: {}, large: {} };

  for (const [label, size] of [
    ["small", SMALL],
    ["large", LARGE],
  ] as const) {
    describe(`${label} data`, () => {
      let t: TestApp;
      let slug: string;
      beforeAll(async () => {
        t = await startTestApp();
        slug = (await buildGraph(t.db.dataSource, size)).articleSlugs[3];
        // Loading the large graph into the embedded database takes a while on a busy machine.
      }, 240_000);
      afterAll(() => t.close());

      it("article page", async () => {
        counts[label].article = await statements(t, operation("article-page"), { slug });
        expect(counts[label].article).toBeGreaterThan(0);
      });

      it("front page", async () => {
        counts[label].front = await statements(t, operation("front-page"), { first: 20 });
      });

      it("analyst: a speaker's quotes", async () => {
        counts[label].analyst = await statements(t, operation("speaker-quotes"), { speakerName: "Speaker Number1", first: 50 });
      });

      it("speaker profile", async () => {
        counts[label].speaker = await statements(t, operation("speaker-profile"), { slug: "speaker-1" });
      });
    });
  }

  it("does not grow with the size of the data", () => {
    // Printed for the record (closing notes quote these figures).
    console.log(`SQL statements per operation: ${JSON.stringify(counts)}`);
    expect(counts.large).toEqual(counts.small);
    // The read planner answers the article page, the front page, the analysts' list and the speaker
    // profile with one statement each, whatever the list sizes (src/planner).
    expect(counts.small.article).toBe(1);
    expect(counts.small.front).toBe(1);
    expect(counts.small.analyst).toBe(1);
    expect(counts.small.speaker).toBe(1);
  });
});
