// The news graph as an Apollo Federation 2 subgraph: the type-graphql schema printed with its
// `@key` directives, rebuilt by @apollo/subgraph (which adds `_service` and `_entities`) with
// type-graphql's own resolvers plus the entities' reference resolvers. This is the schema newsgraph
// serves in every mode; schema/schema.graphql stays the clean client-facing SDL.
import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { lexicographicSortSchema, parse, type GraphQLSchema } from "graphql";
import { createResolversMap } from "type-graphql";
import { buildNewsSchema } from "../graphql/schema";
import { REFERENCE_RESOLVERS } from "./entity-references";

/** The Federation spec version the subgraph links to: 2.3 is understood by every Federation 2 router and gateway. */
export const FEDERATION_SPEC_URL = "https://specs.apollo.dev/federation/v2.3";

/** The name of the news subgraph in a supergraph (SUBGRAPHS, schema/supergraph.yaml). */
export const NEWS_SUBGRAPH_NAME = "news";

type SubgraphResolvers = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>["resolvers"];

let cached: Promise<GraphQLSchema> | undefined;

/** Merges the reference resolvers into type-graphql's resolver map, type by type. */
function withReferences(resolvers: Record<string, unknown>): SubgraphResolvers {
  const merged: Record<string, unknown> = { ...resolvers };
  for (const [type, extra] of Object.entries(REFERENCE_RESOLVERS)) {
    merged[type] = { ...(resolvers[type] as object | undefined), ...extra };
  }
  return merged as SubgraphResolvers;
}

async function build(): Promise<GraphQLSchema> {
  const schema = lexicographicSortSchema(await buildNewsSchema());
  const typeDefs = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key"])\n\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema({ typeDefs, resolvers: withReferences(createResolversMap(schema) as Record<string, unknown>) });
}

/** The subgraph schema (built once per process, like the schema it wraps). */
export function buildNewsSubgraphSchema(): Promise<GraphQLSchema> {
  cached ??= build();
  return cached;
}

/** The subgraph SDL committed as schema/subgraph.graphql (what `_service { sdl }` returns). */
export async function printNewsSubgraphSchema(): Promise<string> {
  return printSubgraphSchema(await buildNewsSubgraphSchema()).trimEnd() + "\n";
}
