// Speaker facets for analysts (gender, occupations, party, country, date of birth), set by editors or by
// `newsgraph speakers enrich` from a Wikidata extract, and who linked the speaker to Wikidata: an
// editor's link ('EDITOR') is never replaced by enrichment ('WIKIDATA_ENRICH' or NULL: ingest).
import type { MigrationInterface, QueryRunner } from "typeorm";

export class SpeakerFacets1796612989937 implements MigrationInterface {
  name = "SpeakerFacets1796612989937";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE speakers ADD COLUMN gender text`);
    await q.query(`ALTER TABLE speakers ADD COLUMN occupations text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE speakers ADD COLUMN party text`);
    await q.query(`ALTER TABLE speakers ADD COLUMN country text`);
    // Text, not date: Wikidata gives some births to the year or month only (`1952`, `1952-10`).
    await q.query(`ALTER TABLE speakers ADD COLUMN date_of_birth text CHECK (date_of_birth ~ '^-?\\d{4}(-\\d\\d(-\\d\\d)?)?$')`);
    await q.query(`ALTER TABLE speakers ADD COLUMN wikidata_linked_by text CHECK (wikidata_linked_by IN ('EDITOR', 'WIKIDATA_ENRICH'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const c of ["wikidata_linked_by", "date_of_birth", "country", "party", "occupations", "gender"]) await q.query(`ALTER TABLE speakers DROP COLUMN IF EXISTS ${c}`);
  }
}
