// Builds the news graph's GraphQL schema from the decorated entities and resolvers.
import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { RESOLVERS } from "../../resolvers";

let cached: Promise<GraphQLSchema> | undefined;

/** The schema (built once per process: type-graphql's metadata is global anyway). */
export function buildNewsSchema(): Promise<GraphQLSchema> {
  cached ??= buildSchema({
    resolvers: [...RESOLVERS] as [Function, ...Function[]],
    validate: false,
  });
  return cached;
}

/** The SDL committed as schema/schema.graphql. */
export async function printNewsSchema(): Promise<string> {
  return printSchema(lexicographicSortSchema(await buildNewsSchema())) + "\n";
}
