// GraphQL subscriptions over graphql-ws on the same /graphql path as HTTP. Who connects is read from
// the connection parameters (`authorization`, `x-admin-key`) or the upgrade request's headers, once per
// connection; each subscription then gets its own request context, like an HTTP request.
//
// A socket may hold WS_MAX_SUBSCRIPTIONS_PER_SOCKET subscriptions, a client (user or address)
// WS_MAX_SUBSCRIPTIONS_PER_CLIENT, and an address WS_MAX_CONNECTIONS_PER_ADDRESS connections
// (websocket-limits.ts); no message may be larger than an HTTP body (MAX_BODY_BYTES: larger ones close
// the socket with 1009). The credentials are checked again on every subscribe, and a socket whose token
// expires is closed (4401), which ends every subscription it holds.
//
// The same limits as HTTP apply to every operation sent over the socket (tokens, depth, aliases,
// directives, cost and page size, introspection and the safelist when configured), and only
// subscriptions are served here: queries and mutations go over HTTP, where batching, body size, the
// time budget and CSRF prevention are enforced too. Errors are formatted as over HTTP (no internals in
// production).
import type { IncomingMessage, Server } from "node:http";
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from "graphql";
import { WebSocketServer, type WebSocket } from "ws";
// graphql-ws publishes `graphql-ws/use/ws` through package exports only, which this project's
// `moduleResolution: node` cannot see: the types come from the file itself, the code through require.
import type * as GraphQLWsUse from "graphql-ws/dist/use/ws.cjs";
import type { Logger } from "pino";
import type { Config } from "../config";
import { viewerFromCredentials, type Credentials } from "../auth/viewer";
import type { Viewer } from "../auth/identity";
import type { RequestContext } from "../graphql/context";
import { costRefusal, limitError, NOT_SAFELISTED_CODE, type OperationLimits } from "../graphql/operation-limits";
import { documentHash } from "../graphql/safelist";
import { clientKey, TOKEN_EXPIRED_CLOSE_CODE, WebSocketLimits } from "./websocket-limits";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require("graphql-ws/use/ws") as typeof GraphQLWsUse;

type ConnectionExtra = {
  socket: WebSocket;
  request: IncomingMessage;
  viewer?: Viewer | null;
  /** The credentials the socket connected with, verified again on each subscribe. */
  credentials?: Credentials;
  /** Closes the socket when its token expires. */
  expiry?: NodeJS.Timeout;
};

/** setTimeout's longest delay. */
const MAX_TIMER_MS = 2 ** 31 - 1;

function addressOf(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? "unknown";
}

export interface WebSocketOptions {
  server: Server;
  schema: GraphQLSchema;
  config: Config;
  logger: Logger;
  /** A fresh context for one subscription. */
  makeContext(init: { user: Viewer | null; ip: string | null; requestId?: string }): RequestContext;
  /** Told when subscriptions open and close (metrics). */
  onSubscriptionOpened?(): void;
  onSubscriptionClosed?(): void;
  /** The request clock, for token expiry. */
  clock?: () => Date;
  /** The operation limits, and the validation rules enforcing some of them (graphql-armor's), as over HTTP. */
  limits: OperationLimits;
  validationRules: ValidationRule[];
  /** Safelist mode: the hashes of the only documents accepted. */
  safelist?: Map<string, string>;
  /** How errors reach clients (the HTTP server's formatError). */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

export interface WebSocketTransport {
  close(): Promise<void>;
}

function param(params: Record<string, unknown> | undefined, ...names: string[]): string | null {
  for (const name of names) {
    const v = params?.[name];
    if (typeof v === "string" && v) return v;
  }
  return null;
}

function header(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

const TOKEN_LIMIT_RE = /more th\w* \d+ tokens/;

/** The refusals of `payload` by the limits, or its parsed document when it may run (a subscription). */
function admit(
  options: WebSocketOptions,
  rules: readonly ValidationRule[],
  payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null },
): { document: DocumentNode } | { errors: GraphQLError[] } {
  let document: DocumentNode;
  try {
    document = parse(payload.query, { maxTokens: options.limits.maxTokens });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (TOKEN_LIMIT_RE.test(message)) return { errors: [limitError(message.replace(/^Syntax Error: /, ""), "tokens")] };
    return { errors: [new GraphQLError(message, { extensions: { code: "GRAPHQL_PARSE_FAILED" } })] };
  }
  if (options.safelist && !options.safelist.has(documentHash(document))) {
    return { errors: [new GraphQLError("This server only runs its published operations (safelist mode).", { extensions: { code: NOT_SAFELISTED_CODE } })] };
  }
  const invalid = validate(options.schema, document, rules);
  if (invalid.length) return { errors: invalid.map((e) => (e.extensions.code ? e : new GraphQLError(e.message, { nodes: e.nodes, extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }))) };
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) return { errors: [new GraphQLError("Unable to identify the operation to run; name it with operationName.", { extensions: { code: "BAD_REQUEST" } })] };
  if (operation.operation !== "subscription") {
    return {
      errors: [new GraphQLError(`Only subscriptions are served over WebSocket; send this ${operation.operation} over HTTP.`, { extensions: { code: "BAD_REQUEST" } })],
    };
  }
  const refusal = costRefusal(options.schema, document, operation, payload.variables ?? {}, options.limits);
  if (refusal) return { errors: [refusal] };
  return { document };
}

