// The ingest pipeline: raw input → parsed articles → extracted quotes, speakers and reactions → stored,
// one transaction per article. Used by `newsgraph ingest`, the seed and the ingestArticle mutation.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { DataSource } from "typeorm";
import { extractInput, type ExtractOptions } from "./extract-input";
import { ExtractPool } from "./extract-pool";
import type { ParseOptions } from "./formats";
import { IngestInputError, isIngestInputError } from "./ingest-errors";
import { storeDocument, type StoreResult } from "./store/document-store";
import type { ExtractedDocument } from "./types";

/** File endings `ingest` reads from a folder; other files there are skipped. */
export const INGESTIBLE = /\.(txt|text|md|json|xml|rss|atom|html?|xhtml)$/i;

export { extractInput };

/** Errors another concurrent ingest can cause; the article is simply stored again. */
const RETRYABLE = new Set(["23505" /* unique violation */, "40P01" /* deadlock */, "40001" /* serialization failure */]);

/** Stores a document, retrying when a concurrent ingest created the same article, speaker or outlet first. */
export async function storeWithRetry(ds: DataSource, doc: ExtractedDocument, attempts = 3): Promise<StoreResult> {
  for (let i = 1; ; i++) {
    try {
      return await storeDocument(ds, doc);
    } catch (err) {
      const code = (err as { code?: string; driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
      if (!code || !RETRYABLE.has(code) || i >= attempts) throw err;
    }
  }
}

/** Parses, extracts and stores every article of one input. A parse error stores nothing. */
export async function ingestContent(ds: DataSource, content: string, options: ExtractOptions = {}): Promise<StoreResult[]> {
  const docs = extractInput(content, options);
  const out: StoreResult[] = [];
  for (const doc of docs) out.push(await storeWithRetry(ds, doc));
  return out;
}

/** Every ingestible file under the given files and folders, in a stable order. */
export function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  const walk = (p: string, explicit: boolean) => {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      // A named file that cannot be read is reported by ingestFiles with the others (UNREADABLE_FILE); the run goes on.
      if (explicit) return void files.push(p);
      throw err;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith(".")) walk(join(p, name), false);
    } else if (st.isFile() && (explicit || INGESTIBLE.test(p))) {
      files.push(p);
    }
  };
  for (const p of paths) walk(p, true);
  return files;
}

export interface FileOutcome {
  file: string;
  stored: StoreResult[];
  /** Why the file (or some of its articles) failed; the rest of the run went on. */
  error?: { code: string; reason: string };
}

export interface IngestSummary {
  files: number;
  failedFiles: number;
  articlesCreated: number;
  articlesUpdated: number;
  quotes: number;
  reactions: number;
  outcomes: FileOutcome[];
}

function describeError(err: unknown): { code: string; reason: string } {
  if (isIngestInputError(err)) return { code: err.code, reason: err.path ? `${err.reason} (at ${err.path})` : err.reason };
  const e = err as NodeJS.ErrnoException;
  if (e?.code === "ENOENT" || e?.code === "EACCES" || e?.code === "EISDIR") return { code: "UNREADABLE_FILE", reason: e.message };
  return { code: "STORE_FAILED", reason: e instanceof Error ? e.message : String(e) };
}

/**
 * Ingests files one by one; articles are stored with up to `concurrency` transactions at once (use 1 on
 * the embedded database, which is a single session). A bad file is reported and skipped. With more than
 * one at once, files are extracted in `extractWorkers` worker threads (default 1; 0: on this thread).
 */
export async function ingestFiles(
  ds: DataSource,
  files: string[],
  opts: {
    concurrency?: number;
    extractWorkers?: number;
    format?: ParseOptions["format"];
    /** Largest article text, in UTF-8 bytes (INGEST_MAX_ARTICLE_BYTES). */
    maxArticleBytes?: number;
    onFile?: (o: FileOutcome, done: number) => void;
    root?: string;
  } = {},
): Promise<IngestSummary> {
  const summary: IngestSummary = { files: files.length, failedFiles: 0, articlesCreated: 0, articlesUpdated: 0, quotes: 0, reactions: 0, outcomes: [] };
  const concurrency = Math.max(1, opts.concurrency ?? 1);
  const workers = concurrency > 1 && files.length > 1 ? (opts.extractWorkers ?? 1) : 0;
  const pool = workers > 0 ? new ExtractPool(workers) : null;
  const extract = async (content: string, options: ExtractOptions): Promise<ExtractedDocument[]> => (pool ? pool.extract(content, options) : extractInput(content, options));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++];
      const outcome: FileOutcome = { file: opts.root ? relative(opts.root, file) || file : file, stored: [] };
      try {
        const docs = await extract(readFileSync(file, "utf8"), { fileName: file, format: opts.format, maxArticleBytes: opts.maxArticleBytes });
        for (const doc of docs) outcome.stored.push(await storeWithRetry(ds, doc));
      } catch (err) {
        outcome.error = describeError(err);
        summary.failedFiles++;
      }
      for (const r of outcome.stored) {
        if (r.created) summary.articlesCreated++;
        else summary.articlesUpdated++;
        summary.quotes += r.quotes;
        summary.reactions += r.reactions;
      }
      summary.outcomes.push(outcome);
      opts.onFile?.(outcome, ++done);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length || 1) }, worker));
  } finally {
    await pool?.close();
  }
  return summary;
}

export { IngestInputError };
