// Reader writes on comments: post (with the automatic moderation pipeline), edit within the window,
// soft delete, report. Every write runs in one transaction; events go out after it commits.
import type { DataSource, EntityManager } from "typeorm";
import { CommentStatus } from "../../entities/comment-status.enum";
import { Comment } from "../../entities/comment.entity";
import { requireUser, rateKey, type Actor } from "../auth/actor";
import { hasRole } from "../auth/roles";
import { articleVisibleSql } from "../articles/article.service";
import { assertUuid, BadUserInputError, ConflictError, ForbiddenError, NotFoundError, UnauthenticatedError } from "../errors";
import { hydrate, selectColumns } from "../pagination/entity-rows";
import type { Config } from "../config";
import { assessComment, parseWordList, type ModerationRules } from "../moderation/comment-rules";
import type { RawRow } from "../pagination/keyset-query";
import { ContentChanges } from "../cache/content-changes";
import type { NewsEvents } from "../pubsub/news-events";
import type { RateLimits } from "../rate-limit/rate-limits";
import { cleanCommentBody } from "./comment-body";
import { commentVisibleSql, readableStatuses } from "./comment.service";

export interface CommentPolicy {
  allowAnonymous: boolean;
  maxDepth: number;
  editWindowSeconds: number;
  rules: ModerationRules;
}

export const DEFAULT_COMMENT_POLICY: CommentPolicy = {
  allowAnonymous: false,
  maxDepth: 3,
  editWindowSeconds: 900,
  rules: { banned: [], suspect: [], holdLinks: true },
};

export interface AddCommentData {
  articleId: string;
  parentId?: string | null;
  body: string;
}

const MAX_REASON_LENGTH = 500;

export class CommentWriteService {
  constructor(
    private readonly ds: DataSource,
    private readonly policy: CommentPolicy,
    private readonly events: NewsEvents,
    private readonly limits: RateLimits,
    private readonly changes: ContentChanges = new ContentChanges(),
  ) {}

  /** One comment row, locked for update, or null. */
  private async lockComment(m: EntityManager, id: string): Promise<Comment | null> {
    const rows: RawRow[] = await m.query(`SELECT ${selectColumns(this.ds, Comment, "c")} FROM comments c WHERE c.id = $1 FOR UPDATE`, [id]);
    return rows[0] ? hydrate(this.ds, Comment, rows[0]) : null;
  }

  /** The comment `actor` may see (its own held comments included) on an article it may see, locked, or NOT_FOUND. */
  private async visibleComment(m: EntityManager, actor: Actor, id: string): Promise<Comment> {
    const c = await this.lockComment(m, id);
    if (!c) throw new NotFoundError("Comment", id);
    const article = articleVisibleSql(actor.visibility, "a");
    const visible: Array<{ ok: boolean }> = await m.query(
      `SELECT ((${commentVisibleSql(actor.visibility, "c", true)}) OR c.author_id = $2)${article ? ` AND ${article}` : ""} AS ok
       FROM comments c JOIN articles a ON a.id = c.article_id WHERE c.id = $1`,
      [id, actor.user?.id ?? null],
    );
    if (!visible[0]?.ok) throw new NotFoundError("Comment", id);
    return c;
  }

  async addComment(actor: Actor, data: AddCommentData): Promise<Comment> {
    if (!actor.user && !this.policy.allowAnonymous) throw new UnauthenticatedError("Sign in to comment.");
    const articleId = assertUuid(data.articleId, "input.articleId");
    const parentId = data.parentId == null ? null : assertUuid(data.parentId, "input.parentId");
    const body = cleanCommentBody(data.body, "input.body");
    await this.limits.consume("comment", rateKey(actor), actor.now);
    const verdict = assessComment(body, this.policy.rules);

    const row = {
      authorId: actor.user?.id ?? null,
      authorName: actor.user?.name ?? "Anonymous",
      body,
      status: verdict.status,
      moderationRule: verdict.rule,
      moderationWord: verdict.word,
    };
    // A top-level comment is one statement (atomic on its own): the article check and the insert
    // together, so a burst of comments holds the database as briefly as possible.
    const saved = parentId ? await this.ds.transaction((m) => this.insertReply(m, actor, articleId, parentId, row)) : await this.insert(this.ds, actor, articleId, null, 1, row);
    this.announce(saved, null);
    await this.changes.comment(saved);
    return saved;
  }

