// The HTTP front door of /graphql: what every request goes through before Apollo Server (Express middleware,
// and the direct lane in front of Express runs the same steps: src/http/direct-lane.ts): request id, CORS,
// the time budget, the body (size, JSON as body-parser reads it), the batch limit, and errors in front
// of Apollo answered in GraphQL's shape, never Express's HTML page.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import cors, { type CorsOptions, type CorsRequest } from "cors";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import type { Config } from "../config";
import { LIMIT_CODE, TIMEOUT_CODE, type OperationLimits } from "../graphql/operation-limits";
import { markRefused } from "../observability/request-observer";

/** A GraphQL-shaped error body (what every refusal in front of Apollo sends). */
export function errorBody(message: string, code: string, extra: Record<string, unknown> = {}): { errors: Array<Record<string, unknown>> } {
  return { errors: [{ message, extensions: { code, ...extra } }] };
}

/** Refuses JSON arrays of more than `maxBatch` operations. */
export function batchLimit(limits: OperationLimits): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const body: unknown = req.body;
    if (Array.isArray(body) && (body.length > limits.maxBatch || limits.maxBatch === 1)) {
      const message =
        limits.maxBatch === 1 ? "Batched operations are not accepted; send one operation per request." : `At most ${limits.maxBatch} operations per request; got ${body.length}.`;
      markRefused(res, LIMIT_CODE);
      res.status(400).json(errorBody(message, LIMIT_CODE, { limit: "batch", maxBatch: limits.maxBatch }));
      return;
    }
    next();
  };
}

/**
 * The per-request time budget: a request still unanswered after `requestTimeoutMs` gets a coded
 * TIMEOUT error (HTTP 503, Retry-After). Work still running is cut short by the database's
 * statement_timeout. Plain Node (not Express), so that the direct lane in front of Express starts it too.
 */
export function startTimeBudget(res: ServerResponse, limits: OperationLimits): void {
  const timer = setTimeout(() => {
    if (res.headersSent) return;
    markRefused(res, TIMEOUT_CODE);
    sendJson(res, 503, errorBody(`The request took longer than its budget of ${limits.requestTimeoutMs} ms.`, TIMEOUT_CODE), { "retry-after": "1", connection: "close" });
  }, limits.requestTimeoutMs);
  timer.unref();
  const clear = () => clearTimeout(timer);
  res.once("close", clear);
  res.once("finish", clear);
}

/** A JSON answer on a plain Node response (what Express's `res.status(…).json(…)` sends, without an ETag). */
function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader("content-type", "application/json; charset=utf-8");
  res.setHeader("content-length", Buffer.byteLength(text));
  res.end(text);
}

/**
 * The request body as `express.json()` (body-parser, strict) parses it: an empty body is `{}`, a body must
 * be a JSON object or array, and a malformed one is the same error body-parser gives (HTTP 400,
 * `entity.parse.failed`), which httpErrorHandler answers. For bodies the direct lane reads itself.
 */
export function parseJsonBody(text: string): { body: unknown } | { error: Error } {
  // iconv-lite, which body-parser decodes with, drops a byte order mark.
  const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (json.length === 0) return { body: {} };
  const first = /^[\x20\x09\x0a\x0d]*(.)/.exec(json)?.[1];
  try {
    if (first !== "{" && first !== "[") throw new SyntaxError(`Unexpected token ${first ?? "end of input"}: the body must be a JSON object or array`);
    return { body: JSON.parse(json) as unknown };
  } catch (err) {
    return { error: Object.assign(new Error((err as Error).message), { status: 400, statusCode: 400, type: "entity.parse.failed" }) };
  }
}

/**
 * Last error handler for /graphql: body-parser failures (too large, malformed JSON, bad charset) and
 * anything else thrown in front of Apollo become GraphQL-shaped errors, never Express's HTML page.
 */
