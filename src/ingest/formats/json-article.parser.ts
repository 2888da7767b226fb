// Parses newsgraph's own JSON (what `newsgraph extract` prints), one document or an array; quotes, speakers and reactions given in it are kept as given.
import { z } from "zod";
import { IngestInputError } from "../ingest-errors";
import type { ExtractedQuote, ProvidedExtraction, RawArticle } from "../types";
import { parseDateField } from "./date-parse";
import { guessLanguage, primaryLanguage } from "./language-guess";
import { domainOf } from "./url-utils";

const nullableString = z.string().nullable().optional();

const articleSchema = z.object({
  title: z.string().trim().min(1, "title must not be empty"),
  url: nullableString,
  publishedAt: nullableString,
  dateline: nullableString,
  language: nullableString,
  body: z.string().refine((b) => b.trim().length > 0, "body must not be empty"),
  summary: nullableString,
  outletName: nullableString,
  outletDomain: nullableString,
  topics: z.array(z.string()).optional(),
  commentsOnPage: z.number().int().nonnegative().nullable().optional(),
});

const speakerSchema = z.object({
  name: z.string().trim().min(1),
  role: nullableString,
  kind: z.enum(["PERSON", "ORGANIZATION", "GROUP"]).default("PERSON"),
  aliases: z.array(z.string()).default([]),
});

const quoteSchema = z.object({
  text: z.string().min(1),
  speaker: z.string().nullable().default(null),
  kind: z.enum(["DIRECT", "PARTIAL", "INDIRECT"]).default("DIRECT"),
  start: z.number().int().nonnegative().optional(),
  end: z.number().int().nonnegative().optional(),
  cue: z.string().nullable().default(null),
  /** The evidence `extract` prints (issue 18); kept as given so printed output reads back unchanged. */
  attribution: z
    .object({
      method: z.string().min(1),
      cue: z.string().nullable(),
      mention: z.object({ text: z.string(), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }).nullable(),
      followed: z.enum(["pronoun", "description", "document", "earlier-quote"]).nullable(),
      confidence: z.number().min(0).max(1),
    })
    .nullable()
    .optional(),
});

const reactionSchema = z.object({
  text: z.string().min(1),
  sentiment: z.enum(["POSITIVE", "NEGATIVE", "NEUTRAL", "MIXED"]).default("NEUTRAL"),
  platform: z.string().nullable().default(null),
});

const documentSchema = z.object({
  article: articleSchema,
  speakers: z.array(speakerSchema).optional(),
  quotes: z.array(quoteSchema).optional(),
  reactions: z.array(reactionSchema).optional(),
});

type DocumentInput = z.infer<typeof documentSchema>;

function pathOf(prefix: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === "number" ? `${acc}[${key}]` : `${acc}.${String(key)}`), prefix);
}

/** Keeps given offsets when they match the body, else finds the text (after the previous quote); a text absent from the body is an error. */
function placeQuotes(body: string, quotes: DocumentInput["quotes"], at: string): ExtractedQuote[] | undefined {
  if (!quotes) return undefined;
  let cursor = 0;
  return quotes.map((q, i) => {
    let start = q.start;
    if (start === undefined || body.slice(start, start + q.text.length) !== q.text) {
      let found = body.indexOf(q.text, cursor);
      if (found < 0) found = body.indexOf(q.text);
      if (found < 0) throw new IngestInputError("INVALID_QUOTE", "quote text does not occur in the article body", `${at}.quotes[${i}].text`);
      start = found;
    }
    cursor = start + q.text.length;
    const placed: ExtractedQuote = { text: q.text, speaker: q.speaker, kind: q.kind, start, end: start + q.text.length, cue: q.cue };
    if (q.attribution !== undefined) placed.attribution = q.attribution;
    return placed;
  });
}

function toRawArticle(doc: DocumentInput, at: string, sourceName: string): RawArticle {
  const a = doc.article;
  let publishedAt: Date | null = null;
  if (a.publishedAt) {
    publishedAt = parseDateField(a.publishedAt);
    if (!publishedAt) throw new IngestInputError("INVALID_ARTICLE", `publishedAt is not a date: ${a.publishedAt}`, `${at}.article.publishedAt`);
  }
  const url = a.url ?? null;
  const provided: ProvidedExtraction = {};
  const quotes = placeQuotes(a.body, doc.quotes, at);
  if (quotes) provided.quotes = quotes;
  if (doc.speakers) provided.speakers = doc.speakers.map((s) => ({ name: s.name, role: s.role ?? null, kind: s.kind, aliases: s.aliases }));
  if (doc.reactions) provided.reactions = doc.reactions;
  const raw: RawArticle = {
    title: a.title.trim(),
    url,
    publishedAt,
    dateline: a.dateline ?? null,
    language: primaryLanguage(a.language) ?? guessLanguage(a.body),
    body: a.body,
    source: { format: "json", name: sourceName },
  };
  // Optional fields stay absent when the input leaves them out, so what `extract` printed reads back unchanged.
  if (a.summary !== undefined) raw.summary = a.summary;
  if (a.outletName !== undefined) raw.outletName = a.outletName;
  if (a.outletDomain !== undefined) raw.outletDomain = a.outletDomain;
  else if (url) raw.outletDomain = domainOf(url);
  if (a.commentsOnPage !== undefined) raw.commentsOnPage = a.commentsOnPage;
  if (a.topics) raw.topics = a.topics;
  if (doc.quotes || doc.speakers || doc.reactions) raw.provided = provided;
  return raw;
}

export function parseJsonArticles(content: string, sourceName = "json"): RawArticle[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch (error) {
    throw new IngestInputError("INVALID_JSON", `not valid JSON: ${(error as Error).message}`);
  }
  const items: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length === 0) throw new IngestInputError("EMPTY_INPUT", "the JSON array holds no article");
  return items.map((item, i) => {
    const at = Array.isArray(parsed) ? `$[${i}]` : "$";
    const result = documentSchema.safeParse(item);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue ? issue.path.join(".") : "";
      const code = where === "article.body" ? "EMPTY_ARTICLE" : where.startsWith("article") ? "INVALID_ARTICLE" : "INVALID_JSON";
      const reason = issue ? issue.message : "does not match the newsgraph document shape";
      throw new IngestInputError(code, `${reason} (expected { "article": { "title", "body", … }, "quotes"?, "speakers"?, "reactions"? })`, issue ? pathOf(at, issue.path) : at);
    }
    return toRawArticle(result.data, at, sourceName);
  });
}
