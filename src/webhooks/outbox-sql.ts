// The outbox: the SQL that writes webhook deliveries for newly stored quotes. It runs as a CTE of the
// very statement that inserts the quotes (src/ingest/store/document-store.ts), so a quote and its
// deliveries are committed together or not at all; a crash after the commit loses nothing, since the
// sender (deliverer.ts) works from these rows.

/**
 * A CTE named `webhook_outbox` writing one PENDING delivery per enabled watch that matches a quote of
 * `quotesCte` (a CTE returning id, speaker_id, kind, text), for the article `articleRef` whose outlet is
 * `outletRef` (SQL expressions). Quotes of an article that is not published (a draft) go to nobody.
 */
export function webhookOutboxCte(quotesCte: string, articleRef: string, outletRef: string): string {
  return `webhook_outbox AS (INSERT INTO webhook_deliveries (watch_id, quote_id)
    SELECT w.id, f.id FROM ${quotesCte} f JOIN watches w ON w.enabled
      AND (w.speaker_id IS NULL OR w.speaker_id = f.speaker_id)
      AND (w.kind IS NULL OR w.kind = f.kind)
      AND (w.outlet_id IS NULL OR w.outlet_id = ${outletRef}::uuid)
      AND (w.words IS NULL OR strpos(lower(f.text), lower(w.words)) > 0)
    WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = ${articleRef}::uuid AND a.status <> 'PUBLISHED')
    ON CONFLICT (watch_id, quote_id) DO NOTHING)`;
}
