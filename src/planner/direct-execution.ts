// Direct execution of planned reads: a query whose every field the read planner fetches, or that only
// reads a property of its parent, is answered without graphql-js's executor.
//
// The read planner already fetches such a query with one SQL statement per root field and hangs the
// values on their parents (src/planner/planned.ts); graphql-js would then still walk every field of the
// answer through its resolver machinery (a promise-aware call, a path and an info object per field:
// about 640 fields on a front page). Here the root fields run through their own resolvers (type-graphql:
// argument conversion, validation, auth) and the rest of the answer is completed by a small walk that
// does what graphql-js does for these fields: the planned value or the parent's property, leaf values
// through their type's `serialize`, lists, `__typename`, aliases, fragments and @skip/@include.
//
// Whenever that walk meets something it does not do the way graphql-js would, it gives up and the
// request runs through graphql-js as before: a field with a resolver of its own that was not planned,
// an abstract type, a null in a non-null position (graphql-js answers it with an error), a leaf its
// type refuses, a root resolver that throws (so errors keep graphql-js's paths, locations and
// formatting). Which documents can run directly is decided once per document (`eligible`), so other
// queries pay a map lookup. The answer's cache policy is the static one every answer gets
// (src/cache/static-cache-policy.ts), private for a signed-in viewer (response-cache.plugin.ts).
import type { ApolloServerPlugin, GraphQLRequestContext, GraphQLResponse } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import {
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { collectFields, collectSubfields } from "graphql/execution/collectFields";
import { getArgumentValues, getVariableValues } from "graphql/execution/values";
import type { RequestContext } from "../graphql/context";
import { applyStaticPolicy } from "../cache/static-cache-policy";
import { plannedFor } from "./planned";
import { servedRole } from "./planned-fields";

/** The root fields the read planner fetches whole (ReadPlanner: article, articles, quotes, speaker). */
export const DIRECT_ROOT_FIELDS: ReadonlySet<string> = new Set(["article", "articles", "quotes", "speaker"]);

/** How many requests were answered directly and how many went back to graphql-js (tests and metrics read it). */
export interface DirectExecutionStats {
  direct: number;
  /** Eligible documents that graphql-js answered after all (see the header for why). */
  fallback: number;
}

/** Thrown inside the walk: this answer is graphql-js's to give. */
class NotDirect extends Error {}
const NOT_DIRECT = new NotDirect("answered by graphql-js");

type Fragments = Record<string, FragmentDefinitionNode>;

/** The fields an object type's selection resolves to, per response key (graphql-js's collectSubfields, memoized per request). */
type Subfields = Map<string, readonly FieldNode[]>;

interface Walk {
  schema: GraphQLSchema;
  fragments: Fragments;
  variables: Record<string, unknown>;
  subfields: Map<GraphQLObjectType, WeakMap<readonly FieldNode[], Subfields>>;
}

function fragmentsOf(document: DocumentNode): Fragments {
  const fragments: Fragments = Object.create(null);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return fragments;
}

/**
 * Whether every field the operation can select is one the walk completes: planned fields, plain fields
 * (no resolver: graphql-js's default), connections' totalCount and __typename, on object types only,
 * under the planner's root fields, with no directive but @skip/@include. Decided without variables, so
 * it holds for every request with this document.
 */
function eligible(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Fragments): boolean {
  const query = schema.getQueryType();
  if (operation.operation !== "query" || !query) return false;
  const onlySkipInclude = (node: { directives?: ReadonlyArray<{ name: { value: string } }> }) =>
    (node.directives ?? []).every((d) => d.name.value === "skip" || d.name.value === "include");

  // A fragment's verdict on a type is the same wherever it is spread: each is walked once (a document
  // whose fragments spread each other ten times over, level after level, stays linear, as in graphql-js).
  const fragmentVerdicts = new Map<string, boolean>();
  const selectionOk = (set: SelectionSetNode, type: GraphQLObjectType, root: boolean): boolean => {
    for (const sel of set.selections) {
      if (!onlySkipInclude(sel)) return false;
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name === "__typename") continue;
        const field = type.getFields()[name];
        if (!field) return false;
        if (root) {
          if (!DIRECT_ROOT_FIELDS.has(name)) return false;
        } else if (field.resolve && !servedRole(field.resolve)) return false;
        const named = getNamedType(field.type);
        if (isObjectType(named)) {
          if (!sel.selectionSet || !selectionOk(sel.selectionSet, named, false)) return false;
        } else if (!isLeafType(named)) return false;
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        // Validation has checked that a fragment's type condition can apply here; on an object type that
        // means the type itself or an abstract type it belongs to, whose fields it has.
        if (!selectionOk(sel.selectionSet, type, root)) return false;
      } else {
        const key = `${sel.name.value} ${type.name} ${root}`;
        let ok = fragmentVerdicts.get(key);
        if (ok === undefined) {
          const body = fragments[sel.name.value];
          // Validation refuses fragment cycles; were there one, the pending verdict below ends it.
          fragmentVerdicts.set(key, true);
          ok = !!body && onlySkipInclude(body) && selectionOk(body.selectionSet, type, root);
          fragmentVerdicts.set(key, ok);
        }
        if (!ok) return false;
      }
    }
    return true;
  };
  return selectionOk(operation.selectionSet, query, true);
}

function subfieldsOf(w: Walk, type: GraphQLObjectType, nodes: readonly FieldNode[]): Subfields {
  let byNodes = w.subfields.get(type);
  if (!byNodes) w.subfields.set(type, (byNodes = new WeakMap()));
  let fields = byNodes.get(nodes);
  if (!fields) byNodes.set(nodes, (fields = collectSubfields(w.schema, w.fragments, w.variables, type, nodes)));
  return fields;
}

