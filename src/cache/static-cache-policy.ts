// The cache policy of an answer, computed once per parsed document and operation from the
// `@cacheControl` hints (cache-hints.ts), instead of by Apollo's cache-control plugin on every
// field of every answer (its willResolveField hook cost ~6% of the CPU and ~28% of the allocations
// of a front-page request).
//
// It follows the rules of Apollo Server's cache-control plugin (@apollo/server
// src/plugin/cacheControl/index.ts) field by field: a field's policy starts from the hint on the
// object/interface/union type it returns, the hint on the field itself overrides it (unless the
// field says inheritMaxAge and the type gave no maxAge); a root field, or a field returning a
// composite type without inheritMaxAge, that ends with no maxAge gets the default maxAge 0; scalar
// fields otherwise add no maxAge (they inherit their parent's). The answer's policy is the shortest
// maxAge of its fields, PRIVATE if any of them is.
//
// Apollo applies the rule to the fields that were resolved; this applies it to every field the
// operation selects, so it can only be as strict or stricter: fields under a null object or an empty
// list, fields skipped by @skip/@include, and (on interfaces and unions) the fields of every type a
// fragment could match still count. That is safe only because no resolver sets a dynamic hint
// (info.cacheControl.setCacheHint): every hint is static, in the schema.
//
// staticCachePolicyPlugin applies it as execution starts and writes the Cache-Control header the way
// Apollo's plugin does (its calculateHttpHeaders default); Apollo's own plugin is then switched off
// with ApolloServerPluginCacheControlDisabled (src/http/app.ts).
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { analysisOf, AnalysisSlot } from "../graphql/document-analysis";

/** A policy as Apollo's CachePolicy holds it: maxAge undefined means "no restriction". */
export interface StaticCachePolicy {
  maxAge?: number;
  scope?: "PUBLIC" | "PRIVATE";
}

interface Annotation extends StaticCachePolicy {
  inheritMaxAge?: true;
}

/** Apollo's default maxAge for root fields and fields returning composite types (it is not configured here). */
const DEFAULT_MAX_AGE = 0;

/** What `@cacheControl(...)` on a type or field says, read exactly as Apollo's plugin reads it. */
function annotationFromDirectives(directives: ReadonlyArray<DirectiveNode> | undefined): Annotation | undefined {
  const directive = directives?.find((d) => d.name.value === "cacheControl");
  if (!directive?.arguments) return undefined;
  const arg = (name: string) => directive.arguments!.find((a) => a.name.value === name)?.value;
  const maxAge = arg("maxAge");
  const scope = arg("scope");
  const inherit = arg("inheritMaxAge");
  const scopeValue = scope?.kind === Kind.ENUM && (scope.value === "PUBLIC" || scope.value === "PRIVATE") ? scope.value : undefined;
  if (inherit?.kind === Kind.BOOLEAN && inherit.value) {
    // Apollo: inheritMaxAge with a maxAge is contradictory; it keeps the scope and drops the maxAge.
    return { inheritMaxAge: true, scope: scopeValue };
  }
  return { maxAge: maxAge?.kind === Kind.INT ? parseInt(maxAge.value, 10) : undefined, scope: scopeValue };
}

function typeAnnotation(t: GraphQLCompositeType): Annotation {
  const fromAst = annotationFromDirectives(t.astNode?.directives);
  if (fromAst) return fromAst;
  for (const ext of t.extensionASTNodes ?? []) {
    const fromExt = annotationFromDirectives(ext.directives);
    if (fromExt) return fromExt;
  }
  return {};
}

function fieldAnnotation(field: GraphQLField<unknown, unknown>): Annotation {
  return annotationFromDirectives(field.astNode?.directives) ?? {};
}

/** `replace` of Apollo's CachePolicy: the defined parts of `hint` overwrite the policy's. */
function replace(policy: StaticCachePolicy, hint: StaticCachePolicy): void {
  if (hint.maxAge !== undefined) policy.maxAge = hint.maxAge;
  if (hint.scope) policy.scope = hint.scope;
}

/** `restrict` of Apollo's CachePolicy: the shorter maxAge, PRIVATE over PUBLIC. */
export function restrictPolicy(policy: StaticCachePolicy, hint: StaticCachePolicy): void {
  if (hint.maxAge !== undefined && (policy.maxAge === undefined || hint.maxAge < policy.maxAge)) policy.maxAge = hint.maxAge;
  if (hint.scope !== undefined && policy.scope !== "PRIVATE") policy.scope = hint.scope;
}

/** The policy one resolved field adds to the answer's (Apollo's willResolveField and its end hook, without dynamic hints). */
function fieldPolicy(field: GraphQLField<unknown, unknown>, isRoot: boolean): StaticCachePolicy {
  const policy: StaticCachePolicy = {};
  let inheritMaxAge = false;
  const target = getNamedType(field.type);
  const composite = isCompositeType(target);
  if (composite) {
    const annotation = typeAnnotation(target);
    replace(policy, annotation);
    inheritMaxAge = !!annotation.inheritMaxAge;
  }
  const own = fieldAnnotation(field);
  if (own.inheritMaxAge && policy.maxAge === undefined) {
    inheritMaxAge = true;
    if (own.scope) replace(policy, { scope: own.scope });
  } else {
    replace(policy, own);
  }
  if (policy.maxAge === undefined && ((composite && !inheritMaxAge) || isRoot)) restrictPolicy(policy, { maxAge: DEFAULT_MAX_AGE });
  return policy;
}

/** The object types a selection on `t` may run on (Apollo reads a field's hint from the runtime type). */
function runtimeTypes(schema: GraphQLSchema, t: GraphQLCompositeType): readonly GraphQLObjectType[] {
  return isAbstractType(t) ? schema.getPossibleTypes(t) : [t];
}

