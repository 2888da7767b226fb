// Root query for analysts' counts over quotes: one SQL statement per page (src/analytics/quote-stats.service.ts).
import { Args, Ctx, Query, Resolver } from "type-graphql";
import type { RequestContext } from "../../src/graphql/context";
import { pageRequest } from "../../src/pagination/page-request";
import { QuoteBucket, QuoteStatsConnection } from "./quote-stats.type";
import { QuoteStatsArgs } from "./quote-stats.args";

@Resolver(() => QuoteBucket)
export class QuoteStatsResolver {
  @Query(() => QuoteStatsConnection, {
    description:
      "Counts of quotes grouped by speaker, outlet, kind, language, topic or speaker facets, and by period: how often was each " +
      "speaker quoted per week, by which outlets. The filter and visibility are the quotes list's: a bucket's count is what that " +
      "list pages through. Ordered by period, then count (largest first).",
  })
  async quoteStats(@Ctx() ctx: RequestContext, @Args() args: QuoteStatsArgs): Promise<QuoteStatsConnection> {
    const filter = args.filter ?? {};
    const interval = args.interval ?? null;
    const stats = ctx.services.quoteStats;
    const page = await stats.stats(filter, args.groupBy, interval, pageRequest(args), ctx.visibility);
    const connection = new QuoteStatsConnection();
    connection.edges = page.buckets.map((b, i) => ({ cursor: page.cursors[i], node: QuoteBucket.of(b) }));
    connection.pageInfo = {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: page.cursors[0] ?? null,
      endCursor: page.cursors[page.cursors.length - 1] ?? null,
    };
    connection.count = () => page.total ?? stats.count(filter, args.groupBy, interval, ctx.visibility);
    return connection;
  }
}
