// Reads comments: top-level threads per article, replies per comment, and counts. Which comments a
// reader sees is decided here, once, for every path: the public sees PUBLISHED comments (and the
// "deleted" tombstones that keep threads readable); moderators also see PENDING and REJECTED ones.
// Comments of an article hidden from the viewer (a draft) are never returned by id either.
import type { DataSource } from "typeorm";
import { Comment } from "../../entities/comment.entity";
import type { Visibility } from "../auth/visibility";
import { articleVisibleSql } from "../articles/article.service";
import { countBatched, fetchBatchedPages, type ListQuery, type RawRow, type SortKey } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { hydrate, selectColumns } from "../pagination/entity-rows";

export type CommentOrder = "NEWEST" | "OLDEST" | "MOST_REPLIED";

/** Statuses `vis` may read as live comments (counted in commentCount and replyCount). */
export function readableStatuses(vis: Visibility): string[] {
  return vis.heldComments ? ["PUBLISHED", "PENDING", "REJECTED"] : ["PUBLISHED"];
}

/** SQL condition: comment `alias` is one `vis` may read (`tombstones`: deleted ones count too, as placeholders in threads). */
export function commentVisibleSql(vis: Visibility, alias = "c", tombstones = false): string {
  const statuses = [...readableStatuses(vis), ...(tombstones ? ["DELETED"] : [])];
  return `${alias}.status IN (${statuses.map((s) => `'${s}'`).join(", ")})`;
}

/**
 * `FROM … WHERE …` of the live (not deleted) comments `vis` may read, as `alias`, that meet `condition`
 * (an article's, a comment's replies). The one home of Article.commentCount's and Comment.replyCount's
 * counting: the loaders and the read planner count with it.
 */
export function liveCommentsSql(vis: Visibility, alias: string, condition: string): string {
  return `FROM comments ${alias} WHERE ${commentVisibleSql(vis, alias)} AND ${condition}`;
}

const REPLY_COUNT = `(SELECT count(*) FROM comments rc WHERE rc.parent_id = c.id AND rc.status = 'PUBLISHED')`;

export class CommentService {
  constructor(private readonly ds: DataSource) {}

  /** Top-level comments or replies as a keyset query, by parent (the read planner composes it into larger statements). */
  listQuery(topLevel: boolean, order: CommentOrder, vis: Visibility, tombstones = true): ListQuery {
    const keys: SortKey[] =
      order === "MOST_REPLIED"
        ? [
            { expr: `${REPLY_COUNT}::int`, type: "int" },
            { expr: "c.created_at", type: "timestamptz" },
            { expr: "c.id", type: "uuid" },
          ]
        : [
            { expr: "c.created_at", type: "timestamptz" },
            { expr: "c.id", type: "uuid" },
          ];
    const visible = commentVisibleSql(vis, "c", tombstones);
    return {
      select: selectColumns(this.ds, Comment, "c"),
      from: "comments c",
      where: topLevel ? [visible, "c.parent_id IS NULL"] : [visible],
      params: [],
      keys,
      descending: order !== "OLDEST",
    };
  }

  /** The comments with these ids that `vis` may see, in the order asked; null where there is none. */
  async byIds(ids: readonly string[], vis: Visibility): Promise<Array<Comment | null>> {
    const article = articleVisibleSql(vis, "a");
    const rows: RawRow[] = await this.ds.query(
      `SELECT ${selectColumns(this.ds, Comment, "c")} FROM comments c JOIN articles a ON a.id = c.article_id ` +
        `WHERE c.id = ANY($1::uuid[]) AND ${commentVisibleSql(vis, "c", true)}${article ? ` AND ${article}` : ""}`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id as string, hydrate(this.ds, Comment, r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Top-level comments of each article (deleted ones stay as placeholders). `withReplyCount` adds each
   * comment's `replyCounts` number to its edge, counted in the same statement.
   */
  pagesByArticle(articleIds: readonly string[], order: CommentOrder, page: PageRequest, vis: Visibility, withReplyCount = false) {
    const q = this.listQuery(true, order, vis);
    if (withReplyCount) {
      q.select += `, (SELECT count(*) ${liveCommentsSql(vis, "rc", "rc.parent_id = c.id")})::int AS "__replyCount"`;
    }
    return fetchBatchedPages(this.ds, q, "c.article_id", articleIds, page, (r) => ({
      node: hydrate(this.ds, Comment, r),
      replyCount: r.__replyCount === undefined ? undefined : Number(r.__replyCount),
    }));
  }

  countsByArticle(articleIds: readonly string[], vis: Visibility) {
    return countBatched(this.ds, this.listQuery(true, "NEWEST", vis), "c.article_id", articleIds);
  }

  /** Replies of each comment, oldest first by default (threads read top-down). */
  pagesByParent(parentIds: readonly string[], order: CommentOrder, page: PageRequest, vis: Visibility) {
    return fetchBatchedPages(this.ds, this.listQuery(false, order, vis), "c.parent_id", parentIds, page, (r) => ({ node: hydrate(this.ds, Comment, r) }));
  }

  /** Replies in each thread's list (placeholders for deleted replies included). */
  replyListCounts(parentIds: readonly string[], vis: Visibility) {
    return countBatched(this.ds, this.listQuery(false, "OLDEST", vis), "c.parent_id", parentIds);
  }

  /** Live (not deleted) replies of each comment that `vis` may read. */
  async replyCounts(parentIds: readonly string[], vis: Visibility): Promise<Map<string, number>> {
    const rows: Array<{ parent_id: string; n: string }> = await this.ds.query(`SELECT c.parent_id, count(*) AS n ${liveCommentsSql(vis, "c", "c.parent_id = ANY($1::uuid[])")} GROUP BY 1`, [
      parentIds,
    ]);
    return new Map(rows.map((r) => [r.parent_id, Number(r.n)]));
  }

  /** All live comments of each article that `vis` may read, replies included. */
  async totalCounts(articleIds: readonly string[], vis: Visibility): Promise<number[]> {
    const rows: Array<{ article_id: string; n: string }> = await this.ds.query(
      `SELECT c.article_id, count(*) AS n ${liveCommentsSql(vis, "c", "c.article_id = ANY($1::uuid[])")} GROUP BY 1`,
      [articleIds],
    );
    const byId = new Map(rows.map((r) => [r.article_id, Number(r.n)]));
    return articleIds.map((id) => byId.get(id) ?? 0);
  }
}
