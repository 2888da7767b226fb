// What /graphql serves. Standalone (the default): the news subgraph schema itself, which is the
// news graph plus `_service`/`_entities`, so Apollo Router or any Federation 2 gateway can compose it
// as it is. Gateway mode (SUBGRAPHS or SUPERGRAPH_FILE): @apollo/gateway over the composed
// supergraph, with the news subgraph executed in-process and the others over HTTP.
// Subscriptions are not carried by @apollo/gateway: they stay on the news subgraph schema (`schema`
// below), served by newsgraph's own WebSocket transport in both modes.
import { existsSync, readFileSync } from "node:fs";
// Types only: @apollo/gateway (with composition and the query planner, ~15 MB of heap) is loaded in
// gateway mode alone, so a standalone server does not carry it.
import type { ApolloGateway, SupergraphManager } from "@apollo/gateway";
import type { GraphQLFormattedError, GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { ConfigError, type Config } from "../config";
import { NEWS_SUBGRAPH_NAME, buildNewsSubgraphSchema } from "./subgraph-schema";

export interface ServedGraph {
  /** The news subgraph schema: what standalone mode serves, and what WebSocket subscriptions run on in every mode. */
  schema: GraphQLSchema;
  /** Set in gateway mode: give it to ApolloServer instead of `schema`. */
  gateway?: ApolloGateway;
  /** One line for the start-up log. */
  description: string;
}

type FormatError = (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;

/** The URL the news subgraph has in a composition made here; never fetched (it runs in-process). */
const IN_PROCESS_URL = "http://in-process.newsgraph.invalid/graphql";

/** Turns a failure to build the supergraph into a start-up error that says what to fix. */
function readable(source: string, inner: SupergraphManager): SupergraphManager {
  return {
    async initialize(options) {
      try {
        return await inner.initialize(options);
      } catch (err) {
        throw new ConfigError(`Gateway mode (${source}): the supergraph could not be built.\n${(err as Error).message}`);
      }
    },
  };
}

function supergraphFromFile(path: string): SupergraphManager {
  if (!existsSync(path)) throw new ConfigError(`SUPERGRAPH_FILE: ${path} does not exist.`);
  const supergraphSdl = readFileSync(path, "utf8");
  if (!new RegExp(`@join__graph\\(\\s*name:\\s*"${NEWS_SUBGRAPH_NAME}"`).test(supergraphSdl)) {
    throw new ConfigError(`SUPERGRAPH_FILE: ${path} has no subgraph named "${NEWS_SUBGRAPH_NAME}" (the name newsgraph serves in-process).`);
  }
  return { initialize: async () => ({ supergraphSdl }) };
}

/** The graph to serve, per the configuration. Gateway mode's composition runs when Apollo Server starts. */
export async function servedGraph(config: Config, logger: Logger, formatError: FormatError): Promise<ServedGraph> {
  const schema = await buildNewsSubgraphSchema();
  const { SUBGRAPHS: subgraphs, SUPERGRAPH_FILE: file } = config;
  if (!subgraphs && !file) return { schema, description: "standalone (news subgraph)" };
  if (subgraphs && file) throw new ConfigError("Set SUBGRAPHS or SUPERGRAPH_FILE, not both.");

  const { ApolloGateway, IntrospectAndCompose } = await import("@apollo/gateway");
  const { ForwardingDataSource, InProcessDataSource } = await import("./subgraph-data-sources");
  const urls = new Map((subgraphs ?? []).map((s) => [s.name, s.url]));
  const supergraphSdl = file
    ? readable("SUPERGRAPH_FILE", supergraphFromFile(file))
    : readable(
        "SUBGRAPHS",
        new IntrospectAndCompose({
          subgraphs: [{ name: NEWS_SUBGRAPH_NAME, url: IN_PROCESS_URL }, ...(subgraphs ?? [])],
          logger: logger.child({ component: "gateway" }),
        }),
      );
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: logger.child({ component: "gateway" }),
    buildService: ({ name, url }) =>
      name === NEWS_SUBGRAPH_NAME ? new InProcessDataSource(schema, formatError) : new ForwardingDataSource(name, urls.get(name) ?? url ?? "", config.SUBGRAPH_TIMEOUT_MS),
  });
  const others = file ? `supergraph ${file}` : [...urls].map(([name, url]) => `${name} at ${url}`).join(", ");
  return { schema, gateway, description: `gateway (news in-process; ${others})` };
}
