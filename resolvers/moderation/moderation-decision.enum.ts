// What a moderator decides about a comment.
import { registerEnumType } from "type-graphql";

export enum ModerationDecision {
  PUBLISHED = "PUBLISHED",
  REJECTED = "REJECTED",
}

registerEnumType(ModerationDecision, {
  name: "ModerationDecision",
  description: "A moderator's decision on a comment.",
  valuesConfig: {
    PUBLISHED: { description: "Show it to everyone (releases a held comment; settles reports)." },
    REJECTED: { description: "Hide it from everyone but moderators and its author." },
  },
});
