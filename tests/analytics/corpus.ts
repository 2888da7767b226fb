// A generated corpus for the analysts' tests: buildGraph's articles spread one a day over four months,
// with a mix the filters and aggregates must tell apart: German articles, drafts, speakers that are
// organisations or groups, and quotes without a speaker.
import type { DataSource } from "typeorm";
import { buildGraph, type BuiltGraph } from "../support/factory";

export const CORPUS_START = Date.UTC(2025, 0, 1);

export async function buildAnalystCorpus(ds: DataSource, articles = 120): Promise<BuiltGraph> {
  const g = await buildGraph(ds, {
    outlets: 3,
    speakers: 6,
    articles,
    quotesPerArticle: 4,
    reactionsPerArticle: 0,
    commentsPerArticle: 0,
    repliesPerComment: 0,
    commentedArticles: 0,
  });
  // article-N is published N days after the start, at noon.
  await ds.query(`UPDATE articles SET published_at = to_timestamp($1 / 1000.0) + (split_part(slug, '-', 2)::int * interval '1 day') + interval '12 hours'`, [CORPUS_START]);
  await ds.query(`UPDATE articles SET language = 'de' WHERE split_part(slug, '-', 2)::int % 10 = 0`);
  await ds.query(`UPDATE articles SET status = 'DRAFT' WHERE split_part(slug, '-', 2)::int % 7 = 0`);
  await ds.query(`UPDATE speakers SET kind = 'ORGANIZATION' WHERE slug = 'speaker-4'`);
  await ds.query(`UPDATE speakers SET kind = 'GROUP' WHERE slug = 'speaker-5'`);
  await ds.query(`UPDATE quotes q SET speaker_id = NULL FROM articles a WHERE a.id = q.article_id AND q.position = 3 AND split_part(a.slug, '-', 2)::int % 3 = 0`);
  return g;
}

/** An independent count over the corpus: quotes joined to their article (`a`), speaker (`s`) and outlet (`o`). */
export async function countWhere(ds: DataSource, where: string, params: unknown[] = []): Promise<number> {
  const rows = await ds.query(
    `SELECT count(*)::int AS n FROM quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id LEFT JOIN outlets o ON o.id = a.outlet_id WHERE ${where}`,
    params,
  );
  return rows[0].n;
}
