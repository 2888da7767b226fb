// Every resolver class of the news graph, for buildSchema.
import { ArticleFieldsResolver } from "./article-fields.resolver";
import { ArticleResolver } from "./article.resolver";
import { CommentFieldsResolver } from "./comment-fields.resolver";
import { OutletResolver } from "./outlet.resolver";
import { QuoteFieldsResolver } from "./quote-fields.resolver";
import { QuoteResolver } from "./quote.resolver";
import { ReactionFieldsResolver } from "./reaction-fields.resolver";
import { SpeakerFieldsResolver } from "./speaker-fields.resolver";
import { SpeakerResolver } from "./speaker.resolver";

export const RESOLVERS = [
  ArticleResolver,
  ArticleFieldsResolver,
  CommentFieldsResolver,
  OutletResolver,
  QuoteResolver,
  QuoteFieldsResolver,
  ReactionFieldsResolver,
  SpeakerResolver,
  SpeakerFieldsResolver,
] as const;
