// Indexes for the analysts' aggregates (src/analytics), chosen with EXPLAIN ANALYZE on a generated corpus
// of 5,000 articles / 50,000 quotes (numbers in the commit message that added this file):
// - quotes (article_id, speaker_id): "top speakers this month" reads the month's articles and then their
//   quotes' speakers index-only, instead of a sequential scan of every quote; co-quoted speakers read the
//   other quotes of a speaker's articles the same way.
// - articles (id) INCLUDE (sort_at, status, outlet_id): a speaker's timeline, outlets and counts join
//   their quotes to the articles' dates, visibility and outlet index-only instead of scanning articles.
import type { MigrationInterface, QueryRunner } from "typeorm";

export class AnalyticsIndexes1796614136055 implements MigrationInterface {
  name = "AnalyticsIndexes1796614136055";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS quotes_article_speaker_idx ON quotes (article_id, speaker_id)`);
    await q.query(`CREATE INDEX IF NOT EXISTS articles_id_sort_idx ON articles (id) INCLUDE (sort_at, status, outlet_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS articles_id_sort_idx`);
    await q.query(`DROP INDEX IF EXISTS quotes_article_speaker_idx`);
  }
}
