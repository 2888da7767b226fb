// What one GraphQL request may ask. Every limit is checked before any resolver runs, so an abusive
// operation is refused before a single SQL statement, with a coded error (HTTP 400):
// - depth, aliases and directives: graphql-armor's validation rules (GRAPHQL validation phase);
// - tokens: graphql-js's own parser limit (`parseOptions.maxTokens`), which stops lexing early;
// - cost: our estimate below, which, unlike armor's, reads `first`/`last` from variables too and
//   counts the default page size where a list field gets none; it also enforces the page-size cap;
// - batching, body size and the time budget: steps in front of Apollo (Express middleware, and the direct
//   lane in front of Express runs the same ones: src/http/direct-lane.ts).
import { createHash, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { readdirSync, readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import type { ApolloServerPlugin } from "@apollo/server";
import { InMemoryLRUCache } from "@apollo/utils.keyvaluecache";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import cors, { type CorsOptions, type CorsRequest } from "cors";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import {
  GraphQLError,
  Kind,
  getNamedType,
  isAbstractType,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  parse,
  print,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
  type ValueNode,
} from "graphql";
import type { Config } from "../config";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "../pagination/page-request";
import { projectPath } from "../paths";
import { markRefused } from "../observability/request-observer";
import { graphqlOverHttpPlugin } from "./graphql-over-http";
import { FIELD_COSTS } from "../analytics/aggregate-cost";

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

// ---------------------------------------------------------------------------------------------
// Cost

const LIST_SIZE_ARGS = ["first", "last"] as const;

/** The federation root field that resolves a list of representations, and its argument. */
const ENTITIES_FIELD = "_entities";
const REPRESENTATIONS_ARG = "representations";

/** The `__typename` of a representation's value, null when it has none. */
function typenameOfValue(value: unknown): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const t = (value as Record<string, unknown>).__typename;
  return typeof t === "string" ? t : null;
}

/** The `__typename` of a representation written in the document (an object literal or a variable). */
function typenameOf(node: ValueNode, variables: Record<string, unknown>): string | null {
  if (node.kind === Kind.VARIABLE) return typenameOfValue(variables[node.name.value]);
  if (node.kind !== Kind.OBJECT) return null;
  const field = node.fields.find((f) => f.name.value === "__typename");
  return field?.value.kind === Kind.STRING ? field.value.value : null;
}

/**
 * The representations an `_entities` argument holds, counted by `__typename` (null: none given): from the
 * inline list or the variable (a single value is coerced to a list of one).
 */
function representationCounts(value: ValueNode, variables: Record<string, unknown>): Map<string | null, number> {
  const counts = new Map<string | null, number>();
  const add = (t: string | null) => counts.set(t, (counts.get(t) ?? 0) + 1);
  if (value.kind === Kind.LIST) {
    for (const item of value.values) add(typenameOf(item, variables));
  } else if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    if (Array.isArray(v)) for (const item of v) add(typenameOfValue(item));
    else if (v !== undefined && v !== null) add(typenameOfValue(v));
  } else if (value.kind !== Kind.NULL) {
    add(typenameOf(value, variables));
  }
  return counts;
}

/**
 * Whether `value` nests arrays and objects deeper than `max` levels (the variables object itself is level
 * 1). Recursion stops at `max`, so a hostile value cannot overflow the stack here; nothing is allocated.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  if (value === null || typeof value !== "object") return false;
  if (max <= 0) return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (nestsDeeperThan(value[i], max - 1)) return true;
    return false;
  }
  for (const key in value) if (nestsDeeperThan((value as Record<string, unknown>)[key], max - 1)) return true;
  return false;
}

function intArgument(node: FieldNode, name: string, variables: Record<string, unknown>): number | null | undefined {
  const arg = node.arguments?.find((a) => a.name.value === name);
  if (!arg) return undefined;
  return intValue(arg.value, variables);
}

function intValue(value: ValueNode, variables: Record<string, unknown>): number | null | undefined {
  if (value.kind === Kind.INT) return Number.parseInt(value.value, 10);
  if (value.kind === Kind.NULL) return null;
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    if (v === undefined) return undefined;
    if (v === null) return null;
    return typeof v === "number" ? v : Number.NaN;
  }
  return Number.NaN;
}

export interface CostReport {
  cost: number;
  /** A `first`/`last` beyond the page-size cap, if any. */
  oversizedPage?: { argument: string; value: number };
  /** How many representations the operation's `_entities` fields ask to resolve, in all (0 when none). */
  representations: number;
}

