// Paged list of reactions, and the per-article summary by sentiment.
import { Field, Int, ObjectType } from "type-graphql";
import { Reaction } from "../../entities/reaction.entity";
import { Sentiment } from "../../entities/sentiment.enum";
import { ConnectionType, EdgeType } from "../../src/pagination/connection.types";

@ObjectType({ description: "A reaction in a list, with its cursor." })
export class ReactionEdge extends EdgeType(Reaction) {}

@ObjectType({ description: "A page of reactions." })
export class ReactionConnection extends ConnectionType(ReactionEdge) {}

@ObjectType({ description: "How many reactions had one sentiment." })
export class SentimentCount {
  @Field(() => Sentiment, { description: "The sentiment." })
  sentiment: Sentiment;

  @Field(() => Int, { description: "Reactions with that sentiment." })
  count: number;
}

@ObjectType({ description: "Counts of an article's reactions." })
export class ReactionSummary {
  @Field(() => Int, { description: "All reactions, reported and reader." })
  total: number;

  @Field(() => Int, { description: "Reactions reported in the coverage (e.g. social media users it cites)." })
  reported: number;

  @Field(() => Int, { description: "Reactions submitted by newsgraph readers." })
  reader: number;

  @Field(() => [SentimentCount], { description: "Counts per sentiment, every sentiment listed (0 when none)." })
  bySentiment: SentimentCount[];

  @Field(() => Sentiment, { nullable: true, description: "The overall tone: MIXED when approval and disapproval meet; null when there are no reactions." })
  overall: Sentiment | null;
}
