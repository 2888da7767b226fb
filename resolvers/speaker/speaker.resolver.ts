// Root queries for speakers.
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { Speaker } from "../../entities/speaker.entity";
import type { RequestContext } from "../../src/graphql/context";
import { toConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { SpeakerConnection } from "./speaker-connection.type";
import { SpeakersArgs } from "./speakers.args";

@Resolver(() => Speaker)
export class SpeakerResolver {
  @Query(() => Speaker, { nullable: true, description: "One speaker by exactly one of id, slug or Wikidata id; null when there is none." })
  speaker(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID, { nullable: true, description: "The speaker's id." }) id?: string,
    @Arg("slug", () => String, { nullable: true, description: "The speaker's slug, e.g. `vladimir-putin`." }) slug?: string,
    @Arg("wikidataId", () => String, { nullable: true, description: "The speaker's Wikidata id, e.g. `Q7747`." }) wikidataId?: string,
  ): Promise<Speaker | null> {
    const planner = ctx.services.planner;
    if (planner) return planner.speaker({ id, slug, wikidataId }, ctx.visibility, info);
    return ctx.services.speakers.findOne({ id, slug, wikidataId }, (i) => ctx.loaders.speakerById.load(i));
  }

  @Query(() => SpeakerConnection, { description: "Speakers, optionally searched by name, alias or role." })
  async speakers(@Ctx() ctx: RequestContext, @Args() args: SpeakersArgs): Promise<SpeakerConnection> {
    const { rows, count } = await ctx.services.speakers.list(args.search, args.orderBy, pageRequest(args), ctx.visibility);
    return toConnection(rows, count) as SpeakerConnection;
  }
}
