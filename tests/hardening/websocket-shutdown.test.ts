// Graceful shutdown for WebSocket clients: closing the app sends them a proper close frame (1001,
// going away) instead of dropping the TCP connection; readiness is 503 by then.
import WebSocket from "ws";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close().catch(() => {});
});

it("closes WebSocket clients with a close frame on shutdown", async () => {
  const socket = new WebSocket(`${app.url.replace(/^http/, "ws")}/graphql`, "graphql-transport-ws");
  await new Promise<void>((resolve, reject) => {
    socket.once("error", reject);
    socket.once("open", () => socket.send(JSON.stringify({ type: "connection_init" })));
    socket.on("message", (data) => {
      if (JSON.parse(String(data)).type === "connection_ack") resolve();
    });
  });
  const closed = new Promise<{ code: number }>((resolve) => socket.once("close", (code) => resolve({ code })));
  await app.app.close();
  const { code } = await closed;
  expect(code).toBe(1001);
});
