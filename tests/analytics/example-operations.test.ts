// The analysts' example operations in schema/operations/ answer with data on the seed, as README's do.
import { operation } from "../support/operations";
import { startTestApp, type TestApp } from "../support/test-app";
import { seed } from "../../src/seed/seed";

describe("analysts' example operations on the seed", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await seed(t.db.dataSource);
  });
  afterAll(() => t.close());

  it("speaker-timeline plots Putin's quotes, with outlets and co-quoted speakers", async () => {
    const res = await t.gql(operation("speaker-timeline"), { slug: "vladimir-putin", interval: "WEEK" });
    expect(res.errors).toBeUndefined();
    const s = res.data.speaker;
    expect(s.timeline.length).toBeGreaterThan(0);
    expect(s.timeline.reduce((n: number, p: any) => n + p.count, 0)).toBe(s.quoteCount);
    expect(s.coQuoted.length).toBeGreaterThan(0);
  });

  it("gender-by-outlet counts every quote with a speaker, by outlet, gender and month", async () => {
    const res = await t.gql(operation("gender-by-outlet"), { filter: { hasSpeaker: true } });
    expect(res.errors).toBeUndefined();
    const buckets = res.data.quoteStats.edges.map((e: any) => e.node);
    expect(buckets.length).toBeGreaterThan(0);
    const total = await t.gql(`{ quotes(filter: { hasSpeaker: true }){ totalCount } }`);
    expect(buckets.reduce((n: number, b: any) => n + b.count, 0)).toBe(total.data.quotes.totalCount);
  });
});
