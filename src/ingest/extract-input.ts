// Raw input → extracted documents, without touching the database: shared by the ingest pipeline and the
// extraction worker threads (which must not load the database code).
import { extractArticle } from "./extract";
import { parseInput, type ParseOptions } from "./formats";
import { IngestInputError } from "./ingest-errors";
import type { ExtractedDocument } from "./types";

/** Largest article body extraction takes by default, in UTF-8 bytes (INGEST_MAX_ARTICLE_BYTES). */
export const DEFAULT_MAX_ARTICLE_BYTES = 1_000_000;

export interface ExtractOptions extends ParseOptions {
  /** Largest article body, in UTF-8 bytes: a longer one fails with ARTICLE_TOO_LARGE. */
  maxArticleBytes?: number;
}

/**
 * Throws NOT_TEXT for binary input (an image, a PDF, an archive) read as text: it holds NUL characters,
 * or many U+FFFD, which is what a decoder makes of bytes that are not UTF-8. Only the first 64 KiB are
 * looked at; text files have neither.
 */
export function assertText(content: string): void {
  const head = content.slice(0, 65_536);
  let replaced = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) throw notText("it holds NUL bytes");
    if (c === 0xfffd) replaced++;
  }
  if (replaced > 16 && replaced > head.length / 100) throw notText(`${replaced} of its first ${head.length} characters are not valid UTF-8`);
}

function notText(why: string): IngestInputError {
  return new IngestInputError("NOT_TEXT", `not a text file (${why}); newsgraph reads text, JSON, RSS, Atom and HTML in UTF-8`);
}

/** Parses and extracts every article of one input, without touching the database. */
export function extractInput(content: string, options: ExtractOptions = {}): ExtractedDocument[] {
  assertText(content);
  const { maxArticleBytes = DEFAULT_MAX_ARTICLE_BYTES, ...parseOptions } = options;
  const raws = parseInput(content, parseOptions);
  raws.forEach((raw, i) => {
    const bytes = Buffer.byteLength(raw.body, "utf8");
    if (bytes > maxArticleBytes) {
      throw new IngestInputError(
        "ARTICLE_TOO_LARGE",
        `the article "${raw.title.slice(0, 80)}" has ${bytes} bytes of text, more than INGEST_MAX_ARTICLE_BYTES (${maxArticleBytes}); split it, or raise the limit`,
        raws.length > 1 ? `item ${i}` : undefined,
      );
    }
  });
  return raws.map((raw) => extractArticle(raw));
}
