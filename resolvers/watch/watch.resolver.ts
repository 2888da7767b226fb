// Quotes out: watches and their webhook deliveries, for analysts, editors and admins (each sees their own).
import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { hasRole } from "../../src/auth/roles";
import type { RequestContext } from "../../src/graphql/context";
import type { Owner } from "../../src/webhooks/watch.service";
import { CreateWatchInput } from "./create-watch.input";
import { DeliveryStatus } from "./delivery-status.enum";
import { CreatedWatch, Watch, WebhookDelivery } from "./watch.type";

const owner = (ctx: RequestContext): Owner => ({ id: ctx.user!.id, admin: hasRole(ctx.user, "ADMIN") });

@Authorized("ANALYST", "EDITOR")
@Resolver(() => Watch)
export class WatchResolver {
  @Query(() => [Watch], { description: "Your watches. ANALYST, EDITOR or ADMIN." })
  watches(@Ctx() ctx: RequestContext): Promise<Watch[]> {
    return ctx.services.watches.list(owner(ctx)) as Promise<Watch[]>;
  }

  @Query(() => [WebhookDelivery], { description: "A watch's deliveries, newest first. Its owner (or an admin) only." })
  watchDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg("watchId", () => ID, { description: "The watch." }) watchId: string,
    @Arg("status", () => DeliveryStatus, { nullable: true, description: "Only deliveries in this state." }) status: DeliveryStatus | null,
    @Arg("first", () => Int, { defaultValue: 50, description: "At most this many (1 to 500)." }) first: number,
  ): Promise<WebhookDelivery[]> {
    return ctx.services.watches.deliveries(owner(ctx), watchId, { status, first }) as Promise<WebhookDelivery[]>;
  }

  @Mutation(() => CreatedWatch, { description: "Creates a watch; the answer holds its signing secret, shown only this once." })
  createWatch(@Ctx() ctx: RequestContext, @Arg("input", () => CreateWatchInput, { description: "The filter and webhook." }) input: CreateWatchInput): Promise<CreatedWatch> {
    return ctx.services.watches.create(owner(ctx), input) as Promise<CreatedWatch>;
  }

  @Mutation(() => ID, { description: "Deletes a watch with its deliveries; returns its id." })
  deleteWatch(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The watch." }) id: string): Promise<string> {
    return ctx.services.watches.remove(owner(ctx), id);
  }

  @Mutation(() => Int, { description: "Sends again every delivery of the watch written since `since` (same ids); returns how many." })
  replayDeliveries(
    @Ctx() ctx: RequestContext,
    @Arg("watchId", () => ID, { description: "The watch." }) watchId: string,
    @Arg("since", () => Date, { description: "Replay deliveries written at or after this time." }) since: Date,
  ): Promise<number> {
    return ctx.services.watches.replay(owner(ctx), watchId, since, ctx.now);
  }
}
