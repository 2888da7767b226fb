// Root queries for outlets, and the outlet's articles.
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { Outlet } from "../../entities/outlet.entity";
import type { RequestContext } from "../../src/graphql/context";
import { toConnection, toNestedConnection } from "../../src/pagination/connections";
import { pageRequest } from "../../src/pagination/page-request";
import { ArticleConnection } from "../article/article-connection.type";
import { ConnectionArgs } from "../connection.args";
import { OutletConnection } from "./outlet-connection.type";

@Resolver(() => Outlet)
export class OutletResolver {
  @Query(() => Outlet, { nullable: true, description: "One outlet by exactly one of id or slug; null when there is none." })
  outlet(
    @Ctx() ctx: RequestContext,
    @Arg("id", () => ID, { nullable: true, description: "The outlet's id." }) id?: string,
    @Arg("slug", () => String, { nullable: true, description: "The outlet's slug." }) slug?: string,
  ): Promise<Outlet | null> {
    return ctx.services.outlets.findOne({ id, slug }, (i) => ctx.loaders.outletById.load(i));
  }

  @Query(() => OutletConnection, { description: "All outlets, by name." })
  async outlets(@Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<OutletConnection> {
    const { rows, count } = await ctx.services.outlets.list(pageRequest(args));
    return toConnection(rows, count) as OutletConnection;
  }

  @FieldResolver(() => ArticleConnection, { description: "The outlet's articles, newest first." })
  async articles(@Root() outlet: Outlet, @Ctx() ctx: RequestContext, @Args() args: ConnectionArgs): Promise<ArticleConnection> {
    const req = pageRequest(args);
    const articles = ctx.services.articles;
    const page = await ctx.loaders.page("Outlet.articles", null, req, outlet.id, (ids) => articles.pagesByOutlet(ids, req, ctx.visibility));
    return toNestedConnection(page, req, () => ctx.loaders.count("Outlet.articles", null, outlet.id, (ids) => articles.countsByOutlet(ids, ctx.visibility))) as ArticleConnection;
  }
}
