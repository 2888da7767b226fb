// The paged list of articles; edges carry search rank and highlight when the list was searched.
import { Field, Float, ObjectType } from "type-graphql";
import { Article } from "../../entities/article.entity";
import { ConnectionType, EdgeType } from "../../src/pagination/connection.types";

@ObjectType({ description: "An article in a list, with its cursor." })
export class ArticleEdge extends EdgeType(Article) {
  @Field(() => Float, { nullable: true, description: "Search relevance (higher is better); null when the list was not searched." })
  rank: number | null;

  @Field(() => String, { nullable: true, description: "Excerpt with matched words in <mark>…</mark>; null when the list was not searched." })
  highlight: string | null;
}

@ObjectType({ description: "A page of articles." })
export class ArticleConnection extends ConnectionType(ArticleEdge) {}
