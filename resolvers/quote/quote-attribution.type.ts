// The evidence for a quote's speaker, as the graph shows it (Quote.attribution).
import { Field, Float, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "A span of the article body: the words and their offsets." })
export class TextSpan {
  @Field({ description: "The words as written." })
  text: string;

  @Field(() => Int, { description: "Offset of the first character in the article body." })
  start: number;

  @Field(() => Int, { description: "Offset just past the last character in the article body." })
  end: number;
}

@ObjectType({ description: "How newsgraph found a quote's speaker, and how sure it is." })
export class QuoteAttribution {
  @Field({
    description:
      "The rule that found the speaker: `cue-after` (“…,” X said), `cue-before` (X said that “…”), `coordinated`, `final-clause`, `colon`, `continued` (an earlier quote's speaker), `signoff` (“…” — X), or `editor` (set by hand).",
  })
  method: string;

  @Field(() => String, { nullable: true, description: "The attributing verb or phrase as written, when the rule used one." })
  cue: string | null;

  @Field(() => TextSpan, { nullable: true, description: "The words that name the speaker for this quote (a name, a pronoun or a description) and where they are." })
  mention: TextSpan | null;

  @Field(() => String, {
    nullable: true,
    description: "What was followed from the mention to the name: `pronoun`, `description`, `document`, `earlier-quote`; null when the mention is the name.",
  })
  followed: string | null;

  @Field(() => Float, { description: "Probability in [0, 1] that the speaker is right, calibrated on held-out news (docs/attribution.md)." })
  confidence: number;
}
