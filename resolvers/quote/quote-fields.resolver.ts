// Fields of Quote that reach other nodes.
import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Article } from "../../entities/article.entity";
import { Quote } from "../../entities/quote.entity";
import { Speaker } from "../../entities/speaker.entity";
import type { RequestContext } from "../../src/graphql/context";
import { toNestedConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { ConnectionArgs } from "../connection.args";
import { QuoteConnection } from "./quote-connection.type";

@Resolver(() => Quote)
export class QuoteFieldsResolver {
  @FieldResolver(() => Article, { description: "The article the quote appears in." })
  async article(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<Article | null> {
    // Lists that look ahead fetch the article (already checked visible) with the quote.
    if (quote.article) return quote.article;
    return ctx.loaders.articleById.load(quote.articleId);
  }

  @FieldResolver(() => Speaker, { nullable: true, description: "Who said it; null when the text does not tell." })
  speaker(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<Speaker | null> | Speaker | null {
    if (quote.speaker !== undefined) return quote.speaker;
    return quote.speakerId ? ctx.loaders.speakerById.load(quote.speakerId) : null;
  }

  @FieldResolver(() => QuoteConnection, {
    description: "The same quote in other articles (same words, same or unknown speaker), earliest first: where else it was reported.",
  })
  async appearances(@Root() quote: Quote, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<QuoteConnection> {
    const req = pageRequest(args);
    const svc = ctx.services.quoteAppearances;
    const page = await ctx.loaders.page("Quote.appearances", null, req, quote.id, (ids) => svc.pages(ids, req, ctx.visibility));
    return toNestedConnection(page, req, () => ctx.loaders.count("Quote.appearances", null, quote.id, (ids) => svc.counts(ids, ctx.visibility))) as QuoteConnection;
  }
}
