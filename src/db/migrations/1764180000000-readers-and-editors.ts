// Readers and editors: articles gain a publication state (existing rows stay published), comments
// record why moderation held or rejected them and when they were deleted, readers report comments.
import type { MigrationInterface, QueryRunner } from "typeorm";

export class ReadersAndEditors1764180000000 implements MigrationInterface {
  name = "ReadersAndEditors1764180000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE articles ADD COLUMN status text NOT NULL DEFAULT 'PUBLISHED' CHECK (status IN ('PUBLISHED', 'DRAFT'))`);
    // Drafts are few: a partial index finds them for editors without slowing the public lists.
    await q.query(`CREATE INDEX articles_draft_idx ON articles (sort_at DESC, id DESC) WHERE status <> 'PUBLISHED'`);

    await q.query(`ALTER TABLE comments ADD COLUMN moderation_rule text`);
    await q.query(`ALTER TABLE comments ADD COLUMN moderation_word text`);
    await q.query(`ALTER TABLE comments ADD COLUMN moderation_note text`);
    await q.query(`ALTER TABLE comments ADD COLUMN moderated_by text`);
    await q.query(`ALTER TABLE comments ADD COLUMN moderated_at timestamptz`);
    await q.query(`ALTER TABLE comments ADD COLUMN deleted_at timestamptz`);
    await q.query(`ALTER TABLE comments ADD COLUMN depth integer NOT NULL DEFAULT 1`);
    await q.query(`
      WITH RECURSIVE tree AS (
        SELECT id, 1 AS depth FROM comments WHERE parent_id IS NULL
        UNION ALL
        SELECT c.id, tree.depth + 1 FROM comments c JOIN tree ON c.parent_id = tree.id
      )
      UPDATE comments SET depth = tree.depth FROM tree WHERE tree.id = comments.id AND tree.depth > 1`);
    await q.query(`ALTER TABLE comments ADD COLUMN report_count integer NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX comments_reported_idx ON comments (created_at, id) WHERE report_count > 0 AND status = 'PUBLISHED'`);

    await q.query(`
      CREATE TABLE comment_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        comment_id uuid NOT NULL REFERENCES comments(id) ON DELETE CASCADE,
        reporter_id text NOT NULL,
        reason text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (comment_id, reporter_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS comment_reports`);
    await q.query(`DROP INDEX IF EXISTS comments_reported_idx`);
    for (const col of ["report_count", "depth", "deleted_at", "moderated_at", "moderated_by", "moderation_note", "moderation_word", "moderation_rule"]) {
      await q.query(`ALTER TABLE comments DROP COLUMN IF EXISTS ${col}`);
    }
    await q.query(`DROP INDEX IF EXISTS articles_draft_idx`);
    await q.query(`ALTER TABLE articles DROP COLUMN IF EXISTS status`);
  }
}
