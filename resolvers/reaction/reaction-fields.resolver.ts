// Fields of Reaction that reach other nodes.
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Article } from "../../entities/article.entity";
import { Reaction } from "../../entities/reaction.entity";
import type { RequestContext } from "../../src/graphql/context";

@Resolver(() => Reaction)
export class ReactionFieldsResolver {
  @FieldResolver(() => Article, { description: "The article reacted to." })
  async article(@Root() reaction: Reaction, @Ctx() ctx: RequestContext): Promise<Article | null> {
    return ctx.loaders.articleById.load(reaction.articleId);
  }
}
