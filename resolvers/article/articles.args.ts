// Arguments of the article list: filters, order and paging.
import { ArgsType, Field, ID, InputType } from "type-graphql";
import type { ArticleFilter } from "../../src/articles/article.service";
import { ArticleOrder } from "./article-order.enum";
import { ConnectionArgs } from "../connection.args";

@InputType({ description: "Which articles to list. All conditions must hold." })
export class ArticleFilterInput implements ArticleFilter {
  @Field(() => String, { nullable: true, description: 'Full-text search over title, summary and body (web search syntax: words, "a phrase", -excluded, or).' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: "Only articles that quote this speaker." })
  speakerId?: string | null;

  @Field(() => ID, { nullable: true, description: "Only articles from this outlet." })
  outletId?: string | null;

  @Field(() => String, { nullable: true, description: "Only articles with this topic tag." })
  topic?: string | null;

  @Field(() => Date, { nullable: true, description: "Only articles published at or after this time." })
  publishedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: "Only articles published at or before this time." })
  publishedBefore?: Date | null;
}

@ArgsType()
export class ArticlesArgs extends ConnectionArgs {
  @Field(() => ArticleFilterInput, { nullable: true, description: "Which articles to list." })
  filter?: ArticleFilterInput | null;

  @Field(() => ArticleOrder, { defaultValue: ArticleOrder.NEWEST, description: "How to sort them." })
  orderBy: ArticleOrder;
}
