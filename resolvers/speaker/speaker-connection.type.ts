// Paged lists of speakers: the plain list, and an article's speakers with their quote counts.
import { Field, Int, ObjectType } from "type-graphql";
import { Speaker } from "../../entities/speaker.entity";
import { ConnectionType, EdgeType } from "../../src/pagination/connection.types";

@ObjectType({ description: "A speaker in a list, with its cursor." })
export class SpeakerEdge extends EdgeType(Speaker) {}

@ObjectType({ description: "A page of speakers." })
export class SpeakerConnection extends ConnectionType(SpeakerEdge) {}

@ObjectType({ description: "A speaker quoted in an article." })
export class ArticleSpeakerEdge extends EdgeType(Speaker) {
  @Field(() => Int, { description: "How many quotes of this speaker the article carries." })
  quoteCount: number;
}

@ObjectType({ description: "The distinct speakers an article quotes, in order of first appearance." })
export class ArticleSpeakerConnection extends ConnectionType(ArticleSpeakerEdge) {}
