// Indexes the read paths measured by the benchmark (bench/RESULTS.md) were missing: an article's
// comment count counts replies too, which the top-level-only comments_article_idx cannot serve, so
// every article page scanned the whole comments table.
import type { MigrationInterface, QueryRunner } from "typeorm";

export class ReadPathIndexes1764190000000 implements MigrationInterface {
  name = "ReadPathIndexes1764190000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS comments_article_status_idx ON comments (article_id, status)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS comments_article_status_idx`);
  }
}
