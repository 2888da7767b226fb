// How the news subgraph resolves the entities other subgraphs (or a router) refer to: `_entities`
// goes through the request's DataLoaders, so a batch of N references costs one SQL statement per
// type, and the visibility rules of the services (unpublished articles, held comments) apply as for
// any other read.
import type { Article } from "../../entities/article.entity";
import type { Comment } from "../../entities/comment.entity";
import type { Outlet } from "../../entities/outlet.entity";
import type { Quote } from "../../entities/quote.entity";
import type { Speaker } from "../../entities/speaker.entity";
import { isUuid } from "../errors";
import type { RequestContext } from "../graphql/context";

/** A representation as the router sends it: `__typename` plus the fields of one `@key`. */
type Reference = { __typename: string; id?: unknown; slug?: unknown; wikidataId?: unknown };

/** The id of a reference when it is a well-formed UUID; anything else can match nothing (and must not reach SQL). */
function uuidOf(ref: Reference): string | null {
  return typeof ref.id === "string" && isUuid(ref.id) ? ref.id.toLowerCase() : null;
}

function byId<T>(load: (ctx: RequestContext) => { load(id: string): Promise<T | null> }) {
  return (ref: Reference, ctx: RequestContext): Promise<T | null> | null => {
    const id = uuidOf(ref);
    return id ? load(ctx).load(id) : null;
  };
}

/** `__resolveReference` of every entity type, merged into the subgraph's resolvers. */
export const REFERENCE_RESOLVERS = {
  Article: { __resolveReference: byId<Article>((ctx) => ctx.loaders.articleById) },
  Comment: { __resolveReference: byId<Comment>((ctx) => ctx.loaders.commentById) },
  Outlet: { __resolveReference: byId<Outlet>((ctx) => ctx.loaders.outletById) },
  Quote: { __resolveReference: byId<Quote>((ctx) => ctx.loaders.quoteById) },
  Speaker: {
    __resolveReference(ref: Reference, ctx: RequestContext): Promise<Speaker | null> | null {
      if (ref.id !== undefined) return byId<Speaker>((c) => c.loaders.speakerById)(ref, ctx);
      if (typeof ref.wikidataId === "string") return ctx.loaders.speakerByWikidataId.load(ref.wikidataId);
      if (typeof ref.slug === "string") return ctx.loaders.speakerBySlug.load(ref.slug);
      return null;
    },
  },
};
