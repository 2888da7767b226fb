// Loads the seed article (a real article with hand-curated quotes, speakers and reactions) so that a
// new database has something real to query.
import { readFileSync } from "node:fs";
import type { DataSource } from "typeorm";
import { parseTextArticle } from "../ingest/formats/text-article.parser";
import { storeDocument, type StoreResult } from "../ingest/store/document-store";
import type { ExtractedDocument, ExtractedQuote, ExtractedReaction, ExtractedSpeaker } from "../ingest/types";
import { projectPath } from "../paths";

interface Annotations {
  speakers: ExtractedSpeaker[];
  quotes: Array<Omit<ExtractedQuote, "start" | "end">>;
  reactions: ExtractedReaction[];
}

const OPENING_MARKS = ["“", '"', "‘", "'"];

/** Offset of `text` inside quotation marks in `body`, searching from `from`. */
export function locateQuoted(body: string, text: string, from: number): number {
  let at = body.indexOf(text, from);
  while (at >= 0) {
    if (OPENING_MARKS.includes(body[at - 1] ?? "")) return at;
    at = body.indexOf(text, at + 1);
  }
  return -1;
}

/** The seed document: article.txt parsed as any text article, plus the curated annotations. */
export function seedDocument(): ExtractedDocument {
  const dir = projectPath("src", "seed");
  const raw = parseTextArticle(readFileSync(`${dir}/article.txt`, "utf8"), "article.txt");
  const notes: Annotations = JSON.parse(readFileSync(`${dir}/article.annotations.json`, "utf8"));
  let cursor = 0;
  const quotes = notes.quotes.map((q) => {
    const start = locateQuoted(raw.body, q.text, cursor);
    if (start < 0) throw new Error(`seed: quote "${q.text}" is not in the seed article body`);
    cursor = start + q.text.length;
    return { ...q, start, end: start + q.text.length };
  });
  return {
    article: {
      title: raw.title,
      url: raw.url,
      publishedAt: raw.publishedAt ? raw.publishedAt.toISOString() : null,
      dateline: raw.dateline,
      language: raw.language,
      body: raw.body,
      summary: raw.summary ?? null,
      commentsOnPage: raw.commentsOnPage ?? null,
    },
    speakers: notes.speakers,
    quotes,
    reactions: notes.reactions,
  };
}

/** Stores the seed article (idempotent: the same content updates in place). */
export function seed(ds: DataSource): Promise<StoreResult> {
  return storeDocument(ds, seedDocument());
}

/** Seeds only when the database holds no article yet. */
export async function seedIfEmpty(ds: DataSource): Promise<StoreResult | null> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM (SELECT 1 FROM articles LIMIT 1) x`);
  return n === 0 ? seed(ds) : null;
}
