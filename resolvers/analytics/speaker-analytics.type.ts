// What the speaker page's analytics answer with: a timeline point, an outlet with counts, a co-quoted speaker.
import { Field, Int, ObjectType } from "type-graphql";
import { Outlet } from "../../entities/outlet.entity";
import { Speaker } from "../../entities/speaker.entity";

@ObjectType({ description: "A speaker's quotes in one period." })
export class TimelinePoint {
  @Field({ description: "Start of the period (UTC)." })
  period: Date;

  @Field(() => Int, { description: "Quotes in the period (0 for a period without any)." })
  count: number;

  @Field(() => Int, { description: "Distinct articles those quotes come from." })
  articles: number;

  @Field(() => Date, { nullable: true, description: "Publication time of the earliest of those articles." })
  firstAt: Date | null;

  @Field(() => Date, { nullable: true, description: "Publication time of the latest of those articles." })
  lastAt: Date | null;
}

@ObjectType({ description: "An outlet that quotes a speaker, with how much." })
export class SpeakerOutletCount {
  outletId: string;

  @Field(() => Outlet, { description: "The outlet." })
  outlet?: Outlet;

  @Field(() => Int, { description: "The speaker's quotes in the outlet's articles." })
  count: number;

  @Field(() => Int, { description: "The outlet's articles that quote the speaker." })
  articles: number;
}

@ObjectType({ description: "A speaker quoted in the same articles as another, with how many articles they share." })
export class CoQuotedSpeaker {
  speakerId: string;

  @Field(() => Speaker, { description: "The other speaker." })
  speaker?: Speaker;

  @Field(() => Int, { description: "Articles that quote both speakers." })
  sharedArticles: number;
}
