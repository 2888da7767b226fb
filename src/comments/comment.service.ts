// Reads comments: top-level threads per article, replies per comment, and counts. Only PUBLISHED
// comments are ever returned by these reads: visibility is decided here, once, for every path.
import type { DataSource } from "typeorm";
import { Comment } from "../../entities/comment.entity";
import { countBatched, fetchBatchedPages, type ListQuery, type SortKey } from "../pagination/keyset-query";
import type { PageRequest } from "../pagination/page-request";
import { hydrate, selectColumns } from "../pagination/entity-rows";

export type CommentOrder = "NEWEST" | "OLDEST" | "MOST_REPLIED";

const PUBLIC = `c.status = 'PUBLISHED'`;
const REPLY_COUNT = `(SELECT count(*) FROM comments rc WHERE rc.parent_id = c.id AND rc.status = 'PUBLISHED')`;

export class CommentService {
  constructor(private readonly ds: DataSource) {}

  private query(topLevel: boolean, order: CommentOrder): ListQuery {
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
    return {
      select: selectColumns(this.ds, Comment, "c"),
      from: "comments c",
      where: topLevel ? [PUBLIC, "c.parent_id IS NULL"] : [PUBLIC],
      params: [],
      keys,
      descending: order !== "OLDEST",
    };
  }

  /** The published comments with these ids, in the order asked; null where there is none (or it is not public). */
  async byIds(ids: readonly string[]): Promise<Array<Comment | null>> {
    const rows: Array<Record<string, unknown>> = await this.ds.query(
      `SELECT ${selectColumns(this.ds, Comment, "c")} FROM comments c WHERE ${PUBLIC} AND c.id = ANY($1::uuid[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id as string, hydrate(this.ds, Comment, r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Top-level published comments of each article. */
  pagesByArticle(articleIds: readonly string[], order: CommentOrder, page: PageRequest) {
    return fetchBatchedPages(this.ds, this.query(true, order), "c.article_id", articleIds, page, (r) => ({ node: hydrate(this.ds, Comment, r) }));
  }

  countsByArticle(articleIds: readonly string[]) {
    return countBatched(this.ds, this.query(true, "NEWEST"), "c.article_id", articleIds);
  }

  /** Published replies of each comment, oldest first by default (threads read top-down). */
  pagesByParent(parentIds: readonly string[], order: CommentOrder, page: PageRequest) {
    return fetchBatchedPages(this.ds, this.query(false, order), "c.parent_id", parentIds, page, (r) => ({ node: hydrate(this.ds, Comment, r) }));
  }

  replyCounts(parentIds: readonly string[]) {
    return countBatched(this.ds, this.query(false, "OLDEST"), "c.parent_id", parentIds);
  }

  /** All published comments of each article, replies included. */
  async totalCounts(articleIds: readonly string[]): Promise<number[]> {
    const rows: Array<{ article_id: string; n: string }> = await this.ds.query(
      `SELECT article_id, count(*) AS n FROM comments c WHERE ${PUBLIC} AND c.article_id = ANY($1::uuid[]) GROUP BY 1`,
      [articleIds],
    );
    const byId = new Map(rows.map((r) => [r.article_id, Number(r.n)]));
    return articleIds.map((id) => byId.get(id) ?? 0);
  }
}
