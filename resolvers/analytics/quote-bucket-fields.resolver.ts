// Fields of QuoteBucket that name graph objects: the speaker and the outlet, through the request's loaders.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Outlet } from "../../entities/outlet.entity";
import { Speaker } from "../../entities/speaker.entity";
import type { RequestContext } from "../../src/graphql/context";
import { QuoteBucket } from "./quote-stats.type";

@Resolver(() => QuoteBucket)
export class QuoteBucketFieldsResolver {
  @FieldResolver(() => Speaker, { nullable: true, description: "The speaker (grouped by SPEAKER; null for quotes without a speaker)." })
  speaker(@Root() bucket: QuoteBucket, @Ctx() ctx: RequestContext): Promise<Speaker | null> | null {
    const id = bucket.value.values.SPEAKER;
    return id ? ctx.loaders.speakerById.load(id) : null;
  }

  @FieldResolver(() => Outlet, { nullable: true, description: "The outlet (grouped by OUTLET; null for articles without an outlet)." })
  outlet(@Root() bucket: QuoteBucket, @Ctx() ctx: RequestContext): Promise<Outlet | null> | null {
    const id = bucket.value.values.OUTLET;
    return id ? ctx.loaders.outletById.load(id) : null;
  }
}
