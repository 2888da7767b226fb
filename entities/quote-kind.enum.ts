// How a quote reproduces the speaker's words.
import { registerEnumType } from "type-graphql";

export enum QuoteKind {
  DIRECT = "DIRECT",
  PARTIAL = "PARTIAL",
  INDIRECT = "INDIRECT",
}

registerEnumType(QuoteKind, {
  name: "QuoteKind",
  description: "How a quote reproduces the speaker's words.",
  valuesConfig: {
    DIRECT: { description: "A whole utterance inside quotation marks." },
    PARTIAL: { description: "A fragment in quotation marks embedded in the reporter's sentence." },
    INDIRECT: { description: "Reported speech without quotation marks." },
  },
});
