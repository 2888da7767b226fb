// A bare graphql-transport-ws client over `ws`, for tests that need to see the protocol itself:
// close codes, refused upgrades, oversized frames, many subscriptions on one socket.
import WebSocket from "ws";

export interface RawSocket {
  socket: WebSocket;
  /** Every message received, parsed. */
  messages: Array<{ type: string; id?: string; payload?: any }>;
  /** Resolves with the close code once the socket closes. */
  closed: Promise<number>;
  subscribe(id: string, query: string, variables?: Record<string, unknown>): void;
  complete(id: string): void;
  /** Resolves with the first message for subscription `id` (next, error or complete). */
  answer(id: string, ms?: number): Promise<{ type: string; payload?: any }>;
  close(): Promise<void>;
}

/** Connects to the app at `httpUrl` and completes connection_init; rejects when the upgrade is refused. */
export async function rawSocket(httpUrl: string, connectionParams: Record<string, unknown> = {}): Promise<RawSocket> {
  const socket = new WebSocket(`${httpUrl.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
  const messages: RawSocket["messages"] = [];
  const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
  socket.on("message", (data) => messages.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once("unexpected-response", (_req, res) => reject(Object.assign(new Error(`upgrade refused: HTTP ${res.statusCode}`), { status: res.statusCode })));
    socket.once("error", reject);
    socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init", payload: connectionParams })));
    socket.on("message", () => {
      if (messages.some((m) => m.type === "connection_ack")) resolve();
    });
    void closed.then((code) => reject(new Error(`closed with ${code} before connection_ack`)));
  });
  return {
    socket,
    messages,
    closed,
    subscribe(id, query, variables) {
      socket.send(JSON.stringify({ id, type: "subscribe", payload: { query, variables } }));
    },
    complete(id) {
      socket.send(JSON.stringify({ id, type: "complete" }));
    },
    async answer(id, ms = 5000) {
      const end = Date.now() + ms;
      for (;;) {
        const m = messages.find((x) => x.id === id);
        if (m) return m;
        if (Date.now() > end) throw new Error(`no answer for subscription ${id}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async close() {
      if (socket.readyState === WebSocket.CLOSED) return;
      socket.close();
      await closed;
    },
  };
}
