// Where a reaction comes from: reported in the coverage, or submitted by a reader of newsgraph.
import { registerEnumType } from "type-graphql";

export enum ReactionOrigin {
  REPORTED = "REPORTED",
  READER = "READER",
}

registerEnumType(ReactionOrigin, {
  name: "ReactionOrigin",
  description: "Where a reaction comes from.",
  valuesConfig: {
    REPORTED: { description: "Quoted in the coverage itself, e.g. social media users cited by the article." },
    READER: { description: "Submitted by a reader through newsgraph." },
  },
});
