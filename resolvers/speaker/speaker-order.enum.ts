// Sort orders of the speaker list.
import { registerEnumType } from "type-graphql";

export enum SpeakerOrder {
  NAME = "NAME",
  MOST_QUOTED = "MOST_QUOTED",
}

registerEnumType(SpeakerOrder, {
  name: "SpeakerOrder",
  description: "How to sort speakers.",
  valuesConfig: {
    NAME: { description: "Alphabetically by name." },
    MOST_QUOTED: { description: "Most quotes first." },
  },
});
