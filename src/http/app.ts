// The HTTP server: GraphQL at /graphql (Apollo Server on Express), Apollo Sandbox outside production,
// and health checks. Built from its dependencies so tests run the very same server.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { mountLandingPages } from "./landing";
import { ApolloServerPluginInlineTrace } from "@apollo/server/plugin/inlineTrace";
import { ApolloServerPluginLandingPageLocalDefault } from "@apollo/server/plugin/landingPage/default";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import type { Logger } from "pino";
import type { Config } from "../config";
import type { Database } from "../db/database";
import { viewerFromHeaders } from "../auth/viewer";
import { createContext, type RequestContext } from "../graphql/context";
import { errorReportingPlugin, formatError } from "../graphql/format-error";
import { servedGraph } from "../federation/served-graph";
import { createServices, type Services } from "../services";
import { ExtractPool } from "../ingest/extract-pool";
import { commentPolicyFromConfig } from "../comments/comment-write.service";
import { CodedError } from "../errors";
import { createNewsEvents } from "../pubsub/news-events";
import { createRateLimits } from "../rate-limit/rate-limits";
import { attachWebSocket } from "./websocket";
import { Metrics } from "../observability/metrics";
import { httpRefusalObserver, requestObserverPlugin } from "../observability/request-observer";
import { mountHealth, type Health } from "./health";
import { mountExport } from "./export-route";
import { mountExplorePage } from "./explore-page";
import { ContentChanges } from "../cache/content-changes";
import { createResponseCacheStore } from "../cache/response-cache-store";
import { responseCachePlugin, viewerCachePolicyPlugin } from "../cache/response-cache.plugin";
import { staticCachePolicyPlugin } from "../cache/static-cache-policy";
import { DirectExecution, type DirectExecutionStats } from "../execution/direct-execution";
import { directLane } from "./direct-lane";
import { startReadRouting } from "../db/replicas";
import { registerReplicaMetrics } from "../observability/replica-metrics";
import { readOnReplica, readRoutingPlugin, readScope } from "./read-routing";
import { operationLimits } from "../graphql/operation-limits";
import { loadSafelist } from "../graphql/safelist";
import { apolloHardening } from "./apollo-hardening";
import { FrontHandover, graphqlFrontMiddleware, graphqlFrontSteps, httpErrorHandler, type FrontStep } from "./front-door";
import { varyOnAccept } from "./graphql-over-http";
import { serviceSdlGatePlugin } from "../federation/service-sdl-gate";
import { knownOperationNames } from "../observability/operation-names";

export interface AppOptions {
  config: Config;
  db: Database;
  logger: Logger;
  /** The clock requests see (tests set it). */
  clock?: () => Date;
  /** Use Apollo's per-field cache-control plugin instead of the static cache policy (tests compare the two). */
  apolloCacheControl?: boolean;
}

export interface RunningApp {
  server: Server;
  apollo: ApolloServer<RequestContext>;
  /** The address actually bound, e.g. http://127.0.0.1:4000 */
  url: string;
  /** Readiness: `health.markShuttingDown()` is the first step of a graceful shutdown. */
  health: Health;
  /** Prometheus metrics (undefined when METRICS=false); the WebSocket transport reports subscriptions to it. */
  metrics?: Metrics;
  /** The app's services (tests wait on `services.events` to know a subscription is listening). */
  services: Services;
  /** Answers given by the direct execution of planned reads, and eligible ones graphql-js gave after all. */
  directExecution: DirectExecutionStats;
  close(): Promise<void>;
}

