// Sort orders of the article list.
import { registerEnumType } from "type-graphql";

export enum ArticleOrder {
  NEWEST = "NEWEST",
  OLDEST = "OLDEST",
  RELEVANCE = "RELEVANCE",
}

registerEnumType(ArticleOrder, {
  name: "ArticleOrder",
  description: "How to sort articles.",
  valuesConfig: {
    NEWEST: { description: "Most recently published first." },
    OLDEST: { description: "Earliest published first." },
    RELEVANCE: { description: "Best match for filter.search first (needs filter.search)." },
  },
});
