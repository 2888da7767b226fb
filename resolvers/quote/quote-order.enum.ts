// Sort orders of quote lists.
import { registerEnumType } from "type-graphql";

export enum QuoteOrder {
  NEWEST = "NEWEST",
  OLDEST = "OLDEST",
  RELEVANCE = "RELEVANCE",
  ARTICLE_ORDER = "ARTICLE_ORDER",
}

registerEnumType(QuoteOrder, {
  name: "QuoteOrder",
  description: "How to sort quotes.",
  valuesConfig: {
    NEWEST: { description: "Quotes from the most recent articles first; reading order within an article." },
    OLDEST: { description: "Quotes from the earliest articles first; reading order within an article." },
    RELEVANCE: { description: "Best match for filter.search first (needs filter.search)." },
    ARTICLE_ORDER: { description: "The order in which quotes appear in their article." },
  },
});
