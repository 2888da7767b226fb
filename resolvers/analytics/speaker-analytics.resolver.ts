// The speaker page's analytics: timeline, top outlets and co-quoted speakers, each batched over the
// speakers of a request into one SQL statement (src/analytics/speaker-analytics.service.ts).
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { Speaker } from "../../entities/speaker.entity";
import { BadUserInputError } from "../../src/errors";
import type { RequestContext } from "../../src/graphql/context";
import { MAX_PAGE_SIZE } from "../../src/pagination/page-request";
import { StatsInterval } from "./quote-dimension.enum";
import { CoQuotedSpeaker, SpeakerOutletCount, TimelinePoint } from "./speaker-analytics.type";

function size(first: number): number {
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) throw new BadUserInputError(`first must be a whole number from 0 to ${MAX_PAGE_SIZE}.`, "first");
  return first;
}

@Resolver(() => Speaker)
export class SpeakerAnalyticsResolver {
  @FieldResolver(() => [TimelinePoint], {
    description: "The speaker's quotes per period, oldest first, every period from the first to the last (or the window's ends) included.",
  })
  timeline(
    @Root() speaker: Speaker,
    @Ctx() ctx: RequestContext,
    @Arg("interval", () => StatsInterval, { defaultValue: StatsInterval.WEEK, description: "How long each period is." }) interval: StatsInterval,
    @Arg("publishedAfter", () => Date, { nullable: true, description: "Start of the window (articles published at or after)." }) publishedAfter?: Date | null,
    @Arg("publishedBefore", () => Date, { nullable: true, description: "End of the window (articles published at or before)." }) publishedBefore?: Date | null,
  ): Promise<TimelinePoint[]> {
    const window = { publishedAfter: publishedAfter ?? null, publishedBefore: publishedBefore ?? null };
    const svc = ctx.services.speakerAnalytics;
    return ctx.loaders.batch("Speaker.timeline", [interval, window], speaker.id, (ids) => svc.timelines(ids, interval, window, ctx.visibility), []);
  }

  @FieldResolver(() => [SpeakerOutletCount], { description: "The outlets that quote the speaker most, with counts." })
  async outlets(
    @Root() speaker: Speaker,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10, description: "How many outlets (at most 100)." }) first: number,
  ): Promise<SpeakerOutletCount[]> {
    const n = size(first);
    const svc = ctx.services.speakerAnalytics;
    const counts = await ctx.loaders.batch("Speaker.outlets", n, speaker.id, (ids) => svc.outlets(ids, n, ctx.visibility), []);
    const outlets = await Promise.all(counts.map((c) => ctx.loaders.outletById.load(c.outletId)));
    return counts.flatMap((c, i) => (outlets[i] ? [Object.assign(new SpeakerOutletCount(), c, { outlet: outlets[i] })] : []));
  }

  @FieldResolver(() => [CoQuotedSpeaker], { description: "Speakers quoted in the same articles as this one, most shared articles first." })
  async coQuoted(
    @Root() speaker: Speaker,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10, description: "How many speakers (at most 100)." }) first: number,
  ): Promise<CoQuotedSpeaker[]> {
    const n = size(first);
    const svc = ctx.services.speakerAnalytics;
    const others = await ctx.loaders.batch("Speaker.coQuoted", n, speaker.id, (ids) => svc.coQuoted(ids, n, ctx.visibility), []);
    const speakers = await Promise.all(others.map((c) => ctx.loaders.speakerById.load(c.speakerId)));
    return others.flatMap((c, i) => (speakers[i] ? [Object.assign(new CoQuotedSpeaker(), c, { speaker: speakers[i] })] : []));
  }
}