/** The cache policy of one operation of a document, by Apollo's rules applied to every field it selects. */
export function staticCachePolicy(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): StaticCachePolicy {
  const { fragments } = analysisOf(schema, document);
  const overall: StaticCachePolicy = {};
  // A selection set is walked once per type it runs on (fragments repeat, cycles are invalid GraphQL anyway).
  const seen = new Map<SelectionSetNode, Set<GraphQLObjectType>>();

  function walk(set: SelectionSetNode, on: GraphQLObjectType, isRoot: boolean): void {
    let types = seen.get(set);
    if (!types) seen.set(set, (types = new Set()));
    if (types.has(on)) return;
    types.add(on);
    for (const s of set.selections) {
      if (s.kind === Kind.FIELD) {
        // Meta fields (__typename, __schema, __type) are not wrapped by Apollo's plugins: no hint.
        if (s.name.value.startsWith("__")) continue;
        const field = on.getFields()[s.name.value];
        if (!field) continue; // validation refused the document already
        restrictPolicy(overall, fieldPolicy(field, isRoot));
        const target = getNamedType(field.type);
        if (s.selectionSet && isCompositeType(target)) for (const t of runtimeTypes(schema, target)) walk(s.selectionSet, t, false);
      } else {
        const condition = s.kind === Kind.INLINE_FRAGMENT ? s.typeCondition?.name.value : fragments[s.name.value]?.typeCondition.name.value;
        const selectionSet = s.kind === Kind.INLINE_FRAGMENT ? s.selectionSet : fragments[s.name.value]?.selectionSet;
        if (!selectionSet) continue;
        // A fragment on a type `on` is not among does not run.
        if (condition) {
          const conditionType = schema.getType(condition);
          if (!conditionType || !isCompositeType(conditionType) || !runtimeTypes(schema, conditionType).includes(on)) continue;
        }
        walk(selectionSet, on, isRoot);
      }
    }
  }

  const root = schema.getRootType(operation.operation);
  if (root) walk(operation.selectionSet, root, true);
  return overall;
}

/** Each operation's policy, kept in its document's analysis (src/graphql/document-analysis.ts). */
const POLICY = new AnalysisSlot<StaticCachePolicy>("staticCachePolicy");

const UNCACHEABLE = "no-store";
const CACHEABLE_HEADER = /^max-age=(\d+), (public|private)$/;

/**
 * Apollo's cache-control plugin's Cache-Control header (calculateHttpHeaders: true): `max-age=N, public|private`
 * for a cacheable single answer without errors, `no-store` otherwise; a header another piece of code set is
 * combined with the policy when it is one of these two forms, and left alone otherwise.
 */
export function setCacheControlHeader(policy: StaticCachePolicy, headers: Map<string, string>, single: boolean, hasErrors: boolean): void {
  const existing = headers.get("cache-control");
  const combined: StaticCachePolicy = { maxAge: policy.maxAge, scope: policy.scope };
  if (existing && existing !== UNCACHEABLE) {
    const match = CACHEABLE_HEADER.exec(existing);
    if (!match) return; // unparsable: somebody else's header
    restrictPolicy(combined, { maxAge: +match[1], scope: match[2] === "public" ? "PUBLIC" : "PRIVATE" });
  }
  const cacheable = combined.maxAge !== undefined && combined.maxAge > 0;
  if (cacheable && existing !== UNCACHEABLE && single && !hasErrors) {
    headers.set("cache-control", `max-age=${combined.maxAge}, ${(combined.scope ?? "PUBLIC").toLowerCase()}`);
  } else {
    headers.set("cache-control", UNCACHEABLE);
  }
}

/**
 * Restricts the request's policy to its operation's static one, as execution starts (or, for an answer
 * another plugin computes without graphql-js, before it answers: src/execution/direct-execution.ts).
 */
export function applyStaticPolicy(rc: Pick<GraphQLRequestContext<BaseContext>, "schema" | "overallCachePolicy" | "document" | "operation">): void {
  // Like Apollo's plugin: a policy something else set before execution is an override, left as is.
  if (isRestricted(rc.overallCachePolicy) || !rc.operation || !rc.document) return;
  rc.overallCachePolicy.restrict(operationPolicy(rc.schema, rc.document, rc.operation));
}

/** The static policy of an operation (computed once per schema, document and operation). */
export function operationPolicy(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): StaticCachePolicy {
  return analysisOf(schema, document)
    .of(operation)
    .get(POLICY, () => staticCachePolicy(schema, document, operation));
}

/**
 * The Cache-Control header of an answer without errors given outside Apollo's pipeline (src/http/direct-lane.ts):
 * what applyStaticPolicy, the viewer rule (private for a signed-in viewer) and the plugin's willSendResponse make of it.
 */
export function cacheControlOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, signedIn: boolean): string {
  const policy: StaticCachePolicy = {};
  restrictPolicy(policy, operationPolicy(schema, document, operation));
  if (signedIn) restrictPolicy(policy, { scope: "PRIVATE" });
  const headers = new Map<string, string>();
  setCacheControlHeader(policy, headers, true, false);
  return headers.get("cache-control")!;
}

/** Restricts each answer's policy to its operation's static one, and sets Cache-Control as Apollo's plugin would. */
export function staticCachePolicyPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async executionDidStart(rc) {
          applyStaticPolicy(rc);
        },
        async willSendResponse(rc) {
          const body = rc.response.body;
          setCacheControlHeader(rc.overallCachePolicy, rc.response.http.headers, body.kind === "single", body.kind === "single" && !!body.singleResult.errors);
        },
      };
    },
  };
}

function isRestricted(hint: StaticCachePolicy): boolean {
  return hint.maxAge !== undefined || hint.scope !== undefined;
}
