// What kind of source a speaker is: a person, an organisation speaking as one, or a loose group.
import { registerEnumType } from "type-graphql";

export enum SpeakerKind {
  PERSON = "PERSON",
  ORGANIZATION = "ORGANIZATION",
  GROUP = "GROUP",
}

registerEnumType(SpeakerKind, {
  name: "SpeakerKind",
  description: "What kind of source a speaker is.",
  valuesConfig: {
    PERSON: { description: "A named individual, e.g. Vladimir Putin." },
    ORGANIZATION: { description: "An organisation or state speaking as one, e.g. the United States." },
    GROUP: { description: "A loose group of people, e.g. international leaders." },
  },
});
