// A small second subgraph for the federation tests, as another team would run it: a fact-checking
// service that adds `factCheck` to newsgraph's Quote (keyed by id) and a `profile` to Speaker (keyed by
// Wikidata id, the id a people-profile service knows). Served over HTTP on a loopback port.
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { parse } from "graphql";

export const FACTCHECKS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  "A quote of the news graph, as the fact-checkers see it."
  type Quote @key(fields: "id") {
    "The quote's id in the news graph."
    id: ID!
    "The fact-checkers' verdict on the quote; null when they have not checked it."
    factCheck: FactCheck
  }

  "A verdict on a quote."
  type FactCheck {
    "TRUE, MOSTLY_TRUE, MISLEADING or FALSE."
    rating: String!
    "Where the verdict is published."
    source: String!
  }

  "A speaker of the news graph, known to the fact-checkers by Wikidata id."
  type Speaker @key(fields: "wikidataId") {
    "Wikidata item id."
    wikidataId: String
    "What the fact-checkers know about the speaker; null when nothing."
    profile: SpeakerProfile
  }

  "A fact-checkers' profile of a speaker."
  type SpeakerProfile {
    "One line about the speaker."
    summary: String!
    "How many of the speaker's claims were checked."
    checkedClaims: Int!
  }
`;

const RATINGS = ["TRUE", "MOSTLY_TRUE", "MISLEADING", "FALSE"];

/** The verdict the service gives a quote: derived from its id, so tests can predict it. */
export function expectedFactCheck(quoteId: string): { rating: string; source: string } {
  const n = parseInt(quoteId.replace(/-/g, "").slice(-4), 16);
  return { rating: RATINGS[n % RATINGS.length], source: `https://factchecks.example/quotes/${quoteId}` };
}

export interface FactchecksSubgraph {
  url: string;
  /** The headers of every request the subgraph received. */
  requests: Array<Record<string, string | string[] | undefined>>;
  /** How many `_entities` representations it was asked for, in all. */
  representations: number;
  close(): Promise<void>;
}

/** Starts the factchecks subgraph; `sdl` lets a test serve a broken variant. */
export async function startFactchecks(sdl = FACTCHECKS_SDL): Promise<FactchecksSubgraph> {
  const state = { requests: [] as FactchecksSubgraph["requests"], representations: 0 };
  const schema = buildSubgraphSchema({
    typeDefs: parse(sdl),
    resolvers: {
      Quote: {
        __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
        factCheck: (quote: { id: string }) => expectedFactCheck(quote.id),
      },
      Speaker: {
        __resolveReference: (ref: { wikidataId: string | null }) => ({ wikidataId: ref.wikidataId }),
        profile: (s: { wikidataId: string | null }) => (s.wikidataId ? { summary: `Checked speaker ${s.wikidataId}`, checkedClaims: 12 } : null),
      },
    } as never,
  });
  const server = new ApolloServer({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ request }) {
          const reps = request.variables?.representations;
          if (Array.isArray(reps)) state.representations += reps.length;
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async ({ req }) => {
      state.requests.push({ ...req.headers });
      return {};
    },
  });
  return {
    url,
    get requests() {
      return state.requests;
    },
    get representations() {
      return state.representations;
    },
    close: () => server.stop(),
  };
}
