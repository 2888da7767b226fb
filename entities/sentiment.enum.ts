// The tone of a reaction.
import { registerEnumType } from "type-graphql";

export enum Sentiment {
  POSITIVE = "POSITIVE",
  NEGATIVE = "NEGATIVE",
  NEUTRAL = "NEUTRAL",
  MIXED = "MIXED",
}

registerEnumType(Sentiment, {
  name: "Sentiment",
  description: "The tone of a reaction.",
  valuesConfig: {
    POSITIVE: { description: "Approving, hopeful or pleased." },
    NEGATIVE: { description: "Disapproving, fearful or angry." },
    NEUTRAL: { description: "Neither approving nor disapproving." },
    MIXED: { description: "Both approving and disapproving." },
  },
});
