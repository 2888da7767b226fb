// The paged list of quotes; edges carry search rank and highlight when the list was searched.
import { Field, Float, ObjectType } from "type-graphql";
import { Quote } from "../../entities/quote.entity";
import { ConnectionType, EdgeType } from "../../src/pagination/connection.types";

@ObjectType({ description: "A quote in a list, with its cursor." })
export class QuoteEdge extends EdgeType(Quote) {
  @Field(() => Float, { nullable: true, description: "Search relevance (higher is better); null when the list was not searched." })
  rank: number | null;

  @Field(() => String, { nullable: true, description: "The quote with matched words in <mark>…</mark>; null when the list was not searched." })
  highlight: string | null;
}

@ObjectType({ description: "A page of quotes." })
export class QuoteConnection extends ConnectionType(QuoteEdge) {}
