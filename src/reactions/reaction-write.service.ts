// Readers' own reactions: one per reader and article (reacting again changes it, unreact removes it).
import type { DataSource } from "typeorm";
import type { Sentiment } from "../../entities/sentiment.enum";
import { rateKey, requireUser, type Actor } from "../auth/actor";
import { articleVisibleSql } from "../articles/article.service";
import { assertUuid, NotFoundError } from "../errors";
import { ContentChanges } from "../cache/content-changes";
import type { NewsEvents } from "../pubsub/news-events";
import type { RateLimits } from "../rate-limit/rate-limits";

export class ReactionWriteService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: NewsEvents,
    private readonly limits: RateLimits,
    private readonly changes: ContentChanges = new ContentChanges(),
  ) {}

  /** Records (or changes) the reader's reaction; returns the article id. */
  async react(actor: Actor, articleId: string, sentiment: Sentiment): Promise<string> {
    const user = requireUser(actor);
    const id = assertUuid(articleId, "articleId");
    await this.limits.consume("write", rateKey(actor), actor.now);
    await this.ds.transaction(async (m) => {
      await this.assertArticle(m, actor, id);
      // The partial unique index (article_id, user_id) WHERE origin = 'READER' makes this one row per reader.
      await m.query(
        `INSERT INTO reactions (article_id, origin, sentiment, author_name, user_id, position, created_at)
         VALUES ($1, 'READER', $2, $3, $4, (SELECT coalesce(max(position), -1) + 1 FROM reactions WHERE article_id = $1), $5)
         ON CONFLICT (article_id, user_id) WHERE origin = 'READER' DO UPDATE SET sentiment = EXCLUDED.sentiment`,
        [id, sentiment, user.name, user.id, actor.now],
      );
    });
    this.events.reactionsChanged({ articleId: id });
    await this.changes.reactions(id);
    return id;
  }

  /** Removes the reader's reaction, if any; returns the article id. */
  async unreact(actor: Actor, articleId: string): Promise<string> {
    const user = requireUser(actor);
    const id = assertUuid(articleId, "articleId");
    await this.limits.consume("write", rateKey(actor), actor.now);
    const removed = await this.ds.transaction(async (m) => {
      await this.assertArticle(m, actor, id);
      const rows: unknown[] = await m.query(`DELETE FROM reactions WHERE article_id = $1 AND user_id = $2 AND origin = 'READER' RETURNING id`, [id, user.id]);
      return rows.length > 0;
    });
    if (removed) this.events.reactionsChanged({ articleId: id });
    if (removed) await this.changes.reactions(id);
    return id;
  }

  private async assertArticle(m: { query(sql: string, params: unknown[]): Promise<unknown[]> }, actor: Actor, id: string) {
    const visible = articleVisibleSql(actor.visibility, "a");
    const rows = await m.query(`SELECT 1 FROM articles a WHERE a.id = $1${visible ? ` AND ${visible}` : ""} FOR SHARE`, [id]);
    if (!rows.length) throw new NotFoundError("Article", id);
  }
}
