// A TCP proxy (node:net) between the app and a server, so a test can take the server away without
// stopping it: "refuse" drops every connection and refuses new ones (the server is down), "blackhole"
// drops them and accepts new ones that never answer (the server hangs), "stall" keeps every connection
// open but lets nothing through either way (a network partition: no reset ever arrives), "forward"
// restores the link.
import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export type ProxyMode = "forward" | "refuse" | "blackhole" | "stall";

export interface TcpProxy {
  /** The port clients connect to (on 127.0.0.1). */
  port: number;
  mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let mode: ProxyMode = "forward";
  const track = (s: Socket) => {
    open.add(s);
    s.on("close", () => open.delete(s));
    s.on("error", () => s.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (mode === "refuse") {
      client.destroy();
      return;
    }
    if (mode === "blackhole" || mode === "stall") {
      client.resume(); // read and drop whatever comes
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    // Chunk by chunk rather than pipe(), so "stall" can drop what is in flight on open connections.
    client.on("data", (chunk) => {
      if (mode === "forward") upstream.write(chunk);
    });
    upstream.on("data", (chunk) => {
      if (mode === "forward") client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxy: TcpProxy = {
    port: (server.address() as AddressInfo).port,
    get mode() {
      return mode;
    },
    setMode(next) {
      const was = mode;
      mode = next;
      // Established links go down with the server (and a hung one has none either); a partition keeps them.
      if (next === "refuse" || next === "blackhole") for (const s of open) s.destroy();
      // Connections that saw a partition are dead for good once it heals (what they sent is lost): reset them.
      if (next === "forward" && was === "stall") for (const s of open) s.destroy();
    },
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
