// Input of addQuote.
import { IsInt, IsOptional, IsUUID, Length, MaxLength, Min } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import { QuoteKind } from "../../entities/quote-kind.enum";
import type { QuoteData } from "../../src/editorial/editorial.service";

@InputType({ description: "A quote to add to an article, after its existing quotes." })
export class AddQuoteInput implements QuoteData {
  @Field(() => ID, { description: "The article." })
  @IsUUID("all", { message: "articleId must be an id (UUID)" })
  articleId: string;

  @Field(() => ID, { nullable: true, description: "Who said it; omit when the text does not say." })
  @IsOptional()
  @IsUUID("all", { message: "speakerId must be an id (UUID)" })
  speakerId?: string | null;

  @Field({ description: "The words, without quotation marks (1 to 5,000 characters)." })
  @Length(1, 5000)
  text: string;

  @Field(() => QuoteKind, { description: "Direct, partial or indirect." })
  kind: QuoteKind;

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

  @Field(() => String, { nullable: true, description: "The attributing verb or phrase, e.g. `said`." })
  @IsOptional()
  @MaxLength(100)
  cue?: string | null;
}
