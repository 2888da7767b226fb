// Evidence per quote (issue 18): how its speaker was found (rule, mention and offsets, what was followed) and
// a calibrated confidence; and a flag that an editor set the speaker, which re-attribution never overrides.
import type { MigrationInterface, QueryRunner } from "typeorm";

export class QuoteAttributionEvidence1796612615449 implements MigrationInterface {
  name = "QuoteAttributionEvidence1796612615449";

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE quotes ADD COLUMN attribution_method text`);
    await q.query(`ALTER TABLE quotes ADD COLUMN attribution_followed text`);
    await q.query(`ALTER TABLE quotes ADD COLUMN attribution_mention text`);
    await q.query(`ALTER TABLE quotes ADD COLUMN attribution_mention_start integer`);
    await q.query(`ALTER TABLE quotes ADD COLUMN attribution_mention_end integer`);
    await q.query(`ALTER TABLE quotes ADD COLUMN attribution_confidence double precision CHECK (attribution_confidence BETWEEN 0 AND 1)`);
    await q.query(`ALTER TABLE quotes ADD COLUMN speaker_set_by_editor boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const col of [
      "speaker_set_by_editor",
      "attribution_confidence",
      "attribution_mention_end",
      "attribution_mention_start",
      "attribution_mention",
      "attribution_followed",
      "attribution_method",
    ]) {
      await q.query(`ALTER TABLE quotes DROP COLUMN IF EXISTS ${col}`);
    }
  }
}
