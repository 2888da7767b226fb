// One log line and one set of metric updates per GraphQL operation: request id, operation name,
// duration, user id, outcome, error codes. Never variables or bodies: they may hold tokens, passwords
// or the text of comments waiting for moderation.
import type { ApolloServerPlugin } from "@apollo/server";
import { getOperationAST } from "graphql";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import type { RequestContext } from "../graphql/context";
import type { Metrics, Outcome } from "./metrics";

function outcomeOf(codes: string[], hasData: boolean): Outcome {
  if (codes.length === 0) return "ok";
  if (codes.includes("SERVICE_UNAVAILABLE") || codes.includes("TIMEOUT")) return "unavailable";
  if (codes.includes("INTERNAL_SERVER_ERROR")) return hasData ? "partial" : "error";
  return hasData ? "partial" : "refused";
}

export function requestObserverPlugin(metrics: Metrics | undefined): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      let resolved = false;
      return {
        async didResolveOperation() {
          resolved = true;
        },
        async willSendResponse({ response, operationName, operation, document, contextValue: ctx, request }) {
          const body = response.body.kind === "single" ? response.body.singleResult : undefined;
          const codes = (body?.errors ?? []).map((e) => String(e.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          const hasData = body?.data !== undefined && body?.data !== null;
          // The name even when validation failed (the document parsed, but no operation was resolved).
          const parsedName = !operation && document ? getOperationAST(document, request.operationName)?.name?.value : undefined;
          const name = operationName ?? operation?.name?.value ?? parsedName ?? request.operationName ?? null;
          recordRequest(metrics, ctx, {
            started,
            name,
            resolved,
            operationType: operation?.operation ?? null,
            status: response.http.status ?? 200,
            codes,
            outcome: outcomeOf(codes, hasData),
          });
        },
      };
    },
  };
}

/** What one answered GraphQL request leaves in the metrics and the log. */
export interface RequestRecord {
  /** process.hrtime.bigint() when the request started. */
  started: bigint;
  name: string | null;
  /** Whether an operation was resolved (its name is then a metrics label; see Metrics.operationLabel). */
  resolved: boolean;
  operationType: string | null;
  status: number;
  codes: string[];
  outcome: Outcome;
}

/** The metric updates and the log line of one request (also for answers given without Apollo: src/http/direct-lane.ts). */
export function recordRequest(metrics: Metrics | undefined, ctx: RequestContext, r: RequestRecord): void {
  const seconds = Number(process.hrtime.bigint() - r.started) / 1e9;
  const label = metrics?.operationLabel(r.name, r.resolved) ?? "";
  metrics?.observeRequest(label, r.outcome, seconds, r.codes);
  // The request id is on every line of ctx.logger already (a child logger): once per line.
  const line = {
    operationName: r.name ? r.name.slice(0, 100) : null,
    operationType: r.operationType,
    durationMs: Math.round(seconds * 10_000) / 10,
    userId: ctx.user?.id ?? null,
    outcome: r.outcome,
    status: r.status,
    errorCodes: r.codes.length ? [...new Set(r.codes)] : undefined,
  };
  if (r.outcome === "error" || r.outcome === "unavailable") ctx.logger.warn(line, "graphql request");
  else ctx.logger.info(line, "graphql request");
}

const REFUSAL_CODE = Symbol("refusalCode");

/** Marks an answer as a refusal in front of Apollo, with its code (httpRefusalObserver counts and logs it). */
export function markRefused(res: ServerResponse, code: string): void {
  (res as ServerResponse & { [REFUSAL_CODE]?: string })[REFUSAL_CODE] = code;
}

/** The code markRefused gave this answer, if any. */
export function refusalCode(res: ServerResponse): string | undefined {
  return (res as ServerResponse & { [REFUSAL_CODE]?: string })[REFUSAL_CODE];
}

/**
 * The first step in front of Apollo (Express middleware, and run by the direct lane on the requests it
 * reads): counts and logs the requests refused before Apollo sees them (body too large, malformed JSON,
 * batch over the limit, time budget), which the plugin never sees.
 */
export function httpRefusalObserver(metrics: Metrics | undefined, logger: Logger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once("finish", () => {
      // Only what our own steps refused (markRefused); Apollo's answers are the plugin's.
      const code = refusalCode(res);
      if (!code) return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const outcome: Outcome = res.statusCode === 503 ? "unavailable" : res.statusCode >= 500 ? "error" : "refused";
      metrics?.observeRequest("(http)", outcome, seconds, [code]);
      logger.info({ method: req.method, status: res.statusCode, durationMs: Math.round(seconds * 10_000) / 10, outcome }, "http request refused");
    });
    next();
  };
}
