// Builds the news graph's GraphQL schema from the decorated entities and resolvers.
import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema, type ClassType, type PubSub } from "type-graphql";
import { RESOLVERS } from "../../resolvers";
import { printWithCacheHints, withCacheHints } from "../cache/cache-hints";
import { servePlannedFields } from "../planner/planned-fields";
import { servePlainFields } from "./plain-fields";
import { authChecker } from "../auth/auth-checker";
import { validateInput } from "./validation";

let cached: Promise<GraphQLSchema> | undefined;

const CONTEXT_EVENTS_ONLY: PubSub = {
  publish() {
    throw new Error("Publish through ctx.services.events, not type-graphql's pubSub.");
  },
  subscribe() {
    throw new Error("Every @Subscription here has its own `subscribe` reading ctx.services.events.");
  },
};

/** The schema (built once per process: type-graphql's metadata is global anyway). */
export function buildNewsSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [...RESOLVERS] as [ClassType, ...ClassType[]],
    // class-validator rules on inputs, failures answered as BAD_USER_INPUT naming the field.
    validate: true,
    validateFn: validateInput,
    // `@Authorized(...)` on root and nested fields alike; see src/auth/auth-checker.ts.
    authChecker,
    // Subscriptions take their events from the request context (ctx.services.events) through their
    // own `subscribe` functions: the schema is built once per process, while each app has its own
    // events (in memory or Redis). type-graphql still insists on a pubSub, so it gets one that says so.
    pubSub: CONTEXT_EVENTS_ONLY,
    // Cache-control hints (@cacheControl) from one table: src/cache/cache-hints.ts.
    // No global middlewares: fields with nothing to run lose their resolvers (src/graphql/plain-fields.ts).
    // Fields the read planner fetched answer from its values without their resolvers: src/planner/planned-fields.ts.
  })
    .then(withCacheHints)
    .then(servePlainFields)
    .then(servePlannedFields);
  return cached;
}

/** The SDL committed as schema/schema.graphql. */
export async function printNewsSchema(): Promise<string> {
  // graphql's printer leaves out applied directives; the cache hints are written in (clients read them).
  return printWithCacheHints(printSchema(lexicographicSortSchema(await buildNewsSchema()))) + "\n";
}
