// The HTTP server: GraphQL at /graphql (Apollo Server on Express), Apollo Sandbox outside production,
// and health checks. Built from its dependencies so tests run the very same server.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import cors from "cors";
import express from "express";
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Database } from "../db/database";
import { viewerFromHeaders } from "../auth/viewer";
import { createContext, type RequestContext } from "../graphql/context";
import { formatError } from "../graphql/format-error";
import { buildNewsSchema } from "../graphql/schema";
import { createServices } from "../services";
import { mountHealth } from "./health";

export interface AppOptions {
  config: Config;
  db: Database;
  logger: Logger;
  /** The clock requests see (tests set it). */
  clock?: () => Date;
}

export interface RunningApp {
  server: Server;
  apollo: ApolloServer<RequestContext>;
  /** The address actually bound, e.g. http://127.0.0.1:4000 */
  url: string;
  close(): Promise<void>;
}

export async function startApp(options: AppOptions, listen: { port: number; host: string }): Promise<RunningApp> {
  const { config, db, logger } = options;
  const services = createServices(db.dataSource);
  const schema = await buildNewsSchema();
  const app = express();
  const server = createServer(app);
  const production = config.NODE_ENV === "production";

  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !production,
    formatError: formatError(production),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer: server }),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  mountHealth(app, db);
  app.use(
    "/graphql",
    cors<cors.CorsRequest>(),
    express.json({ limit: "1mb" }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = (req.header("x-request-id") ?? "").slice(0, 100) || randomUUID();
        return createContext({ db, services, logger, clock: options.clock }, { user: await viewerFromHeaders(req.headers, config), requestId });
      },
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === "IPv6" ? `[${addr.address}]` : addr.address === "0.0.0.0" ? "localhost" : addr.address;
  return {
    server,
    apollo,
    url: `http://${host}:${addr.port}`,
    async close() {
      await apollo.stop();
    },
  };
}
