// Root queries for quotes: the analysts' entry point.
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { nodeSelects, selects } from "../../src/graphql/selection";
import { Quote } from "../../entities/quote.entity";
import { assertUuid } from "../../src/errors";
import type { RequestContext } from "../../src/graphql/context";
import { toConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { QuoteConnection } from "./quote-connection.type";
import { QuotesArgs } from "./quotes.args";

@Resolver(() => Quote)
export class QuoteResolver {
  @Query(() => Quote, { nullable: true, description: "One quote by id; null when there is none." })
  quote(@Ctx() ctx: RequestContext, @Arg("id", () => ID, { description: "The quote's id." }) id: string): Promise<Quote | null> {
    return ctx.loaders.quoteById.load(assertUuid(id, "id"));
  }

  @Query(() => QuoteConnection, {
    description: "Quotes across all coverage: by speaker (id or name), by words, by kind and by date. Newest first by default.",
  })
  async quotes(@Ctx() ctx: RequestContext, @Args() args: QuotesArgs, @Info() info: GraphQLResolveInfo): Promise<QuoteConnection> {
    const planned = await ctx.services.planner?.quotes(args.filter ?? {}, args.orderBy, args, ctx.visibility, info);
    if (planned) return planned as QuoteConnection;
    const embed = {
      speaker: nodeSelects(info, "speaker"),
      article: nodeSelects(info, "article"),
      rank: selects(info, "edges", "rank"),
      highlight: selects(info, "edges", "highlight"),
    };
    const { rows, count } = await ctx.services.quotes.list(args.filter ?? {}, args.orderBy, pageRequest(args), ctx.visibility, embed);
    return toConnection(rows, count) as QuoteConnection;
  }
}