function isThenable(v: unknown): boolean {
  return typeof v === "object" && v !== null && typeof (v as { then?: unknown }).then === "function";
}

/** graphql-js's completeValue for the fields `eligible` lets through; NOT_DIRECT where it would do more. */
function complete(w: Walk, type: GraphQLOutputType, nodes: readonly FieldNode[], value: unknown): unknown {
  if (isNonNullType(type)) {
    const v = complete(w, type.ofType, nodes, value);
    // graphql-js answers a null here with an error and a null further up.
    if (v === null) throw NOT_DIRECT;
    return v;
  }
  if (value === null || value === undefined) return null;
  if (isListType(type)) {
    if (!Array.isArray(value)) throw NOT_DIRECT;
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = complete(w, type.ofType, nodes, value[i]);
    return out;
  }
  if (isLeafType(type)) {
    let serialized: unknown;
    try {
      serialized = type.serialize(value);
    } catch {
      throw NOT_DIRECT;
    }
    if (serialized === null || serialized === undefined) throw NOT_DIRECT;
    return serialized;
  }
  if (!isObjectType(type)) throw NOT_DIRECT;
  return completeObject(w, type, nodes, value as Record<string, unknown>);
}

function completeObject(w: Walk, type: GraphQLObjectType, nodes: readonly FieldNode[], source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const defs = type.getFields();
  for (const [key, fieldNodes] of subfieldsOf(w, type, nodes)) {
    const name = fieldNodes[0].name.value;
    if (name === "__typename") {
      out[key] = type.name;
      continue;
    }
    const def = defs[name];
    let value: unknown;
    const role = servedRole(def.resolve);
    if (!def.resolve) {
      value = source[name];
      // graphql-js's default resolver calls a function-valued property; nothing planned has one.
      if (typeof value === "function") throw NOT_DIRECT;
    } else if (role === "planned") {
      value = plannedFor(source, key);
      if (value === undefined) throw NOT_DIRECT;
    } else if (role === "count") {
      if (typeof source.count !== "function") throw NOT_DIRECT;
      value = (source.count as () => unknown)();
      if (isThenable(value)) throw NOT_DIRECT;
    } else throw NOT_DIRECT;
    out[key] = complete(w, def.type, fieldNodes, value);
  }
  return out;
}

/** The answer to `rc`'s operation without graphql-js, or null when graphql-js must give it. */
async function executeDirectly(rc: GraphQLRequestContext<RequestContext>, operation: OperationDefinitionNode, fragments: Fragments): Promise<Record<string, unknown> | null> {
  const schema = rc.schema;
  const query = schema.getQueryType()!;
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rc.request.variables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const w: Walk = { schema, fragments, variables, subfields: new Map() };
  const roots = collectFields(schema, fragments, variables, query, operation.selectionSet);
  const entries = [...roots];
  // The root fields run through their own resolvers, side by side as graphql-js runs a query's.
  const values = await Promise.all(
    entries.map(async ([key, fieldNodes]) => {
      const name = fieldNodes[0].name.value;
      if (name === "__typename") return query.name;
      const field = query.getFields()[name];
      const args = getArgumentValues(field, fieldNodes[0], variables);
      const info: GraphQLResolveInfo = {
        fieldName: name,
        fieldNodes,
        returnType: field.type,
        parentType: query,
        path: { prev: undefined, key, typename: query.name },
        schema,
        fragments,
        rootValue: undefined,
        operation,
        variableValues: variables,
      };
      return field.resolve!(undefined, args, rc.contextValue, info);
    }),
  );
  const data: Record<string, unknown> = {};
  entries.forEach(([key, fieldNodes], i) => {
    const name = fieldNodes[0].name.value;
    data[key] = name === "__typename" ? values[i] : complete(w, query.getFields()[name].type, fieldNodes, values[i]);
  });
  return data;
}

/**
 * The Apollo Server plugin. Put it after the response cache's plugin (a cache hit answers first) and
 * use it only where the static cache policy replaces Apollo's per-field one, and not in gateway mode.
 */
export function directExecutionPlugin(stats: DirectExecutionStats): ApolloServerPlugin<RequestContext> {
  const verdicts = new WeakMap<OperationDefinitionNode, { ok: boolean; fragments: Fragments }>();
  return {
    async requestDidStart() {
      return {
        async responseForOperation(rc): Promise<GraphQLResponse | null> {
          const { operation, document } = rc;
          if (!operation || !document) return null;
          let verdict = verdicts.get(operation);
          if (!verdict) {
            const fragments = fragmentsOf(document);
            verdicts.set(operation, (verdict = { ok: eligible(rc.schema, operation, fragments), fragments }));
          }
          if (!verdict.ok) return null;
          let data: Record<string, unknown> | null;
          try {
            data = await executeDirectly(rc, operation, verdict.fragments);
          } catch {
            // NOT_DIRECT, or a root resolver's error: graphql-js runs the operation and answers it its way.
            data = null;
          }
          if (!data) {
            stats.fallback += 1;
            return null;
          }
          stats.direct += 1;
          applyStaticPolicy(rc);
          // As viewerCachePolicyPlugin does after graphql-js: a signed-in viewer's answer is private.
          if (rc.contextValue.user) rc.overallCachePolicy.restrict({ scope: "PRIVATE" });
          return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: "single", singleResult: { data } } };
        },
      };
    },
  };
}
