// `_service { sdl }` hands out the whole subgraph schema, introspection or not. A router needs it; an
// anonymous client in production does not. Served to everyone where FEDERATION_SDL is on (the default
// outside production), else only to requests whose `x-router-secret` header is ROUTER_SECRET.
import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type FragmentDefinitionNode, type SelectionSetNode } from "graphql";
import { sameSecret } from "../auth/viewer";
import type { Config } from "../config";
import { ForbiddenError } from "../errors";

export const ROUTER_SECRET_HEADER = "x-router-secret";

/** True when the operation's root selection (through fragments) asks for `_service`. */
function asksForService(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>, seen = new Set<string>()): boolean {
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD && s.name.value === "_service") return true;
    if (s.kind === Kind.INLINE_FRAGMENT && asksForService(s.selectionSet, fragments, seen)) return true;
    if (s.kind === Kind.FRAGMENT_SPREAD && !seen.has(s.name.value)) {
      seen.add(s.name.value);
      const f = fragments[s.name.value];
      if (f && asksForService(f.selectionSet, fragments, seen)) return true;
    }
  }
  return false;
}

export function serviceSdlGatePlugin(config: Pick<Config, "federationSdl" | "ROUTER_SECRET">): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (config.federationSdl || !operation || operation.operation !== "query") return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          if (!asksForService(operation.selectionSet, fragments)) return;
          const given = request.http?.headers.get(ROUTER_SECRET_HEADER);
          if (config.ROUTER_SECRET && given && sameSecret(given, config.ROUTER_SECRET)) return;
          throw new ForbiddenError(`_service is served to the router only: send ROUTER_SECRET in the ${ROUTER_SECRET_HEADER} header (or set FEDERATION_SDL=true).`);
        },
      };
    },
  };
}
