// Input of createWatch.
import { MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { QuoteKind } from "../../entities/quote-kind.enum";

@InputType({ description: "A quote filter and the webhook to send matching new quotes to. Every filter given must match." })
export class CreateWatchInput {
  @Field({ description: "The webhook URL (http or https; private addresses are refused unless SOURCES_ALLOW_PRIVATE)." })
  @MaxLength(2048)
  url: string;

  @Field(() => String, { nullable: true, description: "A name for it." })
  @MaxLength(200)
  name?: string | null;

  @Field(() => ID, { nullable: true, description: "Only quotes of this speaker." })
  speakerId?: string | null;

  @Field(() => String, { nullable: true, description: "Only quotes containing these words (case-insensitive)." })
  @MaxLength(200)
  words?: string | null;

  @Field(() => String, { nullable: true, description: "Only quotes in articles of this outlet (slug or id)." })
  @MaxLength(200)
  outlet?: string | null;

  @Field(() => QuoteKind, { nullable: true, description: "Only quotes of this kind." })
  kind?: QuoteKind | null;
}
