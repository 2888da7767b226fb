// The seed article must yield everything /shared/seed/article.expected.json requires: article fields, speakers, quotes and reactions.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { extractArticle, overallSentiment } from "../../src/ingest/extract";
import { parseInput } from "../../src/ingest/formats";
import { projectPath } from "../../src/paths";
import type { ExtractedDocument, QuoteKind, Sentiment, SpeakerKind } from "../../src/ingest/types";

interface ExpectedSpeaker {
  name: string;
  role?: string;
  kind?: SpeakerKind;
  mentionedAs?: string[];
}

interface ExpectedQuote {
  speaker: string;
  kind: QuoteKind;
  text: string;
}

interface Expected {
  article: { title: string; publishedAt: string; dateline: string; language: string; commentsOnPage: number };
  speakers: { required: ExpectedSpeaker[]; optional: ExpectedSpeaker[] };
  quotes: { required: ExpectedQuote[]; optional: ExpectedQuote[]; mustNotBeQuotesOfNamedSpeakers: string[] };
  reactions: { platform: string; required: { text: string; sentiment: Sentiment }[]; optional: { text: string; sentiment: Sentiment }[]; overall: Sentiment };
}

// The project keeps its own copies (tests/fixtures/seed), so the suite runs on a machine without ../shared.
const seedDir = projectPath("tests", "fixtures", "seed");
const expected = JSON.parse(readFileSync(join(seedDir, "article.expected.json"), "utf8")) as Expected;
const [raw] = parseInput(readFileSync(join(seedDir, "article.txt"), "utf8"), { fileName: "article.txt" });
if (!raw) throw new Error("the seed article did not parse");
const doc: ExtractedDocument = extractArticle(raw);

describe("seed article: article fields", () => {
  it("has the expected title, date, dateline, language and comment count", () => {
    expect(doc.article.title).toBe(expected.article.title);
    expect(new Date(doc.article.publishedAt ?? "").toISOString()).toBe(new Date(expected.article.publishedAt).toISOString());
    expect(doc.article.dateline).toBe(expected.article.dateline);
    expect(doc.article.language).toBe(expected.article.language);
    expect(doc.article.commentsOnPage).toBe(expected.article.commentsOnPage);
  });

  it("keeps the dateline and the comments block out of the body", () => {
    expect(doc.article.body.startsWith("Russian President Vladimir Putin expressed support")).toBe(true);
    expect(doc.article.body).not.toMatch(/Add comment|There are no comments yet/);
    expect(doc.article.body).not.toMatch(/\n{3,}/);
  });
});

describe("seed article: speakers", () => {
  it.each(expected.speakers.required.map((s) => [s.name, s] as const))("finds %s with role and aliases", (_name, want) => {
    const speaker = doc.speakers.find((s) => s.name === want.name);
    expect(speaker).toBeDefined();
    if (!speaker) return;
    expect(speaker.kind).toBe(want.kind ?? "PERSON");
    if (want.role) expect(speaker.role).toBe(want.role);
    // Bare name forms of the speaker ("Putin") are aliases; titled mentions ("Russian President Vladimir Putin"),
    // pronouns and descriptions are not: a title is a role, kept as the role.
    const mentions = (want.mentionedAs ?? []).filter((m) => /^\p{Lu}/u.test(m) && !/^The\s/.test(m) && m !== want.name);
    const bare = mentions.filter((m) => want.name.split(" ").includes(m));
    const titled = mentions.filter((m) => m.endsWith(want.name));
    expect(bare.length).toBeGreaterThan(0);
    expect(titled.length).toBeGreaterThan(0);
    expect([...speaker.aliases].sort()).toEqual(bare.sort());
    for (const m of titled) expect(speaker.aliases).not.toContain(m);
  });
});

describe("seed article: quotes", () => {
  it.each(expected.quotes.required.map((q) => [q.text, q] as const))("attributes “%s”", (_text, want) => {
    const quote = doc.quotes.find((q) => q.text === want.text);
    expect(quote).toBeDefined();
    if (!quote) return;
    expect(quote.speaker).toBe(want.speaker);
    expect(quote.kind).toBe(want.kind);
    expect(doc.article.body.slice(quote.start, quote.end)).toBe(want.text);
  });

  it.each(expected.quotes.mustNotBeQuotesOfNamedSpeakers.map((t) => [t] as const))("does not give “%s” to a named speaker", (text) => {
    const quote = doc.quotes.find((q) => q.text.replace(/,$/, "") === text);
    if (quote) expect(quote.speaker).toBeNull();
  });

  it("keeps every quote offset exact", () => {
    for (const q of doc.quotes) expect(doc.article.body.slice(q.start, q.end)).toBe(q.text);
  });

  it("finds the optional group quote with its group speaker", () => {
    const group = expected.quotes.optional.find((q) => q.speaker === "international leaders");
    const quote = doc.quotes.find((q) => q.text === group?.text);
    expect(quote?.speaker).toBe("international leaders");
  });
});

describe("seed article: reactions", () => {
  it.each(expected.reactions.required.map((r) => [r.text, r] as const))("reports “%s” as a reaction", (_text, want) => {
    const reaction = doc.reactions.find((r) => r.text === want.text);
    expect(reaction).toBeDefined();
    expect(reaction?.sentiment).toBe(want.sentiment);
    expect(reaction?.platform).toBe(expected.reactions.platform);
  });

  it("has the expected overall sentiment", () => {
    expect(overallSentiment(doc.reactions)).toBe(expected.reactions.overall);
  });
});
