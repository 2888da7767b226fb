// Every resolver class of the news graph, for buildSchema.
import { ArticleFieldsResolver } from "./article/article-fields.resolver";
import { ArticleResolver } from "./article/article.resolver";
import { CommentFieldsResolver } from "./comment/comment-fields.resolver";
import { CommentModerationFieldsResolver, CommentModerationReportsResolver } from "./moderation/comment-moderation-fields.resolver";
import { CommentMutationResolver } from "./comment/comment.mutation.resolver";
import { EditorialResolver } from "./editorial/editorial.resolver";
import { IngestResolver } from "./ingest/ingest.resolver";
import { ModerationResolver } from "./moderation/moderation.resolver";
import { ReactionMutationResolver } from "./reaction/reaction.mutation.resolver";
import { SubscriptionResolver } from "./subscription/subscription.resolver";
import { OutletResolver } from "./outlet/outlet.resolver";
import { QuoteFieldsResolver } from "./quote/quote-fields.resolver";
import { QuoteResolver } from "./quote/quote.resolver";
import { ReactionFieldsResolver } from "./reaction/reaction-fields.resolver";
import { SpeakerFieldsResolver } from "./speaker/speaker-fields.resolver";
import { SpeakerResolver } from "./speaker/speaker.resolver";
import { QuoteStatsResolver } from "./analytics/quote-stats.resolver";
import { QuoteBucketFieldsResolver } from "./analytics/quote-bucket-fields.resolver";
import { SpeakerAnalyticsResolver } from "./analytics/speaker-analytics.resolver";
import { SourceResolver } from "./source/source.resolver";
import { WatchResolver } from "./watch/watch.resolver";
import { QuoteAttributionResolver } from "./quote/quote-attribution.resolver";

export const RESOLVERS = [
  ArticleResolver,
  ArticleFieldsResolver,
  CommentFieldsResolver,
  CommentMutationResolver,
  CommentModerationFieldsResolver,
  CommentModerationReportsResolver,
  ModerationResolver,
  ReactionMutationResolver,
  EditorialResolver,
  IngestResolver,
  SubscriptionResolver,
  OutletResolver,
  QuoteResolver,
  QuoteFieldsResolver,
  QuoteAttributionResolver,
  ReactionFieldsResolver,
  SpeakerResolver,
  SpeakerFieldsResolver,
  QuoteStatsResolver,
  QuoteBucketFieldsResolver,
  SpeakerAnalyticsResolver,
  SourceResolver,
  WatchResolver,
] as const;
