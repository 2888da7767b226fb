// The direct lane: repeats of planned reads answered without Express's router and body parser and
// without Apollo Server's request pipeline.
//
// Clients send the same few documents over and over (an app's article page, its front page). Once
// Apollo Server has parsed, validated and limited a query text (graphql-armor's rules, the safelist)
// and the direct execution has answered it (src/execution/direct-execution.ts), the same text and
// operation name may skip that pipeline. The lane is the HTTP server's first handler, in front of
// Express: it takes `POST /graphql` with a JSON body of a known length within the body limit, runs the
// same front steps Express would (refusal observer, request id, CORS, time budget: src/http/front-door.ts),
// reads and parses the body as `express.json()` does, and answers repeats with the same data, headers,
// log line and metrics. What still depends on the request is checked on each one: the operation's cost
// for these variables, the variables themselves, the viewer's credentials and the media type the client
// accepts.
//
// Everything else goes to Express untouched: other methods and paths, other media types or encodings,
// bodies of unknown length or over the limit, and anything while shutting down. A request the lane has
// read but does not answer goes to Express with its body (FrontHandover), which skips the steps the
// lane ran and carries on: a malformed body (the body parser's 400), a batch, persisted-query
// extensions, a text not seen before, a refused cost, a bad token (Apollo answers 401), an unacceptable
// media type, and any answer the direct execution hands back to graphql-js (flagged, so Apollo's pass
// does not try the direct execution a second time).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GraphQLSchema } from "graphql";
import { cacheControlOf } from "../cache/static-cache-policy";
import type { RequestContext } from "../graphql/context";
import type { Metrics } from "../observability/metrics";
import { recordRequest } from "../observability/request-observer";
import { answerText, type DirectExecution } from "../execution/direct-execution";
import { responseMediaType } from "./graphql-over-http";
import { costRefusal, type OperationLimits } from "../graphql/operation-limits";
import { parseJsonBody, type FrontHandover, type FrontRead, type FrontStep } from "./front-door";

export type NodeHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface DirectLaneDeps {
  schema: GraphQLSchema;
  direct: DirectExecution;
  limits: OperationLimits;
  metrics?: Metrics;
  /** The steps in front of Apollo, as Express runs them on /graphql (src/http/front-door.ts). */
  front: FrontStep;
  /** Where the lane records the requests it hands over to Express, and what it read of them. */
  handover: FrontHandover;
  isShuttingDown(): boolean;
  /** The request's context, as Apollo's context function makes it (it throws on a refused token). */
  context(req: IncomingMessage): Promise<RequestContext>;
  /** Runs the read on the viewer's replica (DATABASE_REPLICA_URLS; src/http/read-routing.ts). */
  readScope?: <T>(ctx: RequestContext, fn: () => Promise<T>) => Promise<T>;
}

interface Body {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: unknown;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `application/json`, with no charset or UTF-8: what `express.json()` parses without converting. */
function isJsonUtf8(contentType: string | undefined): boolean {
  if (contentType === undefined) return false;
  const [type, ...params] = contentType.toLowerCase().split(";");
  if (type.trim() !== "application/json") return false;
  return params.every((p) => {
    const [name, value] = p.split("=").map((x) => x.trim());
    return name === "charset" && (value === "utf-8" || value === '"utf-8"');
  });
}

/** Whether the lane reads this request itself: decided from the request line and headers, before any byte of the body. */
function readable(req: IncomingMessage, limits: OperationLimits): boolean {
  if (req.method !== "POST" || req.url !== "/graphql") return false;
  const h = req.headers;
  if (!isJsonUtf8(h["content-type"]) || h["transfer-encoding"] !== undefined) return false;
  if (h["content-encoding"] !== undefined && h["content-encoding"].toLowerCase() !== "identity") return false;
  const length = h["content-length"];
  return length !== undefined && /^\d{1,9}$/.test(length) && Number(length) <= limits.maxBodyBytes;
}

/** The lane in front of `express`, which gets every request the lane does not answer. */
export function directLane(deps: DirectLaneDeps, express: NodeHandler): NodeHandler {
  const { schema, direct, limits, metrics } = deps;
  return (req, res) => {
    if (deps.isShuttingDown() || !readable(req, limits)) return express(req, res);
    const started = process.hrtime.bigint();
    const handOver = (read: FrontRead) => {
      deps.handover.handOver(req, read);
      express(req, res);
    };
    deps.front(req, res, (err) => {
      if (err) return handOver({ error: err });
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.once("error", () => handOver({ error: Object.assign(new Error("The request was aborted."), { status: 400, type: "request.aborted" }) }));
      req.once("end", () => {
        const parsed = parseJsonBody((chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8"));
        if ("error" in parsed) return handOver({ error: parsed.error });
        answer(parsed.body).catch((error: unknown) => handOver({ body: parsed.body, error }));
      });
    });

    const answer = async (body: unknown): Promise<void> => {
      const b = body as Body;
      if (!isPlainObject(b) || typeof b.query !== "string" || b.extensions !== undefined) return handOver({ body });
      const { operationName } = b;
      if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return handOver({ body });
      const variables = b.variables ?? {};
      if (!isPlainObject(variables)) return handOver({ body });
      const doc = direct.remembered(b.query, operationName);
      if (!doc) return handOver({ body });
      const mediaType = responseMediaType(req.headers.accept);
      if (mediaType === null || costRefusal(schema, doc.document, doc.operation, variables, limits)) return handOver({ body });

      let ctx: RequestContext;
      try {
        ctx = await deps.context(req);
      } catch {
        return handOver({ body }); // Apollo answers a refused token (401) its way
      }
      const run = () => direct.execute(schema, doc, variables, ctx, "lane");
      const data = await (deps.readScope ? deps.readScope(ctx, run) : run());
      if (!data) return handOver({ body, directTried: true });
      // The time budget may have answered already (src/http/front-door.ts, startTimeBudget).
      if (res.headersSent) return;
      res.statusCode = 200;
      res.setHeader("content-type", mediaType);
      res.setHeader("cache-control", cacheControlOf(schema, doc.document, doc.operation, ctx.user !== null));
      res.end(answerText(data));
      recordRequest(metrics, ctx, {
        started,
        name: doc.operation.name?.value ?? null,
        resolved: true,
        operationType: doc.operation.operation,
        status: 200,
        codes: [],
        outcome: "ok",
      });
    };
  };
}
