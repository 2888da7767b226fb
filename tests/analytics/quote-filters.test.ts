// The analysts' quote filters through HTTP on a generated corpus: outlet (id or slug), topic, language,
// speaker kind, with/without speaker, and the date window under its one name (publishedAfter/
// publishedBefore) with the deprecated from/to still answering the same. Each count is checked against an
// independent SQL count, and readers never see drafts.
import { buildAnalystCorpus, CORPUS_START, countWhere } from "./corpus";
import type { BuiltGraph } from "../support/factory";
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from "../support/test-app";

const COUNT = `query($f: QuoteFilterInput){ quotes(filter: $f, first: 100){ totalCount edges{ node{ id } } pageInfo{ hasNextPage endCursor } } }`;
const PAGE = `query($f: QuoteFilterInput, $after: String){ quotes(filter: $f, first: 100, after: $after){ edges{ node{ id } } pageInfo{ hasNextPage endCursor } } }`;
const ADMIN = { "x-admin-key": TEST_ADMIN_KEY };
const day = (n: number) => new Date(CORPUS_START + n * 86400_000).toISOString();

describe("quote filters for analysts", () => {
  let t: TestApp;
  let g: BuiltGraph;

  beforeAll(async () => {
    t = await startTestApp();
    g = await buildAnalystCorpus(t.db.dataSource);
  });
  afterAll(() => t.close());

  async function total(filter: object, headers: Record<string, string> = {}): Promise<number> {
    const res = await t.gql(COUNT, { f: filter }, headers);
    expect(res.errors).toBeUndefined();
    return res.data.quotes.totalCount;
  }

  const PUBLIC = "a.status = 'PUBLISHED'";

  it("filters by outlet id and by outlet slug alike", async () => {
    const expected = await countWhere(t.db.dataSource, `${PUBLIC} AND o.slug = 'outlet-1'`);
    expect(expected).toBeGreaterThan(0);
    expect(await total({ outletId: g.outletIds[1] })).toBe(expected);
    expect(await total({ outletSlug: "outlet-1" })).toBe(expected);
    expect(await total({ outletSlug: "no-such-outlet" })).toBe(0);
  });

  it("filters by topic and by language", async () => {
    expect(await total({ topic: "Peace" })).toBe(await countWhere(t.db.dataSource, `${PUBLIC} AND 'peace' = ANY(a.topics)`));
    const de = await countWhere(t.db.dataSource, `${PUBLIC} AND a.language = 'de'`);
    expect(de).toBeGreaterThan(0);
    expect(await total({ language: "de" })).toBe(de);
  });

  it("filters by speaker kind and by the presence of a speaker", async () => {
    const orgs = await countWhere(t.db.dataSource, `${PUBLIC} AND s.kind = 'ORGANIZATION'`);
    expect(orgs).toBeGreaterThan(0);
    expect(await total({ speakerKind: "ORGANIZATION" })).toBe(orgs);
    const none = await countWhere(t.db.dataSource, `${PUBLIC} AND q.speaker_id IS NULL`);
    expect(none).toBeGreaterThan(0);
    expect(await total({ hasSpeaker: false })).toBe(none);
    expect(await total({ hasSpeaker: true })).toBe(await countWhere(t.db.dataSource, `${PUBLIC} AND q.speaker_id IS NOT NULL`));
    expect(await total({ hasSpeaker: false, speakerKind: "PERSON" })).toBe(0);
  });

  it("takes the date window as publishedAfter/publishedBefore, and the deprecated from/to the same way", async () => {
    const expected = await countWhere(t.db.dataSource, `${PUBLIC} AND a.published_at >= $1 AND a.published_at <= $2`, [day(10), day(40)]);
    expect(expected).toBeGreaterThan(0);
    expect(await total({ publishedAfter: day(10), publishedBefore: day(40) })).toBe(expected);
    expect(await total({ from: day(10), to: day(40) })).toBe(expected);
    expect(await total({ publishedAfter: day(10), from: day(10), publishedBefore: day(40) })).toBe(expected);
    const clash = await t.gql(COUNT, { f: { publishedAfter: day(10), from: day(11) } });
    expect(clash.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    const reversed = await t.gql(COUNT, { f: { publishedAfter: day(40), publishedBefore: day(10) } });
    expect(reversed.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(reversed.errors?.[0].message).toMatch(/publishedAfter/);
  });

  it("combines filters, and pages through exactly the counted quotes", async () => {
    const f = { outletSlug: "outlet-2", hasSpeaker: true, publishedAfter: day(5) };
    const expected = await countWhere(t.db.dataSource, `${PUBLIC} AND o.slug = 'outlet-2' AND q.speaker_id IS NOT NULL AND a.published_at >= $1`, [day(5)]);
    expect(await total(f)).toBe(expected);
    const seen = new Set<string>();
    let after: string | null = null;
    for (;;) {
      const res: any = await t.gql(PAGE, { f, after });
      expect(res.errors).toBeUndefined();
      for (const e of res.data.quotes.edges) seen.add(e.node.id);
      if (!res.data.quotes.pageInfo.hasNextPage) break;
      after = res.data.quotes.pageInfo.endCursor;
    }
    expect(seen.size).toBe(expected);
  });

  it("counts drafts for editors only", async () => {
    const all = await countWhere(t.db.dataSource, `o.slug = 'outlet-0'`);
    const published = await countWhere(t.db.dataSource, `${PUBLIC} AND o.slug = 'outlet-0'`);
    expect(all).toBeGreaterThan(published);
    expect(await total({ outletSlug: "outlet-0" })).toBe(published);
    expect(await total({ outletSlug: "outlet-0" }, ADMIN)).toBe(all);
  });

  it("applies the same filters to a speaker's quotes", async () => {
    const Q = `query($id: ID!, $f: SpeakerQuoteFilterInput){ speaker(id: $id){ quotes(filter: $f){ totalCount } } }`;
    const res = await t.gql(Q, { id: g.speakerIds[1], f: { language: "de", outletSlug: "outlet-1" } });
    expect(res.errors).toBeUndefined();
    const expected = await countWhere(t.db.dataSource, `${PUBLIC} AND a.language = 'de' AND o.slug = 'outlet-1' AND q.speaker_id = $1`, [g.speakerIds[1]]);
    expect(res.data.speaker.quotes.totalCount).toBe(expected);
  });

  it("refuses bad filter values with coded errors", async () => {
    for (const f of [{ outletId: "nope" }, { outletId: g.outletIds[0], outletSlug: "outlet-0" }, { topic: "  " }]) {
      const res = await t.gql(COUNT, { f });
      expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    }
  });
});
