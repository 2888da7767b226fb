// Every resolver class of the news graph, for buildSchema.
import { ArticleFieldsResolver } from "./article-fields.resolver";
import { ArticleResolver } from "./article.resolver";
import { CommentFieldsResolver } from "./comment-fields.resolver";
import { CommentModerationFieldsResolver, CommentModerationReportsResolver } from "./comment-moderation-fields.resolver";
import { CommentMutationResolver } from "./comment.mutation.resolver";
import { EditorialResolver } from "./editorial.resolver";
import { IngestResolver } from "./ingest.resolver";
import { ModerationResolver } from "./moderation.resolver";
import { ReactionMutationResolver } from "./reaction.mutation.resolver";
import { SubscriptionResolver } from "./subscription.resolver";
import { OutletResolver } from "./outlet.resolver";
import { QuoteAttributionResolver } from "./quote-attribution.resolver";
import { QuoteFieldsResolver } from "./quote-fields.resolver";
import { QuoteResolver } from "./quote.resolver";
import { ReactionFieldsResolver } from "./reaction-fields.resolver";
import { SpeakerFieldsResolver } from "./speaker-fields.resolver";
import { SpeakerResolver } from "./speaker.resolver";

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
] as const;
