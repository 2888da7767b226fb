// Where a GraphQL request reads (DATABASE_REPLICA_URLS): queries on a replica the router picks for the
// viewer, everything else on the primary. The scope opens in front of Apollo (readScope) on the primary;
// once the operation is known, a query moves it to a replica, and after a mutation the viewer's write
// position is recorded so their next reads wait for a replica that has it (src/db/replicas/).
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import type { RequestContext } from "../graphql/context";
import { readFrom, type ReadRouter } from "../db/replicas/read-routing";

/** Express middleware: the rest of the request runs in a read scope (on the primary until a query moves it). */
export function readScope(router: ReadRouter): RequestHandler {
  return (_req, _res, next) => router.run(undefined, next);
}

/** Runs a query answered outside Apollo's pipeline (the direct lane) on the viewer's replica. */
export function readOnReplica(router: ReadRouter): <T>(ctx: RequestContext, fn: () => Promise<T>) => Promise<T> {
  return async (ctx, fn) => router.run(await router.pick(ctx.user?.id ?? null), fn);
}

/**
 * `cacheFillsOnPrimary` (RESPONSE_CACHE on): anonymous queries, whose answers the response cache stores,
 * read from the primary. A write drops the answers that showed what it changed; refilled from a replica
 * that has not replayed the write yet, the old answer would be stored again for its whole maxAge.
 */
export function readRoutingPlugin(router: ReadRouter, logger: Logger, options: { cacheFillsOnPrimary?: boolean } = {}): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      let mutation = false;
      return {
        async didResolveOperation({ operation, contextValue }) {
          const cacheable = options.cacheFillsOnPrimary && !contextValue.user;
          if (operation?.operation === "query" && !cacheable) readFrom(await router.pick(contextValue.user?.id ?? null));
          mutation = operation?.operation === "mutation";
        },
        async willSendResponse({ contextValue }) {
          // Before the answer leaves: the viewer's next request already knows about this write.
          if (!mutation || !contextValue.user) return;
          await router.recordWrite(contextValue.user.id).catch((err: Error) =>
            // Their next reads may miss this write on a replica until it replays (within REPLICA_MAX_LAG_MS).
            logger.warn({ err: { message: err.message } }, "could not record a viewer's write position for read-your-writes"),
          );
        },
      };
    },
  };
}
