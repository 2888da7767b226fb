// Fields of Quote that reach other nodes.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Article } from "../entities/article.entity";
import { Quote } from "../entities/quote.entity";
import { Speaker } from "../entities/speaker.entity";
import type { RequestContext } from "../src/graphql/context";

@Resolver(() => Quote)
export class QuoteFieldsResolver {
  @FieldResolver(() => Article, { description: "The article the quote appears in." })
  async article(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<Article | null> {
    return ctx.loaders.articleById.load(quote.articleId);
  }

  @FieldResolver(() => Speaker, { nullable: true, description: "Who said it; null when the text does not tell." })
  speaker(@Root() quote: Quote, @Ctx() ctx: RequestContext): Promise<Speaker | null> | null {
    return quote.speakerId ? ctx.loaders.speakerById.load(quote.speakerId) : null;
  }
}
