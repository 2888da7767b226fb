// Root queries for articles.
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Args, Ctx, ID, Info, Query, Resolver } from "type-graphql";
import { nodeSelects, selects } from "../../src/graphql/selection";
import { Article } from "../../entities/article.entity";
import type { RequestContext } from "../../src/graphql/context";
import { toConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { ArticleConnection } from "./article-connection.type";
import { ArticlesArgs } from "./articles.args";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: "One article by exactly one of id, slug or url; null when there is none." })
  article(
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
    @Arg("id", () => ID, { nullable: true, description: "The article's id." }) id?: string,
    @Arg("slug", () => String, { nullable: true, description: "The article's slug." }) slug?: string,
    @Arg("url", () => String, { nullable: true, description: "The original article's URL." }) url?: string,
  ): Promise<Article | null> {
    const planner = ctx.services.planner;
    if (planner) return planner.article({ id, slug, url }, ctx.visibility, info);
    return ctx.services.articles.findOne({ id, slug, url }, (i) => ctx.loaders.articleById.load(i), ctx.visibility, selects(info, "outlet"));
  }

  @Query(() => ArticleConnection, { description: "Articles, filtered, searched and sorted; newest first by default." })
  async articles(@Ctx() ctx: RequestContext, @Args() args: ArticlesArgs, @Info() info: GraphQLResolveInfo): Promise<ArticleConnection> {
    const planned = await ctx.services.planner?.articles(args.filter ?? {}, args.orderBy, args, ctx.visibility, info);
    if (planned) return planned as ArticleConnection;
    const { rows, count } = await ctx.services.articles.list(args.filter ?? {}, args.orderBy, pageRequest(args), ctx.visibility, nodeSelects(info, "outlet"));
    return toConnection(rows, count) as ArticleConnection;
  }
}