export function httpErrorHandler(onUnexpected: (err: unknown, req: Request) => void) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction): void => {
    if (res.headersSent) {
      // The time budget already answered, or the client went away.
      if (!res.writableEnded) res.end();
      return;
    }
    const e = err as { status?: number; statusCode?: number; type?: string; message?: string };
    const status = e?.status ?? e?.statusCode ?? 500;
    if (status === 413 || e?.type === "entity.too.large") {
      markRefused(res, LIMIT_CODE);
      res.status(413).json(errorBody("The request body is too large.", LIMIT_CODE, { limit: "body" }));
    } else if (status >= 400 && status < 500) {
      const message = e?.type === "entity.parse.failed" ? "The request body is not valid JSON." : "The request could not be read.";
      markRefused(res, "BAD_REQUEST");
      res.status(status === 415 ? 415 : 400).json(errorBody(message, "BAD_REQUEST"));
    } else {
      onUnexpected(err, req);
      markRefused(res, "INTERNAL_SERVER_ERROR");
      res.status(500).json(errorBody("Internal server error", "INTERNAL_SERVER_ERROR"));
    }
  };
}

/** Apollo Sandbox's origins, allowed by CORS outside production. */
export const SANDBOX_ORIGINS = ["https://studio.apollographql.com", "https://sandbox.embed.apollographql.com"];

/** CORS: the configured origins (`*` for any); outside production Apollo Sandbox's origins too. */
export function corsOptions(config: Config): CorsOptions {
  const listed = config.CORS_ORIGINS.split(",")
    .map((o) => o.trim())
    .filter(Boolean);
  if (listed.includes("*")) return { origin: true, maxAge: 600 };
  const allowed = new Set(config.NODE_ENV === "production" ? listed : [...listed, ...SANDBOX_ORIGINS]);
  return { origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)), maxAge: 600 };
}

/** Size of Apollo's persisted-query cache and of its parsed-document cache, each, as Apollo estimates it. */

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,100}$/;

/** A step in front of Apollo in plain Node terms: Express mounts it, and the direct lane runs it before Express. */
export type FrontStep = (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void;

/**
 * What the direct lane (src/http/direct-lane.ts) did with a request before handing it to Express: it ran
 * the front steps and read the body (or failed to: `error`), and may have tried the direct execution.
 */
export interface FrontRead {
  body?: unknown;
  error?: unknown;
  directTried?: boolean;
}

/**
 * The requests the direct lane read and handed over to Express, with what it read. One per app, given
 * to the lane (which records), the /graphql middleware and the context function (which read).
 */
export class FrontHandover {
  private readonly reads = new WeakMap<IncomingMessage, FrontRead>();

  /** Hands a request the lane read over (Express's middleware then skips what the lane did). */
  handOver(req: IncomingMessage, read: FrontRead): void {
    this.reads.set(req, read);
  }

  /** What the lane read of this request, if it handed it over. */
  readOf(req: IncomingMessage): FrontRead | undefined {
    return this.reads.get(req);
  }
}

/**
 * The steps every /graphql request takes before its body is read: request id (the client's
 * `x-request-id` when it is well formed, else a new one; echoed back), `Connection: close` while
 * shutting down, CORS and the time budget. The direct lane runs them itself, on requests it reads.
 */
export function graphqlFrontSteps(config: Config, limits: OperationLimits, isShuttingDown: () => boolean): FrontStep {
  const corsStep = cors<CorsRequest>(corsOptions(config));
  return (req, res, next) => {
    const given = req.headers["x-request-id"];
    const id = typeof given === "string" && REQUEST_ID_RE.test(given) ? given : randomUUID();
    req.headers["x-request-id"] = id;
    res.setHeader("x-request-id", id);
    if (isShuttingDown()) res.setHeader("connection", "close");
    corsStep(req, res, (err?: unknown) => {
      if (err) return next(err);
      startTimeBudget(res, limits);
      next();
    });
  };
}

/**
 * The middleware in front of Apollo on /graphql: the front steps (`front`), the body limit and the batch
 * limit. A request the direct lane read already skips the steps and takes the body it read.
 */
export function graphqlFrontMiddleware(front: FrontStep, limits: OperationLimits, handover: FrontHandover): RequestHandler[] {
  const json = express.json({ limit: limits.maxBodyBytes });
  const steps: RequestHandler = (req, res, next) => (handover.readOf(req) ? next() : front(req, res, next));
  const body: RequestHandler = (req, res, next) => {
    const read = handover.readOf(req);
    if (!read) return json(req, res, next);
    if (read.error) return next(read.error);
    req.body = read.body;
    next();
  };
  return [steps, body, batchLimit(limits)];
}
