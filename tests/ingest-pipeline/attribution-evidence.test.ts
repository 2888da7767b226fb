// Evidence per quote through HTTP (Quote.attribution, the minConfidence filter), editors' speakers, and
// `newsgraph reattribute` updating stored quotes in place.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { extractArticle } from "../../src/ingest/extract";
import { reattributeArticles } from "../../src/ingest/reattribute";
import { storeDocument } from "../../src/ingest/store/document-store";
import type { ExtractedDocument } from "../../src/ingest/types";
import { projectPath } from "../../src/paths";
import { startTestApp, TEST_ADMIN_KEY, type TestApp } from "../support/test-app";

const BODY = [
  "Sen. Tim Kaine (D-Va.) spoke on the floor on Thursday.",
  "“The Constitution is not a suggestion,” he said. “Only Congress can declare war.”",
  "“We will not fund a war without a plan,” Rep. Tom Massie (R-Ky.) said.",
  "“Nobody asked us,” one resident said.",
].join("\n\n");

function extracted(title: string, body = BODY): ExtractedDocument {
  return extractArticle({ title, url: null, publishedAt: new Date("2026-03-01T10:00:00Z"), dateline: null, language: "en", body, source: { format: "text", name: title } });
}

const QUOTE_FIELDS = `id text speaker { name } speakerSetByEditor attribution { method cue followed confidence mention { text start end } }`;

