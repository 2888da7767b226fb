// The direct lane: repeats of planned reads answered without Apollo Server's request pipeline.
//
// Clients send the same few documents over and over (an app's article page, its front page). Once
// Apollo Server has parsed, validated and limited a query text (graphql-armor's rules, the safelist)
// and the direct execution has answered it (src/planner/direct-execution.ts), the same text and
// operation name may skip that pipeline: this Express middleware, after the front middleware (request
// id, CORS, time budget, body limit, batch limit: src/http/limits.ts) and before Apollo, answers them
// with the same data, headers, log line and metrics. What still depends on the request is checked on
// each one: the operation's cost for these variables, the variables themselves, the viewer's
// credentials and the media type the client accepts.
//
// Anything else goes on to Apollo untouched: other methods, batches, persisted-query extensions, a
// text not seen before, a refused cost, a bad token (Apollo answers 401), an unacceptable media type,
// and any answer the direct execution hands back to graphql-js (flagged, so Apollo's pass does not try
// the direct execution a second time).
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { GraphQLSchema } from "graphql";
import { cacheControlOf } from "../cache/static-cache-policy";
import type { RequestContext } from "../graphql/context";
import type { Metrics } from "../observability/metrics";
import { recordRequest } from "../observability/request-observer";
import { answerText, type DirectExecution } from "../planner/direct-execution";
import { responseMediaType } from "./graphql-over-http";
import { costRefusal, type OperationLimits } from "./limits";

export interface DirectLaneDeps {
  schema: GraphQLSchema;
  direct: DirectExecution;
  limits: OperationLimits;
  metrics?: Metrics;
  /** The request's context, as Apollo's context function makes it (it throws on a refused token). */
  context(req: Request, res: Response): Promise<RequestContext>;
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

export function directLane(deps: DirectLaneDeps): RequestHandler {
  const { schema, direct, limits, metrics } = deps;
  return (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as Body | undefined;
    if (req.method !== "POST" || !isPlainObject(body) || typeof body.query !== "string" || body.extensions !== undefined) return next();
    const { operationName } = body;
    if (operationName !== undefined && operationName !== null && typeof operationName !== "string") return next();
    const variables = body.variables ?? {};
    if (!isPlainObject(variables)) return next();
    const doc = direct.remembered(body.query, operationName);
    if (!doc) return next();
    const mediaType = responseMediaType(req.headers.accept);
    if (mediaType === null || costRefusal(schema, doc.document, doc.operation, variables, limits)) return next();

    const started = process.hrtime.bigint();
    const answer = async () => {
      let ctx: RequestContext;
      try {
        ctx = await deps.context(req, res);
      } catch {
        return next(); // Apollo answers a refused token (401) its way
      }
      const data = await direct.execute(schema, doc, variables, ctx, "lane");
      if (!data) {
        res.locals.directTried = true;
        return next();
      }
      // The time budget may have answered already (src/http/limits.ts, timeBudget).
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
    answer().catch(next);
  };
}
