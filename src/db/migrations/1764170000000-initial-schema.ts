// The first schema: outlets, articles, speakers, quotes, reactions and comments, with the indexes the
// read API filters and sorts on, and full-text vectors for search.
import type { MigrationInterface, QueryRunner } from "typeorm";

export class InitialSchema1764170000000 implements MigrationInterface {
  name = "InitialSchema1764170000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outlets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        domain text UNIQUE,
        url text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE articles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        url text UNIQUE,
        title text NOT NULL,
        body text NOT NULL,
        summary text,
        published_at timestamptz,
        dateline text,
        language text NOT NULL DEFAULT 'en',
        topics text[] NOT NULL DEFAULT '{}',
        outlet_id uuid REFERENCES outlets(id) ON DELETE SET NULL,
        content_hash text NOT NULL UNIQUE,
        comments_on_page integer,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- The sort key of every date ordering: publication time, or storage time when the source gave none.
        sort_at timestamptz GENERATED ALWAYS AS (coalesce(published_at, created_at)) STORED,
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', title), 'A') ||
          setweight(to_tsvector('english', coalesce(summary, '')), 'B') ||
          setweight(to_tsvector('english', body), 'C')
        ) STORED
      )`);
    await q.query(`CREATE INDEX articles_sort_idx ON articles (sort_at DESC, id DESC)`);
    await q.query(`CREATE INDEX articles_outlet_sort_idx ON articles (outlet_id, sort_at DESC, id DESC)`);
    await q.query(`CREATE INDEX articles_published_at_idx ON articles (published_at)`);
    await q.query(`CREATE INDEX articles_topics_idx ON articles USING gin (topics)`);
    await q.query(`CREATE INDEX articles_search_idx ON articles USING gin (search_vector)`);

    await q.query(`
      CREATE TABLE speakers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        role text,
        kind text NOT NULL DEFAULT 'PERSON' CHECK (kind IN ('PERSON', 'ORGANIZATION', 'GROUP')),
        aliases text[] NOT NULL DEFAULT '{}',
        wikidata_id text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX speakers_name_idx ON speakers (lower(name))`);
    await q.query(`CREATE INDEX speakers_aliases_idx ON speakers USING gin (aliases)`);

    await q.query(`
      CREATE TABLE quotes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        speaker_id uuid REFERENCES speakers(id) ON DELETE SET NULL,
        text text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('DIRECT', 'PARTIAL', 'INDIRECT')),
        start_offset integer,
        end_offset integer,
        cue text,
        position integer NOT NULL,
        text_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
        CHECK (start_offset IS NULL OR (start_offset >= 0 AND end_offset >= start_offset))
      )`);
    await q.query(`CREATE INDEX quotes_article_idx ON quotes (article_id, position, id)`);
    await q.query(`CREATE INDEX quotes_speaker_idx ON quotes (speaker_id, article_id)`);
    await q.query(`CREATE INDEX quotes_text_hash_idx ON quotes (text_hash)`);
    await q.query(`CREATE INDEX quotes_search_idx ON quotes USING gin (search_vector)`);

    await q.query(`
      CREATE TABLE reactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        origin text NOT NULL CHECK (origin IN ('REPORTED', 'READER')),
        text text,
        sentiment text NOT NULL CHECK (sentiment IN ('POSITIVE', 'NEGATIVE', 'NEUTRAL', 'MIXED')),
        platform text,
        author_name text,
        user_id text,
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reactions_article_idx ON reactions (article_id, position, id)`);
    await q.query(`CREATE UNIQUE INDEX reactions_one_per_reader_idx ON reactions (article_id, user_id) WHERE origin = 'READER'`);

    await q.query(`
      CREATE TABLE comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        article_id uuid NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        parent_id uuid REFERENCES comments(id) ON DELETE CASCADE,
        author_name text NOT NULL,
        author_id text,
        body text NOT NULL,
        status text NOT NULL DEFAULT 'PUBLISHED' CHECK (status IN ('PUBLISHED', 'PENDING', 'REJECTED', 'DELETED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        edited_at timestamptz
      )`);
    await q.query(`CREATE INDEX comments_article_idx ON comments (article_id, status, created_at, id) WHERE parent_id IS NULL`);
    await q.query(`CREATE INDEX comments_parent_idx ON comments (parent_id, status, created_at, id)`);
    await q.query(`CREATE INDEX comments_status_idx ON comments (status, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ["comments", "reactions", "quotes", "speakers", "articles", "outlets"]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