/**
 * The estimated cost of `operation`: every field costs 1; a field with `first`/`last` arguments (a
 * connection) multiplies the cost of its selection by the page size asked for, or by the default page
 * size when none is given. `_entities` counts its selection once per representation, priced for the
 * representation's `__typename` (fragments on other types do not count). Fragments are expanded.
 * Introspection fields cost nothing (introspection is switched off in production unless configured).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  maxPageSize = MAX_PAGE_SIZE,
): CostReport {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  const report: CostReport = { cost: 0, representations: 0 };
  const fragmentCosts = new Map<string, number>();
  // Variables from the operation's defaults, overridden by the request's.
  const vars: Record<string, unknown> = {};
  for (const v of operation.variableDefinitions ?? []) {
    if (v.defaultValue?.kind === Kind.INT) vars[v.variable.name.value] = Number.parseInt(v.defaultValue.value, 10);
  }
  Object.assign(vars, variables ?? {});

  // A fragment on another type than a known object parent selects nothing there (validation leaves such
  // fragments only below abstract types, e.g. `_entities`, where the parent is each representation's type).
  const applies = (cond: unknown, parent: GraphQLCompositeType | undefined): boolean =>
    !parent || !isObjectType(parent) || !cond || !isCompositeType(cond) || cond === parent || (isAbstractType(cond) && schema.isSubType(cond, parent));

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType | undefined, depth: number, seen: Set<string>): number => {
    if (depth > 64) return 0; // depth is limited separately; this only guards the recursion
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        total += fieldCost(sel, parent, depth, seen);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const cond = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (!applies(cond, parent)) continue;
        total += selectionCost(sel.selectionSet, cond && isCompositeType(cond) ? cond : parent, depth, seen);
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value) || !applies(schema.getType(frag.typeCondition.name.value), parent)) continue;
        // Memoised per fragment (its type condition fixes its parent type): fragment "bombs" that
        // spread a fragment ten times, which spreads another ten times, … stay linear to price.
        let cost = fragmentCosts.get(frag.name.value);
        if (cost === undefined) {
          const cond = schema.getType(frag.typeCondition.name.value);
          cost = selectionCost(frag.selectionSet, cond && isCompositeType(cond) ? cond : parent, depth, new Set(seen).add(frag.name.value));
          fragmentCosts.set(frag.name.value, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType | undefined, depth: number, seen: Set<string>): number => {
    const name = node.name.value;
    if (name.startsWith("__")) return 0;
    let def: GraphQLField<unknown, unknown> | undefined;
    if (parent && (isObjectType(parent) || isInterfaceType(parent))) def = parent.getFields()[name];
    if (!node.selectionSet) return 1;
    const child = def ? getNamedType(def.type) : undefined;
    const childType = child && isCompositeType(child) ? child : undefined;
    if (name === ENTITIES_FIELD && depth === 0 && def?.args.some((a) => a.name === REPRESENTATIONS_ARG)) {
      // The federation entry point: its selection runs once per representation, for that one's type.
      const arg = node.arguments?.find((a) => a.name.value === REPRESENTATIONS_ARG);
      let total = 1;
      for (const [typename, n] of arg ? representationCounts(arg.value, vars) : []) {
        const type = typename === null ? undefined : schema.getType(typename);
        report.representations += n;
        total += n * selectionCost(node.selectionSet, type && isObjectType(type) ? type : childType, depth + 1, seen);
      }
      return total;
    }
    // Aggregates cost their grouped scan, and a list without a page size its typical length (FIELD_COSTS).
    const priced = parent ? FIELD_COSTS[`${parent.name}.${name}`] : undefined;
    const own = priced?.cost ?? 1;
    let multiplier = priced?.listSize ?? 1;
    if (def && def.args.some((a) => (LIST_SIZE_ARGS as readonly string[]).includes(a.name))) {
      multiplier = DEFAULT_PAGE_SIZE;
      for (const argName of LIST_SIZE_ARGS) {
        const n = intArgument(node, argName, vars);
        if (n === undefined || n === null) continue;
        if (!Number.isFinite(n)) continue; // wrong types are refused by validation or coercion
        if (n > maxPageSize && !report.oversizedPage) report.oversizedPage = { argument: argName, value: n };
        multiplier = Math.max(0, Math.min(n, maxPageSize));
      }
    }
    return own + multiplier * selectionCost(node.selectionSet, childType, depth + 1, seen);
  };

  const root = schema.getRootType(operation.operation) ?? undefined;
  report.cost = selectionCost(operation.selectionSet, root, 0, new Set());
  return report;
}

// Operation costs are remembered per parsed document and per values of the variables that can set a page
// size: Apollo keeps one parsed document per query text, so an operation sent again (with other ids, words
// or cursors) is priced once, not walked again on every request. Only the variables used as `first`/`last`
// count in the key: everything else a request sends leaves the cost as it is.
const costCache = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Map<string, CostReport>>>();
const pageVariablesOf = new WeakMap<DocumentNode, { pages: string[]; lists: string[] }>();
/** Distinct page-size values remembered per operation (further ones are priced every time). */
const MAX_COSTS_PER_OPERATION = 64;

