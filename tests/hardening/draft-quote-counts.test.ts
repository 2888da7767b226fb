// Security finding #17.7: `speakers(orderBy: MOST_QUOTED)` sorted, and wrote into its cursors, counts
// that included quotes in draft articles, so an anonymous reader could tell how often a speaker is quoted
// in drafts. The order counts with the same rule as Speaker.quoteCount (QuoteService.speakerQuotesSql):
// only quotes of articles the viewer may see.
import { authHeaders, startReadersApp } from "../readers/support";
import type { TestApp } from "../support/test-app";

let t: TestApp;

beforeAll(async () => {
  t = await startReadersApp();
  const q = (sql: string, params: unknown[] = []) => t.db.dataSource.query(sql, params);
  const [pub] = await q(`INSERT INTO articles (slug, title, body, published_at, content_hash) VALUES ('pub', 'Pub', 'Body.', now(), 'h-pub') RETURNING id`);
  const [draft] = await q(`INSERT INTO articles (slug, title, body, published_at, content_hash, status) VALUES ('draft', 'Draft', 'Body.', NULL, 'h-draft', 'DRAFT') RETURNING id`);
  const [drafty] = await q(`INSERT INTO speakers (slug, name) VALUES ('drafty', 'Drafty') RETURNING id`);
  const [plain] = await q(`INSERT INTO speakers (slug, name) VALUES ('plain', 'Plain') RETURNING id`);
  const quote = (article: string, speaker: string, n: number) =>
    q(`INSERT INTO quotes (article_id, speaker_id, text, kind, position, text_hash) VALUES ($1, $2, $3, 'DIRECT', $4, md5($3))`, [article, speaker, `Quote ${n}`, n]);
  // Drafty: 1 published quote and 3 in the draft. Plain: 2 published quotes.
  await quote(pub.id, drafty.id, 1);
  for (const n of [2, 3, 4]) await quote(draft.id, drafty.id, n);
  for (const n of [5, 6]) await quote(pub.id, plain.id, n);
});
afterAll(() => t.close());

const SPEAKERS = `query($after: String) { speakers(orderBy: MOST_QUOTED, first: 10, after: $after) {
  edges { cursor node { slug quoteCount } }
} }`;

const decode = (cursor: string) => JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));

describe("speakers ordered by MOST_QUOTED", () => {
  it("orders anonymous readers' speakers by the quotes they may see, and says no more in the cursors", async () => {
    const res = await t.gql(SPEAKERS);
    expect(res.errors).toBeUndefined();
    const edges = res.data.speakers.edges;
    expect(edges.map((e: any) => [e.node.slug, e.node.quoteCount])).toEqual([
      ["plain", 2],
      ["drafty", 1],
    ]);
    expect(edges.map((e: any) => Number(decode(e.cursor)[0]))).toEqual([2, 1]);
    // Paging on from the first cursor finds the second speaker, as the counts say.
    const next = await t.gql(SPEAKERS, { after: edges[0].cursor });
    expect(next.data.speakers.edges.map((e: any) => e.node.slug)).toEqual(["drafty"]);
  });

  it("counts the drafts' quotes for editors", async () => {
    const res = await t.gql(SPEAKERS, {}, await authHeaders("editor-counts", ["EDITOR"]));
    expect(res.errors).toBeUndefined();
    expect(res.data.speakers.edges.map((e: any) => [e.node.slug, e.node.quoteCount, Number(decode(e.cursor)[0])])).toEqual([
      ["drafty", 4, 4],
      ["plain", 2, 2],
    ]);
  });
});
