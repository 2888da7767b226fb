// GraphQL subscriptions over graphql-ws on the same /graphql path as HTTP. Who connects is read from
// the connection parameters (`authorization`, `x-admin-key`) or the upgrade request's headers, once per
// connection; each subscription then gets its own request context, like an HTTP request.
import type { IncomingMessage, Server } from "node:http";
import type { GraphQLSchema } from "graphql";
import { WebSocketServer, type WebSocket } from "ws";
// graphql-ws publishes `graphql-ws/use/ws` through package exports only, which this project's
// `moduleResolution: node` cannot see: the types come from the file itself, the code through require.
import type * as GraphQLWsUse from "graphql-ws/dist/use/ws.cjs";
import type { Logger } from "pino";
import type { Config } from "../config";
import { viewerFromCredentials } from "../auth/viewer";
import type { RequestContext, Viewer } from "../graphql/context";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { useServer } = require("graphql-ws/use/ws") as typeof GraphQLWsUse;

type ConnectionExtra = {
  socket: WebSocket;
  request: IncomingMessage;
  viewer?: Viewer | null;
};

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

export function attachWebSocket(options: WebSocketOptions): WebSocketTransport {
  const wss = new WebSocketServer({ server: options.server, path: "/graphql" });
  // Subscriptions open on each socket, so the gauge stays right however a socket ends.
  const open = new Map<WebSocket, Set<string>>();
  const closeOne = (socket: WebSocket, id: string) => {
    if (open.get(socket)?.delete(id)) options.onSubscriptionClosed?.();
  };

  const cleanup = useServer<Record<string, unknown> | undefined, ConnectionExtra>(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const params = ctx.connectionParams ?? undefined;
        try {
          ctx.extra.viewer = await viewerFromCredentials(
            {
              authorization: param(params, "authorization", "Authorization") ?? header(ctx.extra.request, "authorization"),
              adminKey: param(params, "x-admin-key", "adminKey") ?? header(ctx.extra.request, "x-admin-key"),
            },
            options.config,
            options.clock?.(),
          );
          return true;
        } catch (err) {
          options.logger.debug({ err }, "websocket connection refused");
          return false;
        }
      },
      context: (ctx) =>
        options.makeContext({ user: ctx.extra.viewer ?? null, ip: ctx.extra.request.socket.remoteAddress ?? null }) as unknown as Record<string, unknown>,
      onSubscribe: (ctx, id) => {
        let ids = open.get(ctx.extra.socket);
        if (!ids) open.set(ctx.extra.socket, (ids = new Set()));
        ids.add(id);
        options.onSubscriptionOpened?.();
      },
      onComplete: (ctx, id) => closeOne(ctx.extra.socket, id),
      onClose: (ctx) => {
        for (const id of [...(open.get(ctx.extra.socket) ?? [])]) closeOne(ctx.extra.socket, id);
        open.delete(ctx.extra.socket);
      },
    },
    wss,
  );

  return {
    async close() {
      await cleanup.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