export function attachWebSocket(options: WebSocketOptions): WebSocketTransport {
  const rules = [...specifiedRules, ...options.validationRules, ...(options.config.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  // What clients see of errors: as over HTTP, without the HTTP status hints.
  const format = (errors: readonly GraphQLError[]): GraphQLFormattedError[] =>
    errors.map((e) => {
      let formatted = options.formatError(e.toJSON(), e);
      // graphql-armor masks "Did you mean …" in an Apollo plugin; this transport does it here.
      if (!options.limits.fieldSuggestions) formatted = { ...formatted, message: formatted.message.replace(/ ?Did you mean .*$/, "") };
      if (!formatted.extensions?.http) return formatted;
      const { http: _http, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    });
  const limits = new WebSocketLimits(options.config);
  const wss = new WebSocketServer({
    server: options.server,
    path: "/graphql",
    // No message larger than an HTTP body (ws's default is 100 MiB); ws closes offenders with 1009.
    maxPayload: options.config.MAX_BODY_BYTES,
    // Called back at once: ws then completes the upgrade synchronously, so the check here and the count
    // in "connection" below cannot interleave with another handshake.
    verifyClient: (info, done) => {
      if (limits.mayConnect(addressOf(info.req))) done(true);
      else done(false, 429, "Too many WebSocket connections from this address");
    },
  });
  // Subscriptions open on each socket (id → whose count it is in), so the gauge and the limits stay
  // right however a socket ends.
  const open = new Map<WebSocket, Map<string, string>>();
  const closeOne = (socket: WebSocket, id: string) => {
    const ids = open.get(socket);
    const client = ids?.get(id);
    if (client === undefined) return;
    ids!.delete(id);
    limits.closeSubscription(client);
    options.onSubscriptionClosed?.();
  };
  const now = () => options.clock?.() ?? new Date();

  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? undefined;
        try {
          ctx.extra.credentials = {
            authorization: param(params, "authorization", "Authorization") ?? header(ctx.extra.request, "authorization"),
            adminKey: param(params, "x-admin-key", "adminKey") ?? header(ctx.extra.request, "x-admin-key"),
          };
          const viewer = (ctx.extra.viewer = await viewerFromCredentials(ctx.extra.credentials, options.config, now()));
          if (viewer?.expiresAt) {
            const socket = ctx.extra.socket;
            const expire = () => {
              const left = viewer.expiresAt!.getTime() - now().getTime();
              if (left > 0) ctx.extra.expiry = setTimeout(expire, Math.min(left, MAX_TIMER_MS));
              else socket.close(TOKEN_EXPIRED_CLOSE_CODE, "Token expired");
            };
            expire();
          }
          return true;
        } catch (err) {
          options.logger.debug({ err }, "websocket connection refused");
          return false;
        }
      },
      context: (ctx) => options.makeContext({ user: ctx.extra.viewer ?? null, ip: ctx.extra.request.socket.remoteAddress ?? null }) as unknown as Record<string, unknown>,
      onSubscribe: async (ctx, id, payload) => {
        // The token is checked again: one that expired (or a key since changed) opens nothing more.
        if (ctx.extra.viewer) {
          try {
            ctx.extra.viewer = await viewerFromCredentials(ctx.extra.credentials ?? {}, options.config, now());
          } catch (err) {
            if (err instanceof GraphQLError) return [err];
            throw err;
          }
        }
        const admitted = admit(options, rules, payload);
        // graphql-ws sends these as the subscription's `error` message (formatted by onError).
        if ("errors" in admitted) return admitted.errors;
        let ids = open.get(ctx.extra.socket);
        if (!ids) open.set(ctx.extra.socket, (ids = new Map()));
        const client = clientKey(ctx.extra.viewer, ctx.extra.request.socket.remoteAddress ?? null);
        const refusal = limits.openSubscription(ids.size, client);
        if (refusal) return [refusal];
        ids.set(id, client);
        options.onSubscriptionOpened?.();
        return { schema: options.schema, document: admitted.document, operationName: payload.operationName, variableValues: payload.variables };
      },
      onNext: (_ctx, _id, _payload, _args, result) => {
        const { errors } = result as ExecutionResult;
        return errors ? { ...result, errors: format(errors) } : undefined;
      },
      onError: (_ctx, _id, _payload, errors) => format(errors) as unknown as readonly GraphQLError[],
      onComplete: (ctx, id) => closeOne(ctx.extra.socket, id),
      onClose: (ctx) => {
        clearTimeout(ctx.extra.expiry);
        for (const id of [...(open.get(ctx.extra.socket)?.keys() ?? [])]) closeOne(ctx.extra.socket, id);
        open.delete(ctx.extra.socket);
      },
    },
    wss,
  );
  // After graphql-ws's own listener: count the connection until it closes, and log socket errors
  // (an oversized message above all, which ws has already closed with 1009) to our log instead of
  // graphql-ws's console.error.
  wss.on("connection", (socket, request) => {
    const address = addressOf(request);
    limits.openConnection(address);
    socket.once("close", () => limits.closeConnection(address));
    socket.removeAllListeners("error");
    socket.on("error", (err: Error & { code?: string }) => {
      if (err.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
        options.logger.warn({ address, limit: options.config.MAX_BODY_BYTES }, "websocket message over the size limit; connection closed");
        return;
      }
      options.logger.warn({ err, address }, "websocket error; connection closed");
      socket.close(1011, "Internal server error");
    });
  });

  return {
    async close() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
