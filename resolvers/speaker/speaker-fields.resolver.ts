// Fields of Speaker: their quotes and articles across all coverage, and quote statistics, through batched
// loaders. Where the read planner fetched a field, src/planner/planned-fields.ts answers it before these run.
import type { GraphQLResolveInfo } from "graphql";
import { Args, Ctx, FieldResolver, Info, Int, Resolver, Root } from "type-graphql";
import { nodeSelects, selects } from "../../src/graphql/selection";
import { Speaker } from "../../entities/speaker.entity";
import type { RequestContext } from "../../src/graphql/context";
import { toNestedConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { ArticleConnection } from "../article/article-connection.type";
import { ConnectionArgs } from "../connection.args";
import { QuoteConnection } from "../quote/quote-connection.type";
import { SpeakerQuotesArgs } from "../quote/quotes.args";

@Resolver(() => Speaker)
export class SpeakerFieldsResolver {
  @FieldResolver(() => QuoteConnection, { description: "The speaker's quotes across all coverage, filtered and sorted; newest first by default." })
  async quotes(@Root() speaker: Speaker, @Ctx() ctx: RequestContext, @Args() args: SpeakerQuotesArgs, @Info() info: GraphQLResolveInfo): Promise<QuoteConnection> {
    const req = pageRequest(args);
    const embed = { article: nodeSelects(info, "article"), rank: selects(info, "edges", "rank"), highlight: selects(info, "edges", "highlight") };
    const filter = { ...(args.filter ?? {}) };
    const quotes = ctx.services.quotes;
    // Aliases with the same arguments share one batch: the edge columns it computes are part of its key.
    const key = [filter, args.orderBy, embed.rank, embed.highlight];
    const page = await ctx.loaders.page("Speaker.quotes", key, req, speaker.id, (ids) => quotes.pagesBy("speaker", ids, filter, args.orderBy, req, ctx.visibility, embed));
    return toNestedConnection(page, req, () => ctx.loaders.count("Speaker.quotes", filter, speaker.id, (ids) => quotes.countsBy("speaker", ids, filter, ctx.visibility))) as QuoteConnection;
  }

  @FieldResolver(() => ArticleConnection, { description: "Articles that quote the speaker, newest first." })
  async articles(@Root() speaker: Speaker, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<ArticleConnection> {
    const req = pageRequest(args);
    const articles = ctx.services.articles;
    const page = await ctx.loaders.page("Speaker.articles", null, req, speaker.id, (ids) => articles.pagesBySpeaker(ids, req, ctx.visibility));
    const withEdgeFields = { ...page, rows: page.rows.map((r) => ({ ...r, rank: null, highlight: null })) };
    return toNestedConnection(withEdgeFields, req, () =>
      ctx.loaders.count("Speaker.articles", null, speaker.id, (ids) => articles.countsBySpeaker(ids, ctx.visibility)),
    ) as ArticleConnection;
  }

  @FieldResolver(() => Int, { description: "How many quotes newsgraph attributes to the speaker." })
  async quoteCount(@Root() speaker: Speaker, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ctx.loaders.speakerStats.load(speaker.id)).quoteCount;
  }

  @FieldResolver(() => Date, { nullable: true, description: "Publication time of the earliest article quoting the speaker." })
  async firstQuotedAt(@Root() speaker: Speaker, @Ctx() ctx: RequestContext): Promise<Date | null> {
    return (await ctx.loaders.speakerStats.load(speaker.id)).firstQuotedAt;
  }

  @FieldResolver(() => Date, { nullable: true, description: "Publication time of the latest article quoting the speaker." })
  async lastQuotedAt(@Root() speaker: Speaker, @Ctx() ctx: RequestContext): Promise<Date | null> {
    return (await ctx.loaders.speakerStats.load(speaker.id)).lastQuotedAt;
  }
}
