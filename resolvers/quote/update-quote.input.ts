// Input of updateQuote: only the fields given change.
import { IsInt, IsOptional, IsUUID, Length, MaxLength, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { QuoteKind } from "../../entities/quote-kind.enum";
import type { QuoteData } from "../../src/editorial/editorial.service";

@InputType({ description: "Corrections to a quote; omitted fields stay as they are." })
export class UpdateQuoteInput implements QuoteData {
  @Field(() => ID, { nullable: true, description: "The speaker it is attributed to; null removes the attribution." })
  @IsOptional()
  @IsUUID("all", { message: "speakerId must be an id (UUID)" })
  speakerId?: string | null;

  @Field(() => String, { nullable: true, description: "The corrected words (1 to 5,000 characters)." })
  @IsOptional()
  @Length(1, 5000)
  text?: string;

  @Field(() => QuoteKind, { nullable: true, description: "The corrected kind." })
  kind?: QuoteKind;

  @Field(() => Int, { nullable: true, description: "Offset of the first character in the article body." })
  @IsOptional()
  @IsInt()
  @Min(0)
  startOffset?: number | null;

  @Field(() => Int, { nullable: true, description: "Offset just past the last character in the article body." })
  @IsOptional()
  @IsInt()
  @Min(0)
  endOffset?: number | null;

  @Field(() => String, { nullable: true, description: "The attributing verb or phrase." })
  @IsOptional()
  @MaxLength(100)
  cue?: string | null;
}
