// Arguments of quote lists: the analysts' filters, order and paging.
import { ArgsType, Field, Float, ID, InputType } from "type-graphql";
import { QuoteKind } from "../entities/quote-kind.enum";
import type { QuoteFilter } from "../src/quotes/quote.service";
import { ConnectionArgs } from "./connection.args";
import { QuoteOrder } from "./quote-order.enum";

@InputType({ description: "Which quotes of a speaker to list. All conditions must hold." })
export class SpeakerQuoteFilterInput implements QuoteFilter {
  @Field(() => String, { nullable: true, description: "Full-text search over the quote's words (web search syntax)." })
  search?: string | null;

  @Field(() => QuoteKind, { nullable: true, description: "Only quotes of this kind." })
  kind?: QuoteKind | null;

  @Field(() => ID, { nullable: true, description: "Only quotes in this article." })
  articleId?: string | null;

  @Field(() => Date, { nullable: true, description: "Only quotes from articles published at or after this time." })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only quotes from articles published at or before this time." })
  to?: Date | null;

  @Field(() => Float, { nullable: true, description: "Only quotes whose speaker was found with at least this confidence, 0 to 1 (see Quote.attribution); quotes without a speaker are left out." })
  minConfidence?: number | null;
}

@InputType({ description: "Which quotes to list. All conditions must hold." })
export class QuoteFilterInput extends SpeakerQuoteFilterInput {
  @Field(() => ID, { nullable: true, description: "Only quotes by this speaker." })
  speakerId?: string | null;

  @Field(() => String, { nullable: true, description: "Only quotes by the speaker with this name or alias (case-insensitive), e.g. `Putin`." })
  speakerName?: string | null;
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