export async function startApp(options: AppOptions, listen: { port: number; host: string }): Promise<RunningApp> {
  const { config, db, logger } = options;
  // Events and rate limits are per app: in process memory, or shared through Redis with REDIS_URL.
  const changes = new ContentChanges(logger.child({ component: "cache" }));
  // ingestArticle's extraction runs in worker threads, under a time, size and memory budget.
  const extraction = new ExtractPool(config.INGEST_EXTRACT_WORKERS, {
    timeoutMs: config.INGEST_EXTRACT_TIMEOUT_MS,
    maxInputBytes: config.INGEST_MAX_INPUT_BYTES,
    memoryMb: config.INGEST_WORKER_MEMORY_MB,
  });
  const services = createServices(db.dataSource, {
    commentPolicy: commentPolicyFromConfig(config),
    events: createNewsEvents(config.REDIS_URL, logger),
    rateLimits: createRateLimits(config, logger),
    changes,
    extraction,
    readPlanner: config.READ_PLANNER,
    // Not on the embedded database: see the read planner's README section.
    preparedStatements: db.embedded ? 0 : config.DB_PREPARED_STATEMENTS,
    sources: { allowPrivate: config.SOURCES_ALLOW_PRIVATE, minIntervalSeconds: config.SOURCES_MIN_INTERVAL_SECONDS },
  });
  // The news subgraph schema, or (SUBGRAPHS / SUPERGRAPH_FILE) a gateway over it and other subgraphs.
  const { schema, gateway, description } = await servedGraph(config, logger, formatError(config.NODE_ENV === "production"));
  logger.info({ graph: description }, "graph");
  const app = express();
  // The server's handler is set once the app is built: the direct lane in front of Express, or Express.
  const server = createServer();
  const production = config.NODE_ENV === "production";
  const limits = operationLimits(config);
  const hardening = apolloHardening(config, limits);
  const metrics = config.METRICS
    ? new Metrics(db, { known: knownOperationNames(config), firstSeen: (config.METRICS_OPERATION_LABELS ?? (production ? "known" : "first-seen")) === "first-seen" })
    : undefined;
  // Read replicas (DATABASE_REPLICA_URLS): queries read from a healthy replica, the rest from the primary.
  const readRouter = await startReadRouting(config, db, logger, metrics ? registerReplicaMetrics(metrics.registry, () => readRouter) : {});
  // The response cache (RESPONSE_CACHE) serves the news graph itself; in gateway mode other subgraphs' data would pass through it.
  const responseCache =
    config.RESPONSE_CACHE && !gateway
      ? createResponseCacheStore({
          redisUrl: config.REDIS_URL,
          maxEntries: config.RESPONSE_CACHE_MAX_ENTRIES,
          prefix: config.RESPONSE_CACHE_PREFIX,
          logger: logger.child({ component: "cache" }),
        })
      : undefined;

  // Planned reads answered without graphql-js: needs the planner, and the static cache policy (the
  // per-field one of Apollo's plugin is computed during graphql-js execution); not in gateway mode.
  const directExecution = new DirectExecution(metrics);
  const direct = config.DIRECT_EXECUTION && config.READ_PLANNER && !gateway && !options.apolloCacheControl;

  const apollo = new ApolloServer<RequestContext>({
    ...(gateway ? { gateway } : { schema }),
    // `newsgraph serve` owns SIGTERM/SIGINT (readiness 503 for the grace period, then drain, then close
    // frames). Apollo's own handler, on by default outside NODE_ENV=test, stopped the server at once.
    stopOnTerminationSignals: false,
    introspection: config.introspection,
    // Apollo's own messages (e.g. inline tracing switched on for the subgraph schema) go to our log, not the console.
    logger: logger.child({ component: "apollo" }),
    includeStacktraceInErrorResponses: !production,
    formatError: formatError(production),
    ...hardening,
    plugins: [
      ...hardening.plugins,
      errorReportingPlugin(),
      // `_service { sdl }` only where configured (src/federation/service-sdl-gate.ts); a gateway serves no `_service`.
      ...(gateway ? [] : [serviceSdlGatePlugin(config)]),
      requestObserverPlugin(metrics),
      ...(readRouter ? [readRoutingPlugin(readRouter, logger, { cacheFillsOnPrimary: Boolean(responseCache) })] : []),
      viewerCachePolicyPlugin(),
      ...(responseCache ? [responseCachePlugin(responseCache, changes)] : []),
      // After the response cache: a hit answers first.
      ...(direct ? [directExecution.plugin()] : []),
      // Federated traces (ftv1) for a gateway that asks for them, as Apollo would add for a subgraph
      // schema, but installed here so Apollo does not log "Enabling inline tracing" at every start.
      ...(gateway ? [] : [ApolloServerPluginInlineTrace()]),
      // In-flight requests get up to 7 s to finish on shutdown (the process must exit within 10 s).
      ApolloServerPluginDrainHttpServer({ httpServer: server, stopGracePeriodMillis: 7_000 }),
      production ? ApolloServerPluginLandingPageDisabled() : ApolloServerPluginLandingPageLocalDefault({ embed: true, includeCookies: false }),
      // Cache policy and Cache-Control once per document (src/cache/static-cache-policy.ts), not per field by
      // Apollo's default plugin. A gateway executes elsewhere and keeps Apollo's plugin (answers stay no-store).
      ...(gateway || options.apolloCacheControl ? [] : [staticCachePolicyPlugin(), ApolloServerPluginCacheControlDisabled()]),
    ],
  });
  await apollo.start();

  app.disable("x-powered-by");
  const health = mountHealth(app, db, { redisUrl: config.REDIS_URL });
  if (readRouter) {
    // A replica down or behind degrades readiness (reads go elsewhere); it never makes this process unready.
    for (const r of readRouter.replicas.replicas) {
      const check = async () => {
        if (r.state !== "up") throw new Error(r.state);
      };
      health.addReadinessCheck({ name: `replica ${r.name}`, required: false, check });
    }
    health.addReadinessDetail("replicas", () => readRouter.replicas.statuses());
  }
  if (metrics) app.get("/metrics", metrics.handler(config.METRICS_TOKEN));
  mountLandingPages(app, { graphiql: config.introspection });
  mountExport(app, { config, db, services, logger, clock: options.clock });
  mountExplorePage(app, config);
  const context = async (req: IncomingMessage): Promise<RequestContext> => {
    const given = req.headers["x-request-id"];
    const requestId = (typeof given === "string" ? given : "").slice(0, 100) || randomUUID();
    const user = await viewerFromHeaders(req.headers, config, options.clock?.()).catch((err) => {
      // A wrong token is refused outright (HTTP 401), never silently treated as anonymous.
      if (err instanceof CodedError) Object.assign(err.extensions, { http: { status: 401 } });
      throw err;
    });
    // Express's req.ip without "trust proxy": the peer's address.
    const ctx = createContext({ db, services, logger, clock: options.clock }, { user, requestId, ip: req.socket.remoteAddress ?? null });
    if (handover.readOf(req)?.directTried) ctx.directTried = true;
    return ctx;
  };
  const isShuttingDown = () => health.shuttingDown;
  // Requests the direct lane read and handed over to Express, with what it read.
  const handover = new FrontHandover();
  const observeRefusals = httpRefusalObserver(metrics, logger);
  const steps = graphqlFrontSteps(config, limits, isShuttingDown);
  const front: FrontStep = (req, res, next) => {
    // The media type of the answer depends on Accept (src/http/graphql-over-http.ts): caches must key on it.
    varyOnAccept(res);
    observeRefusals(req, res, () => steps(req, res, next));
  };
  app.use(
    "/graphql",
    ...graphqlFrontMiddleware(front, limits, handover),
    ...(readRouter ? [readScope(readRouter)] : []),
    expressMiddleware(apollo, { context: ({ req }) => context(req) }),
    httpErrorHandler((err) => logger.error({ err }, "unexpected error in front of GraphQL")),
  );
  // Repeats of planned reads, in front of Express and without Apollo's pipeline (not with the response
  // cache, which answers in that pipeline).
  const handler =
    direct && !responseCache
      ? directLane({ schema, direct: directExecution, limits, metrics, front, handover, isShuttingDown, context, readScope: readRouter && readOnReplica(readRouter) }, app)
      : app;
  server.on("request", handler);

  const ws = attachWebSocket({
    server,
    schema,
    config,
    logger,
    clock: options.clock,
    makeContext: (init) => createContext({ db, services, logger, clock: options.clock }, init),
    limits,
    validationRules: hardening.validationRules,
    safelist: config.SAFELIST ? loadSafelist(config.SAFELIST_DIR) : undefined,
    formatError: formatError(production),
    onSubscriptionOpened: () => metrics?.subscriptionOpened(),
    onSubscriptionClosed: () => metrics?.subscriptionClosed(),
  });

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
    health,
    metrics,
    services,
    directExecution: directExecution.stats,
    async close() {
      health.markShuttingDown();
      await ws.close();
      await apollo.stop();
      await health.close();
      await services.events.close();
      await services.rateLimits.close();
      await readRouter?.close();
      await extraction.close();
    },
  };
}
