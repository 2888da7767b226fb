// What one GraphQL operation may ask. Every limit is checked before any resolver runs, so an abusive
// operation is refused before a single SQL statement, with a coded error (HTTP 400):
// - depth, aliases and directives: graphql-armor's validation rules (GraphQL validation phase);
// - tokens: graphql-js's own parser limit (`parseOptions.maxTokens`), which stops lexing early;
// - variables' nesting, `_entities` representations, cost and page sizes: costRefusal below, on every
//   path (Apollo's plugin, the direct lane, the WebSocket), with the cost of operation-cost.ts.
// The HTTP limits (body, batch, time budget) are the front door's: src/http/front-door.ts.
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import { GraphQLError, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode, type ValidationContext, type ValidationRule } from "graphql";
import type { Config } from "../config";
import { MAX_PAGE_SIZE } from "../pagination/page-request";
import { cachedOperationCost, nestsDeeperThan } from "./operation-cost";

/** The code of every refusal for exceeding an operation limit. */
export const LIMIT_CODE = "OPERATION_LIMIT_EXCEEDED";
/** The code of a refusal in safelist mode. */
export const NOT_SAFELISTED_CODE = "OPERATION_NOT_SAFELISTED";
/** The code of a request that outlived its time budget. */
export const TIMEOUT_CODE = "TIMEOUT";

export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  maxPageSize: number;
  /** Representations one `_entities` call may resolve. */
  maxEntityRepresentations: number;
  /** Deepest nesting of arrays and objects in the variables. */
  maxVariableDepth: number;
  maxBatch: number;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  /** Keep graphql-js's "Did you mean …" hints in validation errors. */
  fieldSuggestions: boolean;
}

export function operationLimits(config: Config): OperationLimits {
  return {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxAliases: config.MAX_ALIASES,
    maxDirectives: config.MAX_DIRECTIVES,
    maxTokens: config.MAX_TOKENS,
    maxCost: config.MAX_QUERY_COST,
    maxPageSize: MAX_PAGE_SIZE,
    maxEntityRepresentations: config.MAX_ENTITY_REPRESENTATIONS,
    maxVariableDepth: config.MAX_VARIABLE_DEPTH,
    maxBatch: config.MAX_BATCH_OPERATIONS,
    maxBodyBytes: config.MAX_BODY_BYTES,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    fieldSuggestions: config.FIELD_SUGGESTIONS ?? config.NODE_ENV !== "production",
  };
}

/** A refusal for exceeding `limit`; `extensions.limit` names it (Apollo recodes validation errors, format-error restores the code). */
export function limitError(message: string, limit: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: LIMIT_CODE, limit, ...extra, http: { status: 400 } } });
}

/** The armor validation rules (depth, aliases, directives) and its suggestion-masking plugin. */
export function armorProtection(limits: OperationLimits): { validationRules: ValidationRule[]; plugins: ApolloServerPlugin[] } {
  const reject = (limit: string) => [
    (ctx: ValidationContext | null, error: GraphQLError) => {
      ctx?.reportError(limitError(error.message.replace(/^Syntax Error: /, ""), limit));
    },
  ];
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, propagateOnRejection: false, onReject: reject("depth") },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: reject("aliases") },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: reject("directives") },
    // Tokens go through graphql-js's parser option (it stops lexing at the limit; armor would parse a second time).
    maxTokens: { enabled: false },
    // Armor's cost counts only literal `first: 10`; ours (costLimitPlugin) reads variables too.
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: !limits.fieldSuggestions, mask: "" },
  });
  const { validationRules, plugins } = armor.protect();
  return { validationRules, plugins: plugins as ApolloServerPlugin[] };
}

/**
 * The refusal of an operation whose variables nest too deep (checked first: everything after this walks
 * them, the cost key and the response cache's key included), that asks `_entities` for too many
 * representations, is over the cost limit or asks for a page over the cap; null when it may run.
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  limits: OperationLimits,
): GraphQLError | null {
  if (nestsDeeperThan(variables, limits.maxVariableDepth)) {
    return limitError(`The variables nest deeper than ${limits.maxVariableDepth} levels of arrays and objects.`, "variableDepth", { maxVariableDepth: limits.maxVariableDepth });
  }
  const report = cachedOperationCost(schema, document, operation, variables, limits.maxPageSize);
  if (report.representations > limits.maxEntityRepresentations) {
    return limitError(`_entities may resolve at most ${limits.maxEntityRepresentations} representations per operation; got ${report.representations}.`, "representations", {
      representations: report.representations,
      maxEntityRepresentations: limits.maxEntityRepresentations,
    });
  }
  if (report.oversizedPage) {
    const { argument, value } = report.oversizedPage;
    return new GraphQLError(`${argument} may be at most ${limits.maxPageSize}; got ${value}. Page through larger lists with after/before.`, {
      extensions: { code: "BAD_USER_INPUT", argumentName: argument, http: { status: 400 } },
    });
  }
  if (report.cost > limits.maxCost) {
    return limitError(`Operation cost limit of ${limits.maxCost} exceeded (estimated ${Math.ceil(report.cost)}). Ask for smaller pages or fewer fields.`, "cost", {
      cost: Math.ceil(report.cost),
      maxCost: limits.maxCost,
    });
  }
  return null;
}

/** Refuses operations over the cost limit or asking for pages over the cap, before execution starts. */
export function costLimitPlugin(limits: OperationLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const refusal = costRefusal(schema, document, operation, request.variables ?? {}, limits);
          if (refusal) throw refusal;
        },
      };
    },
  };
}
