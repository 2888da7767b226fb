// Re-runs extraction over stored articles after the rules improve: speakers, quotes and their evidence are
// updated in place (quotes keep their ids; an editor's speaker stays as set), in batches of articles.
import type { DataSource } from "typeorm";
import { extractFromBody, toIsoString } from "./extract";
import { storeInTransaction } from "./store/document-store";
import type { ExtractedDocument } from "./types";

export interface ReattributeOptions {
  /** Articles read per batch (one statement each); each article is stored in a transaction of its own. */
  batchSize: number;
  onProgress?: (done: number, total: number, result: ReattributeResult) => void;
  /** Called after each article is stored (the CLI drops what the shared response cache holds of it). */
  onArticle?: (articleId: string) => void;
}

export interface ReattributeResult {
  articles: number;
  quotes: number;
  /** Quotes that kept their id but now carry a different speaker. */
  speakersChanged: number;
  /** Quotes whose speaker an editor set, left as set. */
  editorKept: number;
}

interface ArticleRow {
  id: string;
  title: string;
  url: string | null;
  publishedAt: Date | null;
  dateline: string | null;
  language: string;
  body: string;
  summary: string | null;
  topics: string[] | null;
  commentsOnPage: number | null;
}

/** The stored article with a fresh extraction of its body. */
function reextract(a: ArticleRow): ExtractedDocument {
  const found = extractFromBody(a.body);
  return {
    article: {
      title: a.title,
      url: a.url,
      publishedAt: a.publishedAt ? toIsoString(new Date(a.publishedAt)) : null,
      dateline: a.dateline,
      language: a.language,
      body: a.body,
      summary: a.summary,
      topics: a.topics ?? [],
      commentsOnPage: a.commentsOnPage,
    },
    ...found,
  };
}

export async function reattributeArticles(ds: DataSource, options: ReattributeOptions): Promise<ReattributeResult> {
  const total = Number((await ds.query(`SELECT count(*)::int AS n FROM articles`))[0].n);
  const result: ReattributeResult = { articles: 0, quotes: 0, speakersChanged: 0, editorKept: 0 };
  let after: string | null = null;
  options.onProgress?.(0, total, result);
  for (;;) {
    const rows: ArticleRow[] = await ds.query(
      `SELECT id, title, url, published_at AS "publishedAt", dateline, language, body, summary, topics, comments_on_page AS "commentsOnPage"
         FROM articles WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [after, options.batchSize],
    );
    if (!rows.length) break;
    for (const a of rows) {
      const doc = reextract(a);
      await ds.transaction(async (m) => {
        const before: Array<{ id: string; speakerId: string | null }> = await m.query(`SELECT id, speaker_id AS "speakerId" FROM quotes WHERE article_id = $1`, [a.id]);
        const stored = await storeInTransaction(m, doc, { articleId: a.id });
        const now: Array<{ id: string; speakerId: string | null; byEditor: boolean }> = await m.query(
          `SELECT id, speaker_id AS "speakerId", speaker_set_by_editor AS "byEditor" FROM quotes WHERE article_id = $1`,
          [a.id],
        );
        const old = new Map(before.map((q) => [q.id, q.speakerId]));
        for (const q of now) {
          if (q.byEditor) result.editorKept++;
          else if (old.has(q.id) && old.get(q.id) !== q.speakerId) result.speakersChanged++;
        }
        result.quotes += stored.quotes;
      });
      result.articles++;
      options.onArticle?.(a.id);
    }
    after = rows[rows.length - 1]!.id;
    options.onProgress?.(result.articles, total, result);
  }
  return result;
}
