// Stores the new or changed items of one poll through the ingest pipeline (extraction, then
// storeInTransaction), one transaction per item: the article, its quotes, the webhook outbox rows
// (written by the store's own statement) and the item's "seen" row commit together. An item whose URL
// or content belongs to a DRAFT article is left alone: an editor's unpublished work is never overwritten.
import type { DataSource, EntityManager } from "typeorm";
import { extractArticle } from "../ingest/extract";
import { contentHash, storeInTransaction } from "../ingest/store/document-store";
import type { ExtractedDocument } from "../ingest/types";
import type { NewsEvents } from "../pubsub/news-events";
import type { FeedItem } from "./feed-reader";

/** Errors a concurrent store of the same article (another poller, another feed) can cause: stored again. */
const RETRYABLE = new Set(["23505", "40P01", "40001"]);

export interface SourceRef {
  id: string;
  outletName: string | null;
  outletDomain: string | null;
}

export interface ItemOutcome {
  key: string;
  outcome: "created" | "updated" | "draft-kept";
  articleId: string | null;
  newQuotes: number;
}

/** The keys of `items` this source already stored in the same version (one statement). */
export async function unchangedKeys(ds: DataSource, sourceId: string, items: FeedItem[]): Promise<Set<string>> {
  if (!items.length) return new Set();
  const rows: Array<{ item_key: string }> = await ds.query(
    `SELECT s.item_key FROM source_items s JOIN jsonb_to_recordset($2::jsonb) AS v(key text, version text) ON v.key = s.item_key AND v.version = s.version
     WHERE s.source_id = $1`,
    [sourceId, JSON.stringify(items.map((i) => ({ key: i.key, version: i.version })))],
  );
  return new Set(rows.map((r) => r.item_key));
}

function codeOf(err: unknown): string | undefined {
  return (err as { driverError?: { code?: string } }).driverError?.code ?? (err as { code?: string }).code;
}

/** Extracts and stores one item; retried when a concurrent store of the same article won a unique key. */
export async function storeItem(ds: DataSource, source: SourceRef, item: FeedItem, events?: NewsEvents): Promise<ItemOutcome> {
  const doc = extractArticle(item.raw);
  // The source's outlet, when it has one, names the articles' outlet (feeds often name themselves oddly).
  if (source.outletName) {
    doc.article.outletName = source.outletName;
    doc.article.outletDomain = source.outletDomain;
  }
  for (let attempt = 1; ; attempt++) {
    try {
      const { outcome, added } = await ds.transaction((m) => storeOne(m, source.id, item, doc));
      for (const q of added) if (q.speaker_id) events?.quoteAdded({ speakerId: q.speaker_id, quoteId: q.id });
      return { ...outcome, newQuotes: added.length };
    } catch (err) {
      const code = codeOf(err);
      if (!code || !RETRYABLE.has(code) || attempt >= 3) throw err;
    }
  }
}

async function storeOne(
  m: EntityManager,
  sourceId: string,
  item: FeedItem,
  doc: ExtractedDocument,
): Promise<{ outcome: Omit<ItemOutcome, "newQuotes">; added: Array<{ id: string; speaker_id: string | null }> }> {
  const url = doc.article.url?.trim() || null;
  const [existing]: Array<{ id: string; status: string; quotes: string[] }> = await m.query(
    `SELECT a.id, a.status, coalesce((SELECT array_agg(q.id) FROM quotes q WHERE q.article_id = a.id), '{}') AS quotes
     FROM articles a WHERE ($1::text IS NOT NULL AND a.url = $1) OR a.content_hash = $2
     ORDER BY (a.url IS NOT DISTINCT FROM $1) DESC LIMIT 1 FOR UPDATE OF a`,
    [url, contentHash(doc.article.title, doc.article.body)],
  );
  const remember = (articleId: string | null) =>
    m.query(
      `INSERT INTO source_items (source_id, item_key, version, article_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (source_id, item_key) DO UPDATE SET version = EXCLUDED.version, article_id = EXCLUDED.article_id, seen_at = now()`,
      [sourceId, item.key, item.version, articleId],
    );
  if (existing && existing.status !== "PUBLISHED") {
    await remember(existing.id);
    return { outcome: { key: item.key, outcome: "draft-kept", articleId: existing.id }, added: [] };
  }
  const stored = await storeInTransaction(m, doc);
  const before = existing?.quotes ?? [];
  const added: Array<{ id: string; speaker_id: string | null }> = await m.query(`SELECT id, speaker_id FROM quotes WHERE article_id = $1 AND NOT (id = ANY($2::uuid[])) ORDER BY position`, [
    stored.article.id,
    before,
  ]);
  await remember(stored.article.id);
  return { outcome: { key: item.key, outcome: stored.created ? "created" : "updated", articleId: stored.article.id }, added };
}
