// Moderators' side: the queues (comments held as PENDING, published comments readers REPORTED) with
// their counts, the decision on a comment, and the reports behind it.
import type { DataSource } from "typeorm";
import { CommentReport } from "../../entities/comment-report.entity";
import { CommentStatus } from "../../entities/comment-status.enum";
import { Comment } from "../../entities/comment.entity";
import { requireRole, type Actor } from "../auth/actor";
import { hasRole } from "../auth/roles";
import { assertUuid, BadUserInputError, NotFoundError } from "../errors";
import type { Viewer } from "../auth/identity";
import type { Visibility } from "../auth/visibility";
import { articleVisibleSql } from "../articles/article.service";
import { hydrate, selectColumns } from "../pagination/entity-rows";
import { countRows, fetchPage, type ListQuery, type RawRow } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { ContentChanges } from "../cache/content-changes";
import type { NewsEvents } from "../pubsub/news-events";

export type ModerationQueueName = "PENDING" | "REPORTED";

export interface QueueCounts {
  pending: number;
  reported: number;
}

const QUEUE_WHERE: Record<ModerationQueueName, string> = {
  PENDING: `c.status = 'PENDING'`,
  REPORTED: `c.status = 'PUBLISHED' AND c.report_count > 0`,
};

const MAX_NOTE_LENGTH = 1000;

/**
 * Held and reported comments on articles the moderator may see. Drafts are hidden from everyone but editors,
 * moderators included: a moderator who is not an editor neither sees nor decides comments on a draft.
 */
function onVisibleArticle(vis: Visibility): string | null {
  const visible = articleVisibleSql(vis, "a");
  return visible ? `EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id AND ${visible})` : null;
}

/** Whether `viewer` may read why `comment` was held or rejected: moderators, and the comment's own author. */
export function canSeeModeration(viewer: Viewer | null, comment: Comment): boolean {
  if (!viewer) return false;
  return hasRole(viewer, "MODERATOR") || (comment.authorId !== null && comment.authorId === viewer.id);
}

export class ModerationService {
  constructor(
    private readonly ds: DataSource,
    private readonly events: NewsEvents,
    private readonly changes: ContentChanges = new ContentChanges(),
  ) {}

  private queueQuery(queue: ModerationQueueName, vis: Visibility): ListQuery {
    const visible = onVisibleArticle(vis);
    return {
      select: selectColumns(this.ds, Comment, "c"),
      from: "comments c",
      where: visible ? [QUEUE_WHERE[queue], visible] : [QUEUE_WHERE[queue]],
      params: [],
      // Oldest first: the queue is worked through in the order comments arrived.
      keys: [
        { expr: "c.created_at", type: "timestamptz" },
        { expr: "c.id", type: "uuid" },
      ],
      descending: false,
    };
  }

  async queue(actor: Actor, queue: ModerationQueueName, page: PageRequest) {
    requireRole(actor, "MODERATOR");
    const q = this.queueQuery(queue, actor.visibility);
    const rows = await fetchPage(this.ds, q, page, (r) => ({ node: hydrate(this.ds, Comment, r) }));
    return { rows, count: () => countRows(this.ds, q) };
  }

  async counts(actor: Actor): Promise<QueueCounts> {
    requireRole(actor, "MODERATOR");
    const visible = onVisibleArticle(actor.visibility);
    const rows: Array<{ pending: string; reported: string }> = await this.ds.query(
      `SELECT count(*) FILTER (WHERE ${QUEUE_WHERE.PENDING}) AS pending, count(*) FILTER (WHERE ${QUEUE_WHERE.REPORTED}) AS reported
       FROM comments c WHERE c.status IN ('PENDING', 'PUBLISHED')${visible ? ` AND ${visible}` : ""}`,
    );
    return { pending: Number(rows[0].pending), reported: Number(rows[0].reported) };
  }

  /** A moderator's decision: PUBLISHED (releases a held comment, clears reports) or REJECTED, with a note. */
  async moderate(actor: Actor, id: string, status: CommentStatus, note?: string | null): Promise<Comment> {
    const user = requireRole(actor, "MODERATOR");
    const commentId = assertUuid(id, "id");
    if (status !== CommentStatus.PUBLISHED && status !== CommentStatus.REJECTED) {
      throw new BadUserInputError("status must be PUBLISHED or REJECTED.", "status");
    }
    const cleanNote = note?.normalize("NFC").trim() || null;
    if (cleanNote && [...cleanNote].length > MAX_NOTE_LENGTH) throw new BadUserInputError(`note may be at most ${MAX_NOTE_LENGTH} characters.`, "note");
    let before: CommentStatus | null = null;
    const saved = await this.ds.transaction(async (m) => {
      const visible = onVisibleArticle(actor.visibility);
      // A comment on an article the moderator may not see is, to them, not there.
      const rows: RawRow[] = await m.query(`SELECT ${selectColumns(this.ds, Comment, "c")} FROM comments c WHERE c.id = $1${visible ? ` AND ${visible}` : ""} FOR UPDATE OF c`, [commentId]);
      if (!rows[0]) throw new NotFoundError("Comment", commentId);
      const c = hydrate(this.ds, Comment, rows[0]);
      if (c.status === CommentStatus.DELETED) throw new BadUserInputError("A deleted comment cannot be moderated.", "id");
      before = c.status;
      Object.assign(c, {
        status,
        moderationNote: cleanNote,
        moderatedBy: user.id,
        moderatedAt: actor.now,
        // A decision settles the reports; they stay on record in comment_reports.
        reportCount: 0,
        ...(status === CommentStatus.REJECTED && !c.moderationRule ? { moderationRule: "MODERATOR" } : {}),
      });
      return m.getRepository(Comment).save(c);
    });
    if (saved.status === CommentStatus.PUBLISHED && before !== CommentStatus.PUBLISHED) {
      this.events.commentPublished({ articleId: saved.articleId, commentId: saved.id });
    }
    await this.changes.comment(saved);
    return saved;
  }

  /** The reports on each comment, oldest first (for the moderators' view; batched by a loader). */
  async reportsByComment(commentIds: readonly string[]): Promise<CommentReport[][]> {
    const rows: RawRow[] = await this.ds.query(
      `SELECT ${selectColumns(this.ds, CommentReport, "r")} FROM comment_reports r WHERE r.comment_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
      [commentIds],
    );
    const reports = rows.map((r) => hydrate(this.ds, CommentReport, r));
    return commentIds.map((id) => reports.filter((r) => r.commentId === id));
  }
}
