// The operation limits and the HTTP front door now live in their own homes; this file re-exports them for
// modules not yet moved over (new code imports from the homes):
// - src/graphql/operation-limits.ts: limits, codes, costRefusal, the armor rules;
// - src/graphql/operation-cost.ts: the cost estimate; src/graphql/safelist.ts: safelist mode;
// - src/http/front-door.ts: CORS, request id, body, batch, time budget; src/http/apollo-hardening.ts.
export * from "../graphql/operation-limits";
export * from "../graphql/operation-cost";
export * from "../graphql/safelist";
export * from "./front-door";
export * from "./apollo-hardening";
