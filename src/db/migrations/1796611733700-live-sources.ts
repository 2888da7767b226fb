// Live sources and quotes out: feeds newsgraph polls by itself (sources, with their fetch state and the
// items already seen), saved quote searches with a webhook (watches), and the outbox of deliveries.
import type { MigrationInterface, QueryRunner } from "typeorm";

export class LiveSources1796611733700 implements MigrationInterface {
  name = "LiveSources1796611733700";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL UNIQUE,
        kind text NOT NULL DEFAULT 'FEED' CHECK (kind IN ('FEED', 'SITEMAP')),
        outlet_id uuid REFERENCES outlets(id) ON DELETE SET NULL,
        interval_seconds integer NOT NULL CHECK (interval_seconds > 0),
        enabled boolean NOT NULL DEFAULT true,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        next_due_at timestamptz NOT NULL DEFAULT now(),
        last_fetched_at timestamptz,
        last_success_at timestamptz,
        last_status integer,
        last_error_code text,
        last_error_message text,
        consecutive_failures integer NOT NULL DEFAULT 0,
        etag text,
        last_modified text,
        items_stored integer NOT NULL DEFAULT 0,
        newest_item_at timestamptz
      )`);
    // The poller's claim: enabled sources by due time.
    await q.query(`CREATE INDEX sources_due_idx ON sources (next_due_at) WHERE enabled`);
    // What each source has already handed over (by guid or link) and in which version, so that an
    // unchanged item costs neither extraction nor a write.
    await q.query(`
      CREATE TABLE source_items (
        source_id uuid NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
        item_key text NOT NULL,
        version text NOT NULL,
        article_id uuid REFERENCES articles(id) ON DELETE SET NULL,
        seen_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (source_id, item_key)
      )`);

    await q.query(`
      CREATE TABLE watches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id text NOT NULL,
        name text,
        speaker_id uuid REFERENCES speakers(id) ON DELETE CASCADE,
        words text,
        outlet_id uuid REFERENCES outlets(id) ON DELETE CASCADE,
        kind text,
        url text NOT NULL,
        secret text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX watches_owner_idx ON watches (owner_id, created_at)`);
    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        watch_id uuid NOT NULL REFERENCES watches(id) ON DELETE CASCADE,
        quote_id uuid NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
        attempts integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        -- Retries stop WEBHOOK_MAX_AGE_SECONDS after this (the write, or the latest replay).
        retry_from timestamptz NOT NULL DEFAULT now(),
        delivered_at timestamptz,
        last_status integer,
        last_error text,
        UNIQUE (watch_id, quote_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING'`);
    await q.query(`CREATE INDEX webhook_deliveries_watch_idx ON webhook_deliveries (watch_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS watches`);
    await q.query(`DROP TABLE IF EXISTS source_items`);
    await q.query(`DROP TABLE IF EXISTS sources`);
  }
}
