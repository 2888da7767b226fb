// One log line and one set of metric updates per GraphQL operation: request id, operation name,
// duration, user id, outcome, error codes. Never variables or bodies: they may hold tokens, passwords
// or the text of comments waiting for moderation.
import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST } from "graphql";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Logger } from "pino";
import type { RequestContext } from "../graphql/context";
import type { Metrics, Outcome } from "./metrics";

const REFUSAL_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "OPERATION_LIMIT_EXCEEDED",
  "OPERATION_NOT_SAFELISTED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "RATE_LIMITED",
]);

function outcomeOf(codes: string[], hasData: boolean): Outcome {
  if (codes.length === 0) return "ok";
  if (codes.includes("SERVICE_UNAVAILABLE") || codes.includes("TIMEOUT")) return "unavailable";
  if (codes.includes("INTERNAL_SERVER_ERROR")) return hasData ? "partial" : "error";
  return hasData ? "partial" : "refused";
}

export function requestObserverPlugin(metrics: Metrics | undefined): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      let resolved = false;
      return {
        async didResolveOperation() {
          resolved = true;
        },
        async willSendResponse({ response, operationName, operation, document, contextValue: ctx, request }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          const hasData = body?.data !== undefined && body?.data !== null;
          const outcome = outcomeOf(codes, hasData);
          // The name even when validation failed (the document parsed, but no operation was resolved).
          const parsedName = !operation && document ? getOperationAST(document, request.operationName)?.name?.value : undefined;
          const name = operationName ?? operation?.name?.value ?? parsedName ?? request.operationName ?? null;
          const label = metrics?.operationLabel(name, resolved) ?? "";
          metrics?.observeRequest(label, outcome, seconds, codes);
          const line = {
            requestId: ctx.requestId,
            operationName: name ? name.slice(0, 100) : null,
            operationType: operation?.operation ?? null,
            durationMs: Math.round(seconds * 10_000) / 10,
            userId: ctx.user?.id ?? null,
            outcome,
            status: response.http.status ?? 200,
            errorCodes: codes.length ? [...new Set(codes)] : undefined,
          };
          if (outcome === "error" || outcome === "unavailable") contextValue.logger.warn(line, "graphql request");
          else contextValue.logger.info(line, "graphql request");
        },
      };
    },
  };
}

/**
 * Express middleware in front of Apollo: counts and logs the requests refused before Apollo sees them
 * (body too large, malformed JSON, batch over the limit, time budget), which the plugin never sees.
 */
export function httpRefusalObserver(metrics: Metrics | undefined, logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      // Only what our own middleware refused (it sets res.locals.errorCode); Apollo's answers are the plugin's.
      const code = res.locals.errorCode as string | undefined;
      if (!code) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const outcome: Outcome = res.statusCode === 503 ? "unavailable" : res.statusCode >= 500 ? "error" : "refused";
      metrics?.observeRequest("(http)", outcome, seconds, [code]);
      logger.info({ method: req.method, status: res.statusCode, durationMs: Math.round(seconds * 10_000) / 10, outcome }, "http request refused");
    });
    next();
  };
}