  /** Inserts the comment if the article exists and `actor` may see it; NOT_FOUND otherwise. */
  private async insert(
    m: Pick<EntityManager, "query">,
    actor: Actor,
    articleId: string,
    parentId: string | null,
    depth: number,
    row: Pick<Comment, "authorId" | "authorName" | "body" | "status" | "moderationRule" | "moderationWord">,
  ): Promise<Comment> {
    const visible = articleVisibleSql(actor.visibility, "a");
    const rows: RawRow[] = await m.query(
      `INSERT INTO comments AS c (article_id, parent_id, depth, author_id, author_name, body, status, moderation_rule, moderation_word, created_at)
       SELECT a.id, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM articles a WHERE a.id = $1${visible ? ` AND ${visible}` : ""}
       RETURNING ${selectColumns(this.ds, Comment, "c")}`,
      [articleId, parentId, depth, row.authorId, row.authorName, row.body, row.status, row.moderationRule, row.moderationWord, actor.now],
    );
    if (!rows[0]) throw new NotFoundError("Article", articleId);
    return hydrate(this.ds, Comment, rows[0]);
  }

  /** A reply: the parent must be readable, on the same article, not deleted, and shallow enough. */
  private async insertReply(m: EntityManager, actor: Actor, articleId: string, parentId: string, row: Parameters<CommentWriteService["insert"]>[5]): Promise<Comment> {
    const parent = await this.visibleComment(m, actor, parentId).catch((err) => {
      if (err instanceof NotFoundError) throw new BadUserInputError(`input.parentId: comment ${parentId} was not found.`, "input.parentId");
      throw err;
    });
    if (parent.articleId !== articleId) throw new BadUserInputError("input.parentId is a comment on another article.", "input.parentId");
    if (parent.status === CommentStatus.DELETED) throw new BadUserInputError("input.parentId was deleted; it takes no new replies.", "input.parentId");
    // Only comments the public (or, for moderators, the moderator) can read take replies: a reply
    // under a held comment would be counted where no one could reach it.
    if (!readableStatuses(actor.visibility).includes(parent.status)) {
      throw new BadUserInputError("input.parentId is awaiting moderation; it takes replies once published.", "input.parentId");
    }
    const depth = parent.depth + 1;
    if (depth > this.policy.maxDepth) {
      throw new BadUserInputError(`Replies nest at most ${this.policy.maxDepth} deep; reply to an earlier comment in the thread.`, "input.parentId");
    }
    return this.insert(m, actor, articleId, parentId, depth, row);
  }

  async editComment(actor: Actor, id: string, rawBody: string): Promise<Comment> {
    const user = requireUser(actor);
    const commentId = assertUuid(id, "id");
    const body = cleanCommentBody(rawBody, "body");
    await this.limits.consume("write", rateKey(actor), actor.now);
    let before: CommentStatus | null = null;
    const saved = await this.ds.transaction(async (m) => {
      const c = await this.visibleComment(m, actor, commentId);
      if (c.authorId !== user.id) throw new ForbiddenError("Only the author may edit a comment.");
      if (c.status === CommentStatus.DELETED) throw new ConflictError("A deleted comment cannot be edited.");
      if (c.status === CommentStatus.REJECTED || c.moderatedBy) throw new ForbiddenError("A moderator has decided on this comment; it can no longer be edited.");
      const age = (actor.now.getTime() - c.createdAt.getTime()) / 1000;
      if (age > this.policy.editWindowSeconds) {
        throw new ForbiddenError(`Comments can be edited for ${Math.round(this.policy.editWindowSeconds / 60)} minutes after posting; this one is older.`);
      }
      before = c.status;
      const verdict = assessComment(body, this.policy.rules);
      Object.assign(c, { body, editedAt: actor.now, status: verdict.status, moderationRule: verdict.rule, moderationWord: verdict.word });
      return m.getRepository(Comment).save(c);
    });
    this.announce(saved, before);
    await this.changes.comment(saved);
    return saved;
  }

