// Arguments of quoteStats: the quotes list's filter, what to group by, the period, and paging.
import { ArgsType, Field } from "type-graphql";
import { ConnectionArgs } from "../connection.args";
import { QuoteDimension, StatsInterval } from "./quote-dimension.enum";
import { QuoteFilterInput } from "../quote/quotes.args";

@ArgsType()
export class QuoteStatsArgs extends ConnectionArgs {
  @Field(() => QuoteFilterInput, { nullable: true, description: "Which quotes to count: the same filter, and visibility, as the quotes list." })
  filter?: QuoteFilterInput | null;

  @Field(() => [QuoteDimension], { defaultValue: [], description: "What to group by (at most four); none counts all quotes together." })
  groupBy: QuoteDimension[];

  @Field(() => StatsInterval, { nullable: true, description: "Cut the counts into periods of the article's publication time." })
  interval?: StatsInterval | null;
}
