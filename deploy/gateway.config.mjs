// Hive Gateway (@graphql-hive/gateway) as the router in front of newsgraph: serves the supergraph that
// `npm run supergraph:compose -- deploy/supergraph.json supergraph.graphql` writes, with the news subgraph
// at the load balancer (deploy/haproxy.cfg). Tested by tests/federation/topology.test.ts.
//   npx hive-gateway supergraph supergraph.graphql -c deploy/gateway.config.mjs --port 4000
import { defineConfig } from "@graphql-hive/gateway";

export const gatewayConfig = defineConfig({
  // Clients' credentials and request ids reach the subgraphs: newsgraph decides who may do what.
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers = {};
      for (const name of ["authorization", "x-request-id"]) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
  // Subscriptions: the gateway opens a graphql-ws connection to the news subgraph (through the load balancer).
  transportEntries: {
    news: { options: { subscriptions: { kind: "ws", location: "/graphql" } } },
  },
  // newsgraph's errors are coded and written for clients: pass them on as they are.
  maskedErrors: false,
  // No GraphiQL page in production.
  graphiql: process.env.NODE_ENV !== "production",
});
