// The domain services, created once per process over one DataSource and shared by all requests.
import type { DataSource } from "typeorm";
import { ArticleService } from "./articles/article.service";
import { CommentService } from "./comments/comment.service";
import { OutletService } from "./outlets/outlet.service";
import { QuoteAppearances } from "./quotes/quote-appearances";
import { QuoteService } from "./quotes/quote.service";
import { ReactionService } from "./reactions/reaction.service";
import { SpeakerService } from "./speakers/speaker.service";
import { CommentWriteService, DEFAULT_COMMENT_POLICY, type CommentPolicy } from "./comments/comment-write.service";
import { EditorialService } from "./editorial/editorial.service";
import { ModerationService } from "./moderation/moderation.service";
import { createNewsEvents, type NewsEvents } from "./pubsub/news-events";
import { ReactionWriteService } from "./reactions/reaction-write.service";
import { RateLimits } from "./rate-limit/rate-limits";
import { ContentChanges } from "./cache/content-changes";
import { ReadPlanner } from "./planner/read-planner";
import { QuoteStatsService } from "./analytics/quote-stats.service";
import { SpeakerAnalyticsService } from "./analytics/speaker-analytics.service";
import { SourceService, type SourcePolicy } from "./sources/source.service";
import { WatchService } from "./webhooks/watch.service";
import type { ExtractPool } from "./ingest/extract-pool";

export interface Services {
  articles: ArticleService;
  comments: CommentService;
  outlets: OutletService;
  quotes: QuoteService;
  quoteAppearances: QuoteAppearances;
  reactions: ReactionService;
  speakers: SpeakerService;
  /** Reader writes on comments (post, edit, delete, report). */
  commentWrites: CommentWriteService;
  moderation: ModerationService;
  reactionWrites: ReactionWriteService;
  editorial: EditorialService;
  /** Subscription events (in-process, or Redis with REDIS_URL). */
  events: NewsEvents;
  rateLimits: RateLimits;
  /** What writes changed, for the response cache to drop what showed it. */
  changes: ContentChanges;
  /** One SQL statement for a whole `article`/`articles`/`quotes` selection; null when READ_PLANNER is off. */
  planner: ReadPlanner | null;
  /** Analysts' aggregates over the quote list (src/analytics). */
  quoteStats: QuoteStatsService;
  speakerAnalytics: SpeakerAnalyticsService;
  /** Live sources (feeds, sitemaps) editors manage. */
  sources: SourceService;
  /** Saved quote searches with their webhooks. */
  watches: WatchService;
  /** Worker threads for `ingestArticle`'s extraction, with its time and size budget; null: on the calling thread. */
  extraction: ExtractPool | null;
}

/** What the write services are built with; startApp passes the configured ones. */
export interface ServiceDeps {
  commentPolicy: CommentPolicy;
  events: NewsEvents;
  rateLimits: RateLimits;
  changes: ContentChanges;
  /** Plan root reads into one statement (READ_PLANNER); on by default. */
  readPlanner: boolean;
  /** How many distinct planned statement texts run as named prepared statements (0: none; see src/db/prepared-statements.ts). */
  preparedStatements: number;
  /** Which source and webhook URLs are accepted (SOURCES_ALLOW_PRIVATE) and the shortest poll interval. */
  sources: SourcePolicy;
  /** The extraction worker pool (the server always has one). */
  extraction: ExtractPool;
}

export function createServices(ds: DataSource, deps: Partial<ServiceDeps> = {}): Services {
  const events = deps.events ?? createNewsEvents();
  const rateLimits = deps.rateLimits ?? new RateLimits({ comment: { points: 5, windowSeconds: 60 }, write: { points: 60, windowSeconds: 60 }, export: { points: 10, windowSeconds: 3600 } });
  const changes = deps.changes ?? new ContentChanges();
  const services = {
    commentWrites: new CommentWriteService(ds, deps.commentPolicy ?? DEFAULT_COMMENT_POLICY, events, rateLimits, changes),
    moderation: new ModerationService(ds, events, changes),
    reactionWrites: new ReactionWriteService(ds, events, rateLimits, changes),
    editorial: new EditorialService(ds, events, changes),
    events,
    rateLimits,
    changes,
    articles: new ArticleService(ds),
    comments: new CommentService(ds),
    outlets: new OutletService(ds),
    quotes: new QuoteService(ds),
    quoteAppearances: new QuoteAppearances(ds),
    reactions: new ReactionService(ds),
    speakers: new SpeakerService(ds),
    sources: new SourceService(ds, deps.sources ?? { allowPrivate: false, minIntervalSeconds: 60 }),
    watches: new WatchService(ds, deps.sources?.allowPrivate ?? false),
  };
  const analytics = { quoteStats: new QuoteStatsService(ds, services.quotes), speakerAnalytics: new SpeakerAnalyticsService(ds, services.quotes) };
  return { ...services, ...analytics, extraction: deps.extraction ?? null, planner: deps.readPlanner === false ? null : new ReadPlanner(ds, services, deps.preparedStatements ?? 0) };
}
