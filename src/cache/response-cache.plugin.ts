// The response cache (RESPONSE_CACHE=true) and the viewer rule of cache control, as Apollo Server plugins.
//
// viewerCachePolicyPlugin: an answer to a signed-in viewer (token or admin key) is PRIVATE as a whole:
// it may hold their drafts, held comments or own pending comments, so no shared cache may keep it.
//
// responseCachePlugin: anonymous queries whose cache policy (the @cacheControl hints, cache-hints.ts)
// is PUBLIC with a maxAge are stored for that long, keyed by the document, operation name and
// variables, and tagged with what they show (cache-tags.ts); writes drop the answers holding what they
// changed (content-changes.ts). A hit skips execution and answers `x-cache: HIT` with an `Age` header
// and the remaining maxAge in Cache-Control; a stored miss answers `x-cache: MISS`.
import { createHash } from "node:crypto";
import { HeaderMap, type ApolloServerPlugin, type GraphQLRequestContext } from "@apollo/server";
import { analysisOf } from "../graphql/document-analysis";
import type { RequestContext } from "../graphql/context";
import { collectCacheTags } from "./cache-tags";
import type { ContentChanges } from "./content-changes";
import type { ResponseCacheStore } from "./response-cache-store";

export function viewerCachePolicyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        // After execution, not before: Apollo's cache-control plugin skips its per-field hints when it
        // finds the policy already restricted as execution starts.
        async executionDidStart(rc) {
          return {
            async executionDidEnd() {
              if (rc.contextValue.user) rc.overallCachePolicy.restrict({ scope: "PRIVATE" });
            },
          };
        },
      };
    },
  };
}

/** Whether this request may be answered from, and stored in, the shared cache. */
function cacheable(rc: GraphQLRequestContext<RequestContext>): boolean {
  return rc.operation?.operation === "query" && !rc.contextValue.user && !!rc.queryHash;
}

function cacheKey(rc: GraphQLRequestContext<RequestContext>): string {
  return createHash("sha256")
    .update(JSON.stringify([rc.queryHash, rc.operationName ?? null, rc.request.variables ?? {}]))
    .digest("base64url");
}

export function responseCachePlugin(store: ResponseCacheStore, changes: ContentChanges): ApolloServerPlugin<RequestContext> {
  let stopListening: (() => void) | undefined;
  // Bumped by every write in this process: an answer computed while a write committed may hold the
  // old data, so it is not stored (another process's writes are only bounded by the answer's maxAge).
  let generation = 0;
  return {
    async serverWillStart() {
      stopListening = changes.listen((tags) => {
        generation++;
        return store.invalidate(tags);
      });
      return {
        async serverWillStop() {
          stopListening?.();
          await store.close();
        },
      };
    },
    async requestDidStart() {
      let key: string | undefined;
      let hit = false;
      const startedIn = generation;
      return {
        async responseForOperation(rc) {
          if (!cacheable(rc)) return null;
          key = cacheKey(rc);
          const cached = await store.get(key);
          if (!cached) return null;
          hit = true;
          const age = Math.max(0, Math.floor((Date.now() - cached.storedAt) / 1000));
          rc.overallCachePolicy.replace({ maxAge: Math.max(0, cached.maxAge - age), scope: "PUBLIC" });
          const headers = new HeaderMap([
            ["x-cache", "HIT"],
            ["age", String(age)],
          ]);
          return { body: { kind: "single", singleResult: { data: cached.data } }, http: { status: undefined, headers } };
        },
        async willSendResponse(rc) {
          if (hit || !key || rc.response.body.kind !== "single") return;
          const { data, errors } = rc.response.body.singleResult;
          const policy = rc.overallCachePolicy.policyIfCacheable();
          if (errors?.length || !data || !policy || policy.scope !== "PUBLIC" || !rc.operation || generation !== startedIn) return;
          const fragments = rc.document ? analysisOf(rc.schema, rc.document).fragments : {};
          const tags = collectCacheTags({ schema: rc.schema, operation: rc.operation, fragments, data });
          await store.set(key, { data, maxAge: policy.maxAge, storedAt: Date.now() }, tags, policy.maxAge * 1000);
          rc.response.http.headers.set("x-cache", "MISS");
        },
      };
    },
  };
}
