// One raw article from the API into the graph, with ingest errors turned into BAD_USER_INPUT.
import type { Logger } from "pino";
import type { Article } from "../../entities/article.entity";
import { BadUserInputError, CodedError } from "../errors";
import type { ContentChanges } from "../cache/content-changes";
import type { Database } from "../db/database";
import type { ExtractPool } from "./extract-pool";
import { isIngestInputError } from "./ingest-errors";
import { extractInput, storeWithRetry } from "./ingest.service";
import type { InputFormat } from "./types";

export interface IngestOneInput {
  content: string;
  format?: InputFormat | null;
  url?: string | null;
}

/** What ingestOne needs of the request context (which satisfies it). */
export interface IngestContext {
  db: Pick<Database, "dataSource">;
  logger: Pick<Logger, "info">;
  services: { changes: Pick<ContentChanges, "dependentsOf" | "article">; extraction?: Pick<ExtractPool, "extract"> | null };
}

export async function ingestOne(ctx: IngestContext, input: IngestOneInput): Promise<Article> {
  let docs;
  try {
    // Off the main thread, under the extraction budget, when the server has its worker pool.
    const options = { format: input.format ?? undefined };
    docs = ctx.services.extraction ? await ctx.services.extraction.extract(input.content, options) : extractInput(input.content, options);
  } catch (err) {
    if (isIngestInputError(err)) {
      throw new CodedError(`input.content: ${err.reason}${err.path ? ` (at ${err.path})` : ""} [${err.code}]`, "BAD_USER_INPUT", {
        argumentName: "input.content",
        ingestCode: err.code,
      });
    }
    throw err;
  }
  if (docs.length !== 1) throw new BadUserInputError(`input.content holds ${docs.length} articles; ingestArticle takes exactly one.`, "input.content");
  const doc = docs[0];
  if (input.url) {
    try {
      doc.article.url = new URL(input.url).toString();
    } catch {
      throw new BadUserInputError("input.url is not a valid URL.", "input.url");
    }
  }
  const stored = await storeWithRetry(ctx.db.dataSource, doc);
  ctx.logger.info({ article: stored.article.id, created: stored.created, quotes: stored.quotes }, "ingested an article");
  const changed = await ctx.services.changes.dependentsOf(ctx.db.dataSource, stored.article.id);
  if (changed) await ctx.services.changes.article(changed);
  return stored.article;
}
