// Speakers are matched by any of their names (canonical name or alias, case-insensitive) whenever an
// article is ingested: index every name of every speaker so that lookup is one indexed query.
import type { MigrationInterface, QueryRunner } from "typeorm";

export class SpeakerNameKeys1764175000000 implements MigrationInterface {
  name = "SpeakerNameKeys1764175000000";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION speaker_name_keys(name text, aliases text[]) RETURNS text[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT array_agg(DISTINCT lower(n)) FROM unnest(array_append(aliases, name)) AS n $$`);
    await q.query(`CREATE INDEX speakers_name_keys_idx ON speakers USING gin (speaker_name_keys(name, aliases))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS speakers_name_keys_idx`);
    await q.query(`DROP FUNCTION IF EXISTS speaker_name_keys(text, text[])`);
  }
}
