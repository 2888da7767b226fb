// What the operation limits and the safelist add to Apollo Server's options (src/graphql/operation-limits.ts,
// src/graphql/safelist.ts), with the GraphQL-over-HTTP plugin and bounded document caches.
import type { ApolloServerPlugin } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import type { DocumentNode } from "graphql";
import type { Config } from "../config";
import { armorProtection, costLimitPlugin, type OperationLimits } from "../graphql/operation-limits";
import { loadSafelist, safelistPlugin } from "../graphql/safelist";
import { graphqlOverHttpPlugin } from "./graphql-over-http";

/** Size of Apollo's persisted-query cache and of its parsed-document cache, each, as Apollo estimates it. */
export const APOLLO_CACHE_BYTES = 8 * 2 ** 20;

/** Everything the limits add to Apollo Server's options. */
export function apolloHardening(config: Config, limits: OperationLimits) {
  const armor = armorProtection(limits);
  const plugins: ApolloServerPlugin[] = [...armor.plugins, costLimitPlugin(limits), graphqlOverHttpPlugin()];
  if (config.SAFELIST) plugins.push(safelistPlugin(loadSafelist(config.SAFELIST_DIR)));
  return {
    validationRules: armor.validationRules,
    plugins,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: limits.maxBatch > 1,
    // Apollo's default, stated: simple requests without a preflight-forcing header are refused.
    csrfPrevention: true,
    // Automatic persisted queries, and parsed and validated documents, in LRU caches of 8 MiB each as
    // Apollo estimates size (rather than 30 MiB): its estimate is the JSON text, while a parsed document
    // with its tokens and locations takes several times that on the heap. Filled by one-off hostile
    // documents, the two defaults held about 60 MiB of a ~100 MiB live heap, and V8 lets the heap grow
    // in proportion to what is live. Real clients send a few dozen distinct documents.
    persistedQueries: { cache: new InMemoryLRUCache<string>({ maxSize: APOLLO_CACHE_BYTES }) },
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: APOLLO_CACHE_BYTES }),
  } as const;
}