describe("quote attribution evidence", () => {
  let t: TestApp;
  let articleId: string;
  const admin = { "x-admin-key": TEST_ADMIN_KEY };

  beforeAll(async () => {
    t = await startTestApp({ SEED_ON_EMPTY: "false" });
    articleId = (await storeDocument(t.db.dataSource, extracted("Kaine on war powers"))).article.id;
  });
  afterAll(() => t.close());

  it("answers Quote.attribution through HTTP as extraction found it, in a list and under an article", async () => {
    const doc = extracted("Kaine on war powers");
    const res = await t.gql(`query($id: ID!) { article(id: $id) { quotes(first: 10) { edges { node { ${QUOTE_FIELDS} } } } } }`, { id: articleId });
    expect(res.errors).toBeUndefined();
    const nodes = res.data.article.quotes.edges.map((e: { node: unknown }) => e.node);
    expect(nodes.map((n: { text: string }) => n.text)).toEqual(doc.quotes.map((q) => q.text));
    const first = nodes[0];
    expect(first.speaker.name).toBe("Tim Kaine");
    expect(first.attribution).toEqual({
      method: "cue-after",
      cue: "said",
      followed: "pronoun",
      confidence: doc.quotes[0]!.attribution!.confidence,
      mention: { text: "he", start: doc.quotes[0]!.attribution!.mention!.start, end: doc.quotes[0]!.attribution!.mention!.end },
    });
    expect(BODY.slice(first.attribution.mention.start, first.attribution.mention.end)).toBe("he");
    expect(nodes[1].attribution.method).toBe("continued");
    expect(nodes[2].attribution).toMatchObject({ method: "cue-after", followed: null, mention: { text: "Rep. Tom Massie" } });
    expect(nodes[3].speaker).toBeNull();
    expect(nodes[3].attribution).toBeNull();

    const list = await t.gql(`{ quotes(first: 10, orderBy: ARTICLE_ORDER) { edges { node { ${QUOTE_FIELDS} } } } }`);
    expect(list.errors).toBeUndefined();
    expect(list.data.quotes.edges.map((e: { node: { attribution: unknown } }) => e.node.attribution)).toEqual(nodes.map((n: { attribution: unknown }) => n.attribution));
  });

  it("filters quote lists by minConfidence, leaving out speakerless quotes", async () => {
    const doc = extracted("Kaine on war powers");
    const confidences = doc.quotes.map((q) => q.attribution?.confidence ?? null);
    const threshold = Math.max(...(confidences.filter((c) => c !== null) as number[]));
    const texts = async (min: number) => {
      const res = await t.gql(`query($min: Float) { quotes(first: 20, filter: { minConfidence: $min }, orderBy: ARTICLE_ORDER) { edges { node { text } } } }`, { min });
      expect(res.errors).toBeUndefined();
      return res.data.quotes.edges.map((e: { node: { text: string } }) => e.node.text);
    };
    expect(await texts(0)).toEqual(doc.quotes.filter((q) => q.speaker).map((q) => q.text));
    expect(await texts(threshold)).toEqual(doc.quotes.filter((q) => (q.attribution?.confidence ?? -1) >= threshold).map((q) => q.text));
    expect((await texts(threshold)).length).toBeLessThan(doc.quotes.filter((q) => q.speaker).length);
    const bad = await t.gql(`{ quotes(first: 5, filter: { minConfidence: 1.5 }) { edges { node { id } } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("marks a speaker set by an editor, answers it with confidence 1, and re-attribution keeps it", async () => {
    const quotes = (await t.gql(`query($id: ID!) { article(id: $id) { quotes(first: 10) { edges { node { id text } } } } }`, { id: articleId })).data.article.quotes.edges.map(
      (e: { node: { id: string; text: string } }) => e.node,
    );
    const speaker = (await t.gql(`mutation { createSpeaker(input: { name: "Jane Editorpick" }) { id } }`, {}, admin)).data.createSpeaker.id;
    const res = await t.gql(`mutation($id: ID!, $s: ID!) { updateQuote(id: $id, input: { speakerId: $s }) { ${QUOTE_FIELDS} } }`, { id: quotes[2].id, s: speaker }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data.updateQuote).toMatchObject({ speakerSetByEditor: true, speaker: { name: "Jane Editorpick" }, attribution: { method: "editor", confidence: 1 } });

    const before = await t.db.dataSource.query(`SELECT id, text FROM quotes WHERE article_id = $1 ORDER BY position`, [articleId]);
    const r = await reattributeArticles(t.db.dataSource, { batchSize: 1 });
    expect(r.editorKept).toBe(1);
    const after = await t.db.dataSource.query(`SELECT q.id, q.text, s.name FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker_id WHERE article_id = $1 ORDER BY position`, [articleId]);
    expect(after.map((q: { id: string }) => q.id)).toEqual(before.map((q: { id: string }) => q.id));
    expect(after[2].name).toBe("Jane Editorpick");
  });
});

describe("newsgraph reattribute", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SEED_ON_EMPTY: "false" });
  });
  afterAll(() => t.close());

  it("gives stored quotes the speakers the current rules find, in place, without duplicates, in batches", async () => {
    // Articles stored by older rules: the same quotes, no speakers, no evidence.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const doc = extracted(`Old article ${i}`, BODY.replace("Thursday", `day ${i}`));
      const old: ExtractedDocument = { ...doc, speakers: [], quotes: doc.quotes.map((q) => ({ ...q, speaker: null, attribution: null })) };
      ids.push((await storeDocument(t.db.dataSource, old)).article.id);
    }
    const quoteIds = async () => (await t.db.dataSource.query(`SELECT id FROM quotes ORDER BY id`)).map((r: { id: string }) => r.id);
    const before = await quoteIds();
    const progress: Array<[number, number]> = [];
    const r = await reattributeArticles(t.db.dataSource, { batchSize: 2, onProgress: (done, total) => progress.push([done, total]) });
    expect(r.articles).toBe(3);
    expect(progress).toEqual([
      [0, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(r.speakersChanged).toBe(9);
    expect(await quoteIds()).toEqual(before);
    const named = await t.db.dataSource.query(`SELECT count(*)::int AS n FROM quotes WHERE speaker_id IS NOT NULL AND attribution_confidence > 0 AND attribution_method IS NOT NULL`);
    expect(named[0].n).toBe(9);
    // A second run finds nothing to change.
    const again = await reattributeArticles(t.db.dataSource, { batchSize: 10 });
    expect(again.speakersChanged).toBe(0);
    expect(await quoteIds()).toEqual(before);
    expect(Number((await t.db.dataSource.query(`SELECT count(*) AS n FROM articles`))[0].n)).toBe(3);
  });

  it("is a CLI command that refuses a bad batch size with a coded error", async () => {
    const run = promisify(execFile);
    const err = await run(process.execPath, [projectPath("bin", "newsgraph.js"), "reattribute", "--batch-size", "0"]).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain("BAD_USER_INPUT: --batch-size");
  });
});
