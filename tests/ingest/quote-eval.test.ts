// Runs the labelled quote evaluation (the same as scripts/eval/eval-quotes.ts) and holds it to the quality targets.
import { calibrationTable, evaluatePassages, loadPassages, normaliseQuoteText, sameSpeaker, type LabelledPassage } from "../../scripts/eval/quote-eval";
import type { ExtractedDocument, RawArticle } from "../../src/ingest/types";
import { extractArticle } from "../../src/ingest/extract";
import { projectPath } from "../../src/paths";

const passages = loadPassages(projectPath("tests", "fixtures", "quotes"));

describe("labelled quote passages", () => {
  it("hold at least 45 passages with unique ids", () => {
    expect(passages.length).toBeGreaterThanOrEqual(45);
    expect(new Set(passages.map((p) => p.id)).size).toBe(passages.length);
  });

  it("label quotes that occur in their passage", () => {
    for (const p of passages) for (const q of p.quotes) expect({ id: p.id, found: p.text.includes(q.text) }).toEqual({ id: p.id, found: true });
  });

  it("meet the targets: F1 ≥ 0.95 and attribution ≥ 0.90", () => {
    const report = evaluatePassages(passages);
    expect(report.f1).toBeGreaterThanOrEqual(0.95);
    expect(report.attribution).toBeGreaterThanOrEqual(0.9);
  });

  it("keep exact offsets for every extracted quote", () => {
    for (const p of passages) {
      const doc = extractArticle({ title: p.id, url: null, publishedAt: null, dateline: null, language: "en", body: p.text, source: { format: "text", name: p.id } });
      for (const q of doc.quotes) expect(doc.article.body.slice(q.start, q.end)).toBe(q.text);
    }
  });
});

describe("evaluation matching rules", () => {
  it("ignores surrounding punctuation and case when matching quote texts", () => {
    expect(normaliseQuoteText("“So the idea is good,” ")).toBe(normaliseQuoteText("so the idea is good"));
    expect(normaliseQuoteText("good")).not.toBe(normaliseQuoteText("good idea"));
  });

  it("leaves a possessive owner of one or more words out of an organisation’s name", () => {
    expect(sameSpeaker("presidential office", "South Korea’s presidential office", [])).toBe(true);
    expect(sameSpeaker("Defence Ministry", "Russia’s Defence Ministry", [])).toBe(true);
    expect(sameSpeaker("presidential office", "foreign ministry", [])).toBe(false);
  });

  it("treats a surname, an alias or a leading article as the same speaker, and null only as null", () => {
    const speakers = [{ name: "Vladimir Putin", role: null, kind: "PERSON" as const, aliases: ["Putin"] }];
    expect(sameSpeaker("Putin", "Vladimir Putin", speakers)).toBe(true);
    expect(sameSpeaker("the White House", "White House", [])).toBe(true);
    expect(sameSpeaker("Donald Trump", "Vladimir Putin", speakers)).toBe(false);
    expect(sameSpeaker(null, "Vladimir Putin", speakers)).toBe(false);
    expect(sameSpeaker(null, null, speakers)).toBe(true);
  });
});

describe("first-sight batch (held out: loaded only by name, never scored against a target)", () => {
  const firstSight = loadPassages(projectPath("tests", "fixtures", "quotes"), ["first-sight"]);

  it("holds at least 100 passages with unique ids, none of them in the default run", () => {
    expect(firstSight.length).toBeGreaterThanOrEqual(100);
    expect(new Set(firstSight.map((p) => p.id)).size).toBe(firstSight.length);
    const defaults = new Set(passages.map((p) => p.id));
    expect(firstSight.filter((p) => defaults.has(p.id))).toEqual([]);
  });

  it("labels quotes that occur in their passage", () => {
    for (const p of firstSight) for (const q of p.quotes) expect({ id: p.id, found: p.text.includes(q.text) }).toEqual({ id: p.id, found: true });
  });
});

describe("evaluation metrics", () => {
  const passage: LabelledPassage = {
    id: "m",
    text: "“One two three four five six seven eight nine ten,” Ann Lee said. “Alpha beta,” Bob Ray said. “Gamma,” an aide said.",
    quotes: [
      { text: "One two three four five six seven eight nine ten,", speaker: "Ann Lee", kind: "DIRECT" },
      { text: "Alpha beta,", speaker: "Bob Ray", kind: "DIRECT" },
      { text: "Gamma,", speaker: null, kind: "DIRECT" },
    ],
    reactions: [],
  };
  const body = passage.text;
  const at = (t: string): { start: number; end: number } => ({ start: body.indexOf(t), end: body.indexOf(t) + t.length });
  // A fake extractor: the first quote cut to its first half (exact match fails, 30% overlap holds, 80% does not),
  // the second left speakerless, the third given an invented name.
  const fake = (raw: RawArticle): ExtractedDocument => ({
    article: { title: raw.title, url: null, publishedAt: null, dateline: null, language: "en", body: raw.body },
    speakers: [
      { name: "Ann Lee", role: null, kind: "PERSON", aliases: [] },
      { name: "Cy Dee", role: null, kind: "PERSON", aliases: [] },
    ],
    quotes: [
      { text: "One two three four five", speaker: "Ann Lee", kind: "DIRECT", cue: "said", ...at("One two three four five") },
      { text: "Alpha beta,", speaker: null, kind: "DIRECT", cue: null, ...at("Alpha beta,") },
      { text: "Gamma,", speaker: "Cy Dee", kind: "DIRECT", cue: "said", ...at("Gamma,") },
    ],
    reactions: [],
  });

  it("reports exact matching, named attribution, speakerless and invented names", () => {
    const r = evaluatePassages([passage], fake);
    expect(r.matchedQuotes).toBe(2);
    expect(r.namedQuotes).toBe(1);
    expect(r.namedAttribution).toBe(0);
    expect(r.speakerless).toBe(1);
    expect(r.wrongName).toBe(0);
    expect(r.inventedNames).toBe(1);
    expect(r.predictedSpeakerless).toBeCloseTo(1 / 3);
  });

  it("scores the Gender Gap Tracker overlap at 30% and 80% of the gold span", () => {
    const r = evaluatePassages([passage], fake);
    expect(r.overlap.at30.recall).toBe(1);
    expect(r.overlap.at80.recall).toBeCloseTo(2 / 3);
    expect(r.overlap.at30.attribution).toBeCloseTo(1 / 3);
  });

  it("bins confidence against observed accuracy", () => {
    const rows = [0.95, 0.92, 0.91, 0.35].map((confidence, i) => ({ passage: "p", text: String(i), expected: "x", got: "x", correct: i !== 1, confidence, method: "m" }));
    const bins = calibrationTable(rows);
    expect(bins.map((b) => [b.from.toFixed(1), b.quotes, Number(b.accuracy.toFixed(3))])).toEqual([
      ["0.3", 1, 1],
      ["0.9", 3, 0.667],
    ]);
  });
});
