// Arguments of quote lists: the analysts' filters, order and paging.
import { ArgsType, Field, Float, ID, InputType } from "type-graphql";
import { QuoteKind } from "../../entities/quote-kind.enum";
import { SpeakerKind } from "../../entities/speaker-kind.enum";
import type { QuoteFilter } from "../../src/quotes/quote.service";
import { ConnectionArgs } from "../connection.args";
import { QuoteOrder } from "./quote-order.enum";

@InputType({ description: "Which quotes of a speaker to list. All conditions must hold." })
export class SpeakerQuoteFilterInput implements QuoteFilter {
  @Field(() => String, { nullable: true, description: "Full-text search over the quote's words (web search syntax)." })
  search?: string | null;

  @Field(() => QuoteKind, { nullable: true, description: "Only quotes of this kind." })
  kind?: QuoteKind | null;

  @Field(() => ID, { nullable: true, description: "Only quotes in this article." })
  articleId?: string | null;

  @Field(() => Date, { nullable: true, description: "Only quotes from articles published (or, undated, stored) at or after this time." })
  publishedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only quotes from articles published (or, undated, stored) at or before this time." })
  publishedBefore?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "Old name of publishedAfter.",
    deprecationReason: "Use publishedAfter: one name for dates across the schema (article filters use it too).",
  })
  from?: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "Old name of publishedBefore.",
    deprecationReason: "Use publishedBefore: one name for dates across the schema (article filters use it too).",
  })
  to?: Date | null;

  @Field(() => ID, { nullable: true, description: "Only quotes in articles from this outlet (by id)." })
  outletId?: string | null;

  @Field(() => String, { nullable: true, description: "Only quotes in articles from this outlet (by slug, e.g. `the-guardian`)." })
  outletSlug?: string | null;

  @Field(() => String, { nullable: true, description: "Only quotes in articles with this topic tag (case-insensitive)." })
  topic?: string | null;

  @Field(() => String, { nullable: true, description: "Only quotes in articles in this language (BCP 47 tag, e.g. `en`)." })
  language?: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "Only quotes whose speaker was found with at least this confidence, 0 to 1 (see Quote.attribution); quotes without a speaker are left out.",
  })
  minConfidence?: number | null;
}

@InputType({ description: "Which quotes to list. All conditions must hold." })
export class QuoteFilterInput extends SpeakerQuoteFilterInput {
  @Field(() => ID, { nullable: true, description: "Only quotes by this speaker." })
  speakerId?: string | null;

  @Field(() => String, { nullable: true, description: "Only quotes by the speaker with this name or alias (case-insensitive), e.g. `Putin`." })
  speakerName?: string | null;

  @Field(() => SpeakerKind, { nullable: true, description: "Only quotes whose speaker is of this kind (quotes without a speaker never match)." })
  speakerKind?: SpeakerKind | null;

  @Field(() => Boolean, { nullable: true, description: "true: only quotes attributed to a speaker; false: only quotes without one." })
  hasSpeaker?: boolean | null;
}

@ArgsType()
export class QuotesArgs extends ConnectionArgs {
  @Field(() => QuoteFilterInput, { nullable: true, description: "Which quotes to list." })
  filter?: QuoteFilterInput | null;

  @Field(() => QuoteOrder, { defaultValue: QuoteOrder.NEWEST, description: "How to sort them." })
  orderBy: QuoteOrder;
}

@ArgsType()
export class SpeakerQuotesArgs extends ConnectionArgs {
  @Field(() => SpeakerQuoteFilterInput, { nullable: true, description: "Which of the speaker's quotes to list." })
  filter?: SpeakerQuoteFilterInput | null;

  @Field(() => QuoteOrder, { defaultValue: QuoteOrder.NEWEST, description: "How to sort them." })
  orderBy: QuoteOrder;
}
