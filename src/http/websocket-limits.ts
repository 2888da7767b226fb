// What one client may hold open over WebSocket in this process: connections per address, subscriptions
// per connection, and subscriptions per client (a signed-in user, or an address when anonymous), so one
// client cannot pin the database pool or the event fan-out with thousands of subscriptions. The counts
// are per process (a client spread over several processes gets the limits in each).
import type { GraphQLError } from "graphql";
import type { Config } from "../config";
import type { Viewer } from "../auth/identity";
import { limitError } from "../graphql/operation-limits";

/** The close code sent when the token a socket connected with expires (graphql-ws's Unauthorized). */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

/** Whose subscriptions count together: the signed-in user, else the address. */
export function clientKey(viewer: Viewer | null | undefined, ip: string | null): string {
  return viewer ? `user:${viewer.id}` : `ip:${ip ?? "unknown"}`;
}

export class WebSocketLimits {
  private readonly connections = new Map<string, number>();
  private readonly subscriptions = new Map<string, number>();

  constructor(private readonly config: Pick<Config, "WS_MAX_SUBSCRIPTIONS_PER_SOCKET" | "WS_MAX_SUBSCRIPTIONS_PER_CLIENT" | "WS_MAX_CONNECTIONS_PER_ADDRESS">) {}

  /** Whether `ip` may open one more connection. */
  mayConnect(ip: string): boolean {
    return (this.connections.get(ip) ?? 0) < this.config.WS_MAX_CONNECTIONS_PER_ADDRESS;
  }

  /** Counts an open connection from `ip` (until closeConnection). */
  openConnection(ip: string): void {
    this.connections.set(ip, (this.connections.get(ip) ?? 0) + 1);
  }

  closeConnection(ip: string): void {
    const n = (this.connections.get(ip) ?? 0) - 1;
    if (n > 0) this.connections.set(ip, n);
    else this.connections.delete(ip);
  }

  /** Counts a new subscription, or the coded refusal when the socket or the client holds too many. */
  openSubscription(onSocket: number, client: string): GraphQLError | null {
    if (onSocket >= this.config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET) {
      return limitError(`A connection may hold at most ${this.config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET} subscriptions; complete one first.`, "subscriptionsPerSocket");
    }
    const n = this.subscriptions.get(client) ?? 0;
    if (n >= this.config.WS_MAX_SUBSCRIPTIONS_PER_CLIENT) {
      return limitError(`At most ${this.config.WS_MAX_SUBSCRIPTIONS_PER_CLIENT} subscriptions may be open per client; complete one first.`, "subscriptionsPerClient");
    }
    this.subscriptions.set(client, n + 1);
    return null;
  }

  closeSubscription(client: string): void {
    const n = (this.subscriptions.get(client) ?? 0) - 1;
    if (n > 0) this.subscriptions.set(client, n);
    else this.subscriptions.delete(client);
  }
}
