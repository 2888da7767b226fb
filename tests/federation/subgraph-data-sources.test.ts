// The HTTP data source of gateway mode on its own, against a scripted subgraph: what it forwards, when
// it retries, and the per-field errors it leaves when a subgraph fails.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { ForwardingDataSource, SUBGRAPH_UNAVAILABLE } from "../../src/federation/subgraph-data-sources";

type Handler = (req: IncomingMessage, body: any, res: ServerResponse) => void;

describe("ForwardingDataSource", () => {
  let server: Server;
  let url: string;
  let handler: Handler;
  const seen: Array<{ headers: IncomingMessage["headers"]; body: any }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let text = "";
      req.on("data", (c) => (text += c));
      req.on("end", () => {
        const body = JSON.parse(text);
        seen.push({ headers: req.headers, body });
        handler(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const answer = (res: ServerResponse, data: unknown) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data }));
  };

  /** What the gateway hands a data source for one fetch of a client operation. */
  function fetchOf(query: string, variables: Record<string, unknown> = {}, clientHeaders: Record<string, string> = {}) {
    return {
      kind: "incoming operation",
      request: { query, variables, http: { url, method: "POST", headers: new Headers({ "content-type": "application/json" }) } },
      context: { requestId: "req-42", logger: pino({ level: "silent" }) },
      incomingRequestContext: { request: { http: { headers: new Map(Object.entries(clientHeaders)) } } },
    } as never;
  }

  it("passes the caller's Authorization header and the request id on", async () => {
    handler = (_req, _body, res) => answer(res, { ping: "pong" });
    const ds = new ForwardingDataSource("factchecks", url, 2000);
    const res = await ds.process(fetchOf("query { ping }", {}, { authorization: "Bearer abc" }));
    expect(res.data).toEqual({ ping: "pong" });
    expect(seen[0].headers.authorization).toBe("Bearer abc");
    expect(seen[0].headers["x-request-id"]).toBe("req-42");
  });

  it("sends a query once more when the connection is reset under it, but never a mutation", async () => {
    let resets = 0;
    handler = (req, _body, res) => {
      if (resets++ === 0) req.socket.destroy();
      else answer(res, { ping: "pong" });
    };
    const ds = new ForwardingDataSource("factchecks", url, 2000);
    expect((await ds.process(fetchOf("query { ping }"))).data).toEqual({ ping: "pong" });
    expect(seen).toHaveLength(2);

    seen.length = 0;
    resets = 0;
    const res = await ds.process(fetchOf("mutation { rate }"));
    expect(seen).toHaveLength(1);
    expect(res.errors).toEqual([expect.objectContaining({ path: ["rate"], extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: "factchecks" } })]);
  });

  it("leaves one error per requested field of each entity when the subgraph fails", async () => {
    handler = (_req, _body, res) => {
      res.writeHead(502);
      res.end("bad gateway");
    };
    const ds = new ForwardingDataSource("factchecks", url, 2000);
    const query = `query($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Quote { factCheck { rating } alias: factCheck { source } } ... on Speaker { __typename profile { summary } } } }`;
    const representations = [
      { __typename: "Quote", id: "q1" },
      { __typename: "Speaker", wikidataId: "Q1" },
    ];
    const res = await ds.process(fetchOf(query, { representations }));
    expect(res.errors!.map((e) => e.path)).toEqual([
      ["_entities", 0, "factCheck"],
      ["_entities", 0, "alias"],
      ["_entities", 1, "profile"],
    ]);
    expect(res.errors![0].message).toBe("The factchecks subgraph is unavailable (request failed); its fields are null.");
  });

  it("gives up after the timeout", async () => {
    handler = () => {}; // never answers
    const ds = new ForwardingDataSource("factchecks", url, 200);
    const started = Date.now();
    const res = await ds.process(fetchOf("query { ping }"));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.errors![0].message).toMatch(/no answer within 200 ms/);
  });
});