/** The variables that can set a page size (`pages`) or a number of representations (`lists`, by their length). */
function pageVariables(document: DocumentNode): { pages: string[]; lists: string[] } {
  let names = pageVariablesOf.get(document);
  if (!names) {
    const pages = new Set<string>();
    const lists = new Set<string>();
    visit(document, {
      Argument(node) {
        if (node.value.kind !== Kind.VARIABLE) return;
        if ((LIST_SIZE_ARGS as readonly string[]).includes(node.name.value)) pages.add(node.value.name.value);
        else if (node.name.value === REPRESENTATIONS_ARG) lists.add(node.value.name.value);
      },
    });
    names = { pages: [...pages], lists: [...lists] };
    pageVariablesOf.set(document, names);
  }
  return names;
}

/** What a variable contributes to the cost key: its value for a page size; for representations, how many of each type. */
function costKeyPart(variables: Record<string, unknown>, name: string, list: boolean): unknown[] {
  if (!Object.hasOwn(variables, name)) return [];
  const v = variables[name];
  if (!list) return [v];
  const items = Array.isArray(v) ? v : v === null ? [] : [v];
  const counts: Record<string, number> = {};
  for (const item of items) {
    const t = `${typenameOfValue(item)}`;
    counts[t] = (counts[t] ?? 0) + 1;
  }
  return [counts];
}

