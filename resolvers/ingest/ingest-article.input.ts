// Input of the ingestArticle mutation.
import { MaxLength, MinLength } from "class-validator";
import { Field, InputType } from "type-graphql";
import { IngestFormat } from "./ingest-format.enum";

@InputType({ description: "Raw news to turn into an article with its quotes, speakers and reactions." })
export class IngestArticleInput {
  @Field({ description: "The raw article: text, newsgraph JSON, HTML, or a feed with one item (at most 2 MB)." })
  @MinLength(1)
  @MaxLength(2_000_000)
  content: string;

  @Field(() => IngestFormat, { nullable: true, description: "The format of `content`; detected from its first characters when omitted." })
  format?: IngestFormat | null;

  @Field(() => String, { nullable: true, description: "Canonical URL of the article, when `content` does not carry one." })
  @MaxLength(2048)
  url?: string | null;
}
