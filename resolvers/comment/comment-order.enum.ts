// Sort orders of comment lists.
import { registerEnumType } from "type-graphql";

export enum CommentOrder {
  NEWEST = "NEWEST",
  OLDEST = "OLDEST",
  MOST_REPLIED = "MOST_REPLIED",
}

registerEnumType(CommentOrder, {
  name: "CommentOrder",
  description: "How to sort comments.",
  valuesConfig: {
    NEWEST: { description: "Most recent first." },
    OLDEST: { description: "Oldest first (how threads read)." },
    MOST_REPLIED: { description: "Most published replies first." },
  },
});
