// Quote.attribution: the stored evidence for the quote's speaker, read from the quote's own columns.
import { FieldResolver, Resolver, Root } from "type-graphql";
import { Quote } from "../../entities/quote.entity";
import { quoteAttribution } from "../../src/quotes/quote-attribution";
import { QuoteAttribution } from "./quote-attribution.type";

@Resolver(() => Quote)
export class QuoteAttributionResolver {
  @FieldResolver(() => QuoteAttribution, { nullable: true, description: "How the speaker was found and how sure newsgraph is; null when the quote has no speaker." })
  attribution(@Root() quote: Quote): QuoteAttribution | null {
    return quoteAttribution(quote);
  }
}
