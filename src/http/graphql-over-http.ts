// GraphQL over HTTP, the parts Apollo Server leaves to us. For clients that accept only the legacy
// `application/json` (not `application/graphql-response+json`), the spec says a well-formed request
// SHOULD get 200 even when the document fails to parse or validate or its variables do not coerce;
// Apollo answers 400. This plugin picks the response media type exactly as Apollo would (negotiator),
// states it, and turns those 400s into 200 for `application/json` only. `application/graphql-response+json`
// keeps 4xx, as the spec requires, and a database outage keeps 503.
import type { ApolloServerPlugin } from "@apollo/server";
import type { ServerResponse } from "node:http";
import Negotiator from "negotiator";

/** Adds `Accept` to the response's Vary header (keeping what is there, e.g. CORS's `Origin`). */
export function varyOnAccept(res: ServerResponse): void {
  const current = res.getHeader("vary");
  const list = (Array.isArray(current) ? current.join(",") : String(current ?? ""))
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
  if (!list.some((v) => v === "*" || v.toLowerCase() === "accept")) res.setHeader("vary", [...list, "Accept"].join(", "));
}

const JSON_TYPE = "application/json; charset=utf-8";
const GRAPHQL_RESPONSE_TYPE = "application/graphql-response+json; charset=utf-8";

/** The media type Apollo would answer a single result with, or null when the client accepts neither. */
export function responseMediaType(accept: string | undefined): string | null {
  if (!accept) return JSON_TYPE;
  const preferred = new Negotiator({ headers: { accept } }).mediaType([JSON_TYPE, GRAPHQL_RESPONSE_TYPE]);
  return preferred ?? null;
}

export function graphqlOverHttpPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.body.kind !== "single" || response.http.headers.get("content-type")) return;
          const type = responseMediaType(request.http?.headers.get("accept"));
          if (type === null) return; // Apollo answers 406
          response.http.headers.set("content-type", type);
          // Only GraphQL request errors of a well-formed request; malformed parameters (BAD_REQUEST) stay 400.
          const codes = (response.body.singleResult.errors ?? []).map((e) => e.extensions?.code);
          if (type === JSON_TYPE && response.http.status === 400 && !codes.includes("BAD_REQUEST")) response.http.status = 200;
        },
      };
    },
  };
}
