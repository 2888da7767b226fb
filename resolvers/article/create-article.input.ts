// Input of createArticle.
import { ArrayMaxSize, IsOptional, IsUrl, IsUUID, Length, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import type { ArticleData } from "../../src/editorial/editorial.service";

@InputType({ description: "A new article. It starts as a DRAFT, visible to editors only, until publishArticle." })
export class CreateArticleInput implements ArticleData {
  @Field({ description: "Headline (1 to 500 characters)." })
  @Length(1, 500)
  title: string;

  @Field({ description: "Full text, paragraphs separated by blank lines (at most 500,000 characters)." })
  @Length(1, 500000)
  body: string;

  @Field(() => String, { nullable: true, description: "Standfirst or summary." })
  @IsOptional()
  @MaxLength(5000)
  summary?: string | null;

  @Field(() => String, { nullable: true, description: "Canonical URL of the original article (unique)." })
  @IsOptional()
  @IsUrl({ protocols: ["http", "https"], require_protocol: true })
  url?: string | null;

  @Field(() => Date, { nullable: true, description: "Publication time; publishArticle sets it to now when it is empty." })
  publishedAt?: Date | null;

  @Field(() => String, { nullable: true, description: "Where the article was filed from." })
  @IsOptional()
  @MaxLength(200)
  dateline?: string | null;

  @Field(() => String, { nullable: true, description: "BCP 47 language tag; `en` when omitted." })
  @IsOptional()
  @Length(2, 35)
  language?: string;

  @Field(() => [String], { nullable: true, description: "Topic tags (stored lower case)." })
  @IsOptional()
  @ArrayMaxSize(50)
  @MaxLength(100, { each: true })
  topics?: string[];

  @Field(() => ID, { nullable: true, description: "The outlet it comes from." })
  @IsOptional()
  @IsUUID("all", { message: "outletId must be an id (UUID)" })
  outletId?: string | null;
}
