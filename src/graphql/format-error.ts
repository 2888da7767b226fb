// What clients see of an error: coded errors as they are; a lost database as SERVICE_UNAVAILABLE; a
// statement cut by statement_timeout as TIMEOUT; anything unexpected, in production, as a bare
// INTERNAL_SERVER_ERROR without stack, SQL or driver text. Every error carries the request id, and the
// full unexpected error goes to the log under the same id.
import type { ApolloServerPlugin } from "@apollo/server";
import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import { isDatabaseUnavailable, isStatementTimeout, userInputProblem } from "../db/connection-errors";
import { CodedError } from "../errors";
import { LIMIT_CODE, NOT_SAFELISTED_CODE, TIMEOUT_CODE } from "./operation-limits";
import type { RequestContext } from "./context";

const CLIENT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
  "BAD_REQUEST",
  LIMIT_CODE,
  NOT_SAFELISTED_CODE,
  TIMEOUT_CODE,
]);

/** Codes that mean "try again later": the HTTP status becomes 503 with Retry-After. */
const RETRY_CODES = new Set(["SERVICE_UNAVAILABLE", TIMEOUT_CODE]);

type Kind = "client" | "unavailable" | "timeout" | "rejected-value" | "apollo-request" | "unexpected";

function kindOf(formatted: GraphQLFormattedError, error: unknown): Kind {
  const original = unwrapResolverError(error);
  if (original instanceof CodedError) return original.extensions.code === "SERVICE_UNAVAILABLE" ? "unavailable" : "client";
  const code = formatted.extensions?.code as string | undefined;
  if (code === "SERVICE_UNAVAILABLE") return "unavailable";
  if (code && CLIENT_CODES.has(code)) return "client";
  if (isDatabaseUnavailable(original)) return "unavailable";
  if (isStatementTimeout(original)) return "timeout";
  if (userInputProblem(original)) return "rejected-value";
  // Apollo's own request errors without a code (bad persisted-query hashes or versions) carry HTTP 400.
  if (!code || code === "INTERNAL_SERVER_ERROR") {
    const http = (error as { extensions?: { http?: { status?: number } } })?.extensions?.http;
    if (http?.status === 400) return "apollo-request";
  }
  // A thrown GraphQLError with a code of its own (e.g. from another module's plugin) is deliberate.
  if (code && code !== "INTERNAL_SERVER_ERROR") return "client";
  return "unexpected";
}

/** The error without `extensions.stacktrace`: a client's mistake has no server stack worth showing. */
function withoutStack(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !("stacktrace" in formatted.extensions)) return formatted;
  const { stacktrace: _stacktrace, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}

/**
 * graphql-js stops coercing variables after 50 bad values with an uncoded error (no variable node, so
 * Apollo cannot tell it is the client's input): it is BAD_USER_INPUT like each of those 50 would be.
 */
function recodeVariableErrorLimit(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if ((code && code !== "INTERNAL_SERVER_ERROR") || !formatted.message.startsWith("Too many errors processing variables")) return formatted;
  return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_USER_INPUT" } };
}

export function formatError(production: boolean) {
  return (given: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const formatted = recodeVariableErrorLimit(given);
    const shown = format(formatted, error);
    // Stack traces (outside production) only for what is unexpected; a refused request keeps its message.
    return kindOf(formatted, error) === "unexpected" ? shown : withoutStack(shown);
  };

  function format(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
    // Limit refusals from validation rules: Apollo recodes them GRAPHQL_VALIDATION_FAILED; restore ours.
    if (formatted.extensions?.limit && formatted.extensions.code === "GRAPHQL_VALIDATION_FAILED") {
      return { ...formatted, extensions: { ...formatted.extensions, code: LIMIT_CODE } };
    }
    // graphql-js's token limit (parseOptions.maxTokens) is one of our limits too.
    if (formatted.extensions?.code === "GRAPHQL_PARSE_FAILED" && /more th\w* \d+ tokens/.test(formatted.message)) {
      return { ...formatted, extensions: { ...formatted.extensions, code: LIMIT_CODE, limit: "tokens" } };
    }
    const where = { locations: formatted.locations, path: formatted.path };
    switch (kindOf(formatted, error)) {
      case "client":
        return formatted;
      case "unavailable": {
        // A coded refusal says what is away (e.g. Redis, `extensions.service`); anything else is the database.
        const original = unwrapResolverError(error);
        if (original instanceof CodedError) return { message: original.message, ...where, extensions: { ...original.extensions } };
        return { message: "The database is not reachable right now; try again shortly.", ...where, extensions: { code: "SERVICE_UNAVAILABLE" } };
      }
      case "rejected-value": {
        const problem = userInputProblem(unwrapResolverError(error))!;
        return { message: problem.message, ...where, extensions: { code: problem.code } };
      }
      case "apollo-request":
        return { ...formatted, extensions: { ...formatted.extensions, code: "BAD_REQUEST" } };
      case "timeout":
        return { message: "The query took longer than the database allows.", ...where, extensions: { code: TIMEOUT_CODE } };
      case "unexpected":
        if (!production) return formatted;
        return { message: "Internal server error", ...where, extensions: { code: "INTERNAL_SERVER_ERROR" } };
    }
  }
}

/**
 * Logs unexpected errors in full (stack, SQL, driver text) under the request id, adds the request id
 * to every error the client gets, and answers 503 + Retry-After when the database is away.
 */
export function errorReportingPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, operationName }) {
          let unavailable = false;
          for (const error of errors) {
            const original = unwrapResolverError(error);
            const kind = kindOf({ message: error.message, extensions: error.extensions }, error);
            if (kind === "unexpected") {
              contextValue.logger.error({ err: original, operationName, path: error.path }, "unexpected error");
            } else if (kind === "unavailable" && !unavailable) {
              unavailable = true;
              contextValue.logger.warn({ err: { message: (original as Error)?.message, code: (original as { code?: string })?.code }, operationName }, "database unavailable");
            } else if (kind === "rejected-value") {
              contextValue.logger.warn({ err: original, operationName, path: error.path }, "the database refused a value");
            } else if (kind === "timeout") {
              contextValue.logger.warn({ operationName, path: error.path }, "statement timeout");
            }
          }
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const errors = response.body.singleResult.errors;
          if (!errors?.length) return;
          let retry = false;
          response.body.singleResult.errors = errors.map((e) => {
            if (RETRY_CODES.has(e.extensions?.code as string)) retry = true;
            return { ...e, extensions: { ...e.extensions, requestId: contextValue.requestId } };
          });
          if (retry) {
            response.http.status = 503;
            response.http.headers.set("retry-after", "2");
          }
        },
      };
    },
  };
}