/** `operationCost`, remembered per operation and page-size variables (see above). */
export function cachedOperationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxPageSize = MAX_PAGE_SIZE,
): CostReport {
  // A variable that is absent (its default applies) and one sent as null are priced differently: [] vs [null].
  const { pages, lists } = pageVariables(document);
  const key = JSON.stringify([maxPageSize, ...pages.map((n) => costKeyPart(variables, n, false)), ...lists.map((n) => costKeyPart(variables, n, true))]);
  let bySchema = costCache.get(schema);
  if (!bySchema) costCache.set(schema, (bySchema = new WeakMap()));
  let byKey = bySchema.get(operation);
  if (!byKey) bySchema.set(operation, (byKey = new Map()));
  let report = byKey.get(key);
  if (!report) {
    report = operationCost(schema, document, operation, variables, maxPageSize);
    if (byKey.size < MAX_COSTS_PER_OPERATION) byKey.set(key, report);
  }
  return report;
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

// ---------------------------------------------------------------------------------------------
// Safelist

/** Normalised text of a document (whitespace and comments do not matter), hashed. */
export function documentHash(document: DocumentNode): string {
  return createHash("sha256").update(print(document)).digest("hex");
}

/** The safelist manifest: the hashes of every operation in the `.graphql` files of `dir`. */
export function loadSafelist(dir: string): Map<string, string> {
  const folder = isAbsolute(dir) ? dir : projectPath(dir);
  const hashes = new Map<string, string>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".graphql")).sort()) {
    const doc = parse(readFileSync(join(folder, file), "utf8"));
    hashes.set(documentHash(doc), file);
    // Each operation alone too, for clients that send one operation per document.
    const fragments = doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
    for (const def of doc.definitions) {
      if (def.kind === Kind.OPERATION_DEFINITION) hashes.set(documentHash({ kind: Kind.DOCUMENT, definitions: [def, ...fragments] }), file);
    }
  }
  return hashes;
}

/** Safelist mode: only documents of the manifest run. */
export function safelistPlugin(hashes: Map<string, string>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document }) {
          if (!hashes.has(documentHash(document))) {
            throw new GraphQLError("This server only runs its published operations (safelist mode).", {
              extensions: { code: NOT_SAFELISTED_CODE, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP-level limits

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

// ---------------------------------------------------------------------------------------------
// Wiring

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
export const APOLLO_CACHE_BYTES = 8 * 2 ** 20;

/** Everything the limits add to Apollo Server's options. */
export function apolloHardening(config: Config, limits: OperationLimits) {
  const armor = armorProtection(limits);
  const plugins: ApolloServerPlugin[] = [...armor.plugins, costLimitPlugin(limits), graphqlOverHttpPlugin()];
  if (config.SAFELIST) plugins.push(safelistPlugin(loadSafelist(config.SAFELIST_DIR)));
  return {
    validationRules: armor.validationRules,
    plugins,
    parseOptions: { maxTokens: limits.maxTokens },
    allowBatchedHttpRequests: limits.maxBatch > 1,
    // Apollo's default, stated: simple requests without a preflight-forcing header are refused.
    csrfPrevention: true,
    // Automatic persisted queries, and parsed and validated documents, in LRU caches of 8 MiB each as
    // Apollo estimates size (rather than 30 MiB): its estimate is the JSON text, while a parsed document
    // with its tokens and locations takes several times that on the heap. Filled by one-off hostile
    // documents, the two defaults held about 60 MiB of a ~100 MiB live heap, and V8 lets the heap grow
    // in proportion to what is live. Real clients send a few dozen distinct documents.
    persistedQueries: { cache: new InMemoryLRUCache<string>({ maxSize: APOLLO_CACHE_BYTES }) },
    documentStore: new InMemoryLRUCache<DocumentNode>({ maxSize: APOLLO_CACHE_BYTES }),
  } as const;
}

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

const FRONT_READ = Symbol("frontRead");

/** Hands a request the direct lane read over to Express's middleware (which then skips what the lane did). */
export function markFrontRead(req: IncomingMessage, read: FrontRead): void {
  (req as IncomingMessage & { [FRONT_READ]?: FrontRead })[FRONT_READ] = read;
}

export function frontRead(req: IncomingMessage): FrontRead | undefined {
  return (req as IncomingMessage & { [FRONT_READ]?: FrontRead })[FRONT_READ];
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
export function graphqlFrontMiddleware(front: FrontStep, limits: OperationLimits): RequestHandler[] {
  const json = express.json({ limit: limits.maxBodyBytes });
  const steps: RequestHandler = (req, res, next) => (frontRead(req) ? next() : front(req, res, next));
  const body: RequestHandler = (req, res, next) => {
    const read = frontRead(req);
    if (!read) return json(req, res, next);
    if (read.error) return next(read.error);
    req.body = read.body;
    next();
  };
  return [steps, body, batchLimit(limits)];
}
