// quoteStats and the speaker page's analytics through HTTP on a generated corpus: every bucket's count is
// what the quotes list pages through with the same filter narrowed to the bucket, buckets page like every
// list, drafts count for editors only, and the cost rules price the aggregates.
import { buildAnalystCorpus, countWhere } from "./corpus";
import type { BuiltGraph } from "../support/factory";
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from "../support/test-app";

const STATS = `query($f: QuoteFilterInput, $g: [QuoteDimension!], $i: StatsInterval, $first: Int, $after: String, $last: Int, $before: String){
  quoteStats(filter: $f, groupBy: $g, interval: $i, first: $first, after: $after, last: $last, before: $before){
    totalCount pageInfo{ hasNextPage hasPreviousPage endCursor startCursor }
    edges{ cursor node{ period count articles firstAt lastAt kind language topic speakerKind speaker{ id } outlet{ id slug } } } } }`;
const TOTAL = `query($f: QuoteFilterInput){ quotes(filter: $f){ totalCount } }`;
const ADMIN = { "x-admin-key": TEST_ADMIN_KEY };
const WEEK = 7 * 86400_000;

describe("quote statistics", () => {
  let t: TestApp;
  let g: BuiltGraph;

  beforeAll(async () => {
    t = await startTestApp();
    g = await buildAnalystCorpus(t.db.dataSource);
  });
  afterAll(() => t.close());

  async function ok(query: string, variables: object, headers: Record<string, string> = {}) {
    const res = await t.gql(query, variables as Record<string, unknown>, headers);
    expect(res.errors).toBeUndefined();
    return res.data;
  }
  const listTotal = async (f: object, headers: Record<string, string> = {}) => (await ok(TOTAL, { f }, headers)).quotes.totalCount as number;

  async function allBuckets(vars: object, headers: Record<string, string> = {}, pageSize = 7) {
    const out: any[] = [];
    let after: string | null = null;
    let totalCount = -1;
    for (let i = 0; i < 200; i++) {
      const data: any = await ok(STATS, { ...vars, first: pageSize, after }, headers);
      totalCount = data.quoteStats.totalCount;
      out.push(...data.quoteStats.edges.map((e: any) => e.node));
      if (!data.quoteStats.pageInfo.hasNextPage) break;
      after = data.quoteStats.pageInfo.endCursor;
    }
    expect(out).toHaveLength(totalCount);
    return out;
  }

  it("counts per outlet exactly what the list pages through per outlet", async () => {
    const buckets = await allBuckets({ g: ["OUTLET"] });
    expect(buckets.map((b) => b.outlet.id).sort()).toEqual([...g.outletIds].sort());
    for (const b of buckets) {
      expect(b.count).toBe(await listTotal({ outletId: b.outlet.id }));
      expect(b.articles).toBe(
        (
          await t.db.dataSource.query(
            `SELECT count(*)::int AS n FROM articles WHERE status = 'PUBLISHED' AND outlet_id = $1 AND EXISTS (SELECT 1 FROM quotes WHERE article_id = articles.id)`,
            [b.outlet.id],
          )
        )[0].n,
      );
    }
    // Ordered by count, largest first (no period).
    expect(buckets.map((b) => b.count)).toEqual([...buckets.map((b) => b.count)].sort((x, y) => y - x));
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(await listTotal({}));
  });

  it("counts per speaker and week, ordered by period then count, and each bucket matches the list", async () => {
    const f = { language: "en" };
    const buckets = await allBuckets({ f, g: ["SPEAKER"], i: "WEEK" });
    expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(await listTotal(f));
    for (let i = 1; i < buckets.length; i++) {
      const [a, b] = [buckets[i - 1], buckets[i]];
      expect(a.period <= b.period).toBe(true);
      if (a.period === b.period) expect(a.count >= b.count).toBe(true);
    }
    for (const b of buckets.filter((_, i) => i % 9 === 0)) {
      const start = new Date(b.period);
      expect(start.getUTCDay()).toBe(1); // ISO weeks start on Monday
      const window = { publishedAfter: start.toISOString(), publishedBefore: new Date(start.getTime() + WEEK - 1).toISOString() };
      const narrowed = b.speaker ? { ...f, ...window, speakerId: b.speaker.id } : { ...f, ...window, hasSpeaker: false };
      expect(b.count).toBe(await listTotal(narrowed));
      expect(new Date(b.firstAt).getTime()).toBeGreaterThanOrEqual(start.getTime());
      expect(new Date(b.lastAt).getTime()).toBeLessThan(start.getTime() + WEEK);
    }
    expect(buckets.some((b) => b.speaker === null)).toBe(true);
  });

  it("groups by kind, language, topic and speaker kind, and counts everything when grouped by nothing", async () => {
    const all = await listTotal({});
    const none = await ok(STATS, { g: [] });
    expect(none.quoteStats.edges).toHaveLength(1);
    expect(none.quoteStats.edges[0].node.count).toBe(all);
    const byKind = await allBuckets({ g: ["KIND", "LANGUAGE"] });
    for (const b of byKind) expect(b.count).toBe(await listTotal({ kind: b.kind, language: b.language }));
    const byTopic = await allBuckets({ g: ["TOPIC"] });
    for (const b of byTopic) expect(b.count).toBe(await listTotal({ topic: b.topic }));
    const bySpeakerKind = await allBuckets({ g: ["SPEAKER_KIND"], f: { hasSpeaker: true } });
    expect(bySpeakerKind.map((b) => b.speakerKind).sort()).toEqual(["GROUP", "ORGANIZATION", "PERSON"]);
    for (const b of bySpeakerKind) expect(b.count).toBe(await listTotal({ speakerKind: b.speakerKind }));
  });

  it("counts drafts for editors only, as the list does", async () => {
    const anon = (await ok(STATS, { g: [] })).quoteStats.edges[0].node.count;
    const admin = (await ok(STATS, { g: [] }, ADMIN)).quoteStats.edges[0].node.count;
    expect(admin).toBeGreaterThan(anon);
    expect(admin).toBe(await listTotal({}, ADMIN));
    expect(admin).toBe(await countWhere(t.db.dataSource, "true"));
  });

  it("pages backward to the same buckets, and refuses foreign cursors and repeated dimensions", async () => {
    const vars = { g: ["SPEAKER", "OUTLET"], i: "MONTH" };
    const forward = await allBuckets(vars, {}, 10);
    const last = await ok(STATS, { ...vars, last: 4 });
    expect(last.quoteStats.edges.map((e: any) => e.node)).toEqual(forward.slice(-4));
    expect(last.quoteStats.pageInfo.hasPreviousPage).toBe(true);
    const before = await ok(STATS, { ...vars, last: 3, before: last.quoteStats.pageInfo.startCursor });
    expect(before.quoteStats.edges.map((e: any) => e.node)).toEqual(forward.slice(-7, -4));
    const foreign = (await ok(`{ quotes(first: 1){ pageInfo{ endCursor } } }`, {})).quotes.pageInfo.endCursor;
    expect((await t.gql(STATS, { ...vars, after: foreign })).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect((await t.gql(STATS, { g: ["KIND", "KIND"] })).errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const past = await ok(STATS, { ...vars, first: 5, after: forward.length > 0 ? Buffer.from(JSON.stringify([forward.length + 5])).toString("base64url") : null });
    expect(past.quoteStats.edges).toHaveLength(0);
    expect(past.quoteStats.totalCount).toBe(forward.length);
  });

  describe("a speaker's page", () => {
    const PAGE = `query($id: ID!, $i: StatsInterval!, $after: DateTimeISO, $before: DateTimeISO){ speaker(id: $id){
      timeline(interval: $i, publishedAfter: $after, publishedBefore: $before){ period count articles }
      outlets(first: 2){ outlet{ id } count articles }
      coQuoted(first: 3){ speaker{ id } sharedArticles } } }`;

    it("plots every week from the first quote to the last, each count matching the list", async () => {
      const id = g.speakerIds[2];
      const data = await ok(PAGE, { id, i: "WEEK" });
      const points = data.speaker.timeline;
      const bounds = (
        await t.db.dataSource.query(
          `SELECT min(a.published_at) AS lo, max(a.published_at) AS hi FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.status = 'PUBLISHED' AND q.speaker_id = $1`,
          [id],
        )
      )[0];
      const monday = (d: Date) => Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * 86400_000;
      expect(points).toHaveLength((monday(bounds.hi) - monday(bounds.lo)) / WEEK + 1);
      expect(points.reduce((s: number, p: any) => s + p.count, 0)).toBe(await listTotal({ speakerId: id }));
      for (const p of points.slice(0, 4)) {
        const start = new Date(p.period).getTime();
        expect(p.count).toBe(await listTotal({ speakerId: id, publishedAfter: new Date(start).toISOString(), publishedBefore: new Date(start + WEEK - 1).toISOString() }));
      }
    });

    it("fills a window given in months with empty periods beyond the data", async () => {
      const id = g.speakerIds[0];
      const after = new Date(Date.UTC(2024, 10, 15)).toISOString();
      const before = new Date(Date.UTC(2025, 6, 2)).toISOString();
      const points = (await ok(PAGE, { id, i: "MONTH", after, before })).speaker.timeline;
      expect(points.map((p: any) => p.period.slice(0, 7))).toEqual(["2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07"]);
      expect(points[0].count).toBe(0);
      expect(points[8].count).toBe(0);
      expect(points.reduce((s: number, p: any) => s + p.count, 0)).toBe(await listTotal({ speakerId: id, publishedAfter: after, publishedBefore: before }));
      const tooLong = await t.gql(PAGE, { id, i: "DAY", after: new Date(Date.UTC(1900, 0, 1)).toISOString(), before });
      expect(tooLong.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("lists the outlets quoting a speaker and the speakers quoted beside them, against independent counts", async () => {
      const id = g.speakerIds[3];
      const data = await ok(PAGE, { id, i: "YEAR" });
      const outlets = await t.db.dataSource.query(
        `SELECT a.outlet_id AS id, count(*)::int AS n FROM quotes q JOIN articles a ON a.id = q.article_id WHERE a.status = 'PUBLISHED' AND q.speaker_id = $1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 2`,
        [id],
      );
      expect(data.speaker.outlets.map((o: any) => [o.outlet.id, o.count])).toEqual(outlets.map((o: any) => [o.id, o.n]));
      const co = await t.db.dataSource.query(
        `SELECT o.speaker_id AS id, count(DISTINCT a.id)::int AS n FROM quotes m JOIN articles a ON a.id = m.article_id AND a.status = 'PUBLISHED'
         JOIN quotes o ON o.article_id = a.id AND o.speaker_id <> $1 WHERE m.speaker_id = $1 GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3`,
        [id],
      );
      expect(co.length).toBeGreaterThan(0);
      expect(data.speaker.coQuoted.map((c: any) => [c.speaker.id, c.sharedArticles])).toEqual(co.map((c: any) => [c.id, c.n]));
    });

    it("batches the analytics of a list of speakers into one statement per field", async () => {
      const Q = `{ speakers(first: 6){ edges{ node{ id timeline(interval: MONTH){ count } outlets(first: 1){ count } coQuoted(first: 1){ sharedArticles } } } } }`;
      const before = t.db.queries.count;
      const data = await ok(Q, {});
      expect(data.speakers.edges).toHaveLength(6);
      for (const e of data.speakers.edges) expect(e.node.timeline.length).toBeGreaterThan(0);
      // speakers, timeline, outlets, coQuoted, and the outlets and speakers they name: not one per speaker.
      expect(t.db.queries.count - before).toBeLessThanOrEqual(6);
    });
  });

  it("prices aggregates in the operation cost", async () => {
    const strict = await startTestApp({ MAX_QUERY_COST: "400" }, { db: t.db });
    try {
      const one = await strict.gql(`{ quoteStats(first: 10){ edges{ node{ count } } } }`);
      expect(one.errors).toBeUndefined();
      const many = await strict.gql(`{ speakers(first: 5){ edges{ node{ timeline{ count articles } } } } }`);
      expect(many.errors?.[0].extensions?.code).toBe("OPERATION_LIMIT_EXCEEDED");
      expect(many.errors?.[0].extensions?.cost).toBeGreaterThan(400);
    } finally {
      await strict.close();
    }
  });
});
