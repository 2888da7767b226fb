// Readers' reactions to articles.
import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Article } from "../../entities/article.entity";
import { Sentiment } from "../../entities/sentiment.enum";
import { NotFoundError } from "../../src/errors";
import type { RequestContext } from "../../src/graphql/context";

async function reload(ctx: RequestContext, id: string): Promise<Article> {
  const article = (await ctx.services.articles.byIds([id], ctx.visibility))[0];
  if (!article) throw new NotFoundError("Article", id);
  return article;
}

@Resolver(() => Article)
export class ReactionMutationResolver {
  @Authorized()
  @Mutation(() => Article, { description: "Records the signed-in reader's reaction to an article (one per reader; reacting again changes it). Returns the article." })
  async react(
    @Ctx() ctx: RequestContext,
    @Arg("articleId", () => ID, { description: "The article reacted to." }) articleId: string,
    @Arg("sentiment", () => Sentiment, { description: "The reader's reaction." }) sentiment: Sentiment,
  ): Promise<Article> {
    return reload(ctx, await ctx.services.reactionWrites.react(ctx, articleId, sentiment));
  }

  @Authorized()
  @Mutation(() => Article, { description: "Removes the signed-in reader's reaction to an article, if any. Returns the article." })
  async unreact(@Ctx() ctx: RequestContext, @Arg("articleId", () => ID, { description: "The article." }) articleId: string): Promise<Article> {
    return reload(ctx, await ctx.services.reactionWrites.unreact(ctx, articleId));
  }
}