  /**
   * Delete by the author or a moderator. A published comment leaves a "deleted" placeholder in the thread
   * (its replies keep their place). A held one (PENDING or REJECTED) was never public and must not become
   * public as a placeholder: it is removed, or, when it has replies, emptied and kept REJECTED (hidden).
   */
  async deleteComment(actor: Actor, id: string): Promise<Comment> {
    const user = requireUser(actor);
    const commentId = assertUuid(id, "id");
    const saved = await this.ds.transaction(async (m) => {
      const c = await this.visibleComment(m, actor, commentId);
      if (c.authorId !== user.id && !hasRole(user, "MODERATOR")) throw new ForbiddenError("Only the author or a moderator may delete a comment.");
      if (c.status === CommentStatus.DELETED) return c;
      if (c.status === CommentStatus.PENDING || c.status === CommentStatus.REJECTED) {
        const replies: RawRow[] = await m.query(`SELECT 1 FROM comments WHERE parent_id = $1 LIMIT 1`, [c.id]);
        if (!replies.length) {
          await m.query(`DELETE FROM comments WHERE id = $1`, [c.id]);
          return Object.assign(c, { status: CommentStatus.DELETED, body: "", deletedAt: actor.now });
        }
        Object.assign(c, { status: CommentStatus.REJECTED, body: "", deletedAt: actor.now });
        return m.getRepository(Comment).save(c);
      }
      Object.assign(c, { status: CommentStatus.DELETED, body: "", deletedAt: actor.now });
      return m.getRepository(Comment).save(c);
    });
    await this.changes.comment(saved);
    return saved;
  }

  /** A reader's report; each reader counts once per comment. Reported comments enter the REPORTED queue. */
  async reportComment(actor: Actor, id: string, rawReason: string): Promise<Comment> {
    const user = requireUser(actor);
    const commentId = assertUuid(id, "id");
    const reason = rawReason.normalize("NFC").trim();
    if (!reason) throw new BadUserInputError("reason must not be empty.", "reason");
    if ([...reason].length > MAX_REASON_LENGTH) throw new BadUserInputError(`reason may be at most ${MAX_REASON_LENGTH} characters.`, "reason");
    await this.limits.consume("write", rateKey(actor), actor.now);
    let fresh = false;
    const saved = await this.ds.transaction(async (m) => {
      const c = await this.visibleComment(m, actor, commentId);
      if (c.status !== CommentStatus.PUBLISHED) throw new ConflictError("Only published comments can be reported.");
      const inserted: RawRow[] = await m.query(
        `INSERT INTO comment_reports (comment_id, reporter_id, reason, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (comment_id, reporter_id) DO NOTHING RETURNING id`,
        [commentId, user.id, reason, actor.now],
      );
      if (inserted.length) {
        fresh = true;
        c.reportCount += 1;
        await m.query(`UPDATE comments SET report_count = report_count + 1 WHERE id = $1`, [commentId]);
      }
      return c;
    });
    if (fresh) this.events.commentQueued({ articleId: saved.articleId, commentId: saved.id });
    if (fresh) await this.changes.comment(saved);
    return saved;
  }

  /** Tells subscribers: the public when a comment becomes visible, moderators when one is held. */
  private announce(c: Comment, before: CommentStatus | null): void {
    const e = { articleId: c.articleId, commentId: c.id };
    if (c.status === CommentStatus.PUBLISHED && before !== CommentStatus.PUBLISHED) this.events.commentPublished(e);
    if (c.status === CommentStatus.PENDING && before !== CommentStatus.PENDING) this.events.commentQueued(e);
  }
}

/** The comment policy the configuration sets. */
export function commentPolicyFromConfig(config: Config): CommentPolicy {
  return {
    allowAnonymous: config.COMMENTS_ALLOW_ANONYMOUS,
    maxDepth: config.COMMENTS_MAX_DEPTH,
    editWindowSeconds: config.COMMENTS_EDIT_WINDOW_SECONDS,
    rules: {
      banned: parseWordList(config.COMMENTS_BANNED_WORDS),
      suspect: parseWordList(config.COMMENTS_SUSPECT_WORDS),
      holdLinks: config.COMMENTS_HOLD_LINKS,
    },
  };
}
