// What a write changed, in the cache's terms (cache-tags.ts). The write services report each change
// here after their transaction commits, and wait for it, so the response cache has dropped every answer
// that showed the old data before the mutation's own answer goes out (a reader who posts a comment
// and reloads the page sees it).
//
// The rules (README "Response cache"):
//   comment posted, edited, deleted, reported or moderated → its article, itself, its parent comment
//   reaction added or removed                              → its article
//   article created, updated, published, unpublished, deleted or ingested
//        → the article, its outlet(s), the quotes in it and where they also appeared, their speakers,
//          and the root lists of articles, quotes and speakers (the front page, search, lookups)
//   quote added, updated or deleted → as for its article (before and after the change)
//   speaker created, updated or merged → the speaker(s), the root lists of speakers and quotes (filters by name)
// Every change of a type also drops the answers that show an object of that type without its id.
import type { Logger } from "pino";
import { anyWithoutIdTag, entityTag, listTag, tagKey, type CacheTag } from "./cache-tags";

/** Something that runs SQL: a DataSource, or a transaction's EntityManager. */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export type ChangeListener = (tags: CacheTag[]) => Promise<void> | void;

const ids = (typename: string, values: ReadonlyArray<string | null | undefined>) => values.filter((v): v is string => typeof v === "string" && v !== "").map((id) => entityTag(typename, id));

export class ContentChanges {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly logger?: Logger) {}

  /** Hears every change; returns the function that stops it. */
  listen(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Whether anyone listens (the response cache is on); writers skip naming their changes otherwise. */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  /** `articleDependents`, or null when nobody listens (one statement saved per editorial write). */
  dependentsOf(m: Queryable, articleId: string): Promise<ArticleDependents | null> {
    return this.listening ? articleDependents(m, articleId) : Promise.resolve(null);
  }

  /** Tells every listener, and waits for them. A failing listener is logged: the write itself succeeded. */
  async changed(tags: CacheTag[]): Promise<void> {
    if (!tags.length || !this.listeners.size) return;
    const unique = [...new Map(tags.map((t) => [tagKey(t), t])).values()];
    await Promise.all(
      [...this.listeners].map(async (l) => {
        try {
          await l(unique);
        } catch (err) {
          this.logger?.error({ err, tags: unique.map(tagKey) }, "cache invalidation failed");
        }
      }),
    );
  }

  comment(c: { articleId: string; id: string; parentId?: string | null }): Promise<void> {
    return this.changed([...ids("Article", [c.articleId]), ...ids("Comment", [c.id, c.parentId]), anyWithoutIdTag("Article"), anyWithoutIdTag("Comment")]);
  }

  reactions(articleId: string): Promise<void> {
    return this.changed([...ids("Article", [articleId]), anyWithoutIdTag("Article"), anyWithoutIdTag("Reaction")]);
  }

  speakers(speakerIds: readonly string[]): Promise<void> {
    return this.changed([...ids("Speaker", speakerIds), anyWithoutIdTag("Speaker"), anyWithoutIdTag("Quote"), listTag("Speaker"), listTag("Quote")]);
  }

  /** An article-wide change: see `articleDependents` for what it reaches. */
  article(d: ArticleDependents): Promise<void> {
    return this.changed([
      ...ids("Article", [d.articleId]),
      ...ids("Outlet", d.outletIds),
      ...ids("Quote", d.quoteIds),
      ...ids("Speaker", d.speakerIds),
      ...["Article", "Outlet", "Quote", "Speaker"].map(anyWithoutIdTag),
      listTag("Article"),
      listTag("Quote"),
      listTag("Speaker"),
      listTag("Outlet"),
    ]);
  }
}

export interface ArticleDependents {
  articleId: string;
  outletIds: Array<string | null>;
  /** The article's quotes and the same quotes in other articles (their `appearances` change too). */
  quoteIds: string[];
  /** Who those quotes are by (their quote counts, articles and quote lists change). */
  speakerIds: string[];
}

/**
 * What an article-wide change reaches besides the article: run it inside the write's transaction,
 * before a delete and after an insert or update, so it sees the rows concerned. One statement.
 */
export async function articleDependents(m: Queryable, articleId: string, outletIds: Array<string | null> = []): Promise<ArticleDependents> {
  const rows = (await m.query(
    `SELECT (SELECT outlet_id::text FROM articles WHERE id = $1) AS outlet,
            coalesce(array_agg(DISTINCT q.id::text), '{}') AS quotes,
            coalesce(array_agg(DISTINCT q.speaker_id::text) FILTER (WHERE q.speaker_id IS NOT NULL), '{}') AS speakers
       FROM quotes q WHERE q.text_hash IN (SELECT text_hash FROM quotes WHERE article_id = $1)`,
    [articleId],
  )) as Array<{ outlet: string | null; quotes: string[]; speakers: string[] }>;
  const r = rows[0];
  return { articleId, outletIds: [...outletIds, r?.outlet ?? null], quoteIds: r?.quotes ?? [], speakerIds: r?.speakers ?? [] };
}

/**
 * For processes that write without serving (`newsgraph ingest`): their changes reach the servers'
 * shared response cache in Redis (RESPONSE_CACHE with REDIS_URL). Without Redis each server's cache is
 * its own, out of reach; its answers then live out their maxAge.
 */
export async function sharedCacheChanges(
  config: { RESPONSE_CACHE: boolean; REDIS_URL?: string; RESPONSE_CACHE_PREFIX: string; RESPONSE_CACHE_MAX_ENTRIES: number },
  logger: Logger,
): Promise<{ changes: ContentChanges; close(): Promise<void> }> {
  const changes = new ContentChanges(logger);
  if (!config.RESPONSE_CACHE || !config.REDIS_URL) return { changes, close: async () => undefined };
  const { createResponseCacheStore } = await import("./response-cache-store");
  const store = createResponseCacheStore({ redisUrl: config.REDIS_URL, prefix: config.RESPONSE_CACHE_PREFIX, maxEntries: config.RESPONSE_CACHE_MAX_ENTRIES, logger });
  changes.listen((tags) => store.invalidate(tags));
  return { changes, close: () => store.close() };
}
