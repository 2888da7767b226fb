// The ingestArticle mutation: one article of raw news through the same pipeline as `newsgraph ingest`.
import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { Article } from "../../entities/article.entity";
import type { RequestContext } from "../../src/graphql/context";
import { ingestOne } from "../../src/ingest/ingest-article";
import { IngestArticleInput } from "./ingest-article.input";

@Resolver(() => Article)
export class IngestResolver {
  @Authorized("EDITOR")
  @Mutation(() => Article, {
    description:
      "Finds the quotes, speakers and reactions in one raw article and stores them (editors). The same article sent again (same URL or same content) is updated, never duplicated.",
  })
  ingestArticle(@Ctx() ctx: RequestContext, @Arg("input", () => IngestArticleInput, { description: "The raw article." }) input: IngestArticleInput): Promise<Article> {
    return ingestOne(ctx, input);
  }
}
