// The DataLoaders of one request. Every relation field resolves through one of these, so a list of N
// parents costs one SQL statement per field, not N. Created per request: never shared between users.
import DataLoader from "dataloader";
import type { Article } from "../../entities/article.entity";
import type { CommentReport } from "../../entities/comment-report.entity";
import type { Comment } from "../../entities/comment.entity";
import type { Outlet } from "../../entities/outlet.entity";
import type { Quote } from "../../entities/quote.entity";
import type { Speaker } from "../../entities/speaker.entity";
import type { PageRows } from "../pagination/keyset-query";
import { argsKey, type PageRequest } from "../pagination/page-request";
import type { Services } from "../services";
import { PUBLIC_VISIBILITY, type Visibility } from "../auth/visibility";

type PageBatch<E> = (ids: readonly string[]) => Promise<Map<string, PageRows<E>>>;
type CountBatch = (ids: readonly string[]) => Promise<Map<string, number>>;

export class Loaders {
  readonly articleById: DataLoader<string, Article | null>;
  readonly outletById: DataLoader<string, Outlet | null>;
  readonly speakerById: DataLoader<string, Speaker | null>;
  readonly quoteById: DataLoader<string, Quote | null>;
  readonly commentById: DataLoader<string, Comment | null>;
  /** Speakers by their other federation keys (`@key(fields: "wikidataId")`, `@key(fields: "slug")`). */
  readonly speakerByWikidataId: DataLoader<string, Speaker | null>;
  readonly speakerBySlug: DataLoader<string, Speaker | null>;
  readonly reactionSummary;
  readonly speakerStats;
  readonly commentTotal: DataLoader<string, number>;

  /** Readers' reports on each comment (moderators' view). */
  readonly commentReports: DataLoader<string, CommentReport[]>;

  /** Loaders for nested pages and counts, one per field and argument set. */
  private readonly keyed = new Map<string, DataLoader<string, unknown>>();

  /** `visibility` is the request's: loaders never return a draft or a held comment to someone who may not see it. */
  constructor(
    services: Services,
    readonly visibility: Visibility = PUBLIC_VISIBILITY,
  ) {
    this.articleById = new DataLoader((ids) => services.articles.byIds(ids, visibility));
    this.outletById = new DataLoader((ids) => services.outlets.byIds(ids));
    this.speakerById = new DataLoader((ids) => services.speakers.byIds(ids));
    this.quoteById = new DataLoader((ids) => services.quotes.byIds(ids, visibility));
    this.commentById = new DataLoader((ids) => services.comments.byIds(ids, visibility));
    this.speakerByWikidataId = new DataLoader((values) => services.speakers.byUniqueKey("wikidataId", values));
    this.speakerBySlug = new DataLoader((values) => services.speakers.byUniqueKey("slug", values));
    this.reactionSummary = new DataLoader((ids: readonly string[]) => services.reactions.summaries(ids));
    this.speakerStats = new DataLoader((ids: readonly string[]) => services.quotes.speakerStats(ids, visibility));
    this.commentTotal = new DataLoader((ids: readonly string[]) => services.comments.totalCounts(ids, visibility));
    this.commentReports = new DataLoader((ids: readonly string[]) => services.moderation.reportsByComment(ids));
  }

  private loader<V>(key: string, batch: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V): DataLoader<string, V> {
    let l = this.keyed.get(key) as DataLoader<string, V> | undefined;
    if (!l) {
      l = new DataLoader<string, V>(async (ids) => {
        const m = await batch(ids);
        return ids.map((id) => m.get(id) ?? missing);
      });
      this.keyed.set(key, l as DataLoader<string, unknown>);
    }
    return l;
  }

  /** The page of field `field` (with `args`) for parent `id`, batched with its siblings. */
  page<E>(field: string, args: unknown, page: PageRequest, id: string, batch: PageBatch<E>): Promise<PageRows<E>> {
    const empty: PageRows<E> = { rows: [], cursors: [], hasNextPage: false, hasPreviousPage: false, total: 0 };
    return this.loader(`page:${field}:${argsKey([args, page])}`, batch, empty).load(id);
  }

  /** Records a total that came with another statement, so `count()` for it sends none. */
  primeCount(field: string, args: unknown, id: string, value: number, batch: CountBatch): void {
    this.loader(`count:${field}:${argsKey(args)}`, batch, 0).prime(id, value);
  }

  /** Any per-parent value of field `field` (with `args`) for parent `id`, batched with its siblings (e.g. a speaker's timeline). */
  batch<V>(field: string, args: unknown, id: string, batch: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V): Promise<V> {
    return this.loader(`batch:${field}:${argsKey(args)}`, batch, missing).load(id);
  }

  /** The total of field `field` (with `args`) for parent `id`, batched with its siblings. */
  count(field: string, args: unknown, id: string, batch: CountBatch): Promise<number> {
    return this.loader(`count:${field}:${argsKey(args)}`, batch, 0).load(id);
  }
}
