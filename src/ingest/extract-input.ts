// Raw input → extracted documents, without touching the database: shared by the ingest pipeline and the
// extraction worker threads (which must not load the database code).
import { extractArticle } from "./extract";
import { parseInput, type ParseOptions } from "./formats";
import type { ExtractedDocument } from "./types";

/** Parses and extracts every article of one input, without touching the database. */
export function extractInput(content: string, options: ParseOptions = {}): ExtractedDocument[] {
  return parseInput(content, options).map((raw) => extractArticle(raw));
}
